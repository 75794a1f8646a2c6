from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from wagtail.models import Site


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
