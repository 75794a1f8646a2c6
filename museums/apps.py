from django.apps import AppConfig


class MuseumsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "museums"
    verbose_name = "Museums"
