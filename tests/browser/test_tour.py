"""Following a travelling exhibition's tour in a real browser: on the map, along the timeline, in the
list by year, at phone width."""

import datetime

import pytest

from tests.event_factories import EventIndexPageFactory, ExhibitionPageFactory, ExhibitionVenueFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STOPS = [
    ("Minsk", "BY", 2018, 53.90, 27.57),
    ("Moscow", "RU", 2018, 55.76, 37.62),
    ("Kazan", "RU", 2019, 55.79, 49.12),
    ("Athens", "GR", 2019, 37.98, 23.73),
]


@pytest.fixture
def tour(live_network):
    index = EventIndexPageFactory(parent=live_network["network"]["nmrk"]["home"]["en"])
    exhibition = ExhibitionPageFactory(
        parent=index, slug="great-steppe", title="The Great Steppe", is_travelling=True, venue_kind="tour"
    )
    for city, country, year, latitude, longitude in STOPS:
        ExhibitionVenueFactory(
            page=exhibition,
            city=city,
            country=country,
            start_date=datetime.date(year, 1, 1),
            latitude=latitude,
            longitude=longitude,
        )
    ExhibitionVenueFactory(page=exhibition, city="", country="DE", start_date=None, status="planned")
    return live_network["url"]("nmrk", "/en/events/great-steppe/")


def test_a_visitor_follows_the_tour_on_the_map_the_timeline_and_the_list(tour, browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(tour)
        map_svg = page.locator(".map-figure svg")
        assert map_svg.get_attribute("role") == "img"
        assert "Minsk" in page.text_content(".map-figure svg desc")  # the map says what it shows
        assert map_svg.evaluate("svg => svg.getBoundingClientRect().width") <= 360
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.click(".timeline >> text=2019")
        page.wait_for_url("**#tour-2")
        heading = page.locator("#tour-2")
        assert heading.text_content().strip() == "2019"
        assert heading.evaluate("h => h.getBoundingClientRect().top < window.innerHeight")
        venues = page.locator("#tour-2 + ul li strong").all_text_contents()
        assert [venue.split(",")[0] for venue in venues] == ["Kazan", "Athens"]
        assert "4 cities" in " ".join(page.locator(".tour__summary").all_text_contents()).replace("\n", " ")
    finally:
        context.close()
