from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from museums.models import Museum, MuseumSiteSettings


def museum_identity(request):
    """``museum`` and ``theme`` for the request's site.

    The museum is chosen by the policy every translatable record follows on the public site
    (``museums.localization``): live in the active language, else live in the source language
    (templates then declare its language with ``museum.lang_attr``), else none, and the header and
    footer leave it out. Lazy, so admin pages and error pages that never use them cost no query.
    """

    def site_settings():
        if not hasattr(request, "_museum_site_settings"):
            site = Site.find_for_request(request)
            request._museum_site_settings = (
                MuseumSiteSettings.for_request(request) if site is not None else None
            )
        return request._museum_site_settings

    def museum():
        found = site_settings()
        if found is None or found.museum_id is None:
            return None
        return Museum.in_active_language(found.museum_id)

    def theme():
        found = site_settings()
        return found.theme if found is not None else ""

    return {"museum": SimpleLazyObject(museum), "theme": SimpleLazyObject(theme)}
