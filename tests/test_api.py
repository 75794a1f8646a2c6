"""The public API (api/): every answer checked against its OpenAPI document with openapi-core, and the
rules that make it public: one site per host, one language per request, live and public content
only, this museum's media only, read-only and throttled."""

import datetime
import json
from functools import cache

from django.contrib.auth import get_user_model
from django.core.cache import cache as django_cache

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import pytest
import wagtail_factories
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData
from openapi_spec_validator import validate as validate_spec
from rest_framework.throttling import AnonRateThrottle

from api.openapi import DOCUMENT, load_document
from editorial.roles import museum_collection
from events.filters import KINDS
from events.models import EventStatus, VenueKind
from home.dates import DatePrecision
from museums.models import AgreementKind, PartnerKind
from tests.conftest import host
from tests.event_factories import (
    AgreementFactory,
    ConferencePageFactory,
    EventIndexPageFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import locale, translate_page
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db


@cache
def openapi():
    """The document as both hosts serve it (their servers differ, nothing else)."""
    document = {
        **load_document(),
        "servers": [{"url": f"http://{host(code)}/api/v2"} for code in ("nmrk", "csm")],
    }
    return OpenAPI.from_dict(document)


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The throttle counts requests in the cache; every test starts with none."""
    django_cache.clear()


@pytest.fixture
def api(client):
    """GET an API path on one museum's host; the answer is validated against the document (and the
    request too, for a successful one)."""

    def _get(code, path, **params):
        response = client.get(f"/api/v2{path}", params, headers={"host": host(code)})
        request = DjangoOpenAPIRequest(response.wsgi_request)
        if response.status_code < 400:
            openapi().validate_request(request)
        openapi().validate_response(request, DjangoOpenAPIResponse(response))
        return response

    return _get


def titles(answer):
    """The items' titles of a listing, from its response or its decoded body."""
    body = answer if isinstance(answer, dict) else answer.json()
    return [item["title"] for item in body["items"]]


def build_content(network):
    """Per museum: an events page and a partners page; NMRK's in three languages with an exhibition
    (two in Russian and Kazakh), a conference, a draft and a private exhibition, and a news item;
    CSM RK's with one exhibition hosted by the Hermitage, which has an agreement with each museum."""
    nmrk, csm = network["nmrk"], network["csm"]
    hermitage = PartnerFactory(name="State Hermitage Museum", slug="hermitage", country="RU", kind="museum")
    embassy = PartnerFactory(name="Embassy of Turkmenistan", slug="embassy-tm", country="TM", kind="embassy")
    hermitage_ru = hermitage.copy_for_translation(locale("ru"))
    hermitage_ru.name, hermitage_ru.live = "Государственный Эрмитаж", True
    hermitage_ru.save()
    AgreementFactory(partner=hermitage, museum=nmrk["museum"], scope="Joint exhibitions")
    AgreementFactory(partner=hermitage, museum=csm["museum"], scope="Restoration", title="CSM agreement")
    AgreementFactory(partner=embassy, museum=nmrk["museum"], kind="memorandum", title="Days of culture")

    events = EventIndexPageFactory(parent=nmrk["home"]["en"])
    partners = PartnerIndexPageFactory(parent=nmrk["home"]["en"])
    for language, title in (("ru", "События"), ("kk", "Іс-шаралар")):
        translate_page(events, language, title=title)
        translate_page(partners, language, title=title)
    gold = ExhibitionPageFactory(
        parent=events,
        title="The Golden Man",
        slug="golden-man",
        start_date=datetime.date(2019, 3, 1),
        end_date=datetime.date(2019, 6, 1),
        end_precision="month",
        venue_kind="museum",
    )
    gold.save_revision().publish()
    gold_ru = translate_page(gold, "ru", title="Золотой человек")
    translate_page(gold, "kk", title="Алтын адам")
    conference = ConferencePageFactory(
        parent=events,
        title="Steppe conference",
        slug="steppe",
        start_date=datetime.date(2018, 1, 1),
        start_precision="year",
        venue_kind="place",
        venue_name="Academy of Sciences",
        venue_city="Minsk",
        venue_country="BY",
    )
    draft = ExhibitionPageFactory(parent=events, title="Draft exhibition", slug="draft", live=False)
    private = ExhibitionPageFactory(parent=events, title="Private exhibition", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    news = NewsIndexPageFactory(parent=nmrk["home"]["en"])
    news_item = NewsPageFactory(parent=news, title="The museum reopens", date=datetime.date(2024, 5, 1))

    csm_events = EventIndexPageFactory(parent=csm["home"]["en"])
    PartnerIndexPageFactory(parent=csm["home"]["en"])
    applied_art = ExhibitionPageFactory(
        parent=csm_events,
        title="Applied art of Turkmenistan",
        slug="applied-art",
        venue_kind="partner",
        venue_partner=hermitage,
    )
    translate_page(csm_events, "ru", title="События")
    translate_page(applied_art, "ru", title="Прикладное искусство Туркменистана")
    return {
        "gold": gold,
        "gold_ru": gold_ru,
        "conference": conference,
        "draft": draft,
        "private": private,
        "news_item": news_item,
        "applied_art": applied_art,
        "hermitage": hermitage,
    }


content_data = module_data(build_content, used_by="content")


@pytest.fixture
def content(content_data, db):
    """The module's content (built once, see tests/shared_data.py), read afresh for this test."""
    return content_data.fetch()


def site_page_ids(network, code):
    homes = network[code]["home"].values()
    return {page.pk for home in homes for page in Page.objects.descendant_of(home, inclusive=True)}


def every_item(api, code, path, **params):
    """All items of a listing, page by page, each answer validated."""
    items, offset = [], 0
    while True:
        body = api(code, path, offset=offset, **params).json()
        items += body["items"]
        offset += 20
        if offset >= body["meta"]["total_count"]:
            return items


# --- The document ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nmrk", "csm"])
def test_the_document_is_valid_openapi_served_with_the_requesting_host(api, network, code):
    response = api(code, "/openapi.json")
    document = response.json()
    validate_spec(document)
    assert document["servers"] == [{"url": f"http://{host(code)}/api/v2"}]
    stored = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert {**document, "servers": None} == {**stored, "servers": None}


def test_the_documents_codes_are_the_models_choices():
    schemas = load_document()["components"]["schemas"]
    event = schemas["Event"]["properties"]
    assert event["kind"]["enum"] == list(KINDS)
    assert event["status"]["enum"] == EventStatus.values
    assert event["venue"]["properties"]["kind"]["enum"] == VenueKind.values
    assert schemas["PartialDate"]["properties"]["precision"]["enum"] == DatePrecision.values
    assert schemas["Partner"]["properties"]["kind"]["enum"] == PartnerKind.values
    assert schemas["Agreement"]["properties"]["kind"]["enum"] == AgreementKind.values
    assert event["locale"]["enum"] == ["kk", "ru", "en"]


def test_a_drifting_answer_fails_validation(api, network):
    """The document is strict enough to catch an answer that grew a field."""
    response = api("nmrk", "/pages/", locale="en")
    body = response.json()
    body["items"][0]["meta"]["author"] = "someone"
    response.content = json.dumps(body).encode()
    with pytest.raises(InvalidData):
        openapi().validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )


# --- Pages ----------------------------------------------------------------------------------------


def test_each_host_answers_with_its_own_sites_pages_only(api, network, content):
    csm_ids = {item["id"] for item in every_item(api, "csm", "/pages/")}
    assert csm_ids == site_page_ids(network, "csm")
    assert content["applied_art"].pk in csm_ids
    assert not csm_ids & site_page_ids(network, "nmrk")

    nmrk_page = content["gold"].pk
    assert api("nmrk", f"/pages/{nmrk_page}/").status_code == 200
    assert api("csm", f"/pages/{nmrk_page}/").status_code == 404
    # Wagtail's own ?site= would reach the other site: not accepted here.
    refused = api("csm", "/pages/", site="nmrk.localhost")
    assert refused.status_code == 400
    assert "site" in refused.json()["message"]


def test_locale_chooses_the_language_of_the_pages(api, network, content):
    russian = api("nmrk", "/pages/", locale="ru", type="events.ExhibitionPage")
    assert titles(russian) == ["Золотой человек"]
    assert {item["meta"]["locale"] for item in russian.json()["items"]} == {"ru"}
    english = api("nmrk", "/pages/", locale="en", type="events.ExhibitionPage")
    assert titles(english) == ["The Golden Man"]


def test_a_page_reads_in_its_own_language_with_its_api_fields(api, content):
    detail = api("nmrk", f"/pages/{content['gold_ru'].pk}/").json()
    assert detail["title"] == "Золотой человек"
    assert detail["meta"]["html_url"] == "http://nmrk.localhost/ru/events/golden-man/"
    assert detail["meta"]["parent"]["title"] == "События"
    assert (detail["start_date"], detail["start_precision"]) == ("2019-03-01", "day")
    assert (detail["end_date"], detail["end_precision"]) == ("2019-06-01", "month")
    assert detail["dates_display"] == "1 марта 2019\u202fг. – июнь 2019\u202fг."
    assert detail["status"] == "scheduled"
    news = api("nmrk", "/pages/", type="news.NewsPage", fields="*", locale="en").json()["items"]
    assert [(item["date"], item["date_display"], item["summary"]) for item in news] == [
        ("2024-05-01", "1 May 2024", "What happened.")
    ]


def test_drafts_and_private_pages_are_never_listed(api, network, content):
    listed = {item["id"] for item in every_item(api, "nmrk", "/pages/")}
    assert content["gold"].pk in listed
    assert content["draft"].pk not in listed
    assert content["private"].pk not in listed
    for page in ("draft", "private"):
        assert api("nmrk", f"/pages/{content[page].pk}/").status_code == 404
    events = api("nmrk", "/events/", locale="en").json()["items"]
    assert {event["title"] for event in events} == {"The Golden Man", "Steppe conference"}


def test_an_unknown_locale_is_a_400_not_a_404(api, network):
    for path in ("/pages/", "/events/", "/partners/"):
        response = api("nmrk", path, locale="de")
        assert response.status_code == 400
        assert response.json() == {"message": "unknown locale 'de': use one of kk, ru, en"}


@pytest.mark.parametrize("params", [{"limit": "many"}, {"limit": 21}, {"offset": -1}, {"colour": "red"}])
@pytest.mark.parametrize("path", ["/pages/", "/images/", "/documents/", "/events/", "/partners/"])
def test_an_invalid_limit_offset_or_parameter_is_a_400(api, network, path, params):
    response = api("nmrk", path, **params)
    assert response.status_code == 400
    assert set(response.json()) == {"message"}


# --- Events ---------------------------------------------------------------------------------------


def test_events_come_in_the_sites_default_language_or_the_one_asked_for(api, content):
    kazakh = api("nmrk", "/events/").json()
    assert titles(kazakh) == ["Алтын адам"]
    assert kazakh["items"][0]["locale"] == "kk"
    assert titles(api("nmrk", "/events/", locale="ru").json()) == ["Золотой человек"]
    assert api("csm", "/events/", locale="en").json()["meta"]["total_count"] == 1


def test_an_event_says_when_where_and_with_whom_in_the_language_asked_for(api, content):
    (gold,) = api("nmrk", "/events/", locale="ru").json()["items"]
    assert gold["kind"] == "exhibition"
    assert gold["kind_label"] == "выставка"
    assert gold["url"] == "http://nmrk.localhost/ru/events/golden-man/"
    assert gold["start"] == {"date": "2019-03-01", "precision": "day", "display": "1 марта 2019\u202fг."}
    assert gold["end"] == {"date": "2019-06-01", "precision": "month", "display": "июнь 2019\u202fг."}
    assert gold["venue"] == {"kind": "museum", "text": "Национальный музей Республики Казахстан"}

    conference = next(
        item for item in api("nmrk", "/events/", locale="en").json()["items"] if item["kind"] == "conference"
    )
    assert conference["start"] == {"date": "2018-01-01", "precision": "year", "display": "2018"}
    assert conference["end"] is None
    assert conference["venue"] == {"kind": "place", "text": "Academy of Sciences, Minsk, Belarus"}
    assert conference["countries"] == ["BY"]

    (applied_art,) = api("csm", "/events/", locale="ru").json()["items"]
    assert applied_art["venue"]["text"] == "Государственный Эрмитаж, Saint Petersburg, Россия"
    assert applied_art["countries"] == ["RU"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "exhibition"}, ["The Golden Man"]),
        ({"kind": "conference"}, ["Steppe conference"]),
        ({"year": 2018}, ["Steppe conference"]),
        ({"country": "BY"}, ["Steppe conference"]),
        ({"kind": "exhibition", "year": 2018}, []),
    ],
)
def test_the_events_filters_are_the_listings(api, content, params, expected):
    response = api("nmrk", "/events/", locale="en", **params)
    assert titles(response) == expected
    assert response.json()["meta"]["total_count"] == len(expected)


def test_the_partner_filter_finds_the_events_a_partner_takes_part_in(api, content):
    assert titles(api("csm", "/events/", locale="en", partner="hermitage")) == ["Applied art of Turkmenistan"]


def test_a_filter_value_the_listing_does_not_offer_is_a_400_with_the_forms_errors(api, content):
    response = api("nmrk", "/events/", locale="en", country="XX", kind="exhibition")
    openapi().validate_request(DjangoOpenAPIRequest(response.wsgi_request))  # a valid request...
    assert response.status_code == 400  # ...that the filter form refuses
    body = response.json()
    assert body["message"] == "invalid filter"
    assert set(body["errors"]) == {"country"}
    russian = api("nmrk", "/events/", locale="ru", country="XX").json()
    assert "XX" in russian["errors"]["country"][0] and "Выберите" in russian["errors"]["country"][0]


def test_events_are_paginated_with_the_total_count(api, content):
    first = api("nmrk", "/events/", locale="en", limit=1).json()
    second = api("nmrk", "/events/", locale="en", limit=1, offset=1).json()
    beyond = api("nmrk", "/events/", locale="en", offset=2).json()
    assert first["meta"] == second["meta"] == beyond["meta"] == {"total_count": 2}
    # Past events newest first, as on the events page.
    assert titles(first) + titles(second) == ["The Golden Man", "Steppe conference"]
    assert beyond["items"] == []


# --- Partners -------------------------------------------------------------------------------------


def test_partners_are_this_museums_with_this_museums_agreements(api, content):
    partners = api("nmrk", "/partners/", locale="en").json()
    assert partners["meta"] == {"total_count": 2}
    embassy, hermitage = partners["items"]
    assert (embassy["slug"], hermitage["slug"]) == ("embassy-tm", "hermitage")
    assert hermitage["country"] == {"code": "RU", "name": "Russia"}
    assert hermitage["url"] == "http://nmrk.localhost/en/partners/hermitage/"
    assert [(a["scope"], a["signed"]["display"]) for a in hermitage["agreements"]] == [
        ("Joint exhibitions", "2014")
    ]
    assert [a["kind"] for a in embassy["agreements"]] == ["memorandum"]

    on_csm = api("csm", "/partners/", locale="en").json()["items"]
    assert [partner["slug"] for partner in on_csm] == ["hermitage"]
    assert [agreement["title"] for agreement in on_csm[0]["agreements"]] == ["CSM agreement"]


def test_partners_read_in_the_language_asked_for_or_in_english(api, content):
    partners = api("nmrk", "/partners/", locale="ru").json()["items"]
    names = {partner["slug"]: (partner["name"], partner["locale"]) for partner in partners}
    assert names == {
        "hermitage": ("Государственный Эрмитаж", "ru"),
        "embassy-tm": ("Embassy of Turkmenistan", "en"),  # not translated: the English record
    }
    hermitage = next(partner for partner in partners if partner["slug"] == "hermitage")
    assert hermitage["country"] == {"code": "RU", "name": "Россия"}
    assert hermitage["url"] == "http://nmrk.localhost/ru/partners/hermitage/"
    assert hermitage["agreements"][0]["locale"] == "en"


@pytest.mark.parametrize(
    ("params", "expected", "status"),
    [
        ({"kind": "embassy"}, ["embassy-tm"], 200),
        ({"country": "RU"}, ["hermitage"], 200),
        ({"country": "CN"}, [], 400),  # no partner of this museum is there: not a choice
    ],
)
def test_the_partners_filters_are_the_partners_pages(api, content, params, expected, status):
    response = api("nmrk", "/partners/", locale="en", **params)
    assert response.status_code == status
    assert [partner["slug"] for partner in response.json().get("items", [])] == expected


# --- Images and documents -------------------------------------------------------------------------


def build_media(network):
    root = Collection.get_first_root_node()
    board = museum_collection("nmrk").add_child(name="NMRK board")
    CollectionViewRestriction.objects.create(collection=board, restriction_type="password", password="x")
    documents = {
        "nmrk": wagtail_factories.DocumentFactory(
            title="NMRK annual report", collection=museum_collection("nmrk")
        ),
        "csm": wagtail_factories.DocumentFactory(
            title="CSM RK annual report", collection=museum_collection("csm")
        ),
        "shared": wagtail_factories.DocumentFactory(title="Network charter", collection=root),
        "private": wagtail_factories.DocumentFactory(title="Board minutes", collection=board),
    }
    images = {
        "nmrk": wagtail_factories.ImageFactory(title="Golden Man", collection=museum_collection("nmrk")),
        "csm": wagtail_factories.ImageFactory(title="Felt carpet", collection=museum_collection("csm")),
        "shared": wagtail_factories.ImageFactory(title="Network logo", collection=root),
    }
    return {"documents": documents, "images": images}


media_data = module_data(build_media, used_by="media")


@pytest.fixture
def media(media_data, db):
    """The module's images and documents (built once, see tests/shared_data.py), read afresh."""
    return media_data.fetch()


def test_images_are_this_museums_and_the_shared_ones(api, media):
    assert set(titles(api("nmrk", "/images/"))) == {"Golden Man", "Network logo"}
    assert set(titles(api("csm", "/images/"))) == {"Felt carpet", "Network logo"}
    assert api("nmrk", f"/images/{media['images']['csm'].pk}/").status_code == 404
    detail = api("csm", f"/images/{media['images']['csm'].pk}/").json()
    assert (detail["title"], detail["meta"]["detail_url"]) == (
        "Felt carpet",
        f"http://csm.localhost/api/v2/images/{media['images']['csm'].pk}/",
    )


def test_documents_leave_out_the_other_museums_and_private_collections(api, media):
    assert set(titles(api("nmrk", "/documents/"))) == {"NMRK annual report", "Network charter"}
    assert set(titles(api("csm", "/documents/"))) == {"CSM RK annual report", "Network charter"}
    private = media["documents"]["private"]
    assert api("nmrk", f"/documents/{private.pk}/").status_code == 404
    assert get_document_model().objects.filter(pk=private.pk).exists()  # it exists, it is just not public


# --- Methods and throttling -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/pages/", "/images/", "/documents/", "/events/", "/partners/", "/openapi.json"]
)
def test_the_api_is_read_only(client, network, path):
    headers = {"host": "nmrk.localhost"}
    posted = client.post(f"/api/v2{path}", {}, headers=headers)
    assert posted.status_code == 405
    # DRF's message, in the language the request negotiates (the site's default, Kazakh, here).
    assert list(posted.json()) == ["message"]
    assert '"POST"' in posted.json()["message"]
    assert client.delete(f"/api/v2{path}", headers=headers).status_code == 405
    assert client.head(f"/api/v2{path}", headers=headers).status_code == 200
    assert client.options(f"/api/v2{path}", headers=headers).status_code == 200


def test_a_client_asking_too_often_is_throttled(api, network, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    assert api("nmrk", "/events/").status_code == 200
    assert api("csm", "/pages/").status_code == 200
    throttled = api("nmrk", "/partners/")  # validated against the document's 429 too
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0


def test_a_signed_in_editor_is_just_another_anonymous_client(api, client, content, media, monkeypatch):
    """The API's answers depend on no session: no private page for an editor, no private document for
    a visitor who entered the collection's password, and no exemption from the throttle."""
    client.force_login(get_user_model().objects.create_superuser("chief", "chief@example.org", "pw"))
    session = client.session
    session["passed_collection_view_restrictions"] = list(
        CollectionViewRestriction.objects.values_list("pk", flat=True)
    )
    session.save()
    listed = {item["id"] for item in every_item(api, "nmrk", "/pages/", type="events.ExhibitionPage")}
    assert content["private"].pk not in listed
    assert content["gold"].pk in listed
    assert "Board minutes" not in titles(api("nmrk", "/documents/"))
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    django_cache.clear()
    assert api("nmrk", "/events/").status_code == 200
    assert api("nmrk", "/events/").status_code == 429
