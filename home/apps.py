from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "General pages"

    def ready(self):
        from home import privacy  # noqa: F401  (connects the signal handlers)
