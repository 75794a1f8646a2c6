"""Each museum's ``/sitemap.xml``: every live, public page of the requesting site in every language,
each with its language versions as ``hreflang`` alternates.

The alternates are the ones the page's own head names (``home.languages``), so a search engine reads
the same answer in both places, and they are reciprocal: a page's versions are the other pages of
its translation group that the sitemap lists. A routable page adds its sub-routes by overriding
``get_sitemap_urls(request)`` (``PartnerIndexPage``, a partner's page per language), building its
entries with ``sitemap_entry``. The whole sitemap costs a fixed number of queries, however many
pages and languages: one for the pages, one per page type (Wagtail's ``specific()``), and what a
routable page needs for its sub-routes.
"""

from django.db.models import Q
from django.http import Http404

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page, Site

from home.languages import page_versions, remember_versions
from home.page_cache import cacheable
from home.routing import cached_site


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


class MuseumSitemap(Sitemap):
    """The pages Wagtail routes on the requesting site: those under its home page in each language.

    Wagtail's own sitemap lists the descendants of the site's root page, which is the home page in
    one language; the other languages' home pages are its siblings, so their trees would be missing.
    """

    def get_wagtail_site(self):
        return cached_site(self.request)

    def site_pages(self):
        site = self.get_wagtail_site()
        under_a_home = Q(pk__in=[])
        for root in Site.get_site_root_paths():  # one home page per language, cached by Wagtail
            if root.site_id == site.pk:
                under_a_home |= Q(url_path__startswith=root.root_path)
        return Page.objects.filter(under_a_home).live().public()

    def items(self):
        return self.site_pages().select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        paginator = self.paginator
        pages = list(paginator.page(page).object_list)
        # A page's versions are the pages of its translation group that the sitemap lists. They are
        # all at hand unless the sitemap runs to several files (over 50,000 pages).
        candidates = pages
        if paginator.num_pages > 1:
            candidates = list(self.items().filter(translation_key__in={p.translation_key for p in pages}))
        remember_versions(pages, candidates)
        # Only page types with entries of their own (a partners page lists each partner) are read
        # as their specific type: one query for those, not one per page type of the site.
        # Their versions in the other languages are read as that type too, since each lists its own.
        own_groups = {page.translation_key for page in pages if has_own_sitemap_entries(page.specific_class)}
        own_entries = [candidate.pk for candidate in candidates if candidate.translation_key in own_groups]
        specific = {
            page.pk: page
            for page in Page.objects.filter(pk__in=own_entries).select_related("locale").specific()
        }
        remember_versions(specific.values(), specific.values())
        urls = []
        for item in pages:
            item = specific.get(item.pk, item)
            for url_info in item.get_sitemap_urls(self.request):
                if "alternates" not in url_info:  # Wagtail's own entry: the page itself
                    url_info = page_entry(self.request, item)
                if url_info["location"]:
                    urls.append(url_info)
        last_mods = {url_info["lastmod"] for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def has_own_sitemap_entries(model):
    return model is not None and model.get_sitemap_urls is not Page.get_sitemap_urls


@cacheable
def sitemap(request):
    """``/sitemap.xml``: the requesting site's pages; a host that is no museum's has none."""
    if cached_site(request) is None:
        raise Http404("No museum site is served on this host name.")
    return wagtail_sitemap_views.sitemap(request, sitemaps={"pages": MuseumSitemap})
