"""The search backend: Wagtail's database backend, with a text search configuration per language on
PostgreSQL.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"``. Wagtail's database backend
takes one ``SEARCH_CONFIG`` for the whole index, but this index holds three languages: Russian needs
the ``russian`` configuration to be stemmed («выставки» finds «выставка»), English the ``english``
one, and PostgreSQL has no Kazakh dictionary, so Kazakh gets ``simple`` (lower-cased words, no
stemming, no stop words). All three share one index table, so each record is indexed with the
configuration of its own locale (``SEARCH_CONFIGS``, by language code) and records without a locale
(images, documents) with ``SEARCH_CONFIG``.

A query has to be parsed with the configuration its documents were indexed with. The public site
search asks for one language (``get_search_backend(LANGUAGE="ru")``), since it searches one locale's
pages. Every other caller (the admin's searches, across locales) gets each query parsed with all the
configurations and the parses OR-ed together, so a Russian editor searching Kazakh pages still
finds them.

On SQLite (the demo's default) and any other database this is Wagtail's own database backend
unchanged (SQLite's FTS5 index, or its plain ``LIKE`` fallback): it has no configurations to choose,
so no stemming, and the extra settings are ignored.
"""

from django.db import connection

from wagtail.search.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from .postgres import LanguageSearchBackend

        return LanguageSearchBackend(params)
    return database_backend(params)
