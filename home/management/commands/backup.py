"""``manage.py backup``: dump the database and write the manifest of its media (home.backups)."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dbbackup.db.base import get_connector

from home.backups import DUMP_STEM, write_manifest


class Command(BaseCommand):
    help = "Dump the database into a new folder under BACKUP_DIR, with a manifest of its media files."

    def handle(self, *args, **options):
        root = Path(settings.BACKUP_DIR).resolve()
        media_root = Path(settings.MEDIA_ROOT).resolve()
        if root == media_root or media_root in root.parents:
            raise CommandError(f"BACKUP_DIR ({root}) must not be inside MEDIA_ROOT ({media_root}).")
        folder = root / timezone.now().strftime("%Y-%m-%d-%H%M%S")
        folder.mkdir(parents=True, exist_ok=False)
        dump = folder / f"{DUMP_STEM}.{get_connector().extension}"
        self.stdout.write(f"Database → {dump}")
        call_command("dbbackup", interactive=False, output_path=str(dump), verbosity=0)

        def progress(number, total, name):
            self.stdout.write(f"[{number}/{total}] media {name}")

        entries = write_manifest(folder, progress)
        missing = [entry["name"] for entry in entries if entry["sha256"] is None]
        for name in missing:
            self.stderr.write(f"Missing already: {name}")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder} ({len(entries)} media files)."))
