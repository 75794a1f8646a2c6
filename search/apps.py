from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search per site and language (``search.views``) and the search backend that stems
    each language with its own PostgreSQL configuration (``search.backends``)."""

    name = "search"
