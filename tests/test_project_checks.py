"""Django's system checks and the migrations' completeness, run inside the suite (in parallel with the
other tests) rather than as two more Django start-ups before it."""

from io import StringIO

from django.core.management import call_command

import pytest


def test_the_system_checks_find_nothing_at_warning_level():
    # Raises SystemCheckError, naming each message, at the first warning.
    call_command("check", fail_level="WARNING", stdout=StringIO())


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    output = StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=output)
    except SystemExit:
        pytest.fail(f"A model change has no migration:\n{output.getvalue()}")
