"""What search engines and link previews read in <head>: the description, Open Graph and Twitter cards
with their image, the favicons, and the news feed every page of a site advertises."""

from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.test import RequestFactory

import pytest
import wagtail_factories
from lxml import html as lxml_html

from home.templatetags.seo_tags import news_feed
from tests.event_factories import (
    EventIndexPageFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import MUSEUMS, StandardPageFactory, translate_page

pytestmark = pytest.mark.django_db


def fresh(record):
    """A copy of a record of the shared tree to change: the tree's own objects outlive the test."""
    return type(record).objects.get(pk=record.pk)


def head(response):
    assert response.status_code == 200
    return lxml_html.fromstring(response.content).find("head")


def meta(document, key):
    """The content of every <meta property|name=key> in <head>."""
    return [
        element.get("content")
        for element in document.iter("meta")
        if key in (element.get("property"), element.get("name"))
    ]


def only(document, key):
    values = meta(document, key)
    assert len(values) == 1, (key, values)
    return values[0]


@pytest.fixture
def photo(db):
    return wagtail_factories.ImageFactory(title="Golden Man", file__width=1600, file__height=900)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_page_without_a_summary_is_described_by_the_museum_name_in_its_language(network, get, language):
    about = fresh(network["nmrk"]["about"][language])
    about.intro = ""
    about.save_revision().publish()

    document = head(get("nmrk", f"/{language}/about/"))

    expected = MUSEUMS["nmrk"]["name"][language]
    assert only(document, "description") == expected
    assert only(document, "og:description") == expected
    assert only(document, "twitter:description") == expected


def test_the_search_description_comes_before_the_summary(network, get):
    about = fresh(network["nmrk"]["about"]["en"])
    about.search_description = "Everything about the museum's history."
    about.save_revision().publish()

    document = head(get("nmrk", "/en/about/"))

    assert only(document, "description") == "Everything about the museum's history."


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/en/", "Welcome to the museum."),  # the home page's introduction
        ("/en/events/", "NMRK Museum"),  # nothing of its own: the museum
        ("/en/events/spring/", "Spring in the steppe."),  # the event's summary
        ("/en/news/", "NMRK Museum"),
        ("/en/news/item/", "What happened."),
        ("/en/partners/hermitage/", "A museum we work with."),  # the partner, on its own page
        ("/en/no-such-page/", "NMRK Museum"),  # even the 404
    ],
)
def test_every_kind_of_page_has_a_description(network, get, path, expected):
    home = network["nmrk"]["home"]["en"]
    events = EventIndexPageFactory(parent=home)
    ExhibitionPageFactory(parent=events, slug="spring", summary="Spring in the steppe.")
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news, slug="item")
    partner = PartnerFactory(slug="hermitage", name="State Hermitage Museum")
    ExhibitionPageFactory(parent=events, slug="joint", venue_kind="partner", venue_partner=partner)
    PartnerIndexPageFactory(parent=home)
    museum = fresh(network["nmrk"]["museum"])
    museum.name = "NMRK Museum"
    museum.save()

    response = get("nmrk", path)

    document = lxml_html.fromstring(response.content).find("head")
    assert only(document, "description") == expected


def test_a_page_with_an_image_is_shared_with_it_cut_to_the_card(network, get, photo):
    page = StandardPageFactory(
        parent=network["nmrk"]["home"]["en"], slug="gold", image=photo, image_alt="A gold plaque"
    )

    document = head(get("nmrk", f"/en/{page.slug}/"))

    url = only(document, "og:image")
    assert url.startswith("http://nmrk.localhost/")
    assert (only(document, "og:image:width"), only(document, "og:image:height")) == ("1200", "630")
    assert only(document, "og:image:alt") == only(document, "twitter:image:alt") == "A gold plaque"
    assert only(document, "twitter:image") == url
    assert only(document, "twitter:card") == "summary_large_image"
    image = get("nmrk", urlsplit(url).path)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"


def test_a_decorative_image_is_shared_without_alt_text(network, get, photo):
    page = StandardPageFactory(
        parent=network["nmrk"]["home"]["en"], slug="felt", image=photo, image_decorative=True
    )

    document = head(get("nmrk", f"/en/{page.slug}/"))

    assert meta(document, "og:image")
    assert meta(document, "og:image:alt") == meta(document, "twitter:image:alt") == []


def test_without_an_image_the_museum_logo_is_shared(network, get, photo):
    museum = fresh(network["csm"]["museum"])
    museum.logo = photo
    museum.save()

    document = head(get("csm", "/en/about/"))

    url = only(document, "og:image")
    assert "/media/images/" in url
    assert only(document, "og:image:width") == "1120"  # fitted into 1200×630, never cropped
    assert only(document, "og:image:alt") == museum.name
    assert get("csm", urlsplit(url).path).status_code == 200


@pytest.mark.parametrize("code, theme", [("nmrk", "steppe-gold"), ("csm", "almaty-azure")])
def test_without_an_image_or_logo_each_museum_is_shared_with_its_own_ornament(
    network, client, settings, code, theme
):
    settings.WHITENOISE_USE_FINDERS = True  # read before the client's first request builds the middleware
    host = MUSEUMS[code]["hostname"]

    document = head(client.get("/en/about/", headers={"host": host}))

    url = only(document, "og:image")
    assert url == f"http://{host}/static/images/share/{theme}.png"
    assert (only(document, "og:image:width"), only(document, "og:image:height")) == ("1200", "630")
    assert finders.find(f"images/share/{theme}.png")
    assert client.get(urlsplit(url).path, headers={"host": host}).status_code == 200


def test_open_graph_says_what_the_page_is(network, get):
    news = NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    NewsPageFactory(parent=news, slug="item", title="A new partner")

    home = head(get("nmrk", "/en/"))
    item = head(get("nmrk", "/en/news/item/"))

    assert only(home, "og:type") == "website"
    assert only(home, "og:url") == "http://nmrk.localhost/en/"
    assert only(home, "og:title") == MUSEUMS["nmrk"]["name"]["en"]
    assert only(item, "og:type") == "article"
    assert only(item, "og:title") == only(item, "twitter:title") == "A new partner"
    assert only(item, "og:url") == "http://nmrk.localhost/en/news/item/"


@pytest.mark.parametrize(
    "language, locale, alternates",
    [
        ("kk", "kk_KZ", ["ru_RU", "en_GB"]),
        ("ru", "ru_RU", ["kk_KZ", "en_GB"]),
        ("en", "en_GB", ["kk_KZ", "ru_RU"]),
    ],
)
def test_open_graph_names_the_locale_and_the_other_versions(network, get, language, locale, alternates):
    document = head(get("csm", f"/{language}/about/"))

    assert only(document, "og:locale") == locale
    assert meta(document, "og:locale:alternate") == alternates
    assert only(document, "og:site_name") == MUSEUMS["csm"]["name"][language]


def test_a_page_in_one_language_names_no_alternate_locale(network, get):
    StandardPageFactory(parent=network["csm"]["home"]["en"], slug="english-only")

    document = head(get("csm", "/en/english-only/"))

    assert meta(document, "og:locale:alternate") == []


def test_the_partner_page_is_shared_as_the_partner(network, get):
    home = network["nmrk"]["home"]["en"]
    events = EventIndexPageFactory(parent=home)
    partner = PartnerFactory(slug="hermitage", name="State Hermitage Museum", description="")
    ExhibitionPageFactory(parent=events, venue_kind="partner", venue_partner=partner)
    PartnerIndexPageFactory(parent=home)

    document = head(get("nmrk", "/en/partners/hermitage/"))

    assert only(document, "og:title") == "State Hermitage Museum"
    assert only(document, "og:description") == "State Hermitage Museum: Museum · Russia, Saint Petersburg"
    assert only(document, "og:url") == "http://nmrk.localhost/en/partners/hermitage/"


def feed_links(document):
    return [
        (link.get("title"), link.get("href"))
        for link in document.iter("link")
        if link.get("rel") == "alternate" and link.get("type") == "application/rss+xml"
    ]


def test_every_page_advertises_the_news_feed_in_its_language(network, get):
    news = NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    translate_page(news, "ru", title="Новости")

    document = head(get("nmrk", "/ru/about/"))

    title, href = feed_links(document)[0]
    assert feed_links(document) == [(title, href)]
    assert title == "Национальный музей Республики Казахстан — Новости"
    assert href == "http://nmrk.localhost/ru/news/feed/"
    feed = get("nmrk", urlsplit(href).path)
    assert feed.status_code == 200
    assert f"<title>{title}</title>" in feed.content.decode()  # the feed's own title


def test_a_site_without_news_advertises_no_feed(network, get):
    NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])  # the other museum's news

    assert feed_links(head(get("csm", "/en/about/"))) == []


def test_a_language_without_its_news_index_advertises_no_feed(network, get):
    NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])  # not translated into Kazakh

    assert feed_links(head(get("nmrk", "/kk/about/"))) == []
    assert len(feed_links(head(get("nmrk", "/en/about/")))) == 1


def test_the_feed_link_costs_one_query(network, django_assert_num_queries):
    home = network["nmrk"]["home"]["en"]
    news = NewsIndexPageFactory(parent=home)
    request = RequestFactory().get("/en/about/", headers={"host": "nmrk.localhost"})
    news.get_url(request)  # the site's root paths, which every page's links need anyway

    with django_assert_num_queries(1):
        found = news_feed(request, network["nmrk"]["about"]["en"], home, "NMRK")
    with django_assert_num_queries(0):
        on_the_index = news_feed(request, news, home, "NMRK")

    assert found == on_the_index == {"url": "http://nmrk.localhost/en/news/feed/", "title": "NMRK — News"}


def test_every_page_names_its_icons(network, get):
    document = head(get("nmrk", "/en/about/"))

    icons = {
        (link.get("rel"), link.get("href"), link.get("type"), link.get("sizes"))
        for link in document.iter("link")
    }
    assert ("icon", "/static/favicon.svg", "image/svg+xml", None) in icons
    assert ("icon", "/favicon.ico", None, "any") in icons
    assert ("apple-touch-icon", "/static/apple-touch-icon.png", None, None) in icons
