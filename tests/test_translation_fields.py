"""What wagtail-localize translates and what it synchronises, pinned for every event and news model
and for agreements.

Text is translated; dates, times, choices, countries, images, documents and URLs are synchronised;
links from pages to partners are "translated" in wagtail-localize's sense: re-pointed to the partner's
translation (its default for a foreign key to a translatable model). An agreement's partner and
museum are the exception: synchronised and not overridable, so every language version of an agreement
names the same records, and translating one never creates or unpublishes a partner's translation.
A change here is a decision for translators, so it must be made on purpose.
"""

from wagtail_localize.fields import SynchronizedField, get_translatable_fields

import pytest

from events.models import (
    ConferencePage,
    CraftsFairPage,
    EventIndexPage,
    EventPartner,
    ExhibitionPage,
    ExhibitionVenue,
    FairExhibitor,
    PartnerIndexPage,
)
from museums.models import Agreement
from news.models import NewsIndexPage, NewsPage, NewsRelatedPartner
from submissions.models import ContactFormPage, ExhibitorApplicationPage, FormField, RegistrationFormPage

PAGE = ({"title", "seo_title", "search_description"}, {"slug", "show_in_menus"})
EVENT = (
    PAGE[0]
    | {"summary", "body", "venue_name", "venue_city", "venue_partner", "event_partners", "price", "audience"}
    | {"image_alt", "image_credit"},
    PAGE[1]
    | {
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "start_time",
        "end_time",
        "status",
        "venue_kind",
        "venue_country",
        "hero_image",
        "image_decorative",
        "registration_url",
        "is_free",
    },
)


def split(model):
    fields = get_translatable_fields(model)
    return (
        {field.field_name for field in fields if not isinstance(field, SynchronizedField)},
        {field.field_name for field in fields if isinstance(field, SynchronizedField)},
    )


@pytest.mark.parametrize(
    ("model", "translated", "synchronised"),
    [
        (
            ExhibitionPage,
            EVENT[0] | {"curators", "highlights", "gallery", "venues"},
            EVENT[1] | {"is_travelling"},
        ),
        (
            ConferencePage,
            EVENT[0] | {"programme", "speakers"},
            EVENT[1] | {"conference_kind", "call_for_papers_deadline", "working_languages", "proceedings"},
        ),
        (
            CraftsFairPage,
            EVENT[0] | {"edition", "daily_hours", "exhibitors"},
            EVENT[1]
            | {"participating_countries", "application_opens", "application_closes", "application_url"},
        ),
        (EventIndexPage, PAGE[0] | {"intro"}, PAGE[1]),
        (PartnerIndexPage, PAGE[0] | {"intro"}, PAGE[1]),
        (NewsIndexPage, PAGE[0] | {"intro"}, PAGE[1]),
        (
            NewsPage,
            PAGE[0] | {"summary", "body", "related_partners", "topics", "image_alt", "image_credit"},
            PAGE[1] | {"date", "date_precision", "image", "image_decorative", "related_events"},
        ),
        (
            ExhibitionVenue,
            {"city", "note", "partner"},
            {"country", "start_date", "start_precision", "end_date", "visitors", "status"}
            | {"latitude", "longitude"},
        ),
        (EventPartner, {"partner"}, {"role"}),
        (FairExhibitor, {"name", "craft", "description"}, {"country", "image"}),
        (NewsRelatedPartner, {"partner"}, set()),
        # A form's questions keep their names in every language: the answers share columns.
        *(
            (form, PAGE[0] | {"intro", "thank_you_text", "subject", "form_fields"}, PAGE[1] | {"to_address"})
            for form in (ContactFormPage, RegistrationFormPage, ExhibitorApplicationPage)
        ),
        (
            FormField,
            {"label", "help_text", "choices", "default_value"},
            {"clean_name", "field_type", "required"},
        ),
        (
            Agreement,
            {"title", "scope"},
            {"partner", "museum", "kind", "signed_on", "signed_precision", "valid_until", "document"}
            | {"first_published_at", "go_live_at", "expire_at"},
        ),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_translatable_and_synchronised_fields_are_pinned(model, translated, synchronised):
    assert split(model) == (translated, synchronised)


def test_an_agreements_partner_and_museum_cannot_be_overridden_by_a_translator():
    fields = {field.field_name: field for field in get_translatable_fields(Agreement)}
    agreement = Agreement()
    assert not fields["partner"].is_overridable(agreement)
    assert not fields["museum"].is_overridable(agreement)
    assert fields["document"].is_overridable(agreement)  # a translated PDF may replace the original
