"""Finding one's way on the public sites: a partner's page as a page of its own, the language switcher
keeping the visitor where they are, the remembered language, x-default, and the 404 and 500 pages."""

import datetime
import re
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import CaptureQueriesContext

import pytest

from home.models import StandardPage
from tests.event_factories import (
    AgreementFactory,
    EventIndexPageFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import locale, translate_page
from tests.shared_data import module_data
from tests.test_language_switcher import SWITCHER, switcher_links

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def alternates(html):
    """{hreflang: href} of the head's alternate links, x-default included."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def canonical(html):
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert len(found) <= 1
    return found[0] if found else None


def current_crumb(html):
    return re.search(r'<li aria-current="page"([^>]*)>([^<]*)</li>', html).groups()


# --- A partner's page ------------------------------------------------------------------------------


def build_partners(network):
    """CSM RK's partners page in three languages. The Tang museum (by an agreement) is translated
    into Russian only; the Hermitage takes part only in an exhibition that exists in English only."""
    home = network["csm"]["home"]["en"]
    index = PartnerIndexPageFactory(parent=home)
    pages = {"en": index}
    for language, title in (("kk", "Серіктестер"), ("ru", "Партнёры")):
        pages[language] = translate_page(index, language, title=title)
    xian = PartnerFactory(name="Tang West Market Museum", slug="tang-west-market", country="CN")
    AgreementFactory(partner=xian, museum=network["csm"]["museum"])
    xian_ru = xian.copy_for_translation(locale("ru"))
    xian_ru.name = "Музей Западного рынка эпохи Тан"
    xian_ru.live = True
    xian_ru.save()
    hermitage = PartnerFactory(name="State Hermitage Museum", slug="hermitage", country="RU")
    events = EventIndexPageFactory(parent=home)
    ExhibitionPageFactory(parent=events, slug="steppe", venue_kind="partner", venue_partner=hermitage)
    return {"pages": pages, "xian": xian, "hermitage": hermitage}


partners_data = module_data(build_partners, used_by="partners")


@pytest.fixture
def partners(partners_data, db):
    """The module's partners pages (built once, see tests/shared_data.py), read afresh for this test."""
    return partners_data.fetch()


def test_a_partners_page_is_titled_and_crumbed_with_the_partners_name(partners, get):
    html = get("csm", "/ru/partners/tang-west-market/").content.decode()

    assert "<title>Музей Западного рынка эпохи Тан · ЦГМ РК</title>" in html
    assert current_crumb(html) == ("", "Музей Западного рынка эпохи Тан")
    # The partners page is now a crumb of its own, a link.
    assert '<li><a href="/ru/partners/">Партнёры</a></li>' in html
    assert canonical(html) == "http://csm.localhost/ru/partners/tang-west-market/"


def test_a_partner_shown_in_english_is_marked_so_in_its_crumb(partners, get):
    html = get("csm", "/kk/partners/tang-west-market/").content.decode()

    assert "<title>Tang West Market Museum · ҚР ОММ</title>" in html
    assert current_crumb(html) == (' lang="en"', "Tang West Market Museum")


def test_a_partners_page_links_to_the_same_partner_in_every_language(partners, get):
    response = get("csm", "/en/partners/tang-west-market/")
    html = response.content.decode()

    links, current = switcher_links(response)
    assert current == "en"
    # Kazakh too: the partner is listed there in English while its translation is not live.
    assert links == {"kk": "/kk/partners/tang-west-market/", "ru": "/ru/partners/tang-west-market/"}
    assert alternates(html) == {
        "kk": "http://csm.localhost/kk/partners/tang-west-market/",
        "ru": "http://csm.localhost/ru/partners/tang-west-market/",
        "en": "http://csm.localhost/en/partners/tang-west-market/",
        "x-default": "http://csm.localhost/en/partners/tang-west-market/",
    }


def test_a_partner_not_listed_in_a_language_is_not_linked_in_it(partners, get):
    # Its only exhibition is not translated, so the Kazakh and Russian partners pages do not list it.
    assert get("csm", "/ru/partners/hermitage/").status_code == 404
    html = get("csm", "/en/partners/hermitage/").content.decode()

    assert SWITCHER.search(html) is None
    assert alternates(html) == {
        "en": "http://csm.localhost/en/partners/hermitage/",
        "x-default": "http://csm.localhost/en/partners/hermitage/",
    }


def test_a_language_whose_partners_page_is_not_live_is_left_out(partners, get):
    partners["pages"]["kk"].unpublish()

    links, _current = switcher_links(get("csm", "/ru/partners/tang-west-market/"))

    assert links == {"en": "/en/partners/tang-west-market/"}


def test_a_partners_page_costs_the_same_queries_however_many_partners(partners, network, get):
    def count():
        get("csm", "/ru/partners/tang-west-market/")  # warm Wagtail's site root paths
        with CaptureQueriesContext(connection) as queries:
            assert get("csm", "/ru/partners/tang-west-market/").status_code == 200
        return len(queries)

    before = count()
    for number in range(5):
        AgreementFactory(partner=PartnerFactory(slug=f"more-{number}"), museum=network["csm"]["museum"])
    assert count() == before


# --- The switcher keeps the visitor where they are -------------------------------------------------


def test_the_switcher_keeps_the_events_filters_but_not_the_page_number(network, get):
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    translate_page(index, "kk", title="Іс-шаралар")
    hermitage = PartnerFactory(name="State Hermitage Museum", slug="hermitage", country="RU")
    ExhibitionPageFactory(
        parent=index,
        slug="steppe",
        start_date=datetime.date(2018, 1, 1),
        start_precision="year",
        venue_kind="partner",
        venue_partner=hermitage,
    )
    query = "kind=exhibition&year=2018&country=RU&partner=hermitage"

    response = get("nmrk", f"/en/events/?{query}&page=1")

    assert response.status_code == 200
    links, _current = switcher_links(response)
    assert links == {"kk": f"/kk/events/?{query}".replace("&", "&amp;")}
    # The head names the page itself, not one filtered view of it.
    assert canonical(response.content.decode()) == "http://nmrk.localhost/en/events/"


@pytest.mark.parametrize(
    ("factory", "query", "kept"),
    [
        (PartnerIndexPageFactory, "country=CN&page=2&kind=museum", "country=CN&amp;kind=museum"),
        (NewsIndexPageFactory, "page=2&topic=crafts", "topic=crafts"),
        (NewsIndexPageFactory, "page=3", ""),
    ],
)
def test_the_switcher_keeps_the_filters_of_partners_and_news(network, get, factory, query, kept):
    index = factory(parent=network["csm"]["home"]["en"])
    translate_page(index, "ru")
    if factory is PartnerIndexPageFactory:
        AgreementFactory(partner=PartnerFactory(country="CN"), museum=network["csm"]["museum"])

    response = get("csm", f"/en/{index.slug}/?{query}")

    assert response.status_code == 200
    links, _current = switcher_links(response)
    assert links == {"ru": f"/ru/{index.slug}/" + (f"?{kept}" if kept else "")}


# --- The language is remembered --------------------------------------------------------------------


def test_reading_a_page_remembers_its_language_for_the_bare_address(network, client):
    response = client.get("/ru/about/", headers={"host": "csm.localhost"})

    cookie = response.cookies[COOKIE]
    assert cookie.value == "ru"
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.LANGUAGE_COOKIE_AGE
    assert cookie["path"] == "/"
    assert "Cookie" in response["Vary"]
    # The browser's language says English, the visitor last read Russian.
    assert client.get("/", headers={"host": "csm.localhost", "accept-language": "en"})["Location"] == "/ru/"


def test_following_a_switcher_link_changes_the_remembered_language(network, client):
    client.get("/kk/about/", headers={"host": "nmrk.localhost"})
    links, _current = switcher_links(client.get("/kk/about/", headers={"host": "nmrk.localhost"}))

    response = client.get(links["en"], headers={"host": "nmrk.localhost"})

    assert response.cookies[COOKIE].value == "en"
    assert client.get("/", headers={"host": "nmrk.localhost"})["Location"] == "/en/"


def test_a_page_in_the_remembered_language_sets_no_cookie(network, client):
    client.cookies[COOKIE] = "kk"
    response = client.get("/kk/about/", headers={"host": "nmrk.localhost"})

    assert response.status_code == 200
    assert COOKIE not in response.cookies


@pytest.mark.parametrize("path", ["/ru/no-such-page/", "/", "/admin/login/"])
def test_only_pages_found_under_a_language_remember_it(network, get, path):
    response = get("nmrk", path)

    assert response.status_code in (302, 200, 404)
    assert COOKIE not in response.cookies


def test_the_feed_is_served_without_the_cookie(network, get):
    index = NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    translate_page(index, "ru")

    response = get("nmrk", "/ru/news/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert COOKIE not in response.cookies


# --- x-default -------------------------------------------------------------------------------------


def test_a_home_pages_x_default_is_the_bare_address(network, get):
    html = get("nmrk", "/kk/").content.decode()

    assert alternates(html)["x-default"] == "http://nmrk.localhost/"
    assert canonical(html) == "http://nmrk.localhost/kk/"


def test_another_pages_x_default_is_its_english_version(network, get):
    html = get("nmrk", "/ru/about/").content.decode()

    assert alternates(html)["x-default"] == "http://nmrk.localhost/en/about/"
    assert canonical(html) == "http://nmrk.localhost/ru/about/"


def test_a_page_without_an_english_version_has_no_x_default(network, get):
    english = StandardPage(title="Press", slug="press", body=[])
    network["nmrk"]["home"]["en"].add_child(instance=english)
    english.save_revision().publish()
    translate_page(english, "kk", title="Баспасөз")
    english.unpublish()

    html = get("nmrk", "/kk/press/").content.decode()

    assert "x-default" not in alternates(html)
    assert alternates(html) == {"kk": "http://nmrk.localhost/kk/press/"}


# --- 404 and 500 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "path", "heading", "theme", "brand"),
    [
        ("csm", "/ru/no-such-page/", "Страница не найдена", "almaty-azure", "ЦГМ РК"),
        ("nmrk", "/kk/about/no-such-page/", "Бет табылмады", "steppe-gold", "ҚР ҰМ"),
        ("nmrk", "/en/partners/nobody/", "Page not found", "steppe-gold", "NMRK"),
    ],
)
def test_a_missing_page_is_the_sites_own_404_in_the_visitors_language(
    network, get, code, path, heading, theme, brand
):
    response = get(code, path)
    html = response.content.decode()

    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in html
    assert f"theme-{theme}" in html
    assert f'<span class="brand__short">{brand}</span>' in html
    assert '<footer class="site-footer">' in html
    assert canonical(html) is None and alternates(html) == {}  # no page to name


def test_a_404_without_a_language_prefix_speaks_the_remembered_language(network, client):
    client.cookies[COOKIE] = "ru"
    response = client.get("/about/", headers={"host": "nmrk.localhost"})

    assert response.status_code == 404
    assert '<html lang="ru"' in response.content.decode()
    assert "Страница не найдена" in response.content.decode()


@contextmanager
def failing_page(monkeypatch, database_down=False):
    """Serving the About page raises; with ``database_down`` every query fails from then on."""
    original_cursor = BaseDatabaseWrapper.cursor

    def no_database(self):
        raise OperationalError("the database is down")

    def broken_serve(self, request, *args, **kwargs):
        if database_down:
            monkeypatch.setattr(BaseDatabaseWrapper, "cursor", no_database)
        raise RuntimeError("a bug")

    monkeypatch.setattr(StandardPage, "serve", broken_serve)
    try:
        yield
    finally:
        monkeypatch.setattr(BaseDatabaseWrapper, "cursor", original_cursor)


@pytest.fixture
def erring_client(client):
    client.raise_request_exception = False
    return client


def test_an_error_is_the_sites_own_500_page_in_the_visitors_language(network, erring_client, monkeypatch):
    with failing_page(monkeypatch):
        response = erring_client.get("/ru/about/", headers={"host": "csm.localhost"})
    html = response.content.decode()

    assert response.status_code == 500
    assert '<html lang="ru">' in html
    assert 'class="theme-almaty-azure' in html
    assert '<span class="brand__short">ЦГМ РК</span>' in html
    assert '<a href="/ru/">' in html
    assert COOKIE not in response.cookies


def test_the_500_page_renders_when_the_database_is_down(network, erring_client, monkeypatch):
    with failing_page(monkeypatch, database_down=True):
        response = erring_client.get("/en/about/", headers={"host": "nmrk.localhost"})
    html = response.content.decode()

    assert response.status_code == 500
    assert '<html lang="en">' in html
    assert "<h1>Server error</h1>" in html
    assert 'class="theme-neutral' in html  # the site's look could not be read: plain, but a page
    assert '<a href="/en/">Go to the home page</a>' in html
