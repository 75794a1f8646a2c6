from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from home.site_cache import site_cached
from museums.models import Museum, MuseumSiteSettings


def site_settings_for(request):
    """The request's ``MuseumSiteSettings``, or ``None`` off a museum's host; from the shared cache
    (``home.site_cache``), read once per request."""

    def load():
        site = Site.find_for_request(request)
        found = MuseumSiteSettings.for_site(site) if site is not None else None
        if found is not None and found.museum_id:
            found.museum  # noqa: B018  (its source record is kept with it)
        return found

    return site_cached(request, "museum-site-settings", load)


def shown_museum(request):
    """The request's museum as visitors see it (``Museum.in_active_language``), or ``None`` off a
    museum site: from the shared cache, read once per request and language, shared by the templates
    (``museum_identity``), the structured data and the feeds."""

    def load():
        found = site_settings_for(request)
        return Museum.in_active_language(found.museum_id) if found is not None and found.museum_id else None

    return site_cached(request, "shown-museum", load)


def museum_identity(request):
    """``museum`` and ``theme`` for the request's site.

    The museum is chosen by the policy every translatable record follows on the public site
    (``museums.localization``): live in the active language, else live in the source language
    (templates then declare its language with ``museum.lang_attr``), else none, and the header and
    footer leave it out. Lazy, so admin pages and error pages that never use them cost no query.
    """

    def theme():
        found = site_settings_for(request)
        return found.theme if found is not None else ""

    return {"museum": SimpleLazyObject(lambda: shown_museum(request)), "theme": SimpleLazyObject(theme)}
