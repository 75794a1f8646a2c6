import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect
from django.template import engines, loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from wagtail.models import Site

from home.storage import StorageUnavailable

logger = logging.getLogger(__name__)


def choose_language(request):
    """Send the bare ``/`` to the home page in the visitor's language.

    The choice is, in order: the language the visitor picked before (Django's language cookie), the
    first of kk, ru, en in their ``Accept-Language``, then Kazakh. Only languages the site's home page
    is published in are candidates, so the redirect never lands on a 404. A host that is no museum's
    gets a 404 here rather than a redirect to one.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No museum site is served on this host name.")
    available = set(
        site.root_page.get_translations(inclusive=True).live().values_list("locale__language_code", flat=True)
    )
    if not available:
        raise Http404("This museum site has no published home page yet.")

    wanted = [request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")]
    wanted += [code for code, _q in parse_accept_lang_header(request.headers.get("Accept-Language", ""))]
    wanted.append(settings.LANGUAGE_CODE)
    language = next(
        (code for code in (w.lower().split("-")[0] for w in wanted) if code in available),
        sorted(available)[0],
    )
    response = redirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def site_identity(request):
    """The theme and the museum's names for ``request``'s site, as plain strings, or ``{}``.

    They come from the context processors the templates use (``museums.context_processors``, which
    home may not import), evaluated here at once and inside a guard: when the error is the
    database itself, this fails and the error page is simply plain.
    """
    identity = {}
    try:
        for processor in engines["django"].engine.template_context_processors:
            identity.update(processor(request))
        museum = identity.get("museum")
        found = {"theme": str(identity.get("theme") or "")}
        if museum:
            found["museum"] = {
                "short_name": str(museum.short_name),
                "name": str(museum.name),
                "lang": str(museum.fallback_language),
            }
        return found
    except Exception:  # any failure here only costs the page its look
        logger.warning("The error page is shown without the site's look.", exc_info=True)
        return {}


# A database that cannot be reached (refused, restarting, a connection dropped mid-request) raises
# the first two, a media bucket out of reach the last; Django turns them, like any error, into the
# 500 handler below.
OUTAGE_ERRORS = (OperationalError, InterfaceError, StorageUnavailable)
API_PATH = "/api/"
# What an outage page tells browsers and crawlers: a PostgreSQL restart takes seconds.
RETRY_AFTER_SECONDS = 10


def server_error(request, template_name="500.html"):
    """The 500 page, or the 503 page when the database is out of reach: in the visitor's language and
    the site's theme, with the museum's name (the API's JSON error under ``/api/``).

    Django calls this handler inside its ``except`` block, so ``sys.exc_info()`` is the error. A
    database (or media storage) outage is the site being briefly unavailable, not broken: it answers
    503 with ``Retry-After`` (crawlers come back instead of dropping the page), and the next request
    after PostgreSQL returns reconnects by itself (``CONN_HEALTH_CHECKS``). Other errors stay 500s.
    """
    outage = isinstance(sys.exc_info()[1], OUTAGE_ERRORS)
    if request.path_info.startswith(API_PATH):
        # The API's errors are JSON like its others (api/openapi.json, "Error"), in plain English.
        message = "service briefly unavailable" if outage else "server error"
        response = JsonResponse({"message": message}, status=503 if outage else 500)
    else:
        response = error_page(request, "503.html" if outage else template_name, 503 if outage else 500)
    if response.status_code == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def error_page(request, template_name, status):
    """An error page in the visitor's language, rendered with a plain context, never a
    ``RequestContext``: the template makes no query, so it renders when the database is what failed.
    What it knows of the site (``site_identity``) is read beforehand under a guard; the home link is
    ``/<language>/``, which needs no lookup."""
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"LANGUAGE_CODE": language, "home_url": f"/{language}/", **site_identity(request)}
        try:
            response = HttpResponse(loader.get_template(template_name).render(context), status=status)
        except Exception:  # the last resort must not fail
            logger.exception("The %s page could not be rendered.", status)
            return HttpResponseServerError("<h1>Server Error (500)</h1>", content_type="text/html")
    response["Content-Language"] = language
    return response
