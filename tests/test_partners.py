"""The shared partner registry and the museums' agreements: one partner record on both sites, names
in three languages, agreements as snippets of their own, safe deletion."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.operations import TranslationCreator

import pytest

from events.models import PartnerIndexPage
from home.models import StandardPage
from museums.countries import country_name
from museums.models import Agreement, Partner
from museums.models.agreement import AgreementsPanel
from tests.event_factories import (
    AgreementFactory,
    EventIndexPageFactory,
    ExhibitionPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import locale, translate_page
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "language", "expected"),
    [
        ("KG", "kk", "Қырғызстан"),  # CLDR
        ("KG", "en", "Kyrgyzstan"),
        ("KG", "ru", "Кыргызстан"),  # overridden: CLDR says «Киргизия»
        ("EG", "kk", "Египет"),  # CLDR «Мысыр»
        ("HK", "ru", "Гонконг"),  # CLDR «Гонконг (САР)»
        ("KR", "en", "Republic of Korea"),  # CLDR "South Korea"
    ],
)
def test_country_names_come_from_cldr_with_the_reviewed_overrides(code, language, expected):
    with translation.override(language):
        assert country_name(code) == expected
        assert PartnerFactory.build(country=code).get_country_display() == expected


def build_registry(network):
    """Both museums with a partners page and an events page; the Hermitage works with both."""
    pages = {}
    for code in ("nmrk", "csm"):
        home = network[code]["home"]["en"]
        pages[code] = {
            "partners": PartnerIndexPageFactory(parent=home),
            "events": EventIndexPageFactory(parent=home),
        }
    hermitage = PartnerFactory(name="State Hermitage Museum", slug="hermitage", country="RU")
    AgreementFactory(partner=hermitage, museum=network["nmrk"]["museum"])
    xian = PartnerFactory(name="Tang West Market Museum", slug="tang-west-market", country="CN", city="Xi'an")
    AgreementFactory(
        partner=xian, museum=network["csm"]["museum"], title="", signed_on=datetime.date(2014, 1, 1)
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


registry_data = module_data(build_registry, used_by="registry")


@pytest.fixture
def registry(registry_data, db):
    """The module's registry (built once, see tests/shared_data.py), read afresh for this test."""
    return registry_data.fetch()


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
    # An untitled agreement is named by its kind, not "Agreement on cooperation — Cooperation
    # agreement"; signed in 2014, day unknown: shown as the year only.
    assert "<strong>Cooperation agreement</strong> · <span>CSM RK</span> · signed 2014" in html

    hermitage_on_csm = get("csm", "/en/partners/hermitage/")
    assert [event.title for event in hermitage_on_csm.context["joint_events"]] == [
        "Applied art of Turkmenistan"
    ]
    hermitage_on_nmrk = get("nmrk", "/en/partners/hermitage/")
    assert list(hermitage_on_nmrk.context["joint_events"]) == []  # that exhibition is CSM RK's


def test_working_together_without_an_agreement_is_not_listed_as_one(registry, network, get):
    AgreementFactory(
        partner=registry["embassy"], museum=network["csm"]["museum"], kind="cooperation", title="Exhibitions"
    )
    html = get("csm", "/en/partners/embassy-turkmenistan/").content.decode()
    assert "<h2>Agreements</h2>" not in html
    assert "<h2>Working together</h2>" in html
    assert (
        '<span>Central State Museum of the Republic of Kazakhstan</span>: <span class="cooperation__field">'
        "Exhibitions</span>" in html
    )


def test_cooperation_without_an_agreement_must_say_on_what(network):
    record = AgreementFactory.build(
        partner=PartnerFactory(), museum=network["csm"]["museum"], kind="cooperation", title=""
    )
    with pytest.raises(ValidationError) as raised:
        record.clean()
    assert "title" in raised.value.message_dict


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


def test_an_agreement_is_translated_on_its_own_and_keeps_its_partner_and_museum(
    registry, network, django_capture_on_commit_callbacks
):
    agreement = registry["xian"].agreements.get()
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [locale("kk")]).create_translations(agreement)

    kazakh = agreement.get_translation(locale("kk"))
    assert kazakh.live is False  # a draft until translated and published
    # Synchronised, not re-pointed: the same partner and museum records in every language...
    assert (kazakh.partner, kazakh.museum) == (registry["xian"], network["csm"]["museum"])
    assert kazakh.signed_on == datetime.date(2014, 1, 1)
    # ...so translating an agreement neither creates nor unpublishes a partner translation.
    assert not registry["xian"].has_translation(locale("kk"))


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
    agreement = Agreement(
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
        "first_published_at": "synchronised",
        "go_live_at": "synchronised",
        "expire_at": "synchronised",
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


# --- Agreements in the admin ----------------------------------------------------------------------


def test_the_partner_form_lists_its_agreements_with_links_to_edit_them(registry, admin_client):
    hermitage = registry["hermitage"]
    agreement = hermitage.agreements.get()

    response = admin_client.get(f"/admin/snippets/museums/partner/edit/{hermitage.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/admin/snippets/museums/agreement/edit/{agreement.pk}/"' in html
    assert "Agreement on cooperation" in html
    assert "agreements-TOTAL_FORMS" not in html  # no longer an inline of the partner
    new_partner = admin_client.get("/admin/snippets/museums/partner/add/?locale=en")
    assert new_partner.status_code == 200
    with translation.override("en"):  # the admin speaks the editor's language; the text is English here
        assert "Save the partner first" in AgreementsPanel.BoundPanel.agreements_html(Partner())


def test_deleting_a_partner_with_agreements_is_refused(registry, admin_client):
    xian = registry["xian"]  # no page uses it; its agreement belongs to CSM RK

    response = admin_client.post(f"/admin/snippets/museums/partner/delete/{xian.pk}/")

    assert response.status_code == 302
    assert Partner.objects.filter(pk=xian.pk).exists()
    assert Agreement.objects.filter(partner=xian).count() == 1
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Tang West Market Museum" in message and "1" in message  # in the editor's language


def listed_agreements(response):
    return {str(agreement) for agreement in response.context["object_list"]}


def test_agreements_are_listed_filtered_by_museum_and_searched_in_the_admin(registry, network, admin_client):
    AgreementFactory(partner=registry["embassy"], museum=network["csm"]["museum"], title="Days of culture")
    url = "/admin/snippets/museums/agreement/"

    everything = admin_client.get(url)
    csm = admin_client.get(url, {"museum": str(network["csm"]["museum"].translation_key)})
    found = admin_client.get(url, {"q": "Turkmenistan"})  # by the partner's name

    assert everything.status_code == 200
    untitled = Agreement.objects.get(partner=registry["xian"])  # named by its kind and partner
    assert listed_agreements(everything) == {"Agreement on cooperation", str(untitled), "Days of culture"}
    assert "Tang West Market Museum" in str(untitled)
    assert len(everything.context["object_list"]) == 3
    assert [a.partner.slug for a in csm.context["object_list"]] == [
        "tang-west-market",
        "embassy-turkmenistan",
    ]
    assert listed_agreements(found) == {"Days of culture"}


def test_an_agreement_is_created_as_a_draft_and_published_with_revisions(registry, network, admin_client):
    data = {
        "partner": str(registry["embassy"].pk),
        "museum": str(network["csm"]["museum"].pk),
        "kind": "exhibition_agreement",
        "title": "Applied art of Turkmenistan",
        "signed_on": "2014-01-01",
        "signed_precision": "year",
        "valid_until": "",
        "scope": "",
        "document": "",
    }
    response = admin_client.post("/admin/snippets/museums/agreement/add/?locale=en", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(title="Applied art of Turkmenistan")
    assert agreement.live is False

    admin_client.post(
        f"/admin/snippets/museums/agreement/edit/{agreement.pk}/", {**data, "action-publish": "1"}
    )

    agreement.refresh_from_db()
    assert agreement.live is True
    assert agreement.revisions.count() == 2
    assert agreement.locale.language_code == "en"


@pytest.mark.parametrize("kind", ["museum", "partner", "agreement"])
def test_shared_records_can_be_locked_in_the_admin(registry, network, admin_client, kind):
    record = {
        "museum": network["csm"]["museum"],
        "partner": registry["xian"],
        "agreement": registry["xian"].agreements.first(),
    }[kind]

    response = admin_client.post(f"/admin/snippets/museums/{kind}/lock/{record.pk}/")

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.locked is True
    assert record.get_lock() is not None
    record.locked = False
    record.save(update_fields=["locked"])  # the museums are shared by the whole session


def test_partner_figures_are_counted_from_what_the_partners_page_lists(registry, network, get):
    home = network["csm"]["home"]["en"]
    page = home.add_child(
        instance=StandardPage(
            title="International relations", slug="relations", body=[("registry_figures", None)]
        )
    )
    page.save_revision().publish()

    html = get("csm", "/en/relations/").content.decode()
    listed = get("csm", "/en/partners/").context["partners"]
    assert len(listed) == 3  # the Tang museum by agreement, the Hermitage and the embassy by an event
    assert "<strong>3</strong> partner institutions" in html
    assert "<strong>3</strong> countries" in html  # CN, RU, TM
    assert "<strong>1</strong> written agreement signed by the museum" in html
    AgreementFactory(
        partner=registry["embassy"], museum=network["csm"]["museum"], kind="cooperation", title="X"
    )
    assert "<strong>1</strong> written agreement" in get("csm", "/en/relations/").content.decode()


def test_a_long_partner_list_is_paginated_and_keeps_its_filters(registry, network, get):
    for number in range(PartnerIndexPage.per_page + 1):
        partner = PartnerFactory(name=f"Museum {number:02}", slug=f"museum-{number}", country="RU")
        AgreementFactory(partner=partner, museum=network["nmrk"]["museum"])

    first = get("nmrk", "/en/partners/?country=RU")
    html = first.content.decode()
    assert len(first.context["partners_page"].object_list) == PartnerIndexPage.per_page
    assert 'href="?country=RU&amp;page=2"' in html
    second = get("nmrk", "/en/partners/?country=RU&page=2")
    everything = [partner.name for partner in second.context["partners"]]
    assert [partner.name for partner in second.context["partners_page"]] == everything[
        PartnerIndexPage.per_page :
    ]
    assert get("nmrk", "/en/partners/?page=999").status_code == 200  # out of range: the last page
