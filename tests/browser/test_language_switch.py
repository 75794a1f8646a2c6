"""Switching language in a real browser: the visitor stays on the same partner, the same filtered
listing, and the bare address remembers the choice."""

import datetime

import pytest

from tests.event_factories import (
    AgreementFactory,
    EventIndexPageFactory,
    ExhibitionPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import locale, translate_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switching_language_on_a_partners_page_stays_on_that_partner(live_network, page):
    network = live_network["network"]
    index = PartnerIndexPageFactory(parent=network["csm"]["home"]["en"])
    translate_page(index, "ru", title="Партнёры")
    xian = PartnerFactory(name="Tang West Market Museum", slug="tang-west-market", country="CN")
    AgreementFactory(partner=xian, museum=network["csm"]["museum"])
    russian = xian.copy_for_translation(locale("ru"))
    russian.name = "Музей Западного рынка эпохи Тан"
    russian.live = True
    russian.save()

    page.goto(live_network["url"]("csm", "/en/partners/tang-west-market/"))
    assert page.title() == "Tang West Market Museum · CSM RK"

    page.click(".language-switcher >> text=Русский")

    page.wait_for_url("**/ru/partners/tang-west-market/")
    assert page.text_content("h1") == "Музей Западного рынка эпохи Тан"
    assert page.title() == "Музей Западного рынка эпохи Тан · ЦГМ РК"
    assert page.text_content(".breadcrumbs [aria-current=page]") == "Музей Западного рынка эпохи Тан"
    cookie = next(c for c in page.context.cookies() if c["name"] == "django_language")
    assert (cookie["value"], cookie["sameSite"]) == ("ru", "Lax")

    # The browser says English; the visitor chose Russian, and the bare address remembers it.
    page.goto(live_network["url"]("csm", "/"))
    assert page.url.endswith("/ru/")


def test_switching_language_on_a_filtered_listing_keeps_the_filters(live_network, page):
    network = live_network["network"]
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    translate_page(index, "kk", title="Іс-шаралар")
    for slug, title, year in (("felt", "Felt of the steppe", 2018), ("bronze", "Saka bronze", 2014)):
        exhibition = ExhibitionPageFactory(
            parent=index, slug=slug, title=title, start_date=datetime.date(year, 1, 1), start_precision="year"
        )
        translate_page(exhibition, "kk", title=f"{title} (kk)")

    page.goto(live_network["url"]("nmrk", "/en/events/?kind=exhibition&year=2018&page=1"))
    assert page.locator(".event-card h3").all_text_contents() == ["Felt of the steppe"]

    page.click(".language-switcher >> text=Қазақша")

    page.wait_for_url("**/kk/events/?kind=exhibition&year=2018")
    assert page.get_attribute("html", "lang") == "kk"
    assert page.locator(".event-card h3").all_text_contents() == ["Felt of the steppe (kk)"]
    assert page.input_value("select[name=year]") == "2018"
