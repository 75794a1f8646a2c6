"""Wagtail's PostgreSQL search backend with a text search configuration per language (see
``search.backends``)."""

import copy
from functools import reduce

from django.utils.functional import cached_property

from wagtail.models import Locale

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index ``objs`` in groups, each with the configuration of its records' language."""
        groups = {}
        for obj in objs:
            groups.setdefault(self.backend.config_for_object(obj), []).append(obj)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.query_configs

    def build_tsquery(self, query, config=None):
        """One configuration, or a tuple of them: the query as each parses it, OR-ed together."""
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        build = super().build_tsquery
        parsed = [build(query, config=each) for each in config]
        parsed = [each for each in parsed if each is not None]
        return reduce(lambda first, second: first | second, parsed) if parsed else None

    def search(self, config, start, stop, score_field=None, backend=None):
        """Wagtail's search, without reading the matched text back: the title and body vector
        (``_vector_``) is annotated to be matched in the WHERE clause, and so is selected too, sending
        each hit's whole indexed text to Python to be thrown away."""
        results = super().search(config, start, stop, score_field=score_field, backend=backend)
        query = results.query
        if "_vector_" in query.annotation_select:
            query.set_annotation_mask([name for name in query.annotation_select if name != "_vector_"])
        return results


class LanguageSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "simple"
        self.configs = dict(params.get("SEARCH_CONFIGS") or {})
        self.language = params.get("LANGUAGE")

    @property
    def query_configs(self):
        if self.language:
            return self.configs.get(self.language, self.config)
        return tuple(dict.fromkeys([*self.configs.values(), self.config]))

    def with_config(self, config):
        """This backend, indexing with ``config``."""
        clone = copy.copy(self)
        clone.config = config
        return clone

    @cached_property
    def _languages(self):
        # One query per backend instance, whatever the number of records indexed.
        return dict(Locale.objects.values_list("pk", "language_code"))

    def config_for_object(self, obj):
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return self.config
        language = self._languages.get(locale_id) or Locale.objects.get(pk=locale_id).language_code
        return self.configs.get(language, self.config)
