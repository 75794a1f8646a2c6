"""Markup typed into an editor's text field is text wherever it appears: escaped once, never run and
never escaped twice.

The payload below goes into titles, a partner's name, city and description (a snippet), a page
image's alt text and credit, a body image's alt text, caption and credit, an event's place and city,
and a news item's summary, search description and its section's introduction. Every output reads it
back as exactly the payload: the HTML pages (parsed: no element comes from it), their JSON-LD (no
``</script`` inside the block), the RSS feed (plain text in titles, entity-encoded HTML in an item's
description, as RSS 2.0 says), the iCalendar files and the API.
"""

import datetime
import json
import re

from django.utils import timezone

import lxml.html
import pytest
import wagtail_factories
from icalendar import Calendar
from lxml import etree

from tests.conftest import host
from tests.event_factories import (
    AgreementFactory,
    EventIndexPageFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db

# It closes a script element first, then opens one; then quotes (an attribute's end), an ampersand
# and an element.
PAYLOAD = "</script><script>alert(1)</script>\"'&<b>x</b>"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def build_content(network):
    """NMRK's events, news and partners pages, an exhibition at a place and one at a partner, and a
    news item, each field an editor types holding the payload."""
    home = network["nmrk"]["home"]["en"]
    today = timezone.localdate()
    running = {
        "start_date": today - datetime.timedelta(days=1),
        "end_date": today + datetime.timedelta(days=30),
    }
    image = wagtail_factories.ImageFactory(title="Plaque", file__width=64, file__height=48)
    events = EventIndexPageFactory(parent=home, intro=PAYLOAD)
    news = NewsIndexPageFactory(parent=home, intro=PAYLOAD)
    PartnerIndexPageFactory(parent=home)
    partner = PartnerFactory(name=PAYLOAD, slug="partner", city=PAYLOAD, description=PAYLOAD)
    AgreementFactory(partner=partner, museum=network["nmrk"]["museum"])
    figure = {"image": {"image": image.pk, "alt_text": PAYLOAD, "decorative": False}}
    placed = ExhibitionPageFactory(
        parent=events,
        slug="placed",
        title=PAYLOAD,
        summary=PAYLOAD,
        venue_kind="place",
        venue_name=PAYLOAD,
        venue_city=PAYLOAD,
        venue_country="BY",
        hero_image=image,
        image_alt=PAYLOAD,
        image_credit=PAYLOAD,
        body=[{"type": "image", "value": {**figure, "caption": PAYLOAD, "credit": PAYLOAD}}],
        **running,
    )
    hosted = ExhibitionPageFactory(
        parent=events, slug="hosted", title="Hosted", venue_kind="partner", venue_partner=partner, **running
    )
    item = NewsPageFactory(
        parent=news, slug="item", title=PAYLOAD, summary=PAYLOAD, search_description=PAYLOAD, date=today
    )
    return {"placed": placed, "hosted": hosted, "item": item}


content_data = module_data(build_content, used_by="content")


@pytest.fixture
def content(content_data, db):
    """The module's content (built once, see tests/shared_data.py), read afresh for this test."""
    return content_data.fetch()


def fetch(client, path):
    response = client.get(path, headers={"host": host("nmrk")})
    assert response.status_code == 200, path
    return response


def strings(data):
    """Every string of decoded JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def assert_read_back(texts):
    """The payload is among ``texts``, and each text that holds any of it holds all of it, as typed:
    not cut into elements or attributes, and not escaped a second time."""
    texts = list(texts)
    assert PAYLOAD in texts or any(PAYLOAD in text for text in texts)
    for text in texts:
        if "alert(1)" in text:
            assert PAYLOAD in text, text
        assert "&lt;" not in text and "&amp;" not in text and "&#" not in text, text


# --- HTML pages --------------------------------------------------------------------------------------

# Where each page shows the payload; each place must hold it whole.
PAGES = {
    "/en/": [
        "//section[@class='on-now']//h3",
        "//p[@class='event-card__where']",
        "//section[@class='latest-news']//a",
    ],
    "/en/events/": [
        "//header/p[@class='lead']",
        "//li[contains(@class, 'event-card')]//h3",
        "//p[@class='event-card__where']",
        "//li[contains(@class, 'event-card')]//a/p[last()]",
    ],
    "/en/events/placed/": [
        "//title",
        "//h1",
        "//header/p[@class='lead']",
        "//dl[@class='event-facts']",
        "//img[contains(@class, 'page-image')]/@alt",
        "//img[contains(@class, 'block-image__img')]/@alt",
        "//meta[@property='og:image:alt']/@content",
        "//meta[@name='description']/@content",
        "//p[@class='image-credit']",
        "//span[@class='block-image__caption']",
        "//span[@class='block-image__credit']",
        "//nav[@class='breadcrumbs']//li[last()]",
    ],
    "/en/events/hosted/": ["//dl[@class='event-facts']"],
    "/en/news/": ["//header/p[@class='lead']", "//article/h2/a", "//article/p[not(@class)]"],
    "/en/news/item/": [
        "//title",
        "//h1",
        "//header/p[@class='lead']",
        "//meta[@name='description']/@content",
        "//meta[@property='og:title']/@content",
    ],
    "/en/partners/": [
        "//li[contains(@class, 'partner-card')]//h2",
        "//li[contains(@class, 'partner-card')]//span",
    ],
    "/en/partners/partner/": [
        "//title",
        "//h1",
        "//header/p[@class='lead']/span",
        "//article/p[not(@class)]",
    ],
    "/en/search/?q=alert": ["//h2[@class='search-hit__title']", "//p[@class='search-hit__summary']"],
}


@pytest.mark.parametrize("path", PAGES)
def test_a_page_shows_the_payload_as_text(content, client, path):
    raw = fetch(client, path).content.decode()
    document = lxml.html.document_fromstring(raw)

    assert "<script>alert(1)" not in raw
    assert not [
        script
        for script in document.iter("script")
        if "alert(1)" in (script.text or "") and script.get("type") != "application/ld+json"
    ]
    assert not [bold for bold in document.iter("b") if bold.text_content() == "x"]
    for place in PAGES[path]:
        found = document.xpath(place)
        assert found, place
        assert PAYLOAD in " ".join(
            str(item) if isinstance(item, str) else item.text_content() for item in found
        ), place
    # Every other text and attribute that holds a part of it holds all of it.
    assert_read_back([*document.xpath("//text()[not(ancestor::script)]"), *document.xpath("//@*")])


@pytest.mark.parametrize(
    "path", ["/en/events/placed/", "/en/events/hosted/", "/en/news/item/", "/en/partners/partner/"]
)
def test_the_json_ld_reads_back_the_payload_and_cannot_end_its_script(content, client, path):
    raw = fetch(client, path).content.decode()

    blocks = JSON_LD.findall(raw)
    assert blocks
    for block in blocks:
        assert "</script" not in block.lower() and "<" not in block
    assert_read_back(text for block in blocks for text in strings(json.loads(block)))


# --- Feeds and calendars -------------------------------------------------------------------------------


def test_the_news_feed_carries_the_payload_as_rss_means_it(content, client):
    channel = etree.fromstring(fetch(client, "/en/news/feed/").content).find("channel")
    item = channel.find("item")

    # Titles and the channel's description are plain text; an item's description is HTML, which a
    # reader renders: it must render as the text the editor typed.
    assert item.findtext("title") == PAYLOAD
    assert channel.findtext("description") == PAYLOAD
    rendered = lxml.html.fragment_fromstring(item.findtext("description"), create_parent="div")
    assert list(rendered) == []  # no element
    assert rendered.text_content() == PAYLOAD


# What each entry says, by the event's slug.
ENTRIES = {
    "placed": {"SUMMARY": PAYLOAD, "LOCATION": f"{PAYLOAD}, {PAYLOAD}, Belarus"},
    "hosted": {"LOCATION": f"{PAYLOAD}, {PAYLOAD}, Russia"},
}


@pytest.mark.parametrize(
    ("path", "slugs"),
    [
        ("/en/events/calendar/", ["placed", "hosted"]),
        ("/en/events/placed/calendar/", ["placed"]),
        ("/en/events/hosted/calendar/", ["hosted"]),
    ],
)
def test_a_calendar_reads_back_the_payload(content, client, path, slugs):
    calendar = Calendar.from_ical(fetch(client, path).content)

    entries = {str(event["URL"]).rstrip("/").rsplit("/", 1)[-1]: event for event in calendar.events}
    assert sorted(entries) == sorted(slugs)
    for slug in slugs:
        for name, expected in ENTRIES[slug].items():
            assert str(entries[slug][name]) == expected, (slug, name)
    if "placed" in entries:
        assert str(entries["placed"]["DESCRIPTION"]).split("\n\n")[0] == PAYLOAD
    if path == "/en/events/calendar/":
        assert str(calendar["DESCRIPTION"]) == PAYLOAD  # the listing's introduction


# --- The API ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/{placed}/",
        "/api/v2/pages/{item}/",
        "/api/v2/pages/?type=news.NewsPage&fields=*",
        "/api/v2/events/?locale=en",
        "/api/v2/partners/?locale=en",
    ],
)
def test_the_api_reads_back_the_payload(content, client, path):
    response = fetch(client, path.format(**{name: page.pk for name, page in content.items()}))

    assert response["Content-Type"] == "application/json"
    assert_read_back(strings(json.loads(response.content)))
