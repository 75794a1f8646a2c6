"""Header navigation, breadcrumbs and the language switcher, all in the request's site and locale."""

from django import template
from django.conf import settings

from wagtail.models import Page, Site

register = template.Library()

# Each language named in itself, so a visitor finds their own whatever page they are on.
LANGUAGE_AUTONYMS = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def localized_home(request):
    """The home page of the request's site in the active language (the source one if untranslated)."""
    if not hasattr(request, "_localized_home"):
        site = Site.find_for_request(request)
        request._localized_home = site.root_page.localized if site is not None else None
    return request._localized_home


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context.get("request")
    return localized_home(request) if request is not None else None


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """The live versions of ``page`` (or of the home page) as switcher entries, kk/ru/en order."""
    request = context.get("request")
    page = page or context.get("page")
    if not isinstance(page, Page):
        page = localized_home(request) if request is not None else None
    if page is None:
        return []
    current = page.locale_id
    order = [code for code, _name in settings.LANGUAGES]
    versions = sorted(
        page.get_translations(inclusive=True).live().select_related("locale"),
        key=lambda version: order.index(version.locale.language_code),
    )
    entries = []
    for version in versions:
        code = version.locale.language_code
        entries.append(
            {
                "code": code,
                "name": LANGUAGE_AUTONYMS.get(code, code),
                "url": version.get_url(request),
                "full_url": version.get_full_url(request),
                "is_current": version.locale_id == current,
            }
        )
    return entries


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = localized_home(request)
    page = context.get("page")
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
    return {"home": home, "items": items, "request": request}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    ancestors = page.get_ancestors().filter(depth__gte=2).live()
    return {"crumbs": [(p.title, p.get_url(request)) for p in ancestors], "page": page}
