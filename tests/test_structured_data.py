"""schema.org JSON-LD in <head>: the museum, its events and news, and every page's breadcrumb trail."""

import datetime
import json
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from home.models import VisitPage
from museums.models import Museum
from tests.event_factories import (
    ConferencePageFactory,
    CraftsFairPageFactory,
    EventIndexPageFactory,
    EventPartnerFactory,
    ExhibitionPageFactory,
    ExhibitionVenueFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import MUSEUMS, StandardPageFactory, translate_page

SCHEMA = "https://schema.org"

pytestmark = pytest.mark.django_db


def json_ld(response):
    """Every JSON-LD block of the page's <head>, parsed."""
    assert response.status_code == 200
    document = lxml_html.fromstring(response.content)
    return [
        json.loads(script.text) for script in document.xpath('//head/script[@type="application/ld+json"]')
    ]


def of_type(items, kind):
    found = [item for item in items if item["@type"] == kind]
    assert len(found) == 1, [item["@type"] for item in items]
    assert found[0]["@context"] == SCHEMA
    return found[0]


def weekly_hours(museum):
    """The English record of ``museum`` (fresh: the shared tree's objects outlive the test) open
    Tuesday to Sunday 10:00–18:00 and closed on Mondays, as weekday data."""
    museum = Museum.objects.get(pk=museum.pk)
    museum.opening_hours = [
        (
            "hours",
            {
                "weekdays": ["1", "2", "3", "4", "5", "6"],
                "days": "",
                "opens": datetime.time(10),
                "closes": datetime.time(18),
                "closed": False,
            },
        ),
        ("hours", {"weekdays": ["0"], "days": "", "opens": None, "closes": None, "closed": True}),
    ]
    museum.save()
    return museum


@pytest.fixture
def events(network, db):
    return EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])


# --- The museum ---------------------------------------------------------------------------------


def test_the_home_page_describes_the_museum(network, get):
    weekly_hours(network["nmrk"]["museum"])

    items = json_ld(get("nmrk", "/en/"))

    museum = of_type(items, "Museum")
    assert museum["name"] == MUSEUMS["nmrk"]["name"]["en"]
    assert museum["url"] == "http://nmrk.localhost/en/"
    assert museum["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "54 Tauelsizdik Avenue, Astana",
        "addressLocality": "Astana",
        "addressCountry": "KZ",
    }
    assert museum["telephone"] == "+7 7172 00 00 00"
    assert museum["sameAs"] == ["https://www.instagram.com/museum/"]
    assert museum["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [
                f"{SCHEMA}/{day}"
                for day in ("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
            ],
            "opens": "10:00",
            "closes": "18:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{SCHEMA}/Monday"],
            "opens": "00:00",
            "closes": "00:00",
        },
    ]
    assert [item["@type"] for item in items] == ["Museum"]  # no breadcrumb trail on the home page


def test_the_museum_is_described_in_the_page_language_with_what_is_set(network, get):
    museum = network["csm"]["museum"]
    # Contacts and coordinates are synchronised: every language's record has the same.
    Museum.objects.filter(translation_key=museum.translation_key).update(
        phone="", email="", latitude=43.2567, longitude=76.9286
    )

    described = of_type(json_ld(get("csm", "/ru/")), "Museum")

    assert described["name"] == MUSEUMS["csm"]["name"]["ru"]
    assert described["url"] == "http://csm.localhost/ru/"
    assert "telephone" not in described and "email" not in described
    assert described["geo"] == {"@type": "GeoCoordinates", "latitude": 43.2567, "longitude": 76.9286}


def test_unconfirmed_hours_and_street_address_are_not_given_as_fact(network, get):
    museum = weekly_hours(network["nmrk"]["museum"])
    museum.visit_details_confirmed = False
    museum.save()

    described = of_type(json_ld(get("nmrk", "/en/")), "Museum")

    assert "openingHoursSpecification" not in described
    assert described["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Astana",
        "addressCountry": "KZ",
    }


def test_the_visit_page_describes_the_museum_and_its_trail(network, get):
    home = network["nmrk"]["home"]["en"]
    home.add_child(instance=VisitPage(title="Visit", slug="visit"))
    weekly_hours(network["nmrk"]["museum"])

    items = json_ld(get("nmrk", "/en/visit/"))

    assert [item["@type"] for item in items] == ["Museum", "BreadcrumbList"]
    assert of_type(items, "Museum")["openingHoursSpecification"]


# --- Events -------------------------------------------------------------------------------------


def test_an_exhibition_at_the_museum(network, get, events):
    exhibition = ExhibitionPageFactory(
        parent=events,
        slug="gold",
        title="Gold of the steppe",
        summary="Treasures of the Saka.",
        start_date=datetime.date(2019, 3, 12),
        end_date=datetime.date(2019, 6, 30),
        end_precision="day",
        start_time=datetime.time(10),
    )
    organiser = EventPartnerFactory(page=exhibition, role="organiser", partner__name="State Hermitage Museum")
    EventPartnerFactory(page=exhibition, role="co_sponsor", partner__name="Kazakh Culture Foundation")
    EventPartnerFactory(page=exhibition, role="auspices", partner__name="TURKSOY")
    EventPartnerFactory(
        page=exhibition,
        role="partner",
        partner__name="Almaty University",
        partner__website="https://uni.example/",
    )

    event = of_type(json_ld(get("nmrk", "/en/events/gold/")), "ExhibitionEvent")

    assert event["name"] == "Gold of the steppe"
    assert event["description"] == "Treasures of the Saka."
    assert event["url"] == "http://nmrk.localhost/en/events/gold/"
    assert event["startDate"] == "2019-03-12T10:00:00+06:00"  # Almaty time, UTC+6 in 2019
    assert event["endDate"] == "2019-06-30"
    assert event["eventStatus"] == f"{SCHEMA}/EventScheduled"
    assert event["eventAttendanceMode"] == f"{SCHEMA}/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == MUSEUMS["nmrk"]["name"]["en"]
    assert event["location"]["address"]["addressLocality"] == "Astana"
    museum = {
        "@type": "Organization",
        "name": MUSEUMS["nmrk"]["name"]["en"],
        "url": "http://nmrk.localhost/en/",
    }
    assert event["organizer"] == [museum, {"@type": "Organization", "name": organiser.partner.name}]
    assert sorted(sponsor["name"] for sponsor in event["sponsor"]) == ["Kazakh Culture Foundation", "TURKSOY"]
    assert event["contributor"] == [
        {"@type": "Organization", "name": "Almaty University", "url": "https://uni.example/"}
    ]
    assert "funder" not in event and "performer" not in event
    assert "offers" not in event and "isAccessibleForFree" not in event  # the page says nothing of admission


def test_dates_known_to_the_month_or_year_stay_that_precise(network, get, events):
    ExhibitionPageFactory(
        parent=events,
        slug="archive",
        start_date=datetime.date(2019, 3, 1),
        start_precision="month",
        end_date=datetime.date(2020, 1, 1),
        end_precision="year",
        start_time=datetime.time(10),  # a time without a day means nothing
    )

    event = of_type(json_ld(get("nmrk", "/en/events/archive/")), "ExhibitionEvent")

    assert (event["startDate"], event["endDate"]) == ("2019-03", "2020")


@pytest.mark.parametrize(
    "status, expected",
    [
        ("cancelled", "EventCancelled"),
        ("postponed", "EventPostponed"),
        ("rescheduled", "EventRescheduled"),
        ("planned", "EventScheduled"),
    ],
)
def test_the_event_status(network, get, events, status, expected):
    ExhibitionPageFactory(parent=events, slug="maybe", status=status)

    event = of_type(json_ld(get("nmrk", "/en/events/maybe/")), "ExhibitionEvent")

    assert event["eventStatus"] == f"{SCHEMA}/{expected}"


def test_a_travelling_exhibition_is_held_at_each_venue_it_was_shown_in(network, get, events):
    tour = ExhibitionPageFactory(parent=events, slug="tour", venue_kind="tour", is_travelling=True)
    host = PartnerFactory(name="National Museum of Belarus", city="Minsk", country="BY")
    ExhibitionVenueFactory(
        page=tour, partner=host, city="Minsk", country="BY", latitude=53.9, longitude=27.56
    )
    ExhibitionVenueFactory(page=tour, city="Baku", country="AZ")
    ExhibitionVenueFactory(page=tour, city="Ankara", country="TR", status="planned")

    event = of_type(json_ld(get("nmrk", "/en/events/tour/")), "ExhibitionEvent")

    assert event["location"] == [
        {
            "@type": "Place",
            "name": "National Museum of Belarus",
            "address": {"@type": "PostalAddress", "addressLocality": "Minsk", "addressCountry": "BY"},
            "geo": {"@type": "GeoCoordinates", "latitude": 53.9, "longitude": 27.56},
        },
        {
            "@type": "Place",
            "name": "Baku (Azerbaijan)",
            "address": {"@type": "PostalAddress", "addressLocality": "Baku", "addressCountry": "AZ"},
        },
    ]


def test_an_event_at_a_partner_or_elsewhere_is_located_there(network, get, events):
    host = PartnerFactory(name="State Hermitage Museum", city="Saint Petersburg", country="RU")
    ExhibitionPageFactory(parent=events, slug="abroad", venue_kind="partner", venue_partner=host)
    ExhibitionPageFactory(
        parent=events,
        slug="square",
        venue_kind="place",
        venue_name="Old Square",
        venue_city="Almaty",
        venue_country="KZ",
    )
    ExhibitionPageFactory(parent=events, slug="unknown", venue_kind="unknown")

    abroad = of_type(json_ld(get("nmrk", "/en/events/abroad/")), "ExhibitionEvent")
    square = of_type(json_ld(get("nmrk", "/en/events/square/")), "ExhibitionEvent")
    unknown = of_type(json_ld(get("nmrk", "/en/events/unknown/")), "ExhibitionEvent")

    assert abroad["location"]["name"] == "State Hermitage Museum"
    assert abroad["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Saint Petersburg",
        "addressCountry": "RU",
    }
    assert square["location"]["name"] == "Old Square"
    assert square["location"]["address"]["addressLocality"] == "Almaty"
    assert "location" not in unknown  # never guessed


@pytest.mark.parametrize(
    "kind, expected", [("seminar", "EducationEvent"), ("lecture", "EducationEvent"), ("conference", "Event")]
)
def test_a_conference_with_its_speakers(network, get, events, kind, expected):
    ConferencePageFactory(
        parent=events,
        slug="talks",
        conference_kind=kind,
        working_languages=["kk", "ru"],
        speakers=[
            (
                "speaker",
                {
                    "name": "Aigerim Seitkali",
                    "affiliation": "Al-Farabi University",
                    "country": "KZ",
                    "photo": None,
                    "biography": "",
                },
            )
        ],
    )

    event = of_type(json_ld(get("nmrk", "/en/events/talks/")), expected)

    assert event["performer"] == [
        {
            "@type": "Person",
            "name": "Aigerim Seitkali",
            "affiliation": {"@type": "Organization", "name": "Al-Farabi University"},
        }
    ]
    assert event["inLanguage"] == ["kk", "ru"]
    assert event["organizer"][0]["name"] == MUSEUMS["nmrk"]["name"]["en"]


def test_admission_is_said_only_when_the_page_says_it(network, get, events):
    CraftsFairPageFactory(parent=events, slug="fair", is_free=True)
    ExhibitionPageFactory(
        parent=events,
        slug="paid",
        price="2,000 tenge; students 1,000",
        registration_url="https://tickets.example/",
    )

    fair = of_type(json_ld(get("nmrk", "/en/events/fair/")), "Event")
    paid = of_type(json_ld(get("nmrk", "/en/events/paid/")), "ExhibitionEvent")

    assert fair["isAccessibleForFree"] is True
    assert fair["offers"]["price"] == "0"
    assert paid["isAccessibleForFree"] is False
    assert paid["offers"] == {
        "@type": "Offer",
        "description": "2,000 tenge; students 1,000",  # as written, no number read out of it
        "url": "https://tickets.example/",
    }


def test_an_event_page_in_russian_is_described_in_russian(network, get, events):
    exhibition = ExhibitionPageFactory(parent=events, slug="gold", title="Gold")
    translate_page(events, "ru", title="События")
    translate_page(exhibition, "ru", title="Золото", summary="Сокровища саков.")

    items = json_ld(get("nmrk", "/ru/events/gold/"))

    event = of_type(items, "ExhibitionEvent")
    assert (event["name"], event["description"]) == ("Золото", "Сокровища саков.")
    assert event["location"]["name"] == MUSEUMS["nmrk"]["name"]["ru"]
    names = [item["name"] for item in of_type(items, "BreadcrumbList")["itemListElement"]]
    assert names == [MUSEUMS["nmrk"]["name"]["ru"], "События", "Золото"]


# --- News ---------------------------------------------------------------------------------------


def test_a_news_item_is_a_news_article(network, get):
    news = NewsIndexPageFactory(parent=network["csm"]["home"]["en"])
    NewsPageFactory(parent=news, slug="day", title="Agreement with Xi'an", date=datetime.date(2019, 5, 14))
    NewsPageFactory(
        parent=news,
        slug="year",
        title="A year with partners",
        date=datetime.date(2014, 1, 1),
        date_precision="year",
    )

    day = of_type(json_ld(get("csm", "/en/news/day/")), "NewsArticle")
    year = of_type(json_ld(get("csm", "/en/news/year/")), "NewsArticle")

    assert day["headline"] == "Agreement with Xi'an"
    assert day["datePublished"] == "2019-05-14"
    assert year["datePublished"] == "2014"
    assert day["inLanguage"] == "en"
    assert day["publisher"]["@type"] == "Organization"
    assert day["publisher"]["name"] == MUSEUMS["csm"]["name"]["en"]
    assert day["mainEntityOfPage"] == {"@type": "WebPage", "@id": "http://csm.localhost/en/news/day/"}


# --- Breadcrumbs --------------------------------------------------------------------------------


def assert_trail_answers(get, code, trail, names):
    elements = trail["itemListElement"]
    assert [element["position"] for element in elements] == list(range(1, len(names) + 1))
    assert [element["name"] for element in elements] == names
    for element in elements:
        assert element["item"].startswith(f"http://{code}.localhost/")
        assert get(code, urlsplit(element["item"]).path).status_code == 200


def test_the_breadcrumb_trail_of_a_news_item(network, get):
    news = NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    NewsPageFactory(parent=news, slug="item", title="Item")

    trail = of_type(json_ld(get("nmrk", "/en/news/item/")), "BreadcrumbList")

    assert_trail_answers(get, "nmrk", trail, [MUSEUMS["nmrk"]["name"]["en"], "News", "Item"])


def test_the_breadcrumb_trail_of_nested_pages(network, get):
    about = network["csm"]["about"]["en"]
    StandardPageFactory(parent=about, slug="history", title="History")

    trail = of_type(json_ld(get("csm", "/en/about/history/")), "BreadcrumbList")

    assert_trail_answers(get, "csm", trail, [MUSEUMS["csm"]["name"]["en"], "About us", "History"])


def test_the_breadcrumb_trail_of_a_partner_page_ends_with_the_partner(network, get, events):
    partner = PartnerFactory(slug="hermitage", name="State Hermitage Museum")
    ExhibitionPageFactory(parent=events, venue_kind="partner", venue_partner=partner)
    PartnerIndexPageFactory(parent=network["nmrk"]["home"]["en"])

    partner_items = json_ld(get("nmrk", "/en/partners/hermitage/"))
    listing_items = json_ld(get("nmrk", "/en/partners/"))

    trail = of_type(partner_items, "BreadcrumbList")
    assert_trail_answers(
        get, "nmrk", trail, [MUSEUMS["nmrk"]["name"]["en"], "Partners", "State Hermitage Museum"]
    )
    assert trail["itemListElement"][-1]["item"] == "http://nmrk.localhost/en/partners/hermitage/"
    listing = of_type(listing_items, "BreadcrumbList")
    assert [element["name"] for element in listing["itemListElement"]][-1] == "Partners"


def test_a_title_cannot_end_the_script(network, get):
    title = "Gold </script><script>alert(1)</script> & <!-- more"
    StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="evil", title=title)

    response = get("nmrk", "/en/evil/")

    raw = response.content.decode()
    start = raw.index('<script type="application/ld+json">')
    block = raw[start : raw.index("</script>", start)]
    assert "<" not in block[len('<script type="application/ld+json">') :]
    trail = of_type(json_ld(response), "BreadcrumbList")
    assert trail["itemListElement"][-1]["name"] == title
