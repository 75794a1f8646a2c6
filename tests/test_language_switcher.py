"""The language switcher links each page to its own live translations, and only to those."""

import re

import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)


def switcher_links(response):
    """{language: href} of the switcher's links, plus the current language under "current"."""
    nav = SWITCHER.search(response.content.decode()).group(0)
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav))
    current = re.search(r'<span aria-current="true" lang="(\w+)"', nav).group(1)
    return {language: href for href, language in links.items()}, current


@pytest.mark.parametrize("code", ["nmrk", "csm"])
def test_the_switcher_links_a_page_to_the_same_page_in_the_other_languages(network, get, code):
    links, current = switcher_links(get(code, "/kk/about/"))

    assert current == "kk"
    assert links == {"ru": "/ru/about/", "en": "/en/about/"}


def test_the_switcher_on_a_home_page_links_to_the_other_home_pages(network, get):
    links, current = switcher_links(get("csm", "/en/"))

    assert current == "en"
    assert links == {"kk": "/kk/", "ru": "/ru/"}


def test_the_switcher_lists_languages_in_kazakh_russian_english_order(network, get):
    nav = SWITCHER.search(get("nmrk", "/ru/").content.decode()).group(0)
    assert nav.index("Қазақша") < nav.index("Русский") < nav.index("English")


def test_languages_a_page_is_not_translated_into_are_not_linked(network, get):
    english_only = StandardPageFactory(
        parent=network["nmrk"]["home"]["en"], slug="press", title="Press", body=[]
    )
    response = get("nmrk", "/en/press/")

    assert response.status_code == 200
    assert SWITCHER.search(response.content.decode()) is None  # nothing to switch to
    assert english_only.get_translations().count() == 0


def test_an_unpublished_translation_is_not_linked(network, get):
    about = network["csm"]["about"]
    about["ru"].unpublish()
    try:
        links, _current = switcher_links(get("csm", "/en/about/"))
        assert links == {"kk": "/kk/about/"}
    finally:
        about["ru"].save_revision().publish()


def test_alternate_links_name_every_language_version_with_absolute_urls(network, get):
    html = get("nmrk", "/en/about/").content.decode()

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))
    assert alternates == {
        "kk": "http://nmrk.localhost/kk/about/",
        "ru": "http://nmrk.localhost/ru/about/",
        "en": "http://nmrk.localhost/en/about/",
    }
