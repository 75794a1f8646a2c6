"""A page's privacy holds for all its translations and aliases.

Wagtail keeps view restrictions per page, and each language of a page is a page of its own in its
own tree: a password on ``/en/members/`` left ``/ru/members/`` and ``/kk/members/`` open. Here a
translation group shares one privacy setting: setting, changing or removing the restriction on any
member (in the admin's privacy dialog or in code) does the same on the others. Restrictions are
copied rather than looked up across the group at request time so that everything of Wagtail's
that asks for privacy (``PageQuerySet.public()`` in listings, feeds, search and sitemaps, the serve
hook, the admin's padlock) sees the same answer without knowing about translations. New
translations and aliases already receive their source's restrictions from Wagtail's copy actions.
"""

import threading

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

RESTRICTED_KEY = "privacy:restricted-sections"

_state = threading.local()


def _busy():
    return getattr(_state, "mirroring", False)


def _deleting():
    if not hasattr(_state, "deleting_pages"):
        _state.deleting_pages = set()
    return _state.deleting_pages


def translation_group(page):
    """The other pages that are this page in another language, or aliases of any of them."""
    keys = {page.translation_key}
    if page.alias_of_id:
        keys.add(Page.objects.filter(pk=page.alias_of_id).values_list("translation_key", flat=True).first())
    return Page.objects.filter(Q(translation_key__in=keys) | Q(alias_of__translation_key__in=keys)).exclude(
        pk=page.pk
    )


def share_restrictions(page):
    """Give every page of ``page``'s translation group exactly ``page``'s own restrictions."""
    if _busy():
        return
    _state.mirroring = True
    try:
        own = list(PageViewRestriction.objects.filter(page=page).prefetch_related("groups"))
        for other in translation_group(page).exclude(pk__in=_deleting()):
            PageViewRestriction.objects.filter(page=other).delete()
            for restriction in own:
                copy = PageViewRestriction.objects.create(
                    page=other, restriction_type=restriction.restriction_type, password=restriction.password
                )
                copy.groups.set(restriction.groups.all())
    finally:
        _state.mirroring = False


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        share_restrictions(instance.page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, PageViewRestriction):
        share_restrictions(instance.page)


# Deleting a page of any type deletes its row in Page's own table, which sends these with
# sender=Page. A page being deleted takes its restrictions with it; its translations keep theirs.
@receiver(pre_delete, sender=Page)
def page_deleting(sender, instance, **kwargs):
    _deleting().add(instance.pk)


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    _deleting().discard(instance.pk)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, **kwargs):
    if instance.page_id in _deleting():
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        share_restrictions(page)


# --- Listings that leave private pages out, without reading the restrictions each time ------------


def restricted_sections():
    """``[(path, depth)]`` of every page with a view restriction, from the shared cache.

    Wagtail's ``PageQuerySet.public()`` reads every restriction from the database at each call, and
    a page with listings calls it several times. Restrictions change rarely; the entry is dropped
    whenever one is saved or deleted, or a page moves (``home.cache_invalidation``)."""
    found = cache.get(RESTRICTED_KEY)
    if found is None:
        found = list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct())
        cache.set(RESTRICTED_KEY, found, timeout=None)
    return found


def forget_restricted_sections():
    cache.delete(RESTRICTED_KEY)


class MuseumPageQuerySet(PageQuerySet):
    """Wagtail's page queries, with ``public()``/``not_public()`` reading the restricted sections
    from the shared cache (:func:`restricted_sections`)."""

    def private_q(self):
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        # Matches nothing when no section is private, as Wagtail's own does.
        return q if q else Q(pk__in=[])
