"""What is the same on every page of a site and language (the museum and its settings, the menu, the
home page's sections, the news feed's address), computed once and kept in the shared cache.

Entries are keyed by the site's version token, the one the page cache uses (``home.page_cache``),
so whatever changes every page of a site (the museum's identity or hours, its site settings, a
page of the menu, a section, a view restriction: ``home.cache_invalidation``) makes them stale in
the same step. What a listing derives from its items is keyed by its address's token as well
(:func:`page_cached`). Within a request each value is read once.
"""

import contextlib

from django.core.cache import cache
from django.utils import translation

from home import page_cache

PREFIX = "sitecache"
# Past any change the token misses (none should), an entry still goes within a day.
TIMEOUT = 60 * 60 * 24
_MISSING = object()


def site_cached(request, name, compute):
    """``compute()`` for the request's site and active language, from the shared cache when it is
    there. ``compute`` must depend on nothing else of the request (not the page, the user or the
    query string)."""
    if request is None:
        return compute()
    return _remembered(request, (name,), lambda host: [page_cache.site_key(host)], compute)


def page_cached(request, page, name, compute):
    """``compute()`` for ``page`` in the active language, kept in the shared cache until the token
    of the page's own address or of its site changes: whenever the page or anything it lists
    changes, or anything every page of the site shows (``home.cache_invalidation``). For what a
    listing derives from its items, such as its filters' choices. ``compute`` must depend on
    nothing of the request but the language."""
    parts = page.get_url_parts(request) if request is not None else None
    if parts is None:
        return compute()
    return path_cached(request, parts[2], ("page", page.pk, name), compute)


def path_cached(request, path, name, compute):
    """``compute()`` kept until the token of the site's address ``path`` or of the site changes, in
    the active language: for what an answer that is not a page derives from the site's pages (the
    sitemap's counts), renewed with that answer (``home.cache_invalidation``). ``name`` is a string
    or a tuple; ``compute`` must depend on nothing of the request but its site and language."""
    if request is None:
        return compute()
    keys = lambda host: [page_cache.site_key(host), page_cache.path_key(host, path)]  # noqa: E731
    return _remembered(request, name if isinstance(name, tuple) else (name,), keys, compute)


def request_tokens(request, keys):
    """The tokens of ``keys``, each read once per request."""
    known = request.__dict__.setdefault("_cache_tokens", {})
    missing = [key for key in keys if key not in known]
    if missing:
        known.update(zip(missing, page_cache.current_tokens(missing), strict=True))
    return [known[key] for key in keys]


def _remembered(request, name, version_keys, compute):
    """The value named ``name`` in the active language: from this request's memo, else from the
    shared cache under the current tokens of ``version_keys(host)``, else computed and kept. A
    cache outage or an unknown host costs the computation, never the page."""
    memo = request.__dict__.setdefault("_site_cache", {})
    memo_key = (*name, translation.get_language())
    if memo_key in memo:
        return memo[memo_key]
    try:
        host = page_cache.request_host(request)
        tokens = request_tokens(request, version_keys(host))
        key = ":".join(str(part) for part in (PREFIX, host, *tokens, *memo_key))
        found = cache.get(key, default=_MISSING)
    except Exception:
        return memo.setdefault(memo_key, compute())
    if found is _MISSING:
        found = compute()
        with contextlib.suppress(Exception):
            cache.set(key, found, timeout=TIMEOUT)
    memo[memo_key] = found
    return found
