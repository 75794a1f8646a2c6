"""What browsers and crawlers ask every host for at fixed, language-neutral addresses:
``/robots.txt`` and ``/favicon.ico`` (``/sitemap.xml`` is ``home.sitemaps``)."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Site


@require_safe
def robots_txt(request):
    """The crawling rules (``templates/robots.txt``) and this site's own sitemap.

    The sitemap's address is built on the Wagtail site's root URL, as every ``<loc>`` in it is, so
    crawlers find it on the same scheme and host as the pages it lists. A host that is no museum's
    has no sitemap to name.
    """
    site = Site.find_for_request(request)
    sitemap_url = f"{site.root_url}{reverse('sitemap')}" if site is not None else ""
    return render(
        request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8"
    )


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request):
    """``static/favicon.ico`` (drawn by scripts/build_favicon.py) itself, not a redirect: browsers and
    feed readers that ask for ``/favicon.ico`` without reading the page's ``<link rel="icon">`` take
    only an icon answered there. Read through the static files finders, the source collectstatic
    copies from, so it answers before and after collectstatic alike."""
    found = finders.find("favicon.ico")
    if not found:
        raise Http404("No favicon.")
    return FileResponse(open(found, "rb"), content_type="image/x-icon")
