from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
