"""The news feeds, read with feedparser as a feed reader would: valid, in their language, and honest
about dates known only to the month or the year."""

import datetime

import feedparser
import pytest

from news.models import NewsPage
from tests.event_factories import NewsIndexPageFactory, NewsPageFactory
from tests.factories import MUSEUMS, translate_page
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db


def build_news(network):
    """The NMRK's news in English and Russian: one item known to the day, one to the month, one to
    the year."""
    index = NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"], intro="What is new at the museum.")
    NewsPageFactory(parent=index, slug="day", title="Opening day", date=datetime.date(2019, 1, 5))
    NewsPageFactory(
        parent=index,
        slug="month",
        title="A month of crafts",
        date=datetime.date(2018, 3, 1),
        date_precision="month",
    )
    NewsPageFactory(
        parent=index,
        slug="year",
        title="A year with partners",
        date=datetime.date(2014, 1, 1),
        date_precision="year",
    )
    translate_page(index, "ru", title="Новости", intro="Что нового в музее.")
    for item, title in zip(
        NewsPage.objects.child_of(index).order_by("-date"),
        ["День открытия", "Месяц ремёсел", "Год с партнёрами"],
        strict=True,
    ):
        translate_page(item, "ru", title=title)
    return index


news_data = module_data(build_news, used_by="news")


@pytest.fixture
def news(news_data, db):
    """The module's news index (built once, see tests/shared_data.py), read afresh for this test."""
    return news_data.fetch()


def read(get, path):
    response = get("nmrk", path)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_the_feed_is_valid_and_in_english(news, get):
    parsed = read(get, "/en/news/feed/")

    assert parsed.version == "rss20"
    assert parsed.feed.language == "en"
    assert parsed.feed.title == f"{MUSEUMS['nmrk']['name']['en']} — News"
    assert parsed.feed.link == "http://nmrk.localhost/en/news/"
    assert [entry.title for entry in parsed.entries] == [
        "Opening day",
        "A month of crafts",
        "A year with partners",
    ]


def test_the_russian_feed_is_in_russian(news, get):
    parsed = read(get, "/ru/news/feed/")

    assert parsed.feed.language == "ru"
    assert parsed.feed.title == "Национальный музей Республики Казахстан — Новости"
    assert parsed.feed.subtitle == "Что нового в музее."
    assert [entry.title for entry in parsed.entries] == ["День открытия", "Месяц ремёсел", "Год с партнёрами"]
    assert all(entry.link.startswith("http://nmrk.localhost/ru/news/") for entry in parsed.entries)


def test_the_feed_names_its_own_address(news, get):
    parsed = read(get, "/ru/news/feed/")

    selves = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert selves == ["http://nmrk.localhost/ru/news/feed/"]


@pytest.mark.parametrize("path", ["/en/news/feed/", "/ru/news/feed/"])
def test_only_news_known_to_the_day_have_a_publication_date(news, get, path):
    parsed = read(get, path)

    day, month, year = parsed.entries
    assert day.published_parsed[:3] == (2019, 1, 5)
    assert "published" not in month  # no invented first of March
    assert "published" not in year  # no invented first of January


def test_a_day_is_published_at_the_start_of_the_working_day_in_kazakhstan(news, get):
    # Almaty time, which was UTC+6 in 2019 (UTC+5 since March 2024).
    response = get("nmrk", "/en/news/feed/")

    assert "<pubDate>Sat, 05 Jan 2019 09:00:00 +0600</pubDate>" in response.content.decode()
    assert response.content.decode().count("<pubDate>") == 1
