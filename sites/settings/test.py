"""The test suite: PostgreSQL from DATABASE_URL (scripts/test starts one), fast hashing, no e-mail."""

import tempfile

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="museum-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="museum-test-static-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True
