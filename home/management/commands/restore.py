"""``manage.py restore <backup>``: load a dump into an empty database, then check the media."""

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from home.backups import check_manifest, locate


class Command(BaseCommand):
    help = (
        "Restore a backup written by `backup` (its folder or its dump file) into the configured, empty "
        "database, then check that every media file it refers to is in the storage, unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a backup folder under BACKUP_DIR, or its database dump")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="restore over a database that already has tables (they are dropped first)",
        )

    def handle(self, *args, backup, replace, **options):
        try:
            dump, manifest = locate(backup)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        if connection.introspection.table_names() and not replace:
            raise CommandError(
                "The database already has tables. Restore into a new, empty database "
                "(do not run migrate first), or pass --replace to drop and replace them."
            )
        self.stdout.write(f"Restoring {dump}")
        call_command("dbrestore", interactive=False, input_path=str(dump), verbosity=0)
        if not manifest.exists():
            raise CommandError(f"Database restored, but {manifest} is missing: the media were not checked.")
        problems = check_manifest(manifest, default_storage)
        for name, problem in problems:
            self.stderr.write(f"{problem}: {name}")
        if problems:
            raise CommandError(f"Database restored, but {len(problems)} media files are missing or changed.")
        self.stdout.write(self.style.SUCCESS("Database restored; every media file is present and unchanged."))
