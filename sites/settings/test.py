"""The test suite: PostgreSQL from DATABASE_URL (scripts/test starts one), fast hashing, no e-mail."""

import os
import re
import tempfile

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, LOGGING, env, shared_redis_client

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="museum-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="museum-test-static-")
# The Redis that scripts/test starts, as production's shared cache; a per-process cache without it.
# Each pytest-xdist worker has a database of its own there (the URL's, plus one plus its number), as
# it has in PostgreSQL, since every test starts by emptying the cache; a run without workers uses the
# URL's own, so that runs side by side can be kept apart by it.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_redis_url = os.environ.get("REDIS_URL", "")
_url_db = re.search(r"/(\d*)$", _redis_url)
_redis_db = int(_url_db.group(1) or 0) if _url_db else 0
if _worker.startswith("gw"):
    _redis_db += int(_worker[2:]) + 1
CACHES = {
    "default": shared_redis_client(env.cache_url_config(re.sub(r"/\d*$", f"/{_redis_db}", _redis_url)))
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True
# The request log is read only by the tests of it (tests/test_observability.py sets production's
# INFO there): elsewhere an INFO line per request, formatted and captured, is a cost and nothing more.
LOGGING = {
    **LOGGING,
    "root": {**LOGGING["root"], "level": "WARNING"},
    "loggers": {**LOGGING["loggers"], "django": {**LOGGING["loggers"]["django"], "level": "WARNING"}},
}
