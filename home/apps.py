from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "General pages"

    def ready(self):
        from home import cache_invalidation, privacy  # noqa: F401  (connect the signal handlers)

        cache_invalidation.connect_models()
