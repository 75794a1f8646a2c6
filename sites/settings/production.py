"""Production: refuses to start when a value it needs is missing or unsafe, and passes
``manage.py check --deploy`` with no warning.

The checks run at import, so ``manage.py``, gunicorn and every worker stop at start-up with one
message naming each problem, rather than serving with a shared secret, an open host list, a cache
each worker keeps to itself (stale site-root paths for an hour) or uploads nobody serves.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    CACHES,
    DATABASE_CONN_MAX_AGE,
    DATABASES,
    HSTS_INCLUDE_SUBDOMAINS,
    HSTS_PRELOAD,
    MEDIA_SERVED_BY_WEB_SERVER,
    MEDIA_STORAGE,
    SECRET_KEY,
    SECURE_PROXY_SSL,
    SERVE_MEDIA,
    STORAGES,
    TRUSTED_PROXY_COUNT,
    WAGTAILADMIN_BASE_URL,
)
from .base import AWS_STORAGE_BUCKET_NAME as BUCKET

DEBUG = False

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def configuration_problems():
    """Every reason this environment cannot serve the museums safely, as sentences."""
    problems = []
    if not SECRET_KEY:
        problems.append("SECRET_KEY must be set in the environment for production.")
    if "ALLOWED_HOSTS" not in os.environ:
        problems.append("ALLOWED_HOSTS must be set: the museums' host names, separated by commas.")
    elif "*" in ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must name the hosts; '*' accepts any Host header.")
    if not os.environ.get("WAGTAILADMIN_BASE_URL"):
        problems.append("WAGTAILADMIN_BASE_URL must be set: the admin's https:// address, used in e-mails.")
    elif not WAGTAILADMIN_BASE_URL.startswith("https://"):
        problems.append("WAGTAILADMIN_BASE_URL must be an https:// address.")
    if CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        problems.append(
            "CACHE_URL must name a cache shared by every worker (redis://...): a per-process cache "
            "leaves the other workers with stale pages and site-root paths."
        )
    if MEDIA_STORAGE == "s3" and not BUCKET:
        problems.append("AWS_STORAGE_BUCKET_NAME must be set when MEDIA_STORAGE is s3.")
    if MEDIA_STORAGE == "filesystem" and not (MEDIA_SERVED_BY_WEB_SERVER or SERVE_MEDIA):
        problems.append(
            "Media on the filesystem is served by nobody: configure the web server to serve MEDIA_ROOT "
            "at /media/ and set MEDIA_SERVED_BY_WEB_SERVER=True, or use MEDIA_STORAGE=s3."
        )
    if TRUSTED_PROXY_COUNT and not SECURE_PROXY_SSL:
        problems.append(
            "Behind a proxy (TRUSTED_PROXY_COUNT > 0) set SECURE_PROXY_SSL=True, so that a request the "
            "proxy received over HTTPS is not redirected to HTTPS again, for ever."
        )
    return problems


if problems := configuration_problems():
    raise ImproperlyConfigured("Production settings are incomplete:\n- " + "\n- ".join(problems))

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A connection per request costs about a third of a page's time; kept connections are health-checked.
DATABASES["default"]["CONN_MAX_AGE"] = 60 if DATABASE_CONN_MAX_AGE is None else DATABASE_CONN_MAX_AGE

SECURE_SSL_REDIRECT = True
# A load balancer's health probe often speaks plain HTTP to the application server.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = HSTS_INCLUDE_SUBDOMAINS
SECURE_HSTS_PRELOAD = HSTS_PRELOAD
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's admin shows page previews in a same-origin iframe; DENY would break them.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [
    "security.W019",  # X_FRAME_OPTIONS: SAMEORIGIN, for Wagtail's previews (above)
    # HSTS for subdomains and preloading are the domain owner's decision (HSTS_INCLUDE_SUBDOMAINS,
    # HSTS_PRELOAD): Django warns while they are off, which is the deliberate default.
    *([] if HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if HSTS_PRELOAD else ["security.W021"]),
]
if SECURE_PROXY_SSL:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Error reports ------------------------------------------------------------------------------
# Sentry, only when SENTRY_DSN is set (init opens no connection; events are sent as they occur).
# Nothing personal leaves with them: no user, cookies or client address (send_default_pii), no
# request bodies and no frame variables, which would carry what visitors type into the museums'
# forms. Each event carries the request_id tag of the log lines (home.observability).
from .base import SENTRY_DSN, SENTRY_ENVIRONMENT  # noqa: E402  (kept inside this block)

if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
    )
