from django.core.management.base import BaseCommand

from demo.loader import update_catalogues


class Command(BaseCommand):
    help = (
        "Write the demo's English strings (from the loaded demo) into demo/translations/*.po, "
        "keeping the translations already there."
    )

    def handle(self, *args, **options):
        for language, count in update_catalogues().items():
            self.stdout.write(f"{language}: {count} string(s) to translate")
