"""Each museum's sitemap: ``/sitemap.xml`` is an index of files of at most ``PER_FILE`` addresses each,
``/sitemap-pages.xml`` (every live, public page of the requesting site in every language) and
``/sitemap-subpages.xml`` (the addresses routable pages serve below themselves: a partner's page per
language), each with its language versions as ``hreflang`` alternates.

Why an index of small files rather than one ``urlset``: the protocol allows 50,000 addresses a file,
but the network's sites hold tens of thousands of pages in three languages, and one file of them
(7 MB, four seconds to build) is what every crawler and every cache miss would pay. A file of
``PER_FILE`` addresses costs the same however large the site grows (about 25 ms to build on the
benchmark's machine); the index costs a count, kept until a page of the site changes.

The alternates are the ones the page's own head names (``home.languages``), so a search engine reads
the same answer in both places, and they are reciprocal: a page's versions are the other pages of
its translation group that the sitemap lists. A routable page adds its sub-routes by defining
``sitemap_subpages(request)`` (cheap keys, in order) and ``sitemap_subpage_entry(request, key)``
(one entry, built with ``sitemap_entry``), so that only one file's entries are ever built. Each file
costs a fixed number of queries, however many pages and languages.
"""

import functools
from collections.abc import Sequence
from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page, get_page_models

from home.languages import remember_versions, versions_of
from home.page_cache import cacheable
from home.routing import cached_site
from home.site_cache import path_cached, site_cached


def sitemap_entry(versions, lastmod):
    """One ``<url>`` of the sitemap from the ``LanguageVersions`` of the version it is for."""
    return {
        "location": versions.canonical,
        "lastmod": lastmod,
        "alternates": [{"lang_code": code, "location": url} for code, url in versions.hreflang_links()],
    }


class ListedPage:
    """A live page of the site read as a row, not a model instance, with what ``versions_of`` asks
    of a version: ``pk``, ``depth``, ``locale`` and its addresses.

    Why rows and not Wagtail's ``get_url_parts``: a file reads its pages and their versions, three
    times as many, and a ``Page`` instance (modelcluster's set-up) and the two reverses of the serve
    route Wagtail makes per version cost more than everything else in the file. A page's address is
    its language's home page's address, which Wagtail works out, followed by the page's ``url_path``
    below that home page, percent-encoded as Django's ``reverse`` encodes a path;
    ``tests/test_sitemap.py`` holds it to Wagtail's own answer."""

    __slots__ = ("depth", "full_url", "lastmod", "locale", "pk", "translation_key", "url")

    def __init__(self, row, home):
        self.pk, _path, url_path, self.translation_key, self.depth, published, revised = row
        below = quote(url_path[len(home.url_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
        self.locale = home.locale
        self.url = home.address + below
        self.full_url = home.full_address + below
        self.lastmod = published or revised

    def get_url(self, request=None):
        return self.url

    def get_full_url(self, request=None):
        return self.full_url


ROW = (
    "pk",
    "path",
    "url_path",
    "translation_key",
    "depth",
    "last_published_at",
    "latest_revision_created_at",
)


# Addresses per file: a crawler's fetch and a cache miss each build at most this many entries, each
# with its versions. 200 keeps a file's build near the cost of a page (it was 500: 90 ms), at the
# price of more, smaller files for a crawler to fetch, each cached like a page.
PER_FILE = 200


class SiteSitemap(Sitemap):
    """What both sections share: the requesting site, its pages in every language, and files of at
    most ``PER_FILE`` addresses."""

    limit = PER_FILE

    @functools.cached_property
    def paginator(self):
        """Counted once per request: Django's is a property that counts again at each use."""
        return super().paginator

    def get_wagtail_site(self):
        return cached_site(self.request)

    def site_pages(self):
        """The live, public pages under the site's home page in every language, selected by tree
        path, which PostgreSQL reads from its index in tree order, the order of the files."""
        under_a_home = Q(pk__in=[])
        for path in self.home_paths():
            under_a_home |= Q(path__startswith=path)
        return Page.objects.filter(under_a_home).live().public()

    def home_paths(self):
        """The tree paths of the site's home page in each language, from the site cache (a home
        page's change renews the whole site's token)."""
        root = self.get_wagtail_site().root_page

        def find():
            return list(root.get_translations(inclusive=True).values_list("path", flat=True))

        return site_cached(self.request, "sitemap-home-paths", find)

    def located(self, urls):
        """The entries that have an address, noting the latest date for the Last-Modified header."""
        urls = [url_info for url_info in urls if url_info["location"]]
        last_mods = {url_info["lastmod"] for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class MuseumSitemap(SiteSitemap):
    """The pages Wagtail routes on the requesting site: those under its home page in each language.

    Wagtail's own sitemap lists the descendants of the site's root page, which is the home page in
    one language; the other languages' home pages are its siblings, so their trees would be missing.
    """

    @functools.cached_property
    def summary(self):
        """``{"count", "latest"}`` of the site's pages, in one aggregate: the files' count and the
        index's date for this section (Django's default would call ``lastmod`` on every page).

        Kept under the section's address token, which every change of a page of the site renews
        (``home.cache_invalidation``): the aggregate reads every page of the site, so the index
        and each file would otherwise cost more the larger the site."""
        latest = Coalesce("last_published_at", "latest_revision_created_at")

        def count():
            return self.site_pages().aggregate(count=Count("pk"), latest=Max(latest))

        return path_cached(self.request, reverse("sitemap-section", args=["pages"]), "sitemap-summary", count)

    @functools.cached_property
    def paginator(self):
        paginator = super().paginator
        paginator.count = self.summary["count"]  # Paginator.count is a cached property
        return paginator

    def items(self):
        """The pages as rows, a translation group's versions side by side: a file then holds the
        versions of its pages itself, but for the groups at its two ends (``_urls``)."""
        return self.site_pages().order_by("translation_key", "locale_id").values_list(*ROW)

    def get_latest_lastmod(self):
        return self.summary["latest"]

    @functools.cached_property
    def homes(self):
        """The site's home page in each language, each with its addresses as Wagtail gives them:
        the start of every address of its language (``ListedPage``)."""
        homes = list(Page.objects.filter(path__in=self.home_paths()).select_related("locale"))
        for home in homes:
            home.address, home.full_address = home.get_url(self.request), home.get_full_url(self.request)
        return homes

    def listed(self, rows):
        return [ListedPage(row, home) for row in rows for home in self.homes if row[1].startswith(home.path)]

    def _urls(self, page, protocol, domain):
        paginator = self.paginator
        pages = self.listed(paginator.page(page).object_list)
        # A page's versions are the pages of its translation group that the sitemap lists. Only the
        # groups at the file's ends can have versions in the next or the previous file: those are
        # read by their translation key, which the database finds by index (a query for every
        # group of the file would read the whole table).
        candidates = pages
        if pages and paginator.num_pages > 1:
            ends = {pages[0].translation_key, pages[-1].translation_key}
            here = {listed.pk for listed in pages}
            beyond = self.items().filter(translation_key__in=ends).exclude(pk__in=here)
            candidates = pages + self.listed(beyond)
        groups = {}
        for version in candidates:
            groups.setdefault(version.translation_key, []).append((version, ""))
        urls = []
        for listed in pages:
            versions = versions_of(self.request, groups[listed.translation_key], listed)
            urls.append(sitemap_entry(versions, listed.lastmod))
        return self.located(urls)


class SubpageSitemap(SiteSitemap):
    """The addresses that routable pages serve below themselves (a partner's page under each
    language's partners page): a page type takes part by defining ``sitemap_subpages`` and
    ``sitemap_subpage_entry`` (this module's docstring)."""

    def owners(self):
        models = [model for model in get_page_models() if hasattr(model, "sitemap_subpages")]
        if not models:
            return []
        owners = list(self.site_pages().type(*models).select_related("locale").order_by("path").specific())
        remember_versions(owners, owners)
        return owners

    @functools.cached_property
    def listed(self):
        return [(owner, key) for owner in self.owners() for key in owner.sitemap_subpages(self.request)]

    def items(self):
        return self.listed

    @functools.cached_property
    def paginator(self):
        """The entries' count is kept as the pages' is (``MuseumSitemap.summary``), under this
        section's address token, which every change renews: the index needs only the count, and
        listing a partner's page under each partners page costs more the more partners there are.
        The entries themselves are listed when a file is asked for."""
        paginator = Paginator(Listed(lambda: self.listed), self.limit)
        section = reverse("sitemap-section", args=["subpages"])
        paginator.count = path_cached(self.request, section, "sitemap-count", lambda: len(self.listed))
        return paginator

    def get_latest_lastmod(self):
        return None  # the index gives no date for these files; each of their entries has its own

    def _urls(self, page, protocol, domain):
        listed = self.paginator.page(page).object_list
        return self.located([owner.sitemap_subpage_entry(self.request, key) for owner, key in listed])


class Listed(Sequence):
    """A list made when it is first read (Django's ``Paginator`` checks its object list for
    ``ordered`` on creation, which would make a lazy object's list at once)."""

    def __init__(self, make):
        self.make = make

    @functools.cached_property
    def items(self):
        return self.make()

    def __getitem__(self, index):
        return self.items[index]

    def __len__(self):
        return len(self.items)


SECTIONS = {"pages": MuseumSitemap, "subpages": SubpageSitemap}


def sitemap_paths():
    """The index's address and each section's (a file's number is a query string on it)."""
    return [reverse("sitemap"), *(reverse("sitemap-section", args=[section]) for section in SECTIONS)]


def museum_site_or_404(request):
    if cached_site(request) is None:
        raise Http404("No museum site is served on this host name.")


@cacheable
def sitemap_index(request):
    """``/sitemap.xml``: the requesting site's sitemap files; a host that is no museum's has none.
    A section with nothing to list (a site without a partners page) is left out."""
    museum_site_or_404(request)
    sections = {name: section(request) for name, section in SECTIONS.items()}
    sections = {name: section for name, section in sections.items() if section.paginator.count}
    return wagtail_sitemap_views.index(request, sections, sitemap_url_name="sitemap-section")


@cacheable
def sitemap_section(request, section):
    """One file of a section: ``/sitemap-<section>.xml?p=<number>``."""
    museum_site_or_404(request)
    if section not in SECTIONS:
        raise Http404("No such sitemap.")
    return wagtail_sitemap_views.sitemap(request, sitemaps=SECTIONS, section=section)
