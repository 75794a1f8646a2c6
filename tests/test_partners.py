"""The shared partner registry: one record on both sites, names in three languages, safe deletion."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.operations import TranslationCreator

import pytest

from museums.countries import country_name
from museums.models import Partner, PartnerAgreement
from tests.event_factories import (
    EventIndexPageFactory,
    ExhibitionPageFactory,
    PartnerAgreementFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import locale, translate_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"), [("kk", "Қырғызстан"), ("ru", "Киргизия"), ("en", "Kyrgyzstan")]
)
def test_country_names_come_from_cldr_in_each_language(language, expected):
    with translation.override(language):
        assert country_name("KG") == expected
        assert PartnerFactory.build(country="KG").get_country_display() == expected


@pytest.fixture
def registry(network):
    """Both museums with a partners page and an events page; the Hermitage works with both."""
    pages = {}
    for code in ("nmrk", "csm"):
        home = network[code]["home"]["en"]
        pages[code] = {
            "partners": PartnerIndexPageFactory(parent=home),
            "events": EventIndexPageFactory(parent=home),
        }
    hermitage = PartnerFactory(name="State Hermitage Museum", slug="hermitage", country="RU")
    PartnerAgreementFactory(partner=hermitage, museum=network["nmrk"]["museum"])
    xian = PartnerFactory(name="Tang West Market Museum", slug="tang-west-market", country="CN", city="Xi'an")
    PartnerAgreementFactory(
        partner=xian, museum=network["csm"]["museum"], signed_on=datetime.date(2014, 1, 1)
    )
    embassy = PartnerFactory(
        name="Embassy of Turkmenistan", slug="embassy-turkmenistan", kind="embassy", country="TM"
    )
    days_of_culture = ExhibitionPageFactory(
        parent=pages["csm"]["events"],
        slug="turkmenistan",
        title="Applied art of Turkmenistan",
        start_date=datetime.date(2014, 1, 1),
        start_precision="year",
        venue_kind="partner",
        venue_partner=hermitage,
    )
    days_of_culture.event_partners.create(partner=embassy, role="organiser", locale=days_of_culture.locale)
    days_of_culture.save_revision().publish()
    return {
        "pages": pages,
        "hermitage": hermitage,
        "xian": xian,
        "embassy": embassy,
        "exhibition": days_of_culture,
    }


def listed(response):
    return {partner.slug for partner in response.context["partners"]}


def test_one_partner_record_serves_both_museums(registry, get):
    # NMRK through its agreement, CSM RK through a joint exhibition: the same row.
    assert "hermitage" in listed(get("nmrk", "/en/partners/"))
    assert "hermitage" in listed(get("csm", "/en/partners/"))
    assert Partner.objects.filter(slug="hermitage").count() == 1


def test_each_site_lists_only_its_museums_partners(registry, get):
    assert listed(get("nmrk", "/en/partners/")) == {"hermitage"}
    assert listed(get("csm", "/en/partners/")) == {"hermitage", "tang-west-market", "embassy-turkmenistan"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN", {"tang-west-market"}),
        ("kind=embassy", {"embassy-turkmenistan"}),
        ("kind=museum&country=RU", {"hermitage"}),
        ("kind=embassy&country=CN", set()),
    ],
)
def test_the_partners_page_filters_by_country_and_kind(registry, get, query, expected):
    response = get("csm", f"/en/partners/?{query}")
    assert response.status_code == 200
    assert listed(response) == expected


def test_an_unknown_filter_value_is_a_400(registry, get):
    response = get("csm", "/en/partners/?country=XX")
    assert response.status_code == 400
    assert listed(response) == set()


def test_a_partner_page_shows_its_agreements_and_the_joint_events(registry, get):
    response = get("csm", "/en/partners/tang-west-market/")
    html = response.content.decode()
    assert response.status_code == 200
    # Signed in 2014, day unknown: shown as the year only.
    assert "<strong>Agreement on cooperation</strong> — Cooperation agreement, CSM RK, 2014" in html

    hermitage_on_csm = get("csm", "/en/partners/hermitage/")
    assert [event.title for event in hermitage_on_csm.context["joint_events"]] == [
        "Applied art of Turkmenistan"
    ]
    hermitage_on_nmrk = get("nmrk", "/en/partners/hermitage/")
    assert list(hermitage_on_nmrk.context["joint_events"]) == []  # that exhibition is CSM RK's


def test_a_partner_of_the_other_museum_only_is_a_404(registry, get):
    assert get("nmrk", "/en/partners/tang-west-market/").status_code == 404
    assert get("nmrk", "/en/partners/no-such-partner/").status_code == 404


def test_partner_pages_render_in_three_languages(registry, get, network):
    for language in ("kk", "ru"):
        translate_page(registry["pages"]["csm"]["partners"], language, title=f"Partners {language}")
    xian_ru = registry["xian"].copy_for_translation(locale("ru"))
    xian_ru.name = "Музей Западного рынка эпохи Тан"
    xian_ru.live = True
    xian_ru.save()
    response = get("csm", "/ru/partners/tang-west-market/")
    assert response.status_code == 200
    assert "Музей Западного рынка эпохи Тан" in response.content.decode()
    assert get("csm", "/kk/partners/").status_code == 200


def test_translating_a_partner_points_its_agreements_to_the_translated_museum(
    registry, network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [locale("kk")]).create_translations(registry["xian"])

    kazakh_partner = registry["xian"].get_translation(locale("kk"))
    agreement = kazakh_partner.agreements.get()
    assert agreement.museum == network["csm"]["museum"].get_translation(locale("kk"))
    assert agreement.signed_on == datetime.date(2014, 1, 1)  # synchronised


@pytest.fixture
def admin_client(client, network):
    client.force_login(get_user_model().objects.create_superuser("chief", "chief@example.org", "pw"))
    return client


def test_deleting_a_partner_that_pages_use_is_refused_naming_them(registry, admin_client):
    embassy = registry["embassy"]

    response = admin_client.post(f"/admin/snippets/museums/partner/delete/{embassy.pk}/")

    assert response.status_code == 302
    assert Partner.objects.filter(pk=embassy.pk).exists()
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Applied art of Turkmenistan" in message


def test_an_unused_partner_can_be_deleted(registry, admin_client):
    unused = PartnerFactory(slug="unused")
    response = admin_client.post(f"/admin/snippets/museums/partner/delete/{unused.pk}/")
    assert response.status_code == 302
    assert not Partner.objects.filter(pk=unused.pk).exists()


def test_an_agreement_that_ends_before_it_was_signed_is_refused():
    agreement = PartnerAgreement(
        title="x", signed_on=datetime.date(2014, 5, 1), valid_until=datetime.date(2013, 1, 1)
    )
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        agreement.clean()
    with translation.override("en"):
        assert raised.value.message_dict == {"valid_until": ["An agreement cannot end before it was signed."]}


def field_set(model):
    return {
        field.field_name: "synchronised" if isinstance(field, SynchronizedField) else "translated"
        for field in get_translatable_fields(model)
    }


def test_partner_fields_are_pinned():
    assert field_set(Partner) == {
        "name": "translated",
        "short_name": "translated",
        "city": "translated",
        "description": "translated",
        "kind": "synchronised",
        "slug": "synchronised",
        "country": "synchronised",
        "website": "synchronised",
        "logo": "synchronised",
        "agreements": "translated",
        "first_published_at": "synchronised",
        "go_live_at": "synchronised",
        "expire_at": "synchronised",
    }
    assert field_set(PartnerAgreement) == {
        "museum": "translated",
        "kind": "synchronised",
        "title": "translated",
        "scope": "translated",
        "signed_on": "synchronised",
        "signed_precision": "synchronised",
        "valid_until": "synchronised",
        "document": "synchronised",
    }


def test_editors_keep_drafts_and_revisions_of_partners(admin_client, network):
    data = {
        "name": "Museum of Anatolian Civilizations",
        "short_name": "",
        "slug": "anatolian-civilizations",
        "kind": "museum",
        "country": "TR",
        "city": "Ankara",
        "website": "",
        "description": "",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
        "agreements-MIN_NUM_FORMS": "0",
        "agreements-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post("/admin/snippets/museums/partner/add/?locale=en", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partner = Partner.objects.get(slug="anatolian-civilizations")
    assert partner.live is False  # a draft until published
    admin_client.post(
        f"/admin/snippets/museums/partner/edit/{partner.pk}/",
        {**data, "city": "Ankara, Turkey", "action-publish": "1"},
    )
    partner.refresh_from_db()
    assert partner.live is True
    assert partner.city == "Ankara, Turkey"
    assert partner.revisions.count() == 2
