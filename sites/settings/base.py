"""Settings shared by every environment.

Every value that comes from the environment is read here, once, with its type and its default;
``dev``, ``test`` and ``production`` only change constants. ``.env.example`` lists the variables and
the README has a table of them.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer's .env is a convenience; real deployments set the environment itself.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Environment, typed -------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
# No usable default: dev and test supply their own, production refuses to start without one.
SECRET_KEY = env.str("SECRET_KEY", default="")
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Seconds a connection is kept for the next request (0: one per request). Production keeps them a
# minute unless this says otherwise; a kept connection is checked before it is reused.
DATABASE_CONN_MAX_AGE = env.int("DATABASE_CONN_MAX_AGE", default=None)
DATABASES["default"]["CONN_MAX_AGE"] = DATABASE_CONN_MAX_AGE or 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Host names of the two museum sites. The demo loader writes them to the Site records.
NMRK_HOSTNAME = env.str("NMRK_HOSTNAME", default="nmrk.localhost")
CSM_HOSTNAME = env.str("CSM_HOSTNAME", default="csm.localhost")
# The port the public sites are reached on, used by Wagtail to build absolute URLs.
SITES_PORT = env.int("SITES_PORT", default=80)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[NMRK_HOSTNAME, CSM_HOSTNAME, "localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=f"http://{NMRK_HOSTNAME}")

# "filesystem" keeps media under MEDIA_ROOT; "s3" sends it to an S3-compatible bucket, where images
# are public at unsigned addresses and documents private (home.storage says why).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Where `manage.py backup` writes the database dump and media manifest; never inside MEDIA_ROOT.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="us-east-1")
AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="")
AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="")
# A CDN domain serving the bucket's images (never its documents): image URLs then name it.
AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None


# How long a request waits for Redis before serving without it (home.redis_cache): Redis answers on
# the local network in a millisecond, so a second is an outage, not a slow answer.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


def shared_redis_client(config):
    """Django's Redis cache backend swapped for ours, which keeps one client per connection pool and
    serves on when Redis is out of reach (``home/redis_cache.py`` says why), with bounded timeouts."""
    if config.get("BACKEND") == "django.core.cache.backends.redis.RedisCache":
        options = {**REDIS_TIMEOUTS, **config.get("OPTIONS", {})}
        return {**config, "BACKEND": "home.redis_cache.RedisCache", "OPTIONS": options}
    return config


CACHES = {"default": shared_redis_client(env.cache_url("CACHE_URL", default="locmemcache://"))}
# Sessions are read from the shared cache and written through to the database, so that a cache
# restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The anonymous page cache (home.page_cache): the longest a public page is kept, in the shared cache
# and (as s-maxage) by a CDN; changes drop pages sooner (home.cache_invalidation). 0 turns it off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# A CDN is purged by exact URL, which cannot reach every filter combination of a listing: addresses
# with a query string are kept there this long at most.
PAGE_CACHE_QUERY_CDN_SECONDS = env.int("PAGE_CACHE_QUERY_CDN_SECONDS", default=60)


def frontend_cache_from_env():
    """Wagtail's front-end cache purging (a CDN or a caching proxy in front of the sites), from
    FRONTEND_CACHE: "" (none), "http" (PURGE requests to FRONTEND_CACHE_LOCATION, e.g. Varnish or
    nginx), "cloudflare" (CLOUDFLARE_BEARER_TOKEN, CLOUDFLARE_ZONE_ID) or "cloudfront"
    (CLOUDFRONT_DISTRIBUTION_ID, with the AWS credentials boto3 finds)."""
    kind = env.str("FRONTEND_CACHE", default="")
    backends = "wagtail.contrib.frontend_cache.backends."
    if kind == "http":
        config = {"BACKEND": backends + "HTTPBackend", "LOCATION": env.str("FRONTEND_CACHE_LOCATION")}
    elif kind == "cloudflare":
        config = {
            "BACKEND": backends + "CloudflareBackend",
            "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
        }
    elif kind == "cloudfront":
        config = {
            "BACKEND": backends + "CloudfrontBackend",
            "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    elif kind:
        raise ValueError(f"FRONTEND_CACHE must be http, cloudflare or cloudfront, not {kind!r}")
    else:
        return {}
    return {"default": config}


WAGTAILFRONTENDCACHE = frontend_cache_from_env()
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@museum.localhost")
# Behind a TLS-terminating proxy, production trusts its X-Forwarded-Proto header.
SECURE_PROXY_SSL = env.bool("SECURE_PROXY_SSL", default=False)
# How many reverse proxies stand in front of the application and append to X-Forwarded-For; with 0
# the client's address is the connection's own. Login throttling counts failures per address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Failed logins (admin, password reset, page passwords) allowed per account and per address before
# a lock of LOGIN_LOCKOUT_MINUTES.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
# Largest upload an editor may make, in megabytes.
MAX_IMAGE_UPLOAD_MB = env.int("MAX_IMAGE_UPLOAD_MB", default=10)
MAX_DOCUMENT_UPLOAD_MB = env.int("MAX_DOCUMENT_UPLOAD_MB", default=20)
# Whether Django itself serves MEDIA_URL (dev and tests do; production leaves it to the web server
# or to S3). Wherever Django serves it, each file carries a sandboxing Content-Security-Policy.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
# Production with filesystem media: say that the web server in front serves MEDIA_ROOT at MEDIA_URL
# (docs/deployment.md); production refuses filesystem media otherwise, as uploads would 404.
MEDIA_SERVED_BY_WEB_SERVER = env.bool("MEDIA_SERVED_BY_WEB_SERVER", default=False)
# HTTP Strict Transport Security for every subdomain, and asking browsers to preload it: both
# commit the whole domain to HTTPS for a year, so each is the domain owner's choice, off by default.
HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_INCLUDE_SUBDOMAINS", default=False)
HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=False)
# The least severe log level written to standard output (DEBUG, INFO, WARNING, ERROR).
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
# Error reports to Sentry (production only, and only when a DSN is given).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")

# --- Applications -------------------------------------------------------------------------------
INSTALLED_APPS = [
    "home",
    "museums",
    "events",
    "news",
    "submissions",
    "search",
    "editorial",
    "demo",
    "api",
    "axes",
    "dbbackup",
    "csp",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: never list both
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A request id and one log line per request (home.observability).
    "home.observability.RequestLogMiddleware",
    # HTML, JSON and feeds compressed (Django's adds the BREACH mitigation itself).
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Remembers the language of the pages a visitor reads, for the bare / (home.middleware); outside
    # the page cache, so that a page served from it still sets the cookie.
    "home.middleware.LanguageCookieMiddleware",
    # Anonymous public pages from the shared cache (home.page_cache), before any session or database.
    "home.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: see home.middleware for why it is not Django's own.
    "home.middleware.PrefixedLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An upload the media storage cannot take is a message to the editor, not a 500 (home.outage).
    "home.outage.StorageUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.security.ContentSecurityPolicyMiddleware",
    # The site and the page from the shared cache, where Wagtail looks for them (home.routing).
    "home.routing.CachedRouteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the lockout flag the authentication backend sets.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sites.urls"
WSGI_APPLICATION = "sites.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "museums.context_processors.museum_identity",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out account or address before a password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ----------------------------------------------------------------------------------
# Kazakh is the state language and the fallback for visitors whose browser prefers none of the three.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The language content is authored in before wagtail-localize translates it.
SOURCE_LANGUAGE_CODE = "en"
# The language a visitor last read (home.middleware.LanguageCookieMiddleware), for the bare /: kept a
# year; Lax, so it comes along when a visitor follows a link from another site, never on other sites'
# embedded requests.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The project's own catalogue comes first so that its strings win; the second directory holds the
# Kazakh catalogue of Wagtail's and wagtail-localize's admin strings, which neither ships and which
# makemessages --no-obsolete would drop from the first (docs/terminology.md lists its terms).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "admin"]
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_URL = "/static/"
MEDIA_URL = "/media/"

if MEDIA_STORAGE == "s3":
    # Images and renditions public, without signatures that would expire in cached pages;
    # documents private, reached only through Wagtail's document view (home.storage).
    _default_storage = {
        "BACKEND": "home.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": AWS_S3_REGION_NAME,
            "access_key": AWS_ACCESS_KEY_ID,
            "secret_key": AWS_SECRET_ACCESS_KEY,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            "addressing_style": "path",
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # django-dbbackup's own storage (listbackups, dbrestore without a path). `manage.py backup`
    # writes each backup into its own folder under BACKUP_DIR (home.backups). PostgreSQL is dumped
    # with pg_dump --format=custom and restored with pg_restore, SQLite through its backup API:
    # dbbackup's default connectors for those engines.
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BACKUP_DIR)},
    },
}
# Documents always go through Wagtail's view, which checks a private collection's restrictions at
# each download, never by redirect to the storage: no page links to a document in the bucket.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Logging ------------------------------------------------------------------------------------
# Everything goes to the root logger's one handler: standard output, one JSON object per line, which
# the process manager or container runtime collects. Django's loggers lose their own handlers (the
# console one that prints only with DEBUG, mail to ADMINS) and propagate there; runserver's request
# lines (django.server) keep Django's format. Each request adds one line on museum.access, and every
# record logged during it carries its request_id (home.observability). A developer who wants
# readable lines switches the handler's formatter to "console".
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "home.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "home.observability.JsonFormatter"},
        "console": {
            "()": "logging.Formatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            "defaults": {"request_id": "-"},
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # django-axes announces itself at INFO in every process, manage.py commands included.
        "axes.apps": {"level": "WARNING"},
    },
}

# --- Wagtail ------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Museum network"
# The languages an editor can choose for the admin in their account settings. Wagtail's default
# lists only the languages it ships, which lack Kazakh; locale/admin/kk provides it.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
# No SVG: an SVG is a document that can carry script, and media would be served from the site's own
# origin. The project's own vector artwork ships as static files, which editors cannot upload.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_IMAGE_UPLOAD_MB * 1024 * 1024
# About 40 megapixels: a large camera's photograph, well short of what exhausts a worker's memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.uploads.ImageUploadForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "txt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.DocumentUploadForm"
# Wagtail's database backend (search.backends). On PostgreSQL each record is indexed, and the site
# search parses queries, with its language's text search configuration: Russian and English are
# stemmed; PostgreSQL has no Kazakh dictionary, so Kazakh words are only lower-cased ("simple").
# On SQLite the same setting gives Wagtail's SQLite backend, without stemming.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "SEARCH_CONFIGS": {"en": "english", "ru": "russian", "kk": "simple"},
        "SEARCH_CONFIG": "simple",  # records without a language: images, documents
    }
}
# A translation made with "Translate" starts as a draft: it is published once it is translated,
# never live in the source language under /kk/ or /ru/.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The password and login pages of private pages carry the museum's look and the visitor's language.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "pages/password_required.html"
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "pages/login.html"
# Nothing in the admin calls other hosts: no avatars from Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Each museum's look: a theme is a stylesheet plus the accent colours the templates use.
MUSEUM_THEMES = {
    "steppe-gold": _("Steppe gold (National Museum)"),
    "almaty-azure": _("Almaty azure (Central State Museum)"),
}

# --- Public API (api/) --------------------------------------------------------------------------
# Django REST framework, under Wagtail's API v2. The public API's endpoints authenticate no one (see
# api.endpoints); each anonymous client address is throttled at a rate no reader of the sites'
# content reaches. Signed-in editors using the admin's own DRF views (Wagtail's, wagtail-localize's)
# are not throttled. The address is the connection's, or the one the trusted proxies report.
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute"},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# The most items one answer of the API lists (limit=); api/openapi.json states the same maximum.
WAGTAILAPI_LIMIT_MAX = 20

# --- Security -----------------------------------------------------------------------------------
# Login throttling with django-axes, its state in the database so that every application server
# sees the same failures. An account and an address are each locked after LOGIN_FAILURE_LIMIT
# failures; home.security records password-reset requests and page passwords the same way.
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "home.security.lockout_response"
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if TRUSTED_PROXY_COUNT else ("REMOTE_ADDR",)
)

# The forms' rate limit (submissions.spam) counts in the shared cache. When that is out of reach
# (home.redis_cache), a visitor's message is taken rather than every visitor refused; the honeypot
# still stands.
RATELIMIT_FAIL_OPEN = True

# Permissions-Policy (django-permissions-policy): the sites use no camera, microphone, location,
# payment or sensor, so neither they nor an embedded frame may ask for one. Fullscreen, autoplay and
# encrypted media keep the browser's defaults, which the embed block's video players need.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Content-Security-Policy (django-csp). Public pages run no inline script and load nothing from other
# hosts but embedded players; the admin (home.security picks the policy by path) needs Wagtail's
# inline scripts and styles. MEDIA_ORIGINS lets images come from S3 or a CDN.
_SELF, _NONE = "'self'", "'none'"
MEDIA_ORIGINS = [
    origin
    for origin in (
        f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else "",
        AWS_S3_ENDPOINT_URL if MEDIA_STORAGE == "s3" else "",
        # On AWS itself (no endpoint given) boto3 names the bucket's host with or without the region.
        *(
            [
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com",
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com",
            ]
            if MEDIA_STORAGE == "s3" and not AWS_S3_ENDPOINT_URL and AWS_STORAGE_BUCKET_NAME
            else []
        ),
    )
    if origin
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [_SELF, *MEDIA_ORIGINS],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        # Video and map embeds from the embed block are the only third-party content.
        "frame-src": [_SELF, "https:"],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_SELF],
    },
}
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:", *MEDIA_ORIGINS],
}
# What a file under MEDIA_URL may do when opened on its own: show itself, never run anything.
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"

# --- Machine translation ------------------------------------------------------------------------
# A draft aid in wagtail-localize's translation editor ("Translate with DeepL/LibreTranslate"): it
# fills the strings not yet translated, and a translator checks them before submitting. With
# MACHINE_TRANSLATOR empty the setting is left out and wagtail-localize offers no button.
# "deepl" uses DeepL's API (a key ending in ":fx" goes to the free API's host); "libretranslate" a
# LibreTranslate server, e.g. one the museums host themselves so that texts stay in-house.
from django.core.exceptions import ImproperlyConfigured  # noqa: E402  (kept inside this block)

MACHINE_TRANSLATOR = env.str("MACHINE_TRANSLATOR", default="")
DEEPL_API_KEY = env.str("DEEPL_API_KEY", default="")
LIBRETRANSLATE_URL = env.str("LIBRETRANSLATE_URL", default="")
LIBRETRANSLATE_API_KEY = env.str("LIBRETRANSLATE_API_KEY", default="")
MACHINE_TRANSLATION_TIMEOUT = env.int("MACHINE_TRANSLATION_TIMEOUT", default=30)

if MACHINE_TRANSLATOR == "deepl":
    if not DEEPL_API_KEY:
        raise ImproperlyConfigured("MACHINE_TRANSLATOR=deepl needs DEEPL_API_KEY.")
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "TIMEOUT": MACHINE_TRANSLATION_TIMEOUT},
    }
elif MACHINE_TRANSLATOR == "libretranslate":
    if not LIBRETRANSLATE_URL:
        raise ImproperlyConfigured("MACHINE_TRANSLATOR=libretranslate needs LIBRETRANSLATE_URL.")
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            # wagtail-localize appends "/translate" itself.
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL.rstrip("/"),
            # Always sent; a server that needs no key ignores an empty one.
            "API_KEY": LIBRETRANSLATE_API_KEY,
            "TIMEOUT": MACHINE_TRANSLATION_TIMEOUT,
        },
    }
elif MACHINE_TRANSLATOR:
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATOR must be empty, 'deepl' or 'libretranslate', not {MACHINE_TRANSLATOR!r}."
    )
