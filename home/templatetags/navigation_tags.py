"""Header navigation, breadcrumbs and the language switcher, all in the request's site and locale."""

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Page, Site

register = template.Library()

# Each language named in itself, so a visitor finds their own whatever page they are on.
LANGUAGE_AUTONYMS = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def navigation(request, page):
    """The home page, the page's ancestors below the tree root and the menu items, once per request.

    A page's ancestors already hold its home page, in the page's own language, so a page costs one
    query for them and one (plus Wagtail's view-restriction check) for the menu. Only pages outside
    the tree (a 404) look the home page up through the site.
    """
    cached = getattr(request, "_museum_navigation", None)
    if cached is not None:
        return cached
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gte=2))
        home = ancestors[0]
    elif isinstance(page, Page) and page.depth == 2:
        home = page
    else:
        site = Site.find_for_request(request)
        home = site.root_page.localized if site is not None else None
    items = []
    if home is not None:
        current_path = page.path if isinstance(page, Page) else ""
        for child in home.get_children().live().public().in_menu():
            items.append(
                {
                    "title": child.title,
                    "url": child.get_url(request),
                    "is_current": bool(current_path) and current_path.startswith(child.path),
                }
            )
    request._museum_navigation = {"home": home, "ancestors": ancestors, "items": items}
    return request._museum_navigation


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context.get("request")
    return navigation(request, context.get("page"))["home"] if request is not None else None


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """The live versions of ``page`` (or of the home page) as switcher entries, kk/ru/en order."""
    request = context.get("request")
    page = page or context.get("page")
    if not isinstance(page, Page):
        page = site_home(context)
    if page is None:
        return []
    order = [code for code, _name in settings.LANGUAGES]
    versions = sorted(
        page.get_translations(inclusive=True).live().select_related("locale"),
        key=lambda version: order.index(version.locale.language_code),
    )
    return [
        {
            "code": version.locale.language_code,
            "name": LANGUAGE_AUTONYMS.get(version.locale.language_code, version.locale.language_code),
            "url": version.get_url(request),
            "full_url": version.get_full_url(request),
            "is_current": version.pk == page.pk,
        }
        for version in versions
    ]


@register.simple_tag
def content_language(versions):
    """The language of the content shown: the current version's, which differs from the interface
    language when Wagtail falls back to the source page."""
    current = next((version["code"] for version in versions if version["is_current"]), None)
    return current or translation.get_language()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    found = navigation(request, context.get("page"))
    return {"home": found["home"], "items": found["items"], "request": request}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context["request"]
    page = context.get("page")
    ancestors = navigation(request, page)["ancestors"]
    return {"crumbs": [(p.title, p.get_url(request)) for p in ancestors if p.live], "page": page}
