"""The anonymous page cache: public pages kept in the shared cache (Redis) and marked for a CDN,
dropped exactly when what they show changes (``home.cache_invalidation``).

Why our own middleware: wagtail-cache supports Wagtail only below 8.0, and Django's cache middleware
keys entries by the full URL and request headers, so nothing can drop "every filtered variant of the
events listing" or "every page of this site" without knowing each URL ever requested. Here an entry
is stored with two version tokens and is served only while both are current:

- the **site** token of its host, changed by what every page of a site shows (the museum's
  identity and hours, the menu, a section's title in the breadcrumbs);
- the **path** token of its address, shared by all query strings of the address (``?kind=…``,
  ``?page=2``) and by the whole API, changed when the page at that address or anything it lists
  changes.

Reading the entry and both tokens is one round trip. Tokens are read before the page is rendered,
so a change that commits while a page renders leaves that entry stale-on-arrival, never served.

What is cached: a ``GET`` or ``HEAD`` answered 200 by a view that opted in (:func:`cacheable`: every
Wagtail page through the ``before_serve_page`` hook, the sitemap, search, the API), without a
cookie of its own and without ``Cache-Control: private/no-cache/no-store`` (form pages say
``never_cache``), to a request that carries no session or messages cookie and no credentials.
Editors always have a session cookie, so they are never served from, nor stored in, the cache, and
their responses say ``Cache-Control: private``.

An entry lives for ``PAGE_CACHE_SECONDS`` at most, and never past local midnight (what is "on now"
and "upcoming" turns with the date) or a moment a template declares with ``{% valid_until %}``
(the museum's "Open now" turns at opening and closing time). The same lifetime goes to a CDN as
``s-maxage``; browsers get ``max-age=0`` so that they come back and see changes at once. Cached
anonymous responses do not say ``Vary: Cookie``: the request carried no session, so nothing in
them depends on one, and a CDN must be told to bypass its cache for requests carrying the session
cookie (docs/deployment.md). Addresses with a query string get at most
``PAGE_CACHE_QUERY_CDN_SECONDS`` at the CDN, because a CDN purge names exact URLs and cannot reach
every filter combination (the shared cache drops them all through the path token).
"""

import datetime
import functools
import hashlib
import logging
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

logger = logging.getLogger(__name__)

PREFIX = "pagecache"
MESSAGES_COOKIE = "messages"
# Every API address answers from one path token: a listing's filters, a page by id or by path.
SHARED_PATH_GROUPS = ("/api/",)
HEADER = "X-Page-Cache"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def cacheable(view):
    """Lets the page cache keep ``view``'s answers (to anonymous requests; see the module)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        mark_cacheable(request)
        return view(request, *args, **kwargs)

    return wrapped


def never_cached_paths():
    """Addresses that never answer from the page cache (nor ask it): the admin, documents (served
    to whoever may see them), files, and the health check, which must work with the cache down."""
    paths = ("/admin/", "/django-admin/", "/documents/", "/health/", settings.STATIC_URL, settings.MEDIA_URL)
    return tuple(path for path in paths if path.startswith("/"))


def mark_cacheable(request):
    request._page_cacheable = True


def valid_until(request, moment):
    """Keeps the page this request renders from being served from a cache after ``moment``."""
    if request is None or moment is None:
        return
    current = getattr(request, "_page_valid_until", None)
    if current is None or moment < current:
        request._page_valid_until = moment


def path_group(path):
    for group in SHARED_PATH_GROUPS:
        if path.startswith(group):
            return group
    return path


def _digest(text):
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def site_key(host):
    return f"{PREFIX}:site:{host}"


def path_key(host, path):
    return f"{PREFIX}:path:{host}:{_digest(path_group(path))}"


def new_token():
    return secrets.token_hex(6)


def bump(keys):
    """Makes every entry stored under these version keys stale."""
    if keys:
        cache.set_many({key: new_token() for key in keys}, timeout=None)


def current_tokens(keys, found=None):
    """The tokens under these version keys (``found``: those already read), creating any never
    stored or evicted, so that whatever is kept under them carries a token a later change replaces;
    ``add`` keeps a token another worker wrote meanwhile."""
    found = dict(found) if found is not None else cache.get_many(list(keys))
    missing = [key for key in keys if found.get(key) is None]
    if missing:
        for key in missing:
            cache.add(key, new_token(), timeout=None)
        found.update(cache.get_many(missing))
    return tuple(found.get(key) for key in keys)


def request_host(request):
    """The host name without its port: Wagtail matches sites by name, so the cache keys by it too."""
    return split_domain_port(request.get_host())[0]


def is_personal(request):
    """Whether the request may see something only its sender should (a session, a message,
    credentials); such requests are neither answered from nor stored in the page cache."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or MESSAGES_COOKIE in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def seconds_until_midnight(now):
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    midnight = datetime.datetime.combine(tomorrow, datetime.time(), local.tzinfo)
    return (midnight - local).total_seconds()


class PageCacheMiddleware:
    """Serves and stores anonymous public pages (see the module). Sits outside the session, locale,
    CSRF and authentication middleware, so a hit costs none of them and no database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Changes this thread made and has not applied yet (home.cache_invalidation) come first,
        # for the pages and for what home.site_cache keeps.
        from home.cache_invalidation import flush

        flush()
        seconds = settings.PAGE_CACHE_SECONDS
        if (
            seconds <= 0
            or request.method not in ("GET", "HEAD")
            or is_personal(request)
            or request.path.startswith(never_cached_paths())
        ):
            return self.mark_private(request, self.get_response(request))
        try:
            host = request_host(request)
        except Exception:  # DisallowedHost: Django answers it further in
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=True)
        query = request.META.get("QUERY_STRING", "")
        address = "|".join((request.scheme, host, request.path, query, language))
        entry_key = f"{PREFIX}:entry:{_digest(address)}"
        keys = (site_key(host), path_key(host, request.path))
        try:
            found = cache.get_many([entry_key, *keys])
        except Exception as error:
            # A cache outage costs speed, not pages (the health check names it).
            logger.warning("Page cache unavailable: %s", error)
            return self.get_response(request)
        tokens = tuple(found.get(key) for key in keys)
        entry = found.get(entry_key)
        if (
            entry is not None
            and entry["tokens"] == tokens
            and None not in tokens
            and timezone.now() < entry["expires"]
        ):
            return self.replay(request, entry)

        response = self.get_response(request)
        if self.storable(request, response):
            if None in tokens:
                tokens = current_tokens(keys, found)
            self.store(request, response, entry_key, tokens, seconds, query)
        return response

    @staticmethod
    def storable(request, response):
        control = response.get("Cache-Control", "")
        return (
            getattr(request, "_page_cacheable", False)
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in control for word in ("private", "no-cache", "no-store"))
        )

    def store(self, request, response, entry_key, tokens, seconds, query):
        now = timezone.now()
        lifetime = min(seconds, seconds_until_midnight(now))
        until = getattr(request, "_page_valid_until", None)
        if until is not None:
            lifetime = min(lifetime, (until - now).total_seconds())
        lifetime = int(lifetime)
        if lifetime <= 0:
            patch_cache_control(response, no_cache=True)
            return
        vary = [value.strip() for value in response.get("Vary", "").split(",") if value.strip()]
        vary = [value for value in vary if value.lower() != "cookie"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif "Vary" in response:
            del response["Vary"]
        cdn_lifetime = min(lifetime, settings.PAGE_CACHE_QUERY_CDN_SECONDS) if query else lifetime
        patch_cache_control(response, public=True, max_age=0, s_maxage=cdn_lifetime)
        # Anonymous pages hold no secret, so one compressed copy serves every hit (no BREACH padding
        # needed); kept only when compression gains something.
        compressed = compress_string(response.content)
        entry = {
            "tokens": tokens,
            # Checked on reading too: the store's own expiry may lag, and the clock is the truth.
            "expires": now + datetime.timedelta(seconds=lifetime),
            "headers": [(name, value) for name, value in response.items() if name.lower() != "date"],
            "content": response.content,
            "gzip": compressed if len(compressed) < len(response.content) else None,
        }
        try:
            cache.set(entry_key, entry, timeout=lifetime)
        except Exception as error:
            logger.warning("Page cache unavailable: %s", error)
        response[HEADER] = "miss"

    @staticmethod
    def replay(request, entry):
        """The stored answer; compressed as stored when the client accepts gzip, so that a hit costs
        no compression (GZipMiddleware leaves an answer that has its encoding alone)."""
        compressed = entry.get("gzip") is not None and ACCEPTS_GZIP.search(
            request.headers.get("Accept-Encoding", "")
        )
        # Only 200s are stored (``storable``).
        response = HttpResponse(entry["gzip"] if compressed else entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        if compressed:
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(entry["gzip"]))
        patch_vary_headers(response, ["Accept-Encoding"])
        response[HEADER] = "hit"
        return response

    @staticmethod
    def mark_private(request, response):
        """A response that may be someone's own must never be kept by a shared cache."""
        if is_personal(request) and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response
