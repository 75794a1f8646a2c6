"""Which record of a translatable snippet a visitor sees: the one fallback policy of the public site.

A partner, an agreement or a museum identity named on a page is shown

1. in the visitor's language, when that translation is live;
2. otherwise as its live record in the source language (``SOURCE_LANGUAGE_CODE``, English), which
   templates mark with ``lang="en"`` (``ShownLanguageMixin.lang_attr``) so screen readers switch voice;
3. otherwise not at all.

The record a foreign key points to is not necessarily one to show: with
``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` wagtail-localize creates the translations of
the partners a page uses as drafts and re-points the translated page to them. So every public
template receives these records through the functions below, never straight from the foreign key.
docs/translation-policy.md states the policy for editors; pages themselves follow Wagtail's
``live()`` (a draft or missing page translation is a 404 and is never listed).

Each function costs one query whatever the number of records, so listings can use them on every row.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.html import format_html


def display_languages():
    """The languages a record may be shown in, best first: the active one, then the source one."""
    active = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return list(dict.fromkeys([active, settings.SOURCE_LANGUAGE_CODE]))


def best_shown(records):
    """``{translation_key: record to show}`` among ``records`` (already fetched, with their locale):
    per translation group the live one in the best of ``display_languages()``; groups with none are
    absent. Pages use it too (``NewsPage.related_event_pages``)."""
    languages = display_languages()
    best = {}
    for record in records:
        language = record.locale.language_code
        if not record.live or language not in languages:
            continue
        current = best.get(record.translation_key)
        if current is None or languages.index(language) < languages.index(current.locale.language_code):
            best[record.translation_key] = record
    return best


def shown_records(model, pks, select_related=()):
    """``{pk: record to show in place of record pk, or None}`` for records of one model, in one query.

    ``pk`` may name any record of a translation group (a draft, another language); the answer is the
    group's live record in the best of ``display_languages()``.
    """
    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return {}
    groups = model._default_manager.filter(pk__in=pks).values("translation_key")
    records = list(
        model._default_manager.filter(translation_key__in=groups)
        # The named records themselves come too, for their translation key, whatever their state.
        .filter(Q(pk__in=pks) | Q(live=True, locale__language_code__in=display_languages()))
        .select_related("locale", *select_related)
    )
    key_of = {record.pk: record.translation_key for record in records if record.pk in pks}
    best = best_shown(records)
    return {pk: best.get(key_of.get(pk)) for pk in pks}


def shown_related(instance, field, select_related=()):
    """The record to show for ``instance``'s foreign key ``field``, or ``None``: one query (none for
    an empty key), which also reads the record the key names."""
    model_field = instance._meta.get_field(field)
    pk = getattr(instance, model_field.attname)
    return shown_records(model_field.related_model, [pk], select_related).get(pk)


def attach_shown(rows, field, select_related=()):
    """``rows`` as a list, each given ``shown_<field>``: the record to show for its foreign key
    ``field`` (or ``None``), looked up for all rows at once."""
    rows = list(rows)
    if not rows:
        return rows
    model_field = rows[0]._meta.get_field(field)
    shown = shown_records(
        model_field.related_model, [getattr(row, model_field.attname) for row in rows], select_related
    )
    for row in rows:
        setattr(row, f"shown_{field}", shown.get(getattr(row, model_field.attname)))
    return rows


def shown_queryset(queryset):
    """The records to show for the translation groups of ``queryset``, as one queryset (one query):
    per group the live record in the active language, else the live one in the source language."""
    model = queryset.model
    active, *fallback = display_languages()
    live = model._default_manager.filter(live=True)
    wanted = Q(locale__language_code=active)
    if fallback:
        translated = live.filter(locale__language_code=active, translation_key=OuterRef("translation_key"))
        wanted |= Q(locale__language_code=fallback[0]) & ~Exists(translated)
    return live.filter(wanted, translation_key__in=queryset.values("translation_key")).select_related(
        "locale"
    )


class ShownLanguageMixin:
    """For translatable snippets shown on public pages: says when a record stands in for a
    translation the visitor's language lacks, so templates can declare its language."""

    @property
    def fallback_language(self):
        """The record's language code when it is not the active language, else ``""``."""
        language = self.locale.language_code
        return "" if language == display_languages()[0] else language

    @property
    def lang_attr(self):
        """`` lang="en"`` for a record shown in the source language on a Kazakh or Russian page, else
        nothing: ``<span{{ partner.lang_attr }}>{{ partner.name }}</span>``."""
        language = self.fallback_language
        return format_html(' lang="{}"', language) if language else ""
