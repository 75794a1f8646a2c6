"""Which cached pages a change makes stale, dropped from the page cache (``home.page_cache``) and
from a CDN (Wagtail's front-end cache, configured from the environment) on both sites and in every
language.

The rules, from what the templates show:

- **A page** (published, unpublished, moved, deleted, a translation published, a slug changed) is
  shown at its own addresses in every language, with its sub-routes (an event's calendar file, a
  listing's feed and calendar), and in the listings above it up to the home page (cards, counts,
  "on now"), in every language since a listing may show a stand-in from another language. Pages that
  refer to it (a news item's related event, a link in a body) and the partners it names (a
  partner's page lists its events) show it too. A home page, a menu item (a child of the home
  page) or a page with children changes what every page of its site shows (the menu, the
  breadcrumbs), so the whole site goes.
- **A partner or an agreement** is shown on the partner's pages under every partners page of both
  sites, on the partners listings, and on the pages that name it (an event's venue, a news item's
  partners) with their listings.
- **A museum's identity, hours or site settings** are in every page's header and footer: their site.
- **An image or a document** is shown by the pages and partners that use it (a replaced file has
  new rendition addresses).
- Every change also touches each affected site's sitemap, search results and API, and the pages
  with a "Partner figures" block, whose counts follow the events and the registry.

Versions are bumped at once and again when the transaction commits: at once so that the request
that made the change sees it, on commit so that a page rendered from the old rows meanwhile is not
kept. The CDN is purged on commit, by URL, when ``WAGTAILFRONTENDCACHE`` is configured.
"""

import functools
import logging
import threading

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.blocks import StreamBlock
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_unpublished, post_page_move, pre_page_move

from home import page_cache, privacy
from home.sitemaps import sitemap_paths

logger = logging.getLogger(__name__)

FIGURES_BLOCK = "registry_figures"
API_LISTINGS = ("/api/v2/", "/api/v2/pages/", "/api/v2/events/", "/api/v2/partners/")


class Changes:
    """The addresses one change makes stale: ``(host, path)`` pairs, whole sites, CDN URLs."""

    def __init__(self):
        self.sites = {site.pk: site for site in Site.objects.select_related("root_page")}
        self.paths = set()
        self.site_ids = set()
        self.whole_sites = set()
        self.urls = set()
        self.seen_pages = set()
        self.seen_groups = set()
        self.shown_pages = set()
        self.changed_pages = set()

    def host(self, site_id):
        return self.sites[site_id].hostname.lower()

    def add_path(self, site_id, root_url, path):
        self.site_ids.add(site_id)
        self.paths.add((self.host(site_id), path))
        self.urls.add(root_url + path)

    @functools.cached_property
    def partner_indexes(self):
        """Every partners page (both sites, every language): a partner is shown under each."""
        from events.models import PartnerIndexPage

        return list(PartnerIndexPage.objects.all())

    # --- pages ----------------------------------------------------------------------------------
    def add_page(self, page):
        """The addresses of ``page`` (a specific page) as its ``url_path`` says: the page and its
        sub-routes (``get_cached_paths``). Returns its site's id, or ``None`` off every site."""
        parts = page.get_url_parts()
        if parts is None or parts[0] not in self.sites:
            return None
        site_id, root_url, page_path = parts
        for sub in page.get_cached_paths():
            self.add_path(site_id, root_url, page_path + sub.lstrip("/"))
        return site_id

    def page_addresses(self, page):
        """A page's own addresses in every language (each version once per place in the tree)."""
        # A transaction that saves many pages of one section asks for the section's group again
        # and again; it is read once per place in the tree (a move asks again after it).
        group = (page.translation_key, page.url_path)
        if group in self.seen_groups:
            return
        self.seen_groups.add(group)
        for version in Page.objects.filter(translation_key=page.translation_key).specific():
            if (version.pk, version.url_path) not in self.seen_pages:
                self.seen_pages.add((version.pk, version.url_path))
                self.add_page(version)

    def shown_page(self, page):
        """A page where it is shown: its addresses and the listings above it up to the home page."""
        if (page.pk, page.url_path) in self.shown_pages:
            return
        self.shown_pages.add((page.pk, page.url_path))
        self.page_addresses(page)
        for ancestor in page.get_ancestors().filter(depth__gte=2):
            self.page_addresses(ancestor)

    def changed_page(self, page, partners_before=()):
        # Once per page and place in the tree: a move is worked out before and after.
        if (page.pk, page.url_path) in self.changed_pages and not partners_before:
            return
        self.changed_pages.add((page.pk, page.url_path))
        self.shown_page(page)
        group = list(Page.objects.filter(translation_key=page.translation_key))
        for version in group:
            # The home page, a menu page or a section: in every page's menu or breadcrumbs.
            if version.depth <= 3 or version.numchild:
                self.whole_site_of(version)
        self.referring_to(group)
        self.partners_named_by(group, partners_before)

    def whole_site_of(self, page):
        parts = page.get_url_parts()
        if parts is not None and parts[0] in self.sites:
            self.whole_sites.add(parts[0])

    def subtree(self, page):
        """Every address under a page (one that moves, or whose privacy changes), as the tree is
        when this is called."""
        for descendant in page.get_descendants(inclusive=True):
            self.page_addresses(descendant)

    def renamed_subtree(self, page, url_path_before):
        """The addresses a page and its descendants had before its slug changed (the tree already
        holds the new ones)."""
        for descendant in page.get_descendants(inclusive=True).specific():
            descendant.url_path = url_path_before + descendant.url_path[len(page.url_path) :]
            self.add_page(descendant)

    # --- what refers to what ----------------------------------------------------------------------
    def referring_to(self, objects):
        """Pages and partners that show any of ``objects`` (the reference index)."""
        from museums.models import Partner

        page_type = ContentType.objects.get_for_model(Page)
        partner_type = ContentType.objects.get_for_model(Partner)
        references = ReferenceIndex.get_references_to_in_bulk(objects).filter(
            base_content_type__in=[page_type, partner_type]
        )
        page_ids, partner_ids = set(), set()
        for base_type_id, object_id in references.values_list("base_content_type_id", "object_id").distinct():
            (page_ids if base_type_id == page_type.pk else partner_ids).add(int(object_id))
        for page in Page.objects.filter(pk__in=page_ids):
            self.shown_page(page)
        for partner in Partner.objects.filter(pk__in=partner_ids):
            self.partner_pages(partner)

    def partners_named_by(self, pages, named_before=()):
        """A partner's page lists the events that name it, and the partners listings list the
        partners that events name: those the pages name now, and ``named_before`` (partner ids the
        page named before this change)."""
        from museums.models import Partner

        ids = set(named_before) | partners_named(pages)
        partners = list(Partner.objects.filter(pk__in=ids))
        for partner in partners:
            self.partner_pages(partner)
        if partners:
            for index in self.partner_indexes:
                self.page_addresses(index)

    # --- partners -------------------------------------------------------------------------------
    def partner_pages(self, partner, old_slugs=()):
        """A partner's page under every partners page (both sites, every language)."""
        from museums.models import Partner

        group = Partner.objects.filter(translation_key=partner.translation_key)
        slugs = set(group.values_list("slug", flat=True))
        slugs |= {partner.slug, *old_slugs}
        for index in self.partner_indexes:
            parts = index.get_url_parts()
            if parts is None or parts[0] not in self.sites:
                continue
            site_id, root_url, page_path = parts
            for slug in slugs:
                subpath = index.reverse_subpage("partner", kwargs={"slug": slug})
                self.add_path(site_id, root_url, page_path + subpath)

    def changed_partner(self, partner, old_slugs=()):
        from museums.models import Partner

        self.partner_pages(partner, old_slugs)
        for index in self.partner_indexes:
            self.shown_page(index)
        self.referring_to(list(Partner.objects.filter(translation_key=partner.translation_key)))
        self.site_ids.update(self.sites)

    # --- every page of a site, and what every change touches ---------------------------------------
    def museum_sites(self, museum):
        from museums.models import MuseumSiteSettings

        for settings_row in MuseumSiteSettings.objects.filter(museum__translation_key=museum.translation_key):
            self.whole_sites.add(settings_row.site_id)

    def finish(self):
        """Adds what every change touches on each affected site: sitemap, search, API, figures."""
        self.figures_pages()
        for site_id in self.site_ids | self.whole_sites:
            site = self.sites[site_id]
            root_url = site.root_url
            for path in sitemap_paths():
                self.add_path(site_id, root_url, path)
            # One token covers the whole API in the shared cache; a CDN is purged by exact URL.
            for path in API_LISTINGS:
                self.add_path(site_id, root_url, path)
            for language, _name in settings.LANGUAGES:
                self.add_path(site_id, root_url, f"/{language}/search/")

    def figures_pages(self):
        """Pages with a "Partner figures" block, on the sites this change touched."""
        if not self.site_ids:
            return
        roots = [self.sites[site_id].root_page for site_id in self.site_ids]
        for model, field in figures_fields():
            found = model.objects.annotate(_stream=Cast(field, TextField())).filter(
                _stream__contains=f'"{FIGURES_BLOCK}"'
            )
            for page in found:
                if any(page.path.startswith(root.path) for root in roots):
                    self.page_addresses(page)


def partners_named(pages):
    """The ids of the partners ``pages`` refer to (the reference index)."""
    from museums.models import Partner

    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
        to_content_type=ContentType.objects.get_for_model(Partner),
    )
    return {int(object_id) for object_id in references.values_list("to_object_id", flat=True)}


@functools.cache
def figures_fields():
    """``(page model, field name)`` of every stream field that offers the "Partner figures" block."""
    found = []
    for model in page_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, StreamField)
                and field.model is model
                and isinstance(field.stream_block, StreamBlock)
                and FIGURES_BLOCK in field.stream_block.child_blocks
            ):
                found.append((model, field.name))
    return tuple(found)


def page_models():
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if model is not Page and not model._meta.abstract]


# --- applying a change --------------------------------------------------------------------------


def apply(changes):
    """Bumps the versions of everything ``changes`` names and purges the CDN."""
    changes.finish()
    keys = [page_cache.path_key(host, path) for host, path in changes.paths]
    keys += [page_cache.site_key(changes.host(site_id)) for site_id in changes.whole_sites]
    page_cache.bump(keys)
    if not frontend_cache_configured():
        return
    urls = set(changes.urls)
    for site_id in changes.whole_sites:
        site = changes.sites[site_id]
        for page in site.root_page.get_descendants(inclusive=True).live().specific():
            urls.update(page.get_full_url() + sub.lstrip("/") for sub in page.get_cached_paths())
    if urls:
        batch = PurgeBatch()
        batch.add_urls(sorted(urls))
        batch.purge()


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# --- When: changes are gathered per thread and applied once, after the commit ---------------------
#
# A transaction that saves many pages (an editor's publish with its translations, the demo loader,
# a bulk action) works out what to drop once, when it commits. What must be read while the old state
# still exists (the addresses of a page being deleted or moved, a partner's references before it
# goes) is worked out at once (``now=True``). The page cache also applies what is pending before it
# reads (``flush``), so the request that made a change, and a test inside one transaction, see it.

_pending = threading.local()


def invalidate(build, now=False):
    """Works ``build(changes)`` into this thread's pending changes, at once or at the flush, and
    applies them when the transaction commits. A failure is logged, never an editor's error page:
    the entries still expire with ``PAGE_CACHE_SECONDS``."""
    state = _pending.__dict__.setdefault("state", {"changes": None, "builds": []})
    if now:
        try:
            # In a savepoint: a failed query here must not abort the transaction of the change.
            with transaction.atomic():
                state["changes"] = state["changes"] or Changes()
                build(state["changes"])
        except Exception:
            logger.exception("Cache invalidation failed")
    else:
        state["builds"].append(build)
    transaction.on_commit(flush)


def discard_pending():
    """Forgets this thread's pending changes unapplied: for a test, whose rolled-back data left them
    (their commit never comes) and whose cache starts empty, so nothing they name is kept."""
    _pending.__dict__.pop("state", None)


def flush():
    """Applies this thread's pending changes (see above); nothing when there are none."""
    state = _pending.__dict__.pop("state", None)
    if state is None:
        return
    try:
        with transaction.atomic():
            changes = state["changes"] or Changes()
            for build in state["builds"]:
                build(changes)
        apply(changes)
    except Exception:
        logger.exception("Cache invalidation failed")


# --- signals ------------------------------------------------------------------------------------


@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    invalidate(lambda changes: changes.changed_page(instance))


def page_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remembers a page's address before a whole save, which may change its slug: Wagtail's own
    ``page_slug_changed`` only comes once the transaction commits."""
    if not raw and update_fields is None and instance.pk:
        instance._cache_url_path_before = (
            Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True).first()
        )
        # Before the reference index learns the new ones: a partner no longer named must drop it.
        instance._cache_partners_before = partners_named([instance])


def page_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A page saved whole: published (Wagtail's publish action saves it whole, then sends
    ``page_published``), created live by code as the demo loader does, or edited in place; or any
    page whose slug changed, whose live descendants moved with it. Saving a revision, locking or
    unpublishing save named fields only. (Wagtail's ``page_slug_changed`` would come only once the
    transaction commits; this covers it.)"""
    if raw or update_fields is not None:
        return
    before = getattr(instance, "_cache_url_path_before", None)
    renamed = bool(before) and before != instance.url_path
    if not (instance.live or renamed):
        return

    def build(changes):
        if renamed:
            changes.renamed_subtree(Page.objects.get(pk=instance.pk), before)
        if instance.live:
            changes.changed_page(instance, getattr(instance, "_cache_partners_before", ()))

    invalidate(build)


@receiver(pre_delete, sender=Page)
def page_deleting(sender, instance, **kwargs):
    # Addresses are worked out while the page is still in the tree; deleting a live page also
    # sends page_unpublished in Wagtail, but not for a draft's descendants.
    invalidate(lambda changes: changes.changed_page(instance), now=True)


@receiver(pre_page_move)
@receiver(post_page_move)
def page_moving(sender, instance, **kwargs):
    privacy.forget_restricted_sections()  # restricted sections are found by their tree paths

    def build(changes):
        page = Page.objects.get(pk=instance.pk)  # the tree as it is now (before or after the move)
        changes.subtree(page)
        changes.changed_page(page)

    # The addresses before the move are read before it; those after, once it is done.
    invalidate(build, now=kwargs.get("signal") is pre_page_move)


def _old_slugs(instance):
    return getattr(instance, "_cache_old_slugs", ())


def connect_models():
    """Partners, agreements, museums, site settings, images and documents (their models are
    imported here, after the apps are ready)."""
    from museums.models import Agreement, Museum, MuseumSiteSettings, Partner

    def partner_saving(sender, instance, raw=False, **kwargs):
        if instance.pk and not raw:
            instance._cache_old_slugs = tuple(
                Partner.objects.filter(pk=instance.pk).values_list("slug", flat=True)
            )

    def partner_changed(sender, instance, raw=False, **kwargs):
        if not raw:
            build = lambda changes: changes.changed_partner(instance, _old_slugs(instance))  # noqa: E731
            invalidate(build, now=kwargs.get("signal") is pre_delete)

    def agreement_changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        partner = Partner.objects.filter(pk=instance.partner_id).first()
        if partner is not None:
            invalidate(lambda changes: changes.changed_partner(partner))

    def museum_changed(sender, instance, raw=False, **kwargs):
        if not raw:
            invalidate(lambda changes: changes.museum_sites(instance))

    def site_settings_changed(sender, instance, raw=False, **kwargs):
        if not raw:
            invalidate(lambda changes: changes.whole_sites.add(instance.site_id))

    def media_changed(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk:
            build = lambda changes: changes.referring_to([instance])  # noqa: E731
            invalidate(build, now=kwargs.get("signal") is pre_delete)

    pre_save.connect(partner_saving, sender=Partner, weak=False)
    # Before a partner goes, while the reference index still knows who names it.
    for signal in (post_save, pre_delete):
        signal.connect(partner_changed, sender=Partner, weak=False)
    for signal in (post_save, post_delete):
        signal.connect(agreement_changed, sender=Agreement, weak=False)
        signal.connect(museum_changed, sender=Museum, weak=False)
        signal.connect(site_settings_changed, sender=MuseumSiteSettings, weak=False)
    for model in (get_image_model(), get_document_model()):
        post_save.connect(media_changed, sender=model, weak=False)
        pre_delete.connect(media_changed, sender=model, weak=False)
    pre_save.connect(site_saving, sender=Site, weak=False)
    post_save.connect(sites_changed, sender=Site, weak=False)
    post_delete.connect(sites_changed, sender=Site, weak=False)
    # A page made private (or public) leaves (or joins) the menu, the listings, the sitemap, and
    # must never be served from a cache to someone who has not given the password.
    for signal in (post_save, post_delete):
        signal.connect(restriction_changed, sender=PageViewRestriction, weak=False)
    for model in page_models():
        pre_save.connect(page_saving, sender=model, weak=False)
        post_save.connect(page_saved, sender=model, weak=False)


def restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    privacy.forget_restricted_sections()
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return

    def build(changes):
        changes.subtree(page)
        changes.changed_page(page)
        changes.whole_site_of(page)

    invalidate(build)


def site_saving(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        before = Site.objects.filter(pk=instance.pk).values_list("hostname", flat=True).first()
        instance._cache_hostname_before = before


def sites_changed(sender, instance, raw=False, **kwargs):
    """A site's host name, port or home page: everything cached for its host, old and new."""
    if raw:
        return
    hosts = {instance.hostname.lower(), (getattr(instance, "_cache_hostname_before", None) or "").lower()}
    page_cache.bump([page_cache.site_key(host) for host in hosts if host])
