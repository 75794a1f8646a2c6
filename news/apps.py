from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News of one museum. Above events and museums in the import order: news relates to both."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = "News"
