"""Each museum's sitemap: ``/sitemap.xml`` is an index of files of at most ``PER_FILE`` addresses each,
``/sitemap-pages.xml`` (every live, public page of the requesting site in every language) and
``/sitemap-subpages.xml`` (the addresses routable pages serve below themselves: a partner's page per
language), each with its language versions as ``hreflang`` alternates.

Why an index of small files rather than one ``urlset``: the protocol allows 50,000 addresses a file,
but the network's sites hold tens of thousands of pages in three languages, and one file of them
(7 MB, four seconds to build) is what every crawler and every cache miss would pay. A file of
``PER_FILE`` addresses costs the same however large the site grows; the index costs a count.

The alternates are the ones the page's own head names (``home.languages``), so a search engine reads
the same answer in both places, and they are reciprocal: a page's versions are the other pages of
its translation group that the sitemap lists. A routable page adds its sub-routes by defining
``sitemap_subpages(request)`` (cheap keys, in order) and ``sitemap_subpage_entry(request, key)``
(one entry, built with ``sitemap_entry``), so that only one file's entries are ever built. Each file
costs a fixed number of queries, however many pages and languages.
"""

import functools

from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page, get_page_models

from home.languages import page_versions, remember_versions
from home.page_cache import cacheable
from home.routing import cached_site
from home.site_cache import site_cached


def sitemap_entry(versions, lastmod):
    """One ``<url>`` of the sitemap from the ``LanguageVersions`` of the version it is for."""
    return {
        "location": versions.canonical,
        "lastmod": lastmod,
        "alternates": [{"lang_code": code, "location": url} for code, url in versions.hreflang_links()],
    }


def page_entry(request, page):
    """The ``<url>`` of a page of the tree itself: its address, its last publication and its versions."""
    return sitemap_entry(
        page_versions(request, page), page.last_published_at or page.latest_revision_created_at
    )


# Addresses per file: a crawler's fetch and a cache miss each build at most this many entries.
PER_FILE = 500


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
        path, which PostgreSQL reads from its index (``url_path`` has none: every page of both sites
        would be read)."""
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
        index's date for this section (Django's default would call ``lastmod`` on every page)."""
        latest = Coalesce("last_published_at", "latest_revision_created_at")
        return self.site_pages().aggregate(count=Count("pk"), latest=Max(latest))

    @functools.cached_property
    def paginator(self):
        paginator = super().paginator
        paginator.count = self.summary["count"]  # Paginator.count is a cached property
        return paginator

    def items(self):
        return self.site_pages().select_related("locale").order_by("path")

    def get_latest_lastmod(self):
        return self.summary["latest"]

    def _urls(self, page, protocol, domain):
        paginator = self.paginator
        pages = list(paginator.page(page).object_list)
        # A page's versions are the pages of its translation group that the sitemap lists; those in
        # other files are read by translation key.
        candidates = pages
        if paginator.num_pages > 1:
            candidates = list(self.items().filter(translation_key__in={p.translation_key for p in pages}))
        remember_versions(pages, candidates)
        return self.located([page_entry(self.request, item) for item in pages])


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

    def get_latest_lastmod(self):
        return None  # the index gives no date for these files; each of their entries has its own

    def _urls(self, page, protocol, domain):
        listed = self.paginator.page(page).object_list
        return self.located([owner.sitemap_subpage_entry(self.request, key) for owner, key in listed])


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
