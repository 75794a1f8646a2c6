"""Header navigation, breadcrumbs and the language switcher, all in the request's site and locale."""

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Page, Site

from home.querystrings import filter_query

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


class LanguageVersions(list):
    """The switcher's entries (kk, ru, en order), plus what ``<head>`` needs beside them.

    - ``canonical``: the absolute URL of the version shown, without a query string (a filtered
      listing is a view of its page, not a page of its own), or ``""`` when none is shown.
    - ``x_default``: for visitors whose language is none of the three. On a home page it is the bare
      ``/`` of the site, the one language-neutral address there is: it sends each visitor on by their
      cookie or ``Accept-Language`` (``home.views.choose_language``). Any other page has no neutral
      address, so it is the source-language (English) version, the one every translation is made
      from and the likeliest to be read by a visitor from abroad; ``""`` when that version is not live.
    """

    canonical = ""
    x_default = ""


def switcher_query(request):
    """The query string a switcher link keeps: the filters of a listing (events, partners, news),
    which are language-neutral codes and slugs, but not ``page``, since the same filter can have a
    different number of pages in another language."""
    query = filter_query(request)
    return f"?{query}" if query else ""


def versions_of(request, alternates, current, query=""):
    """``LanguageVersions`` for ``alternates``, ``(page, subpath)`` pairs one per language (a tree
    page's live translations with ``""``, or a routable page's translations with the sub-route),
    ``current`` being the page shown; ``query`` is added to the switcher's links only."""
    order = [code for code, _name in settings.LANGUAGES]
    alternates = sorted(alternates, key=lambda pair: order.index(pair[0].locale.language_code))
    versions = LanguageVersions()
    for version, subpath in alternates:
        code = version.locale.language_code
        url = version.get_url(request)
        full_url = version.get_full_url(request)
        if url is None or full_url is None:  # not routable on any site
            continue
        versions.append(
            {
                "code": code,
                "name": LANGUAGE_AUTONYMS.get(code, code),
                "url": f"{url}{subpath}{query}",
                "full_url": f"{full_url}{subpath}",
                "is_current": version.pk == current.pk,
            }
        )
    by_code = {version["code"]: version for version in versions}
    versions.canonical = next((v["full_url"] for v in versions if v["is_current"]), "")
    site = Site.find_for_request(request) if request is not None else None
    if current.depth == 2 and not any(subpath for _page, subpath in alternates) and site is not None:
        versions.x_default = f"{site.root_url}/"
    elif settings.SOURCE_LANGUAGE_CODE in by_code:
        versions.x_default = by_code[settings.SOURCE_LANGUAGE_CODE]["full_url"]
    return versions


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """The live versions of ``page`` (or of the home page) as switcher and ``hreflang`` entries.

    Each entry is the same page in another language, never a stand-in: a language the page is not
    published in is left out, as docs/translation-policy.md says, rather than linked to that
    language's home page. A switcher link that quietly lands elsewhere would break its promise ("this
    page, in Kazakh"), and ``hreflang`` alternates must be equivalent pages; the visitor still
    reaches that language's site through the bare ``/`` or any page that has the translation.

    A routable page's sub-route (a partner's page) gives its own versions in the context as
    ``language_alternates``: ``(page, subpath)`` pairs, see ``PartnerIndexPage.partner_route``.
    """
    request = context.get("request")
    alternates = context.get("language_alternates") if page is None else None
    page = page or context.get("page")
    # The query string belongs to the page shown; outside the tree (a 404) the switcher offers the
    # home pages, without it.
    query = switcher_query(request)
    if not isinstance(page, Page):
        page, alternates, query = site_home(context), None, ""
    if page is None:
        return LanguageVersions()
    if alternates is None:
        alternates = [
            (version, "") for version in page.get_translations(inclusive=True).live().select_related("locale")
        ]
    return versions_of(request, alternates, page, query)


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
def breadcrumbs(context, current=None):
    """The page's live ancestors below the tree root, then the page itself as the current crumb.

    A routable page's sub-route names what it shows as ``current`` (a record with ``name`` and
    ``lang_attr``, such as a partner): the page then becomes a link and ``current`` the last crumb.
    """
    request = context["request"]
    page = context.get("page")
    crumbs = [(p.title, p.get_url(request)) for p in navigation(request, page)["ancestors"] if p.live]
    if current is None:
        return {"crumbs": crumbs, "current_title": page.title, "current_lang_attr": ""}
    crumbs.append((page.title, page.get_url(request)))
    return {"crumbs": crumbs, "current_title": current.name, "current_lang_attr": current.lang_attr}
