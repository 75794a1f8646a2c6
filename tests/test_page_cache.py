"""The anonymous page cache (home.page_cache) and what drops its pages (home.cache_invalidation):
visitors get cached pages a CDN may keep, editors never do, and every kind of change is visible on
the next request, on both sites and in every language, while unrelated pages stay cached."""

import datetime
import gzip
import http.server
import threading

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest
from freezegun import freeze_time

from events.models import EventIndexPage
from home import cache_invalidation
from museums.models import Museum
from tests.event_factories import (
    EventIndexPageFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import translate_page
from tests.shared_data import module_data
from tests.test_visit import WEEK

pytestmark = pytest.mark.django_db


def cached(response):
    return response["X-Page-Cache"]


def build_events(network):
    """An events listing with one exhibition on NMRK, in English and Kazakh, and an unrelated news item."""
    home = network["nmrk"]["home"]["en"]
    index = EventIndexPageFactory(parent=home)
    translate_page(index, "kk", title="Іс-шаралар")
    exhibition = ExhibitionPageFactory(
        parent=index, title="Steppe gold", slug="steppe-gold", start_date=datetime.date(2026, 5, 1)
    )
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="Unrelated news", slug="unrelated")
    return {"home": home, "index": index, "exhibition": exhibition, "news": news}


events_data = module_data(build_events, used_by="events")


@pytest.fixture
def events(events_data, db):
    """The module's listing (built once, see tests/shared_data.py), read afresh for this test."""
    return events_data.fetch()


def test_every_public_page_costs_at_most_fifteen_queries_uncached(events, get, settings):
    """Site chrome, the site and the route come from the shared cache (home.site_cache,
    home.routing): what is left is the page's own content."""
    settings.PAGE_CACHE_SECONDS = 0
    partner = PartnerFactory(name="Hermitage", slug="hermitage")
    PartnerIndexPageFactory(parent=events["home"])
    ExhibitionPageFactory(
        parent=events["index"],
        slug="at-the-hermitage",
        start_date=datetime.date(2026, 5, 1),
        venue_kind="partner",
        venue_partner=partner,
    )
    paths = [
        "/en/",
        "/kk/",
        "/en/about/",
        "/en/events/",
        "/en/events/?kind=exhibition&country=RU",
        "/en/events/steppe-gold/",
        "/en/events/at-the-hermitage/",
        "/en/events/calendar/",
        "/en/news/",
        "/en/news/unrelated/",
        "/en/news/feed/",
        "/en/partners/",
        "/en/partners/hermitage/",
        "/en/search/?q=gold",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/api/v2/events/?locale=en",
    ]
    counts = {}
    for path in paths:
        assert get("nmrk", path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            get("nmrk", path)
        counts[path] = len(queries)
    assert max(counts.values()) <= 15, counts


def test_a_visitor_gets_a_cached_page_a_cdn_may_keep_without_vary_cookie(network, get):
    first = get("nmrk", "/en/")
    second = get("nmrk", "/en/")
    assert (cached(first), cached(second)) == ("miss", "hit")
    assert second.content == first.content
    control = second["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "max-age=0" in control
    assert "Cookie" not in second.get("Vary", "")
    # Served from the cache with its security headers and the language it was rendered in.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert get("nmrk", "/kk/").content != second.content


def test_an_editor_is_never_served_nor_stored_a_cached_page(network, client):
    editor = get_user_model().objects.create_superuser("cache-editor", "e@example.com", "x")
    client.force_login(editor)
    host = {"host": "nmrk.localhost"}
    responses = [client.get("/en/", headers=host) for _ in range(2)]
    assert all("X-Page-Cache" not in response for response in responses)
    assert all("private" in response["Cache-Control"] for response in responses)
    assert b"wagtail-userbar" in responses[1].content  # the editor's own page, not a visitor's
    client.logout()
    client.cookies.clear()
    assert b"wagtail-userbar" not in client.get("/en/", headers=host).content


def test_off_when_page_cache_seconds_is_zero(network, get):
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert "X-Page-Cache" not in get("nmrk", "/en/")
        assert "X-Page-Cache" not in get("nmrk", "/en/")


def test_query_strings_are_cached_apart_and_kept_briefly_by_a_cdn(events, get):
    plain, filtered = get("nmrk", "/en/events/"), get("nmrk", "/en/events/?kind=exhibition")
    assert cached(filtered) == "miss" and cached(get("nmrk", "/en/events/?kind=exhibition")) == "hit"
    assert plain.content != filtered.content
    assert "s-maxage=60" in filtered["Cache-Control"]


@freeze_time("2026-06-15")
def test_publishing_an_event_shows_on_its_listings_feeds_and_api_but_keeps_unrelated_pages(events, get):
    addresses = [
        "/en/events/",
        "/en/",
        "/en/events/calendar/",
        "/sitemap-pages.xml",
        "/api/v2/events/?locale=en",
    ]
    for path in [*addresses, "/en/news/unrelated/"]:
        get("nmrk", path)
    ExhibitionPageFactory(
        parent=events["index"],
        title="Gold of the Saka",
        slug="saka-gold",
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(2026, 9, 30),
    )
    for path in addresses:
        response = get("nmrk", path)
        assert cached(response) == "miss", path
        assert b"saka-gold" in response.content or b"Gold of the Saka" in response.content, path
    assert cached(get("nmrk", "/en/news/unrelated/")) == "hit"  # exactly what shows it


def test_unpublishing_and_deleting_pages_takes_them_off_at_once(events, get):
    exhibition, news = events["exhibition"], events["news"]
    assert get("nmrk", "/en/events/steppe-gold/").status_code == 200
    assert b"Steppe gold" in get("nmrk", "/en/events/").content
    exhibition.unpublish()
    assert get("nmrk", "/en/events/steppe-gold/").status_code == 404
    assert b"Steppe gold" not in get("nmrk", "/en/events/").content

    assert get("nmrk", "/en/news/unrelated/").status_code == 200
    news.delete()
    assert get("nmrk", "/en/news/unrelated/").status_code == 404


def test_the_home_page_follows_its_latest_news_and_what_is_on(events, get, settings):
    """The home page's news items and events are kept under its address token
    (``HomePage.get_context``): what is published or unpublished below it is on it at once, with the
    page cache off as well as on."""
    settings.PAGE_CACHE_SECONDS = 0
    with freeze_time("2026-05-01"):
        home = get("nmrk", "/en/").content.decode()
        assert "Unrelated news" in home
        assert "Steppe gold" in home
        NewsPageFactory(
            parent=events["news"].get_parent(), title="Fresh news", date=datetime.date(2026, 5, 2)
        )
        events["exhibition"].unpublish()
        home = get("nmrk", "/en/").content.decode()
    assert "Fresh news" in home
    assert "Steppe gold" not in home


def test_moving_a_page_and_changing_its_slug_leave_no_old_address(events, get):
    exhibition = events["exhibition"]
    assert get("nmrk", "/en/events/steppe-gold/").status_code == 200
    exhibition.slug = "steppe-gold-2026"
    exhibition.save_revision().publish()
    assert get("nmrk", "/en/events/steppe-gold/").status_code == 404
    assert get("nmrk", "/en/events/steppe-gold-2026/").status_code == 200

    about = Page.objects.get(pk=events["home"].get_children().get(slug="about").pk)
    assert get("nmrk", "/en/about/").status_code == 200
    about.move(events["index"], pos="last-child")
    old = get("nmrk", "/en/about/")  # Wagtail's automatic redirect, not the cached page
    assert old.status_code == 301 and old["Location"].endswith("/en/events/about/")
    assert get("nmrk", "/en/events/about/").status_code == 200


def test_publishing_a_translation_adds_it_to_the_other_languages_switchers(events, get):
    english = get("nmrk", "/en/events/steppe-gold/")
    assert b'hreflang="kk"' not in english.content
    translate_page(events["exhibition"], "kk", title="Дала алтыны")
    assert b'hreflang="kk"' in get("nmrk", "/en/events/steppe-gold/").content
    assert get("nmrk", "/kk/events/steppe-gold/").status_code == 200


def test_editing_a_partner_shows_on_both_sites_and_the_pages_naming_it(network, get):
    partner = PartnerFactory(name="Hermitage", slug="hermitage")
    for code in ("nmrk", "csm"):
        PartnerIndexPageFactory(parent=network[code]["home"]["en"])
    events = {code: EventIndexPageFactory(parent=network[code]["home"]["en"]) for code in ("nmrk", "csm")}
    for code in ("nmrk", "csm"):
        ExhibitionPageFactory(
            parent=events[code],
            slug="at-the-hermitage",
            start_date=datetime.date(2026, 5, 1),
            venue_kind="partner",
            venue_partner=partner,
        )
    pages = [
        (code, path)
        for code in ("nmrk", "csm")
        for path in ("/en/partners/hermitage/", "/en/events/at-the-hermitage/")
    ]
    pages += [("nmrk", "/en/partners/"), ("nmrk", "/api/v2/partners/?locale=en")]
    for code, path in pages:
        assert b"Hermitage" in get(code, path).content, path
    partner.name = "State Hermitage Museum"
    partner.save()
    for code, path in pages:
        assert b"State Hermitage Museum" in get(code, path).content, (code, path)


def test_a_museums_identity_and_hours_change_every_page_of_its_site_only(network, events, get):
    for path in ("/en/", "/en/events/", "/en/news/unrelated/"):
        get("nmrk", path)
    get("csm", "/en/")
    museum = Museum.objects.get(pk=network["nmrk"]["museum"].pk)
    museum.short_name = "NMRK Astana"
    museum.save()
    for path in ("/en/", "/en/events/", "/en/news/unrelated/"):
        assert b"NMRK Astana" in get("nmrk", path).content, path
    assert cached(get("csm", "/en/")) == "hit"


@freeze_time("2026-06-03 17:58:00+05:00")
def test_open_now_is_not_kept_past_closing_time(network, get):
    # Open Tuesday to Sunday, 10:00 to 18:00 Astana time: closing in two minutes.
    for museum in Museum.objects.all():
        museum.opening_hours = WEEK
        museum.save()
    response = get("nmrk", "/en/")
    assert b"Open now" in response.content
    lifetime = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < lifetime <= 120


@freeze_time("2026-06-02 23:59:00+05:00")
def test_pages_are_not_kept_past_midnight(network, get):
    lifetime = int(get("nmrk", "/en/about/")["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < lifetime <= 60


def test_a_cdn_is_purged_by_url_when_the_change_commits(events, django_capture_on_commit_callbacks):
    """Wagtail's front-end cache with its HTTP backend, against a purge server on loopback."""
    purged = []

    class PurgeHandler(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    cache_invalidation.flush()  # the fixture's own pages are not part of the change under test
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    location = f"http://127.0.0.1:{server.server_address[1]}"
    backend = {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}
    }
    try:
        with (
            override_settings(WAGTAILFRONTENDCACHE=backend),
            django_capture_on_commit_callbacks(execute=True),
        ):
            events["exhibition"].unpublish()
    finally:
        server.shutdown()
    paths = {path for host, path in purged if host == "nmrk.localhost"}
    assert {"/en/events/steppe-gold/", "/en/events/steppe-gold/calendar/", "/en/events/", "/en/"} <= paths
    assert {"/kk/events/", "/sitemap.xml", "/sitemap-pages.xml"} <= paths
    assert not {path for path in paths if "unrelated" in path}
    assert EventIndexPage.objects.filter(pk=events["index"].pk).exists()


def test_an_event_naming_a_new_partner_adds_it_to_the_partners_listing(events, get):
    PartnerIndexPageFactory(parent=events["home"])
    assert b"Tashkent" not in get("nmrk", "/en/partners/").content
    partner = PartnerFactory(name="Museum of Applied Arts, Tashkent", slug="tashkent", country="UZ")
    exhibition = events["exhibition"]
    exhibition.venue_kind, exhibition.venue_partner = "partner", partner
    exhibition.save_revision().publish()
    assert b"Tashkent" in get("nmrk", "/en/partners/").content
    assert get("nmrk", "/en/partners/tashkent/").status_code == 200

    exhibition.venue_kind, exhibition.venue_partner = "museum", None
    exhibition.save_revision().publish()
    assert b"Tashkent" not in get("nmrk", "/en/partners/").content  # named no more, listed no more


def test_a_page_made_private_leaves_the_cache_the_menu_and_the_listings(events, get):
    assert b"Unrelated news" in get("nmrk", "/en/news/").content
    assert get("nmrk", "/en/news/unrelated/").status_code == 200
    PageViewRestriction.objects.create(page=events["news"], restriction_type="password", password="x")
    assert b"Unrelated news" not in get("nmrk", "/en/news/").content
    private = get("nmrk", "/en/news/unrelated/")
    assert b"Unrelated news" not in private.content.split(b"<main")[1]  # the password form instead


def test_pages_are_sent_compressed_from_the_cache_too(network, get):
    plain = get("nmrk", "/en/")
    for _ in range(2):
        compressed = get("nmrk", "/en/", accept_encoding="gzip")
        assert compressed["Content-Encoding"] == "gzip"
        assert gzip.decompress(compressed.content) == plain.content
    assert cached(compressed) == "hit"
    assert "Accept-Encoding" in compressed["Vary"]
