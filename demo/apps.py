from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content loader: depends on every other app and is depended on by none."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo content"
