"""iCalendar: "Add to calendar" on each dated event, and each events listing as a calendar feed.

Every output is read back with icalendar's own parser, and the links are followed as a visitor would:
the tests take the address from the page rather than knowing the route.
"""

import datetime
import html
import re
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest
from freezegun import freeze_time
from icalendar import Calendar

from events.models import ExhibitionPage
from tests.event_factories import (
    ConferencePageFactory,
    CraftsFairPageFactory,
    EventIndexPageFactory,
    ExhibitionPageFactory,
    PartnerFactory,
)
from tests.factories import translate_page
from tests.shared_data import module_data
from tests.test_events import listing, listing_data, titles  # noqa: F401  (the listing's fixtures, reused)

ALMATY = ZoneInfo("Asia/Almaty")
D = datetime.date
CALENDAR_LINK = re.compile(r'<a href="([^"]+)" type="text/calendar"[^>]*>([^<]+)</a>')


def build_index(network):
    """NMRK's events index in English, empty."""
    return EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])


index_data = module_data(build_index, used_by="index")


@pytest.fixture
def index(index_data, db):
    """The module's events index (built once, see tests/shared_data.py), read afresh for this test."""
    return index_data.fetch()


def calendar_links(response):
    """``[(href, text)]`` of the calendar links on an HTML page."""
    return [(html.unescape(href), text) for href, text in CALENDAR_LINK.findall(response.content.decode())]


def follow_calendar_link(get, code, path):
    """The calendar the page at ``path`` links to, parsed, and the response."""
    page = get(code, path)
    assert page.status_code == 200
    [(href, _text)] = calendar_links(page)
    response = get(code, href)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content), response


def event_entry(get, event, code="nmrk", language="en"):
    """The one VEVENT of an event page's "Add to calendar" file."""
    calendar, _response = follow_calendar_link(get, code, f"/{language}/events/{event.slug}/")
    [entry] = calendar.events
    return entry


def summaries(calendar):
    return {str(entry["SUMMARY"]) for entry in calendar.events}


# --- One event's file ---------------------------------------------------------------------------------


def test_a_timed_event_is_in_almaty_time_with_its_timezone(index, get):
    ConferencePageFactory(
        parent=index,
        slug="seminar",
        start_date=D(2019, 3, 12),
        start_time=datetime.time(10),
        end_time=datetime.time(17, 30),
    )
    calendar, response = follow_calendar_link(get, "nmrk", "/en/events/seminar/")

    assert response["Content-Disposition"] == 'attachment; filename="seminar.ics"'
    [entry] = calendar.events
    assert entry["DTSTART"].params["TZID"] == entry["DTEND"].params["TZID"] == "Asia/Almaty"
    assert b"DTSTART;TZID=Asia/Almaty:20190312T100000" in response.content
    assert entry.start == datetime.datetime(2019, 3, 12, 10, tzinfo=ALMATY)
    assert entry.end == datetime.datetime(2019, 3, 12, 17, 30, tzinfo=ALMATY)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Almaty"]
    assert entry.start.utcoffset() == datetime.timedelta(hours=6)  # before Kazakhstan's 2024 change


@pytest.mark.parametrize(
    ("fields", "start", "end"),
    [
        # A start day and time, the last day without one: until that day is over.
        ({"end_date": D(2019, 3, 14)}, datetime.datetime(2019, 3, 12, 10), datetime.datetime(2019, 3, 15)),
        # Only a start time: no invented end (RFC 5545 ends it at its start).
        ({}, datetime.datetime(2019, 3, 12, 10), datetime.datetime(2019, 3, 12, 10)),
    ],
)
def test_a_timed_event_ends_no_later_than_is_known(index, get, fields, start, end):
    ExhibitionPageFactory(
        parent=index, slug="timed", start_date=D(2019, 3, 12), start_time=datetime.time(10), **fields
    )
    entry = event_entry(get, ExhibitionPage.objects.get(slug="timed"))
    assert entry.start == start.replace(tzinfo=ALMATY)
    assert entry.end == end.replace(tzinfo=ALMATY)
    assert ("DTEND" in entry) == bool(fields)


@pytest.mark.parametrize(
    ("fields", "first", "after_last"),
    [
        ({"start_date": D(2019, 3, 12)}, D(2019, 3, 12), D(2019, 3, 13)),
        ({"start_date": D(2019, 3, 12), "end_date": D(2019, 3, 20)}, D(2019, 3, 12), D(2019, 3, 21)),
        ({"start_date": D(2019, 3, 1), "start_precision": "month"}, D(2019, 3, 1), D(2019, 4, 1)),
        ({"start_date": D(2018, 1, 1), "start_precision": "year"}, D(2018, 1, 1), D(2019, 1, 1)),
        (
            {"start_date": D(2018, 1, 1), "start_precision": "year", "end_date": D(2019, 1, 1)},
            D(2018, 1, 1),
            D(2020, 1, 1),
        ),
        # A time given for a date known only to the month says nothing: still the whole month.
        (
            {"start_date": D(2020, 7, 1), "start_precision": "month", "start_time": datetime.time(10)},
            D(2020, 7, 1),
            D(2020, 8, 1),
        ),
    ],
)
def test_an_event_without_a_time_spans_whole_days_over_its_known_period(
    index, get, fields, first, after_last
):
    fields.setdefault("end_precision", fields.get("start_precision", "day"))
    event = ExhibitionPageFactory(parent=index, slug="dated", **fields)
    calendar, response = follow_calendar_link(get, "nmrk", "/en/events/dated/")

    [entry] = calendar.events
    assert entry["DTSTART"].params["VALUE"] == entry["DTEND"].params["VALUE"] == "DATE"
    assert (entry.start, entry.end) == (first, after_last)
    assert not isinstance(entry.start, datetime.datetime)
    assert f"DTSTART;VALUE=DATE:{first:%Y%m%d}".encode() in response.content
    assert str(entry["TRANSP"]) == "TRANSPARENT"  # a span to visit in, not a busy day
    assert calendar.walk("VTIMEZONE") == []
    # A span over a month or a year is not read as "every day": the description says what is known.
    approximate = fields.get("start_precision", "day") != "day"
    assert (f"Dates as known: {event.dates_display}" in str(entry["DESCRIPTION"])) == approximate


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("scheduled", "CONFIRMED"),
        ("cancelled", "CANCELLED"),
        ("postponed", "TENTATIVE"),
        ("planned", "TENTATIVE"),
        ("rescheduled", "TENTATIVE"),
    ],
)
def test_the_status_follows_the_page(index, get, status, expected):
    event = ExhibitionPageFactory(parent=index, slug="status", status=status)
    assert str(event_entry(get, event)["STATUS"]) == expected


def test_the_entry_says_what_the_page_says_and_keeps_its_uid(index, get, network):
    published = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    event = ExhibitionPageFactory(
        parent=index,
        slug="steppe",
        title="Gold, silver; bronze",
        summary="Treasures of the steppe,\nfrom the Saka to today.",
        last_published_at=published,
    )
    first, second = event_entry(get, event), event_entry(get, event)

    assert str(first["SUMMARY"]) == "Gold, silver; bronze"  # escaped and read back intact
    assert first["SUMMARY"].params["LANGUAGE"] == "en"
    assert str(first["DESCRIPTION"]).startswith("Treasures of the steppe,\nfrom the Saka to today.")
    assert str(first["URL"]) == "http://nmrk.localhost/en/events/steppe/"
    assert "http://nmrk.localhost/en/events/steppe/" in str(first["DESCRIPTION"])
    assert first.decoded("LAST-MODIFIED") == first.decoded("DTSTAMP") == published
    assert [str(category) for category in first.categories] == ["Exhibition"]
    assert str(first["UID"]) == str(second["UID"]) == f"{event.translation_key}-en@nmrk.localhost"
    assert "ORGANIZER" not in first and "ATTENDEE" not in first


def test_the_calendar_names_its_producer_and_no_e_mail_address(index, get):
    ExhibitionPageFactory(parent=index, slug="steppe")
    calendar, response = follow_calendar_link(get, "nmrk", "/en/events/steppe/")
    assert str(calendar["PRODID"]) == "-//Museum network of Kazakhstan//Museum sites//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert b"mailto:" not in response.content.lower()
    assert b"@museum.example" not in response.content  # the museum's e-mail is not in the file


@pytest.fixture
def hermitage(db):
    return PartnerFactory(name="State Hermitage Museum", city="Saint Petersburg", country="RU")


@pytest.mark.parametrize(
    ("fields", "language", "expected"),
    [
        ({"venue_kind": "museum"}, "en", "National Museum of the Republic of Kazakhstan"),
        ({"venue_kind": "museum"}, "ru", "Национальный музей Республики Казахстан"),
        ({"venue_kind": "partner"}, "en", "State Hermitage Museum, Saint Petersburg, Russia"),
        # The partner's Russian translation is not live: its English name, the country in Russian.
        ({"venue_kind": "partner"}, "ru", "State Hermitage Museum, Saint Petersburg, Россия"),
        (
            {
                "venue_kind": "place",
                "venue_name": "Palace of Peace",
                "venue_city": "Astana",
                "venue_country": "KZ",
            },
            "kk",
            "Palace of Peace, Astana, Қазақстан",
        ),
        ({"venue_kind": "place", "venue_city": "Astana"}, "en", "Astana"),
        ({"venue_kind": "unknown"}, "en", None),
        ({"venue_kind": "tour"}, "en", None),  # each stop of a tour has its own dates
    ],
)
def test_the_location_is_the_venue_the_page_shows(index, get, hermitage, fields, language, expected):
    if fields["venue_kind"] == "partner":
        fields["venue_partner"] = hermitage
    event = ExhibitionPageFactory(parent=index, slug="where", **fields)
    if language != "en":
        translate_page(index, language, title=f"Events {language}")
        event = translate_page(event, language, title=f"Where ({language})")
    entry = event_entry(get, event, language=language)
    assert (str(entry["LOCATION"]) if "LOCATION" in entry else None) == expected


def test_each_language_has_its_own_entry_in_its_own_words(index, get):
    event = ExhibitionPageFactory(parent=index, slug="steppe", title="The Great Steppe")
    translate_page(index, "ru", title="События")
    russian = translate_page(event, "ru", title="Великая степь", summary="Кочевники от саков до наших дней.")

    english, entry = event_entry(get, event), event_entry(get, russian, language="ru")
    assert str(entry["SUMMARY"]) == "Великая степь"
    assert entry["SUMMARY"].params["LANGUAGE"] == "ru"
    assert str(entry["DESCRIPTION"]).startswith("Кочевники от саков до наших дней.")
    assert [str(category) for category in entry.categories] == ["Выставка"]
    assert str(entry["UID"]) == f"{event.translation_key}-ru@nmrk.localhost" != str(english["UID"])


def test_an_undated_event_has_no_calendar(index, get):
    ExhibitionPageFactory(parent=index, slug="picasso", start_date=None)
    ExhibitionPageFactory(parent=index, slug="dated")

    assert calendar_links(get("nmrk", "/en/events/picasso/")) == []
    assert get("nmrk", "/en/events/picasso/calendar/").status_code == 404
    assert len(calendar_links(get("nmrk", "/en/events/dated/"))) == 1


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("factory", [ExhibitionPageFactory, ConferencePageFactory, CraftsFairPageFactory])
def test_each_dated_event_page_links_its_calendar_in_the_visitors_language(index, get, language, factory):
    event = factory(parent=index, slug="event")
    if language != "en":
        translate_page(index, language, title=f"Events {language}")
        translate_page(event, language, title=f"Event ({language})")

    [(href, text)] = calendar_links(get("nmrk", f"/{language}/events/event/"))
    assert href == f"/{language}/events/event/calendar/"
    with translation.override(language):
        assert text == translation.gettext("Add to calendar")
    assert get("nmrk", href).status_code == 200


# --- The listing's feed -----------------------------------------------------------------------------


@freeze_time("2019-03-01")  # the day the factories' events start
def test_the_feed_has_the_live_public_dated_events_of_its_site_and_language(index, get, network):
    ExhibitionPageFactory(parent=index, slug="shown", title="Shown")
    translated = ConferencePageFactory(parent=index, slug="both", title="In two languages")
    ExhibitionPageFactory(parent=index, slug="draft", title="Draft", live=False)
    private = ExhibitionPageFactory(parent=index, slug="private", title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    ExhibitionPageFactory(parent=index, slug="undated", title="Undated", start_date=None)
    other = EventIndexPageFactory(parent=network["csm"]["home"]["en"])
    ExhibitionPageFactory(parent=other, slug="elsewhere", title="The other museum's")
    translate_page(index, "ru", title="События")
    translate_page(translated, "ru", title="На двух языках")

    english, response = follow_calendar_link(get, "nmrk", "/en/events/")
    russian, _response = follow_calendar_link(get, "nmrk", "/ru/events/")
    assert summaries(english) == {"Shown", "In two languages"}
    assert summaries(russian) == {"На двух языках"}
    assert summaries(follow_calendar_link(get, "csm", "/en/events/")[0]) == {"The other museum's"}
    assert response["Content-Disposition"] == 'inline; filename="nmrk-events-en.ics"'
    assert [str(zone["TZID"]) for zone in english.walk("VTIMEZONE")] == ["Asia/Almaty"]
    assert str(english["URL"]) == "http://nmrk.localhost/en/events/"


@freeze_time("2020-07-01")
@pytest.mark.parametrize(
    "query",
    [
        "kind=exhibition",
        "kind=fair",
        "year=2019",
        "year=2013",
        "country=KR",
        "country=MN",
        "partner=hermitage",
        "kind=exhibition&year=2018&country=KR",
        "kind=conference&country=KR",  # nothing: still a valid calendar
    ],
)
def test_the_feed_filters_exactly_as_the_listing(listing, get, query):  # noqa: F811
    """With a year, the feed is that year's listing; without one, the listing's events that are on,
    coming or ended in the last 90 days (on 1 July 2020: the fair and the exhibition to come)."""
    shown = set(titles(get("nmrk", f"/en/events/?{query}&page=1")))
    links = calendar_links(get("nmrk", f"/en/events/?{query}&page=1"))
    assert [href for href, _text in links] == [f"/en/events/calendar/?{query}"]  # without the page

    calendar, _response = follow_calendar_link(get, "nmrk", f"/en/events/?{query}")
    if "year=" not in query:
        shown &= {"Central Asian Crafts Fair", "Coming soon"}
    assert summaries(calendar) == shown
    assert len(calendar.events) == len(shown)
    assert calendar.walk("VTIMEZONE")  # never an empty calendar, which RFC 5545 does not allow


def test_the_unfiltered_feed_is_what_is_on_coming_or_recently_ended(listing, get):  # noqa: F811
    # The Great Steppe runs through 2019 (known to the year), the fair through July 2020 (known to
    # the month), the exhibition to come opens on 1 September 2020; each stays 90 days after its end.
    steppe, fair, coming = "The Great Steppe", "Central Asian Crafts Fair", "Coming soon"
    for today, expected in (
        ("2019-06-01", {steppe, fair, coming}),
        ("2020-03-30", {steppe, fair, coming}),
        ("2020-03-31", {fair, coming}),
        ("2020-10-29", {fair, coming}),
        ("2020-10-30", {coming}),
    ):
        with freeze_time(today):
            calendar, _response = follow_calendar_link(get, "nmrk", "/en/events/")
        assert summaries(calendar) == expected, today


def test_the_unfiltered_feed_holds_the_soonest_events_up_to_its_limit(listing, get, monkeypatch):  # noqa: F811
    from events import calendar as feeds

    monkeypatch.setattr(feeds, "FEED_MAX_EVENTS", 1)
    with freeze_time("2020-07-01"):
        calendar, _response = follow_calendar_link(get, "nmrk", "/en/events/")
        assert summaries(calendar) == {"Central Asian Crafts Fair"}  # July, before September
        year, _response = follow_calendar_link(get, "nmrk", "/en/events/?year=2020")
    assert summaries(year) == {"Central Asian Crafts Fair", "Coming soon"}  # a year's feed is whole


@freeze_time("2020-07-01")
def test_the_kept_feed_follows_a_published_and_an_unpublished_event(
    listing,  # noqa: F811
    get,
    django_capture_on_commit_callbacks,
):
    """The feed's events are kept per day and filters (``EventIndexPage.feed_events``) under the
    listing's address token: an event published or unpublished is in, or gone from, the next feed."""

    def feed():
        return summaries(follow_calendar_link(get, "nmrk", "/en/events/")[0])

    assert feed() == {"Central Asian Crafts Fair", "Coming soon"}
    coming = listing["events"]["coming"].specific
    with django_capture_on_commit_callbacks(execute=True):
        opening = ExhibitionPageFactory(
            parent=coming.get_parent(),
            title="Opening tomorrow",
            start_date=datetime.date(2020, 7, 2),
            live=False,
        )
        opening.save_revision().publish()
    assert feed() == {"Central Asian Crafts Fair", "Coming soon", "Opening tomorrow"}
    with django_capture_on_commit_callbacks(execute=True):
        coming.unpublish()
    assert feed() == {"Central Asian Crafts Fair", "Opening tomorrow"}


@pytest.mark.parametrize("query", ["kind=party", "year=abc", "country=XX", "partner=nobody"])
def test_a_filter_that_makes_no_sense_is_a_400_for_the_feed_too(listing, get, query):  # noqa: F811
    listing_page = get("nmrk", f"/en/events/?{query}")
    assert listing_page.status_code == 400
    assert calendar_links(listing_page) == []  # no link to a calendar that would answer 400

    response = get("nmrk", f"/en/events/calendar/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("Some filters were not understood:")


def test_the_subscribe_link_is_in_the_visitors_language(index, get):
    translate_page(index, "kk", title="Іс-шаралар")
    for query, msgid in (
        ("", "Subscribe to this calendar"),
        ("?kind=exhibition", "Subscribe to this calendar with these filters"),
    ):
        [(href, text)] = calendar_links(get("nmrk", f"/kk/events/{query}"))
        assert href == f"/kk/events/calendar/{query}"
        with translation.override("kk"):
            assert text == translation.gettext(msgid)


def test_the_feed_is_named_in_its_language(network, db, get):
    index = EventIndexPageFactory(parent=network["csm"]["home"]["en"])
    translate_page(index, "ru", title="События")
    translate_page(ExhibitionPageFactory(parent=index, slug="steppe"), "ru", title="Степь")

    calendar, response = follow_calendar_link(get, "csm", "/ru/events/")
    name = str(calendar["X-WR-CALNAME"])
    assert name == str(calendar["NAME"])
    assert "ЦГМ РК" in name and "CSM" not in name
    with translation.override("ru"):
        assert name == translation.gettext("%(museum)s events") % {"museum": "ЦГМ РК"}
    assert response["Content-Disposition"] == 'inline; filename="csm-events-ru.ics"'

    filtered, _response = follow_calendar_link(get, "csm", "/ru/events/?kind=exhibition")
    assert str(filtered["X-WR-CALNAME"]).endswith("выставки")  # the filter, named as the form names it
    assert str(filtered["URL"]) == "http://csm.localhost/ru/events/?kind=exhibition"
    assert str(filtered["UID"]) != str(calendar["UID"])


def test_the_feed_is_the_same_calendar_each_time_it_is_fetched(index, get):
    ExhibitionPageFactory(
        parent=index, slug="steppe", last_published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )
    first = get("nmrk", "/en/events/calendar/").content
    assert get("nmrk", "/en/events/calendar/").content == first  # subscribers see no phantom changes
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in first


def test_the_feeds_queries_do_not_grow_with_the_number_of_events(index, get, hermitage):
    def count():
        get("nmrk", "/en/events/calendar/")  # warm Wagtail's site root paths
        with CaptureQueriesContext(connection) as queries:
            assert get("nmrk", "/en/events/calendar/").status_code == 200
        return len(queries)

    def add(number):
        for n in range(number):
            ExhibitionPageFactory(parent=index, venue_kind="partner", venue_partner=hermitage)
            ConferencePageFactory(parent=index, start_time=datetime.time(10 + n % 8))

    add(2)
    few = count()
    add(20)
    assert count() == few


@freeze_time("2020-07-01")
def test_a_kept_feed_entry_follows_its_event_and_its_venue(
    listing,  # noqa: F811
    get,
    django_capture_on_commit_callbacks,
):
    """Feed entries are kept in the shared cache (``events.calendar.feed_entries``) under keys made
    of what they are written from: a published change of the event or of its host partner is in the
    next feed, and the feed's other entries are unchanged."""

    def entries():
        calendar, _response = follow_calendar_link(get, "nmrk", "/en/events/")
        return {str(event["SUMMARY"]): str(event.get("LOCATION", "")) for event in calendar.events}

    before = entries()
    assert before["Coming soon"].startswith("State Hermitage Museum")
    with django_capture_on_commit_callbacks(execute=True):
        hermitage = listing["hermitage"]
        hermitage.name = "The State Hermitage"
        hermitage.save_revision().publish()
    assert entries()["Coming soon"].startswith("The State Hermitage")

    with django_capture_on_commit_callbacks(execute=True):
        coming = listing["events"]["coming"].specific
        coming.title = "Coming in September"
        coming.save_revision().publish()
    after = entries()
    assert "Coming soon" not in after
    assert after["Coming in September"].startswith("The State Hermitage")
    assert after["Central Asian Crafts Fair"] == before["Central Asian Crafts Fair"]
