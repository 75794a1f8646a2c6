"""PO files in bulk from the command line, the same as the translation status page's buttons.

    manage.py translation_po export --site nmrk --language kk --output nmrk-kk.zip
    manage.py translation_po import nmrk-kk.zip [--user NAME]

``--site`` takes a site's host name or its museum's code. Imported translations are saved as drafts
(``editorial.translations.po`` says how); a moderator publishes them. ``--user`` only names who
translated: the command is the server operator's, so no per-object permission is checked.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from editorial.translations import po
from editorial.translations.status import find_site, target_languages


class Command(BaseCommand):
    help = "Export a site's untranslated content for one language as a zip of PO files, or import one."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write a zip of PO files for one site and language.")
        export.add_argument("--site", required=True, help="Host name, or museum code such as nmrk.")
        export.add_argument("--language", required=True, choices=target_languages())
        export.add_argument("--output", required=True, help="Path of the zip file to write.")
        upload = actions.add_parser("import", help="Import a zip of translated PO files as drafts.")
        upload.add_argument("zip", help="Path of the zip file to read.")
        upload.add_argument("--user", help="User name recorded as the translator (default: none).")

    def handle(self, *args, action, **options):
        if action == "export":
            self.export(options["site"], options["language"], options["output"])
        else:
            self.import_(options["zip"], options.get("user"))

    def export(self, name, language, output):
        site = find_site(name)
        if site is None:
            raise CommandError(f"No site has the host name or museum code {name!r}.")
        with open(output, "wb") as file:
            report = po.export_zip(site, language, file)
        for filename, item in report.files:
            self.stdout.write(f"  {filename}  {item.title} ({item.status.label})")
        for item in report.skipped:
            self.stdout.write(f"  skipped: {item.title} (translated outside wagtail-localize)")
        summary = f"{len(report.files)} PO files ({settings.SOURCE_LANGUAGE_CODE} → {language})"
        self.stdout.write(self.style.SUCCESS(f"{summary} for {site.hostname} written to {output}."))

    def import_(self, path, username):
        user = None
        if username:
            user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()
            if user is None:
                raise CommandError(f"No user {username!r}.")

        def progress(result):
            outcome = "draft saved" if result.imported else f"not imported: {result.message}"
            self.stdout.write(f"  {result.name}  {result.title or '?'}: {outcome}")

        try:
            with open(path, "rb") as file:
                results = po.import_zip(file, user=user, progress=progress, check_permissions=False)
        except (OSError, po.POArchiveError) as error:
            raise CommandError(str(error)) from error
        imported = sum(result.imported for result in results)
        style = self.style.SUCCESS if imported == len(results) else self.style.WARNING
        self.stdout.write(style(f"{imported} of {len(results)} PO files imported as drafts."))
        if imported < len(results):
            raise CommandError(f"{len(results) - imported} files were not imported.")
