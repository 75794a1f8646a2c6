"""What is the same on every page of a site and language (the museum and its settings, the menu, the
home page's sections, the news feed's address), computed once and kept in the shared cache.

Entries are keyed by the site's version token, the one the page cache uses (``home.page_cache``),
so whatever changes every page of a site (the museum's identity or hours, its site settings, a
page of the menu, a section, a view restriction: ``home.cache_invalidation``) makes them stale in
the same step. Within a request each value is read once.
"""

import contextlib

from django.core.cache import cache
from django.utils import translation

from home import page_cache

PREFIX = "sitecache"
# Past any change the token misses (none should), an entry still goes within a day.
TIMEOUT = 60 * 60 * 24


def site_token(request):
    """The version token of the request's site, read once per request (created when missing)."""
    if "_site_cache_token" not in request.__dict__:
        key = page_cache.site_key(page_cache.request_host(request))
        token = cache.get(key)
        if token is None:
            cache.add(key, page_cache.new_token(), timeout=None)
            token = cache.get(key)
        request._site_cache_token = token
    return request._site_cache_token


def site_cached(request, name, compute):
    """``compute()`` for the request's site and active language, from the shared cache when it is
    there. ``compute`` must depend on nothing else of the request (not the page, the user or the
    query string)."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_site_cache", {})
    language = translation.get_language()
    if (name, language) in memo:
        return memo[name, language]
    try:
        key = f"{PREFIX}:{page_cache.request_host(request)}:{site_token(request)}:{language}:{name}"
        found = cache.get(key, default=_MISSING)
    except Exception:  # DisallowedHost or a cache outage: compute it, as without a cache
        return memo.setdefault((name, language), compute())
    if found is _MISSING:
        found = compute()
        # Served all the same if the cache is down; the health check names the outage.
        with contextlib.suppress(Exception):
            cache.set(key, found, timeout=TIMEOUT)
    memo[name, language] = found
    return found


def page_cached(request, page, name, compute):
    """``compute()`` for ``page`` in the active language, kept in the shared cache until the token
    of the page's own address or of its site changes: whenever the page or anything it lists
    changes, or anything every page of the site shows (``home.cache_invalidation``). For what a
    listing derives from its items, such as its filters' choices. ``compute`` must depend on
    nothing of the request but the language."""
    parts = page.get_url_parts(request) if request is not None else None
    if parts is None:
        return compute()
    memo = request.__dict__.setdefault("_page_cache_values", {})
    language = translation.get_language()
    if (page.pk, name, language) in memo:
        return memo[page.pk, name, language]
    try:
        host = page_cache.request_host(request)
        token_key = page_cache.path_key(host, parts[2])
        token = cache.get(token_key)
        if token is None:
            cache.add(token_key, page_cache.new_token(), timeout=None)
            token = cache.get(token_key)
        key = f"{PREFIX}:page:{host}:{site_token(request)}:{token}:{language}:{page.pk}:{name}"
        found = cache.get(key, default=_MISSING)
    except Exception:
        return memo.setdefault((page.pk, name, language), compute())
    if found is _MISSING:
        found = compute()
        with contextlib.suppress(Exception):
            cache.set(key, found, timeout=TIMEOUT)
    memo[page.pk, name, language] = found
    return found


class _Missing:
    pass


_MISSING = _Missing()
