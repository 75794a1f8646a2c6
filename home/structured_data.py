"""schema.org data (JSON-LD) that every page shares: its breadcrumb trail, dates, images and URLs.

Pages say what they are through ``structured_data(request)``, a list of JSON-LD dicts that
``home.templatetags.seo_tags`` writes into ``<head>``: ``BasePage`` gives the breadcrumb trail, and
page types with more to say add to it with builders in their own app (``museums.structured_data``,
``events.structured_data``, ``news.structured_data``), which build on the helpers here.

Dates known only to the month or the year are written in ISO 8601's reduced forms, ``"2019-03"`` and
``"2019"``, which schema.org's ``Date`` accepts: a page never gives search engines an invented day.
"""

import datetime

from django.utils import timezone

from home.dates import DatePrecision

SCHEMA = "https://schema.org"

# The share image of a page (``og:image``, ``twitter:image`` and its schema.org ``image``): the 1.91:1
# card link previews use, as JPEG, which every reader of link previews shows.
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg"
# A logo is never cropped: it is fitted into the same box instead.
LOGO_SPEC = "max-1200x630"


def absolute(request, url):
    """``url`` (a path, or already absolute on a CDN) as an absolute URL on the request's host."""
    return request.build_absolute_uri(url) if url else ""


def rendition(request, image, spec):
    """``image``'s rendition for ``spec``, once per request (the head and the JSON-LD use the same
    one), or ``None`` without an image or when its file cannot be read: a page is never broken for
    want of a preview."""
    if image is None:
        return None
    cache = request.__dict__.setdefault("_seo_renditions", {})
    key = (image.pk, spec)
    if key not in cache:
        try:
            cache[key] = image.get_rendition(spec)
        except Exception:  # a missing or unreadable file (SourceImageIOError, PIL's errors)
            cache[key] = None
    return cache[key]


def share_rendition(request, page):
    """The page's own image (``PageImageMixin``) as the share card's rendition, or ``None``."""
    image = getattr(page, "main_image", None)
    return rendition(request, image, SHARE_IMAGE_SPEC)


def image_url(request, found):
    """The absolute URL of a rendition, or ``""``."""
    return absolute(request, found.url) if found is not None else ""


def iso_partial(value, precision, time=None):
    """A date as schema.org reads it, no more precise than known: ``"2019"``, ``"2019-03"``,
    ``"2019-03-12"``, or with a time (Kazakhstan time, ``TIME_ZONE``) ``"2019-03-12T10:00:00+05:00"``."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    if time is not None:
        return timezone.make_aware(datetime.datetime.combine(value, time)).isoformat()
    return value.isoformat()


def ancestors(page):
    """The page's ancestors below the tree root (its home page first), read once per page object:
    the breadcrumb trail and the builders that need the page's home page share one query."""
    if "_seo_ancestors" not in page.__dict__:
        page.__dict__["_seo_ancestors"] = list(page.get_ancestors().filter(depth__gte=2))
    return page.__dict__["_seo_ancestors"]


def home_of(page):
    """The home page of ``page``'s site and language (the page itself for a home page)."""
    if page.depth <= 2:
        return page
    found = ancestors(page)
    return found[0] if found else None


def breadcrumb_list(request, page, extra=()):
    """A ``BreadcrumbList`` of the trail ``templates/components/breadcrumbs.html`` shows: the live
    ancestors below the tree root, then the page. ``extra`` is ``[(name, absolute url)]`` for a
    routable page's sub-route (a partner): the page is then a crumb and the last of ``extra`` the
    current one. Every item names its absolute URL, the current page's too."""
    crumbs = [
        (ancestor.title, ancestor.get_full_url(request)) for ancestor in ancestors(page) if ancestor.live
    ]
    crumbs.append((page.title, page.get_full_url(request)))
    crumbs.extend(extra)
    crumbs = [(name, url) for name, url in crumbs if url]  # a page no site routes to is left out
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
