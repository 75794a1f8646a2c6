"""What a search finds on one site in one language: its pages, and the partners its partners page lists.

Pages (exhibitions, conferences, crafts fairs, news and every other page) come from Wagtail's search
backend (``search.backends``), restricted to the live, public pages under the site's home page in the
active language. Partners are not pages: they are the records the site's partners page lists, each
as visitors see it (``museums.localization``: the translation in the visitor's language when it is
live, else the English record). A site lists a few dozen of them and that page loads them all at
once, so they are matched here, in one query, on the shown record's name, short name, city and
description (their texts kept in the shared cache under the partners page's token); the index could
not say which record of a partner a visitor is shown.

Partners whose name matches come first (a visitor who types an institution's name wants it), then
the pages by relevance, then partners found only by their city or description.

Pages are the ``MAX_PAGE_HITS`` most relevant, read in one ranked query: a word such as "exhibition"
matches thousands of pages in a large network, and counting them all (a second query, as long as
the search itself) would make every search slower as the museums grow, for pages of results that
nobody reads. The results page says when there were more and how to narrow them.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from events.filters import KINDS as EVENT_KINDS
from events.models import EventPage, PartnerIndexPage
from events.models.base import event_years, running_in
from home.site_cache import page_cached
from museums.models import Partner
from news.models import NewsPage

KIND_OF_MODEL = {model: code for code, model in EVENT_KINDS.items()}
MAX_PAGE_HITS = 100


def site_pages(home):
    """The pages a visitor of this site and language can reach: live, public, under ``home``."""
    return Page.objects.live().public().descendant_of(home, inclusive=True)


def years(pages):
    """The years the year filter offers: those in which an event runs (as the events listing
    counts them) or a news item is dated, newest first. Two queries; ``search.views`` keeps the
    answer under the home page's address token, which every change of an event or news renews."""
    found = event_years(pages, prefix="eventpage__")
    found.update(
        pages.filter(newspage__isnull=False).values_list("newspage__date__year", flat=True).distinct()
    )
    return sorted(found, reverse=True)


def pages_for(pages, kind, year):
    """``pages`` narrowed to a kind and a year, or ``None`` when no page can be of that kind."""
    if kind in EVENT_KINDS:
        pages = pages.type(EVENT_KINDS[kind])
    elif kind == "news":
        pages = pages.type(NewsPage)
    elif kind == "page":
        pages = pages.not_type(EventPage, NewsPage)
    elif kind == "partner":
        return None
    if year is not None:
        # As the events listing: an event belongs to every year it runs in.
        running = EventPage.objects.filter(running_in(year))
        dated = NewsPage.objects.filter(date__year=year)
        pages = pages.filter(Q(pk__in=running.values("pk")) | Q(pk__in=dated.values("pk")))
    return pages


def _stem(word):
    """A word's first letters, which its inflected forms share: «Эрмитажа» and «Эрмитаж», "museums"
    and "museum". A crude stand-in for stemming, on a list that is short and mostly names."""
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def _text(*parts):
    return " ".join(part for part in parts if part).casefold()


def partner_texts(request, index):
    """``[(id, name text, all text)]`` of the partners ``index`` lists as visitors see them, each
    text case-folded: their names, and their names with city and description. Kept under the
    partners page's address token (``home.site_cache.page_cached``), which every change of a partner
    or an agreement renews, so a search matches them without loading a record."""

    def find():
        rows = index.partners(request).values_list("pk", "name", "short_name", "city", "description")
        return [
            (pk, _text(name, short_name), _text(name, short_name, city, description))
            for pk, name, short_name, city, description in rows
        ]

    return page_cached(request, index, "search-partner-texts", find)


def partners_for(request, pages, terms):
    """(partners named by ``terms``, partners found by their city or description), as shown.

    The partners are those the site's partners page lists in this language; none when the site has
    no live partners page. A partner matches when each term's stem begins one of its words.
    """
    index = PartnerIndexPage.objects.filter(pk__in=pages.values("pk")).first()
    if index is None or not terms:
        return [], []
    patterns = [re.compile(r"(?<!\w)" + re.escape(_stem(term.casefold()))) for term in terms]

    def matches(text):
        return all(pattern.search(text) for pattern in patterns)

    named, described = [], []
    for pk, names, everything in partner_texts(request, index):
        if matches(names):
            named.append(pk)
        elif matches(everything):
            described.append(pk)
    return [PartnerHit(pk, index) for pk in named], [PartnerHit(pk, index) for pk in described]


@dataclass
class PageHit:
    """A page found, read from the database only when its page of results is shown."""

    pk: int


@dataclass
class PartnerHit:
    """A partner found, read from the database only when its page of results is shown."""

    pk: int
    index: PartnerIndexPage


class Hits:
    """The hits of one search as one sequence for Django's ``Paginator``: named partners, pages by
    relevance (at most ``MAX_PAGE_HITS``), other partners."""

    def __init__(self, named=(), pages=(), described=(), more_pages=False):
        self.items = [*named, *pages, *described]
        # True when the search matched more pages than are shown.
        self.more_pages = more_pages

    def __len__(self):
        return len(self.items)

    def __getitem__(self, key):
        return self.items[key]


def search(request, pages, terms, kind=None, year=None, language=None):
    """All hits for ``terms`` (words) among ``pages`` and the site's partners, as ``Hits``."""
    if not terms:
        return Hits()
    narrowed = pages_for(pages, kind, year)
    found = []
    if narrowed is not None:
        backend = get_search_backend("default", LANGUAGE=language)
        # Ids only, one more than is shown to know whether there were more: the pages of the shown
        # page of results are read by ``describe``, not the hundred ranked here.
        ranked = backend.search(" ".join(terms), narrowed.values_list("pk", flat=True), operator="and")
        found = [PageHit(pk) for pk in ranked[: MAX_PAGE_HITS + 1]]
    named, described = [], []
    if kind in (None, "", "partner") and year is None:
        named, described = partners_for(request, pages, terms)
    return Hits(named, found[:MAX_PAGE_HITS], described, more_pages=len(found) > MAX_PAGE_HITS)


@dataclass
class Hit:
    """One line of the results: what it is, its title and address, its dates and summary."""

    kind: str
    label: str
    title: str
    url: str
    dates: str = ""
    summary: str = ""
    lang_attr: str = ""


def describe(request, found):
    """``Hit``s for one page of results (pages and partners, in order): a query for the pages'
    own fields plus one per page type among them, and one for the partners, whatever their number."""
    page_ids = [item.pk for item in found if isinstance(item, PageHit)]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()} if page_ids else {}
    partner_ids = [item.pk for item in found if isinstance(item, PartnerHit)]
    partners = Partner.objects.select_related("locale").in_bulk(partner_ids) if partner_ids else {}
    hits = []
    for item in found:
        if isinstance(item, PartnerHit):
            partner = partners.get(item.pk)
            if partner is None:  # gone between the search and this query
                continue
            url = partners_url(request, item.index) + item.index.reverse_subpage(
                "partner", kwargs={"slug": partner.slug}
            )
            hits.append(
                Hit(
                    kind="partner",
                    label=Partner._meta.verbose_name,
                    title=partner.name,
                    url=url,
                    summary=partner.description,
                    lang_attr=partner.lang_attr,
                )
            )
            continue
        page = specific.get(item.pk)
        if page is None:  # unpublished between the search and this query
            continue
        hits.append(page_hit(request, page))
    return hits


def partners_url(request, index):
    """The partners page's address, worked out once per request for all its partners' hits."""
    known = request.__dict__.setdefault("_partners_urls", {})
    if index.pk not in known:
        known[index.pk] = index.get_url(request)
    return known[index.pk]


def page_hit(request, page):
    url = page.get_url(request)
    if isinstance(page, EventPage):
        kind = KIND_OF_MODEL.get(page.specific_class, "event")
        return Hit(kind, page.kind_label, page.title, url, page.dates_display, page.summary)
    if isinstance(page, NewsPage):
        return Hit("news", NewsPage._meta.verbose_name, page.title, url, page.date_display, page.summary)
    summary = getattr(page, "intro", "") or page.search_description
    return Hit("page", _("Page"), page.title, url, summary=summary)
