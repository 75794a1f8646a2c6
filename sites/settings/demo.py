"""What ``scripts/demo`` serves: the developer settings (``dev``), but with ``DEBUG`` off, so that
visitors see what production shows them, the museum's own 404 and 500 pages, not Django's
technical ones. ``manage.py runserver`` with ``dev`` still gives developers the technical pages.

Without ``DEBUG`` neither runserver nor ``sites.urls`` serves static files; WhiteNoise, already in
the middleware, serves them straight from the source folders (no ``collectstatic``, edits seen at
once). Media stays with ``SERVE_MEDIA`` from ``dev``. Every request and every
error, with its traceback, is logged to the console in the developers' readable format (``dev``).
"""

from .dev import *  # noqa: F403

DEBUG = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
