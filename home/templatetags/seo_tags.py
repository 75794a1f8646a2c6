"""What search engines and link previews read in ``<head>``: the description, Open Graph and Twitter
card tags with their image, the news feed of the site, and the page's schema.org JSON-LD.

The page says what it is; this module only writes it out. ``structured_data`` asks the page for
``structured_data(request)`` (``BasePage`` gives its breadcrumb trail, page types add theirs in their
own apps), so ``home`` never imports the apps that build on it. A routable page's sub-route that shows
a record of its own (a partner) describes it with ``route_meta(request)``: ``{"description", "image",
"image_alt"}``, any of them optional.
"""

import json

from django import template
from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from wagtail.models import Page, PageViewRestriction, Site

from home.site_cache import site_cached
from home.structured_data import LOGO_SPEC, absolute, image_url, rendition, share_rendition

register = template.Library()

# Open Graph names a locale with its territory: the network's visitors read Kazakh and Russian as
# written in Kazakhstan and Russia, and English in the British usage the site follows (home.dates).
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}

# A page without an image of its own is shared with the museum's logo, or else with the ornament in
# its site's colours (static/images/share/<theme>.png, drawn with demo.artwork at the card's size).
SHARE_IMAGE_SIZE = (1200, 630)
DESCRIPTION_WORDS = 40

# Inside <script>, "</script>" or "<!--" in a title would end the element or start a comment; these
# characters are written as JSON escapes instead, as Django's json_script does.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: renders its content (already escaped) into
    ``name`` instead of the page, so ``<title>`` and ``og:title`` share the ``title`` block that page
    templates override."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


def plain(text):
    return " ".join(str(text or "").split())


def description_of(page, route, site_name):
    """The first of: the sub-route's description, the page's search description, its summary or
    introduction, the museum's name; never empty, always in the page's language."""
    candidates = [route.get("description")]
    if page is not None:
        candidates += [page.search_description, getattr(page, "summary", ""), getattr(page, "intro", "")]
    candidates.append(site_name)
    for text in candidates:
        text = plain(text)
        if text:
            return Truncator(text).words(DESCRIPTION_WORDS)
    return ""


def share_image(request, page, route, museum, theme):
    """``{"url", "width", "height", "alt"}`` for the card: the sub-route's image (a logo, fitted), the
    page's own image (cropped to 1200×630), the museum's logo (fitted), or the ornament of the site's
    theme. ``alt`` is ``""`` for an image its page marks decorative."""
    found, alt = None, ""
    if route.get("image") is not None:
        found, alt = rendition(request, route["image"], LOGO_SPEC), route.get("image_alt", "")
    elif page is not None:
        found, alt = share_rendition(request, page), getattr(page, "image_alt_text", "")
    if found is None and museum and museum.logo_id:
        found, alt = rendition(request, museum.logo, LOGO_SPEC), museum.name
    if found is not None:
        return {"url": image_url(request, found), "width": found.width, "height": found.height, "alt": alt}
    if theme not in settings.MUSEUM_THEMES:
        theme = next(iter(settings.MUSEUM_THEMES))
    width, height = SHARE_IMAGE_SIZE
    return {
        "url": absolute(request, static(f"images/share/{theme}.png")),
        "width": width,
        "height": height,
        "alt": gettext("Ram's-horn curls, the ornament of Kazakh felt and embroidery"),
    }


def news_feed(request, page, home, site_name):
    """``{"url", "title"}`` of the news feed of ``home``'s site and language, or ``None``.

    The news index is named by its dotted model name, as ``HomePage.subpage_types`` does, so ``home``
    does not import ``news``. On the news index itself this costs nothing, elsewhere one query per
    site and language (``home.site_cache``); an index with a view restriction of its own is not
    advertised to every visitor. The title is the feed's own channel title
    (``news.feeds.NewsFeed.title``).
    """
    if request is None or home is None:
        return None
    try:
        index_model = apps.get_model("news", "NewsIndexPage")
    except LookupError:
        return None
    if isinstance(page, index_model) and page.live:
        return feed_link(request, page, site_name)

    def find():
        restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
        index = index_model.objects.child_of(home).live().exclude(Exists(restricted)).first()
        return feed_link(request, index, site_name)

    # The same on every page of a site and language (home.site_cache).
    return site_cached(request, f"news-feed:{home.pk}", find)


def feed_link(request, index, site_name):
    url = index.get_url(request) if index is not None else None
    if url is None:
        return None
    return {
        "url": absolute(request, url + index.reverse_subpage("feed")),
        "title": f"{site_name} — {index.title}",
    }


def described_page(context):
    """The page ``<head>`` describes, or ``None``: never a private page whose password form is shown
    instead (``BasePage.serve_password_required_response``), whose title and summary are its own."""
    page = context.get("page")
    if not isinstance(page, Page) or context.get("private_page"):
        return None
    return page


@register.simple_tag(takes_context=True)
def page_meta(context, versions, home=None):
    """What ``<head>`` says about the page shown, in its language: ``description``, ``type``,
    ``url`` (the canonical one), ``site_name``, ``locale`` and ``locale_alternates``, ``image``
    (``share_image``) and ``feed`` (``news_feed``).

    ``versions`` is ``{% language_versions %}``; ``home`` is ``{% site_home %}``. Reuses the museum
    the context already holds, so it adds no query but the feed's and, for a page with an image,
    its rendition's.
    """
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    described = described_page(context)
    museum = context.get("museum") or None
    route_meta = getattr(described, "route_meta", None)
    route = (route_meta(request) if callable(route_meta) and request is not None else None) or {}
    if museum:
        site_name = museum.name
    else:
        site = Site.find_for_request(request) if request is not None else None
        site_name = site.site_name if site is not None else ""
    current = next((version["code"] for version in versions if version["is_current"]), None)
    language = current or (translation.get_language() or settings.LANGUAGE_CODE)
    alternates = [
        OG_LOCALES.get(version["code"], version["code"]) for version in versions if not version["is_current"]
    ]
    return {
        "description": description_of(described, route, site_name),
        "type": getattr(described, "og_type", "website"),
        "url": versions.canonical if page is not None else "",
        "site_name": site_name,
        "locale": OG_LOCALES.get(language, language),
        "locale_alternates": alternates if current else [],
        "image": share_image(request, described, route, museum, context.get("theme") or "")
        if request is not None
        else None,
        "feed": news_feed(request, page, home, site_name),
    }


def json_ld(data):
    """``data`` as JSON safe to write inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # escaped just above


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD, one ``<script>`` per item of ``page.structured_data(request)``."""
    request = context.get("request")
    page = described_page(context)
    method = getattr(page, "structured_data", None)
    if request is None or page is None or not callable(method):
        return ""
    items = [item for item in method(request) if item]
    return format_html_join(
        "\n    ", '<script type="application/ld+json">{}</script>', ((json_ld(item),) for item in items)
    )
