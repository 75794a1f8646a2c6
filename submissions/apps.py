from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    """The museums' public forms (contact, conference registration, exhibitor application) and what
    visitors send through them. Above home, museums and events in the import order: its form pages
    live under home pages, conferences and crafts fairs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "submissions"
    verbose_name = "Forms"
