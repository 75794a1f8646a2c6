from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """How the museums' staff work: roles per museum, moderation, and the translation workflow."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = _("Editorial work")

    def ready(self):
        from editorial import localize, permissions, signals

        signals.connect()
        permissions.register()
        localize.install()
