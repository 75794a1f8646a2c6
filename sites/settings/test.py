"""The test suite: PostgreSQL from DATABASE_URL (scripts/test starts one), fast hashing, no e-mail."""

import tempfile

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="museum-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="museum-test-static-")
# The Redis that scripts/test starts, as production's shared cache; a per-process cache without it.
CACHES = {"default": env.cache_url("REDIS_URL", default="locmemcache://")}
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True
