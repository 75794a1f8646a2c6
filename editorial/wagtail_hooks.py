"""Wagtail hooks of the editorial app. Each part keeps its hooks in its own module."""

from editorial.translations import hooks as translation_hooks  # noqa: F401
