from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class PrefixedLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without its "retry with a language prefix" redirect.

    Django answers a 404 on an unprefixed path by redirecting to ``/<language>/<path>``. Wagtail's
    catch-all page route makes every such path look valid, so ``/de/`` would be redirected to
    ``/kk/de/`` before it finally 404s. Here every public URL must carry one of the three prefixes:
    an unknown prefix is a plain 404, and only the bare ``/`` chooses a language
    (``home.views.choose_language``).
    """

    def process_response(self, request, response):
        if response.status_code == 404:
            # Skip the parent's redirect branch but keep its headers.
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class LanguageCookieMiddleware:
    """Remembers the language of the last page a visitor read, so that the bare ``/`` opens the site
    in it next time (``home.views.choose_language`` reads Django's language cookie first).

    Why here, and not a marker on the switcher's links: the language a visitor reads is already in
    every public address (``/kk/``, ``/ru/``, ``/en/``), so following a switcher link, a link from
    elsewhere or a bookmark all count alike, and the switcher's URLs stay the pages' own (no
    ``?lang=`` duplicates for search engines and caches). Only a successful HTML page under a language
    prefix sets it: not a 404, a redirect, a feed or a file, nor the admin (which has no prefix).

    Caching: the cookie is sent only when the request does not already carry this language, so a
    visitor reading on in one language gets responses without ``Set-Cookie``, cacheable as before.
    A response that sets it says ``Vary: Cookie``, which is true (whether it sets the cookie depends
    on the one the request had) and is what Django's ``UpdateCacheMiddleware`` looks for to refuse to
    store a cookie-setting response to a cookie-less request. Even a cache that replayed one would do
    no harm: the value depends on the address alone. The cookie's attributes are Django's
    ``LANGUAGE_COOKIE_*`` settings (a year, ``SameSite=Lax``; nothing secret, so no script needs to
    be kept from it, and ``Secure`` in production).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        if (
            language
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
            patch_vary_headers(response, ["Cookie"])
        return response
