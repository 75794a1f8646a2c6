"""How far each site's content is translated: the one place that decides what needs a translator.

For a Wagtail Site and a target language, ``site_status`` lists every translatable object the site
shows in English (``settings.SOURCE_LANGUAGE_CODE``) with one of four statuses:

- **missing**: nothing in the target language, or only an alias page (which shows the English text);
- **draft**: a translation exists but its latest work is not live (never published, or a draft
  revision waiting for a moderator);
- **out of date**: the English was published after wagtail-localize last read it (its
  ``TranslationSource.last_updated_at``), or, once read, strings remain untranslated: wagtail-localize's
  editor shows exactly those;
- **translated**: live and complete.

What a site shows, all of it live and in English (a draft is not yet work for translators): its
**pages** under the site's root; its **Museum** identity (``MuseumSiteSettings``); the **partners** its
partners page lists (those its events involve, by ``events.models.base.partners_in``, and those its
museum has live agreements with) and those its news items name; the **agreements** of those
partners, which their pages on this site show, whichever museum signed them; and the news **topics**
its news items name. ``Museum``, ``Partner``, ``Agreement`` and ``Topic`` are the project's
translatable snippets (``tests/test_translation_status.py`` fails
when another one appears, so that its place here is decided); event partners, venues and exhibitors
are inline parts of a page and are translated with it.

A translation made outside wagtail-localize (copied in code, or "Stop translation" in its editor) has no
enabled ``Translation`` record: it counts as out of date when the English was published after the
translation, and is left out of PO files (its text would be replaced by the English wherever the file
left a string empty).

Counts cost a constant handful of queries, whatever the number of objects: one for the two locales,
one for the site's root path, and one per kind of object (pages, museum, partners, agreements,
topics), each annotated with correlated subqueries for its translation, its wagtail-localize record
and its untranslated string count.

Why not wagtail-localize-dashboard (0.5.0, checked on PyPI): it shows a percentage per existing
translation from cache tables kept by signals (its own migrations and rebuild commands); it has no
notion of a site, of missing translations, or of a source changed since the last sync; it takes the
page with the smallest id as the original and skips depth-2 pages, which are our translated home
pages; its views are guarded by Django's ``is_staff`` rather than a Wagtail permission; and it
declares Wagtail 5 and 6 only. None of this list's needs would be met without rewriting it.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import quote
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from events.models import EventPage
from events.models.base import partners_in
from museums.models import Agreement, Museum, MuseumSiteSettings, Partner
from news.models import NewsPageTopic, NewsRelatedPartner, Topic

#: The snippet models a site's translators look after; see the module docstring.
SNIPPET_MODELS = (Museum, Partner, Agreement, Topic)


class Status(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    TRANSLATED = "translated", _("Translated")


@dataclass(frozen=True)
class Item:
    """One English object of a site and the state of its translation into one language."""

    model: type
    source_pk: int
    title: str
    language: str
    target_pk: int | None
    target_is_alias: bool
    target_live: bool
    target_has_draft: bool
    target_published_at: datetime.datetime | None
    source_published_at: datetime.datetime | None
    translation_pk: int | None
    translation_source_pk: int | None
    synced_at: datetime.datetime | None
    untranslated: int

    @property
    def is_page(self):
        return issubclass(self.model, Page)

    @property
    def kind(self):
        return self.model._meta.verbose_name

    @property
    def is_managed(self):
        """Translated through wagtail-localize (an enabled ``Translation`` record)."""
        return self.translation_pk is not None

    @property
    def needs_sync(self):
        """The English was published after wagtail-localize last read it."""
        return bool(
            self.is_managed
            and self.source_published_at
            and self.synced_at
            and self.source_published_at > self.synced_at
        )

    @property
    def status(self):
        if self.target_pk is None or self.target_is_alias:
            return Status.MISSING
        if not self.target_live:
            return Status.DRAFT
        if self.is_managed:
            out_of_date = self.needs_sync or self.untranslated > 0
        else:
            out_of_date = bool(
                self.source_published_at
                and self.target_published_at
                and self.source_published_at > self.target_published_at
            )
        if out_of_date:
            return Status.OUT_OF_DATE
        return Status.DRAFT if self.target_has_draft else Status.TRANSLATED

    @property
    def action_label(self):
        if self.status == Status.MISSING:
            return _("Translate")
        if self.needs_sync:
            return _("Sync with the English")
        return _("Edit the translation")

    def url(self, next_url=None):
        """Where the work is done: wagtail-localize's "Translate" form while the translation is
        missing, its "Sync" form while the English has not been read again, else the translation's
        own edit view, which wagtail-localize replaces by its translation editor."""
        meta = self.model._meta
        query = {"next": next_url} if next_url else {}
        if self.status == Status.MISSING:
            query["select_locale"] = self.language
            if self.is_page:
                url = reverse("wagtail_localize:submit_page_translation", args=[self.source_pk])
            else:
                url = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[meta.app_label, meta.model_name, quote(self.source_pk)],
                )
        elif self.needs_sync:
            url = reverse("wagtail_localize:update_translations", args=[self.translation_source_pk])
        elif self.is_page:
            url = reverse("wagtailadmin_pages:edit", args=[self.target_pk])
        else:
            url = reverse(
                f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[quote(self.target_pk)]
            )
        return f"{url}?{urlencode(query)}" if query else url


@dataclass(frozen=True)
class SiteStatus:
    site: Site
    language: str
    items: list

    @property
    def counts(self):
        counts = dict.fromkeys(Status.values, 0)
        for item in self.items:
            counts[item.status] += 1
        return counts

    @property
    def needing_work(self):
        return [item for item in self.items if item.status != Status.TRANSLATED]

    @property
    def total(self):
        return len(self.items)


def target_languages():
    """Every content language but the one content is written in."""
    return [
        code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.SOURCE_LANGUAGE_CODE
    ]


def site_status(site, language):
    """Every translatable object ``site`` shows, with its status in ``language``."""
    locales = {
        locale.language_code: locale
        for locale in Locale.objects.filter(language_code__in=[settings.SOURCE_LANGUAGE_CODE, language])
    }
    source, target = locales.get(settings.SOURCE_LANGUAGE_CODE), locales.get(language)
    if source is None or target is None or source == target:
        return SiteStatus(site, language, [])

    # The site's root may be any language's home page; its English translation roots the English tree.
    root_path = (
        Page.objects.filter(
            translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key"),
            locale=source,
        )
        .values_list("path", flat=True)
        .first()
    )
    museum_keys = Museum.objects.filter(
        pk__in=MuseumSiteSettings.objects.filter(site=site).values("museum_id")
    ).values("translation_key")

    items = []
    if root_path:
        pages = Page.objects.filter(path__startswith=root_path, alias_of__isnull=True)
        items += _items(pages.filter(locale=source, live=True), target, order="path")

    museums = Museum.objects.filter(translation_key__in=museum_keys, locale=source, live=True)
    items += _items(museums, target, order="name")

    involved = Q(agreements__museum__translation_key__in=museum_keys, agreements__live=True)
    if root_path:
        site_pages = Q(path__startswith=root_path, locale=source, live=True)
        involved |= partners_in(EventPage.objects.filter(site_pages))
        involved |= Q(
            pk__in=NewsRelatedPartner.objects.filter(
                page__path__startswith=root_path, page__locale=source, page__live=True
            ).values("partner")
        )
    partner_keys = Partner.objects.filter(involved).values("translation_key")
    partners = Partner.objects.filter(translation_key__in=partner_keys, locale=source, live=True)
    items += _items(partners, target, order="name")

    agreements = Agreement.objects.filter(partner__translation_key__in=partner_keys, locale=source, live=True)
    items += _items(agreements, target, order="title")

    if root_path:
        named = NewsPageTopic.objects.filter(
            page__path__startswith=root_path, page__locale=source, page__live=True
        ).values("topic")
        topic_keys = Topic.objects.filter(pk__in=named).values("translation_key")
        topics = Topic.objects.filter(translation_key__in=topic_keys, locale=source, live=True)
        items += _items(topics, target, order="name")
    return SiteStatus(site, language, items)


def _items(queryset, target, *, order):
    """The objects of ``queryset`` (English, one model) as Items, in a single query."""
    model = queryset.model
    in_target = model.objects.filter(translation_key=OuterRef("translation_key"), locale=target)
    translation = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale=target, enabled=True
    ).order_by("-source__last_updated_at")
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale=target,
        has_error=False,
    )
    untranslated = (
        StringSegment.objects.filter(
            source__object_id=OuterRef("translation_key"),
            source__translations__target_locale=target,
            source__translations__enabled=True,
        )
        .exclude(Exists(translated))
        .order_by()
        .values("source__object_id")
        .annotate(count=Count("pk"))
        .values("count")
    )

    def target_value(expression):
        return Subquery(in_target.annotate(value=expression).values("value")[:1])

    # Pages and agreements have titles, museums and partners names.
    title = "title" if any(field.name == "title" for field in model._meta.fields) else "name"
    fields = list(dict.fromkeys(["pk", "translation_key", order, title]))
    if model is Agreement:
        fields.append("partner__name")  # an agreement without a title of its own is named by its partner
    if issubclass(model, Page):
        fields += ["content_type__app_label", "content_type__model"]
    rows = (
        queryset.annotate(
            source_published_at=models.F("last_published_at"),
            target_pk=target_value(models.F("pk")),
            target_live=target_value(models.F("live")),
            target_has_draft=target_value(models.F("has_unpublished_changes")),
            target_published_at=target_value(models.F("last_published_at")),
            target_is_alias=(
                target_value(
                    models.ExpressionWrapper(Q(alias_of__isnull=False), output_field=models.BooleanField())
                )
                if issubclass(model, Page)
                else models.Value(False)
            ),
            translation_pk=Subquery(translation.values("pk")[:1]),
            translation_source_pk=Subquery(translation.values("source_id")[:1]),
            synced_at=Subquery(translation.values("source__last_updated_at")[:1]),
            untranslated=Coalesce(Subquery(untranslated[:1]), 0),
        )
        .order_by(order)
        .values(
            *fields,
            "source_published_at",
            "target_pk",
            "target_live",
            "target_has_draft",
            "target_published_at",
            "target_is_alias",
            "translation_pk",
            "translation_source_pk",
            "synced_at",
            "untranslated",
        )
    )
    items = []
    for row in rows:
        specific = model
        if issubclass(model, Page):
            specific = apps.get_model(row["content_type__app_label"], row["content_type__model"])
        items.append(
            Item(
                model=specific,
                source_pk=row["pk"],
                title=row[title] or row.get("partner__name", ""),
                language=target.language_code,
                target_pk=row["target_pk"],
                target_is_alias=bool(row["target_is_alias"]),
                target_live=bool(row["target_live"]),
                target_has_draft=bool(row["target_has_draft"]),
                target_published_at=row["target_published_at"],
                source_published_at=row["source_published_at"],
                translation_pk=row["translation_pk"],
                translation_source_pk=row["translation_source_pk"],
                synced_at=row["synced_at"],
                untranslated=row["untranslated"],
            )
        )
    return items


def find_site(name):
    """A Site by host name or by its museum's code ("nmrk"), or ``None``."""
    site = Site.objects.filter(hostname=name).first()
    if site is None:
        site = Site.objects.filter(
            pk__in=MuseumSiteSettings.objects.filter(museum__code=name).values("site_id")
        ).first()
    return site
