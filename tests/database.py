"""Each pytest-xdist worker's test database copied from a migrated template.

``scripts/test`` migrates one database (``prepare_test_template`` in ``scripts/lib.sh``) and names it
in ``TEST_DATABASE_TEMPLATE``; each worker's ``test_<name>_gwN`` is then a copy of it (PostgreSQL's
``CREATE DATABASE ... TEMPLATE``, a file copy of a second or less) that pytest-django keeps as it is
(``keepdb``), instead of every worker running every migration (about 16 s each on this machine).
Why not ``--reuse-db``: a reused database keeps the previous run's committed rows (the session's
museum network among them), where a copy starts as clean as a migrated one. Without the variable
(plain ``pytest``), pytest-django creates and migrates the databases as usual.
"""

import os

from django.db import connections

TEMPLATE_VARIABLE = "TEST_DATABASE_TEMPLATE"


def template():
    return os.environ.get(TEMPLATE_VARIABLE, "")


def copy_template_to_test_databases():
    """Replaces each PostgreSQL test database (its name already has the worker's suffix) with a copy
    of the template."""
    source = template()
    if not source:
        return
    for connection in connections.all():
        if connection.vendor != "postgresql":
            continue
        quote = connection.ops.quote_name
        target = connection.creation._get_test_db_name()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")
