import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoLoader, MissingDemoTranslation


class Command(BaseCommand):
    help = (
        "Create both museum sites, their identities and pages in English, Kazakh and Russian. "
        "Safe to run again: only what is missing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Also create (or reset) the demo administrator and print its credentials.",
        )

    def handle(self, *args, admin=False, **options):
        user = self.ensure_admin() if admin else self.any_superuser()
        if admin:
            self.ensure_staff()
        loader = DemoLoader(user=user, progress=lambda message: self.stdout.write(message))
        try:
            report = loader.run()
        except MissingDemoTranslation as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(report.created)} created, {len(report.kept)} already there."
            )
        )

    # One account per role, to try the admin as each museum's staff would; same password as the admin.
    STAFF = [
        ("nmrk-editor", "NMRK editors", "kk"),
        ("nmrk-moderator", "NMRK moderators", "kk"),
        ("csm-editor", "CSM RK editors", "ru"),
        ("csm-moderator", "CSM RK moderators", "ru"),
        ("translator", "Translators", "kk"),
    ]

    def ensure_staff(self):
        from django.contrib.auth.models import Group

        from wagtail.users.models import UserProfile

        for username, group_name, language in self.STAFF:
            user, _created = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@museum.localhost"}
            )
            user.set_password(self.password)
            user.save()
            user.groups.set(Group.objects.filter(name=group_name))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
        names = ", ".join(username for username, _group, _language in self.STAFF)
        self.stdout.write(self.style.WARNING(f"Staff accounts (same password): {names}"))

    def any_superuser(self):
        return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()

    def ensure_admin(self):
        if not settings.DEBUG and not os.environ.get("DEMO_ADMIN_PASSWORD"):
            raise CommandError("Outside DEBUG, set DEMO_ADMIN_PASSWORD to create the demo admin.")
        username = os.environ.get("DEMO_ADMIN_USERNAME", "admin")
        password = self.password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(9)
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": "admin@museum.localhost"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(self.style.WARNING(f"Admin account: {username} / {password}"))
        return user
