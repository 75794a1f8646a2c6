"""Print how much of the admin screens editors use is in Kazakh (see editorial.admin_locale)."""

import tempfile
import warnings

from django.core.management.base import BaseCommand, CommandError
from django.core.paginator import UnorderedObjectListWarning
from django.db import connection
from django.test import override_settings
from django.test.utils import setup_test_environment, teardown_test_environment

from editorial import admin_locale


class Command(BaseCommand):
    help = (
        "Render the admin screens editors and translators use, as a user who prefers Kazakh, in a "
        "throwaway test database, and report per screen group how many of the Wagtail and "
        "wagtail-localize strings they use the Kazakh catalogue translates. Compile the "
        "catalogues first (manage.py compilemessages --ignore=.venv)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="List the untranslated msgids of each group."
        )
        parser.add_argument(
            "--fail-under",
            type=float,
            default=None,
            help="Exit with an error when the total coverage is below this percentage.",
        )

    def handle(self, *args, missing=False, fail_under=None, **options):
        groups = self.measure()
        self.stdout.write(self.table(groups))
        if missing:
            # The Russian text is a translator's best hint to what a terse msgid means.
            references = {**admin_locale.wagtail_strings("djangojs"), **admin_locale.wagtail_strings()}
            for group in groups:
                for key in sorted(group.missing, key=lambda key: (key[1], key[0] or "")):
                    context, msgid = key
                    where = f"[{context}] " if context else ""
                    russian = " | ".join(references[key].russian)
                    self.stdout.write(
                        f"{group.name}: {where}{msgid!r}" + (f" (ru: {russian})" if russian else "")
                    )
        percent = admin_locale.total(groups)[2]
        if fail_under is not None and percent < fail_under:
            raise CommandError(f"Kazakh admin coverage {percent:.1f}% is below {fail_under}%")

    def measure(self):
        """Measure in a test database of its own: the content it creates leaves no trace, and the
        screens show exactly that content.

        SQLite's test database lives in memory. Elsewhere the name gets a suffix of its own, so
        that a test suite running on the same server keeps its test database.
        """
        setup_test_environment()
        settings_dict = connection.settings_dict
        old_name, old_test_name = settings_dict["NAME"], settings_dict["TEST"].get("NAME")
        if connection.vendor != "sqlite":
            settings_dict["TEST"]["NAME"] = f"test_{old_name}_admin_coverage"
        try:
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            with (
                tempfile.TemporaryDirectory(prefix="admin-coverage-media-") as media,
                override_settings(
                    MEDIA_ROOT=media,
                    STORAGES={
                        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
                    },
                ),
                warnings.catch_warnings(),
            ):
                # wagtail-localize's report paginates an unordered queryset; not this command's news.
                warnings.simplefilter("ignore", UnorderedObjectListWarning)
                return admin_locale.measure_coverage()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            settings_dict["TEST"]["NAME"] = old_test_name
            teardown_test_environment()

    @staticmethod
    def table(groups):
        width = max(len(group.name) for group in groups) + 2
        rule = "-" * (width + 51)
        lines = [
            f"{'Screen group':<{width}}{'method':<22}{'strings':>8}{'in Kazakh':>11}{'coverage':>10}",
            rule,
        ]
        for group in groups:
            lines.append(
                f"{group.name:<{width}}{group.method:<22}{len(group.used):>8}"
                f"{len(group.translated):>11}{group.percent:>9.1f}%"
            )
        used, translated, percent = admin_locale.total(groups)
        label = "Total (each string once)"
        lines += [rule, f"{label:<{width + 22}}{used:>8}{translated:>11}{percent:>9.1f}%"]
        return "\n".join(lines)
