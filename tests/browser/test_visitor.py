"""What a visitor sees in a real browser: the two museums' looks, and moving between languages."""

import datetime

import pytest

from tests.event_factories import ConferencePageFactory, EventIndexPageFactory, ExhibitionPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def header_colour(page):
    return page.eval_on_selector(".site-header", "element => getComputedStyle(element).backgroundColor")


def test_the_two_museums_look_different_from_the_same_templates(live_network, page):
    page.goto(live_network["url"]("nmrk", "/en/"))
    nmrk_colour = header_colour(page)
    nmrk_font = page.eval_on_selector("h1", "element => getComputedStyle(element).fontFamily")

    page.goto(live_network["url"]("csm", "/en/"))
    csm_colour = header_colour(page)
    csm_font = page.eval_on_selector("h1", "element => getComputedStyle(element).fontFamily")

    assert nmrk_colour == "rgb(16, 35, 63)"  # night blue
    assert csm_colour == "rgb(0, 95, 143)"  # mountain azure
    assert nmrk_font != csm_font
    assert page.text_content(".brand__short") == "CSM RK"


def test_the_language_switcher_takes_the_visitor_to_the_same_page_in_kazakh(live_network, page):
    page.goto(live_network["url"]("nmrk", "/en/about/"))
    assert page.text_content("h1") == "About the museum"

    page.click(".language-switcher >> text=Қазақша")

    page.wait_for_url("**/kk/about/")
    assert page.get_attribute("html", "lang") == "kk"
    assert page.text_content("h1") == "Музей туралы"
    assert page.text_content(".brand__name") == "Қазақстан Республикасының Ұлттық музейі"
    assert "Жұмыс уақыты" in page.text_content("footer")


def test_the_bare_address_opens_the_site_in_the_browsers_language(live_network, browser):
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    try:
        page.goto(live_network["url"]("csm", "/"))
        assert page.url.endswith("/ru/")
        assert page.get_attribute("html", "lang") == "ru"
        assert page.text_content(".brand__short") == "ЦГМ РК"
    finally:
        context.close()


def test_keyboard_users_can_skip_to_the_content(live_network, page):
    page.goto(live_network["url"]("csm", "/kk/about/"))
    page.keyboard.press("Tab")

    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.text_content() == "Негізгі мазмұнға өту"
    assert skip_link.is_visible()  # moved on screen when focused


def test_a_wrong_address_shows_the_museums_own_not_found_page(live_network, page):
    response = page.goto(live_network["url"]("csm", "/ru/no-such-page/"))
    assert response.status == 404
    assert header_colour(page) == "rgb(0, 95, 143)"
    assert page.text_content("h1") == "Страница не найдена"


def test_a_visitor_filters_the_events_and_gets_a_shareable_address(live_network, page):
    index = EventIndexPageFactory(parent=live_network["network"]["csm"]["home"]["en"])
    ExhibitionPageFactory(
        parent=index,
        slug="textiles",
        title="Textiles of the steppe",
        start_date=datetime.date(2014, 1, 1),
        start_precision="year",
    )
    ConferencePageFactory(
        parent=index,
        slug="seminar",
        title="Museums of Central Asia",
        start_date=datetime.date(2013, 1, 1),
        start_precision="year",
    )

    page.goto(live_network["url"]("csm", "/en/events/"))
    assert page.locator(".event-card h3").all_text_contents() == [
        "Textiles of the steppe",
        "Museums of Central Asia",
    ]

    page.select_option("select[name=kind]", "conference")
    page.click(".filters button[type=submit]")

    page.wait_for_url("**/en/events/?kind=conference*")
    assert page.locator(".event-card h3").all_text_contents() == ["Museums of Central Asia"]
    assert page.locator(".event-card__when").all_text_contents() == ["2013"]  # no invented day
    shared = page.url
    page.goto(shared)  # the same address shows the same selection
    assert page.input_value("select[name=kind]") == "conference"
