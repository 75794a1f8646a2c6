"""Searching a museum's site in a real browser, and opening what it finds."""

import datetime

import pytest

from tests.event_factories import EventIndexPageFactory, ExhibitionPageFactory
from tests.factories import translate_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_searches_in_russian_and_opens_an_exhibition(live_network, page):
    home = live_network["network"]["nmrk"]["home"]["en"]
    events = EventIndexPageFactory(parent=home)
    gold = ExhibitionPageFactory(
        parent=events,
        slug="steppe-gold",
        title="Gold of the Great Steppe",
        summary="An exhibition of Saka gold.",
        start_date=datetime.date(2018, 3, 1),
    )
    translate_page(events, "ru", title="События")
    translate_page(gold, "ru", title="Золото Великой степи", summary="Выставка сакского золота.")

    page.goto(live_network["url"]("nmrk", "/ru/events/"))
    header = page.locator("header")  # every page's header has the search form, in the page's language
    header.get_by_label("Поиск по сайту").fill("выставки")
    header.get_by_role("button", name="Поиск").click()

    page.wait_for_url("**/ru/search/?q=*")
    assert page.get_attribute('meta[name="robots"]', "content") == "noindex"
    hit = page.locator(".search-hit").first
    assert hit.locator(".search-hit__kind").text_content().startswith("Выставка")  # the kind, in Russian
    hit.get_by_role("link", name="Золото Великой степи").click()

    page.wait_for_url("**/ru/events/steppe-gold/")
    assert page.text_content("h1") == "Золото Великой степи"
