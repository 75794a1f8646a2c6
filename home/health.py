"""``/health/``: whether this application server can reach what serving a page needs.

For a load balancer or an uptime monitor, language-neutral and answered on any allowed host. It
checks the database (``SELECT 1``), the shared cache (set, read back and delete a key of its own) and
the media storage (save, read back and delete a small file under ``health/``, on the filesystem or S3
alike), and times each. 200 with ``"status": "ok"`` when all pass. Without the cache or the storage
a server still serves every page (uncached, ``home.redis_cache``; with images it cannot read shown
missing, ``home.storage``), so it answers 200 with ``"status": "degraded"``: a load balancer keeps
it, a monitor sees what is wrong. Without the database it serves only what the page cache holds:
503 with ``"status": "failing"``. A failing check names its error's class only: the answer is
public, so the traceback, with whatever host names or paths it holds, goes to the log
(``home.health``), never to the client.
"""

import logging
import time
import uuid

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBE = b"ok"


class ReadBackMismatch(Exception):
    """What was written is not what came back."""


def check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise ReadBackMismatch


def check_cache():
    cache = caches["default"]
    if hasattr(cache, "ping"):
        cache.ping()  # home.redis_cache serves on without Redis: ask it for the error itself
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, PROBE, timeout=30)
        if cache.get(key) != PROBE:
            raise ReadBackMismatch
    finally:
        cache.delete(key)


def check_storage():
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(PROBE))
    try:
        with default_storage.open(name, "rb") as stored:
            if stored.read() != PROBE:
                raise ReadBackMismatch
    finally:
        default_storage.delete(name)


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}
# What a server cannot serve pages without (see the module's docstring).
ESSENTIAL = {"database"}


def run(name, check):
    """One check's result: ``ok``, its duration in ms and, when it failed, the error's class."""
    started = time.perf_counter()
    try:
        check()
    except Exception as error:  # any failure is an answer here, not a 500
        logger.warning("Health check %r failed.", name, exc_info=True)
        result = {"ok": False, "error": type(error).__name__}
    else:
        result = {"ok": True}
    return {**result, "ms": round((time.perf_counter() - started) * 1000, 1)}


@require_safe
@never_cache
def health(request):
    """Every check in turn, so that the answer names each part that fails. ``never_cache`` marks it
    ``no-store``: a cache in front must never answer for the servers behind it."""
    checks = {name: run(name, check) for name, check in CHECKS.items()}
    if all(result["ok"] for result in checks.values()):
        status = "ok"
    elif all(checks[name]["ok"] for name in ESSENTIAL):
        status = "degraded"
    else:
        status = "failing"
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == "failing" else 200)
