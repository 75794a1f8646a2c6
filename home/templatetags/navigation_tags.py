"""Header navigation, breadcrumbs and the language switcher, all in the request's site and locale."""

from django import template
from django.utils import translation

from wagtail.models import Page, Site

from home.languages import LanguageVersions, page_versions, versions_of
from home.querystrings import filter_query
from home.site_cache import site_cached
from home.structured_data import ancestors as page_ancestors

register = template.Library()


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
        # Shared with the breadcrumb trail of the structured data: one query per page.
        ancestors = page_ancestors(page)
        home = ancestors[0]
    elif isinstance(page, Page) and page.depth == 2:
        home = page
    else:
        site = Site.find_for_request(request)
        home = site.root_page.localized if site is not None else None
    items = []
    if home is not None:
        current_path = page.path if isinstance(page, Page) else ""
        items = [
            {**item, "is_current": bool(current_path) and current_path.startswith(item["path"])}
            for item in site_cached(request, f"menu:{home.pk}", lambda: menu_items(request, home))
        ]
    request._museum_navigation = {"home": home, "ancestors": ancestors, "items": items}
    return request._museum_navigation


def menu_items(request, home):
    """The header menu of ``home``: the same on every page of its site and language, so kept in the
    shared cache (``home.site_cache``)."""
    return [
        {"title": child.title, "url": child.get_url(request), "path": child.path}
        for child in home.get_children().live().public().in_menu()
    ]


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context.get("request")
    return navigation(request, context.get("page"))["home"] if request is not None else None


def switcher_query(request):
    """The query string a switcher link keeps: the filters of a listing (events, partners, news),
    which are language-neutral codes and slugs, but not ``page``, since the same filter can have a
    different number of pages in another language."""
    query = filter_query(request)
    return f"?{query}" if query else ""


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """The live versions of ``page`` (or of the home page) as switcher and ``hreflang`` entries
    (``home.languages``, which the sitemap shares).

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
        return page_versions(request, page, query)
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
