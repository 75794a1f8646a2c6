"""News: newest first, paginated, filed under topics, and an RSS feed per site and language."""

import datetime
import xml.etree.ElementTree as ElementTree

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from tests.base import AdminPageTestCase
from tests.event_factories import NewsIndexPageFactory, NewsPageFactory, NewsPageTopicFactory, TopicFactory
from tests.factories import translate_page
from tests.shared_data import module_data


class NewsTreeTests(AdminPageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = NewsIndexPageFactory(parent=cls.home)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertFalse(NewsIndexPage.can_create_at(self.home))  # one per home page

    def test_a_news_item_is_created_through_the_admin_form(self):
        self.assertCanCreate(
            self.index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Agreement with Xi'an",
                    "slug": "xian",
                    "date": "2014-01-01",
                    "date_precision": "year",
                    "summary": "A new partner in China.",
                    "body": streamfield([]),
                    "topics": inline_formset([]),  # with topics: tests/test_news_topics.py
                    "related_events": inline_formset([]),
                    "related_partners": inline_formset([]),
                }
            ),
        )
        item = NewsPage.objects.get(slug="xian")
        assert item.date_display == "2014"


def build_newsroom(network):
    indexes = {}
    for code in ("nmrk", "csm"):
        index = NewsIndexPageFactory(parent=network[code]["home"]["en"])
        indexes[code] = index
    for day in range(1, 13):
        NewsPageFactory(
            parent=indexes["nmrk"], slug=f"n{day}", title=f"NMRK news {day}", date=datetime.date(2019, 1, day)
        )
    NewsPageFactory(
        parent=indexes["csm"],
        slug="c1",
        title="CSM news",
        date=datetime.date(2014, 1, 1),
        date_precision="year",
    )
    filed = NewsPageFactory(
        parent=indexes["nmrk"], slug="tagged", title="Tagged", date=datetime.date(2018, 1, 1)
    )
    NewsPageTopicFactory(page=filed, topic=TopicFactory(name="Steppe", slug="steppe"))
    filed.save_revision().publish()
    return indexes


newsroom_data = module_data(build_newsroom, used_by="newsroom")


@pytest.fixture
def newsroom(newsroom_data, db):
    """The module's news indexes (built once, see tests/shared_data.py), read afresh for this test."""
    return newsroom_data.fetch()


def test_news_are_newest_first_and_paginated(newsroom, get):
    first = get("nmrk", "/en/news/")
    titles = [item.title for item in first.context["news_page"]]
    assert titles == [f"NMRK news {day}" for day in range(12, 2, -1)]
    second = get("nmrk", "/en/news/?page=2")
    assert [item.title for item in second.context["news_page"]] == ["NMRK news 2", "NMRK news 1", "Tagged"]


def test_news_can_be_listed_by_topic(newsroom, get):
    response = get("nmrk", "/en/news/?topic=steppe")
    assert [item.title for item in response.context["news_page"]] == ["Tagged"]


def test_links_from_before_topics_still_filter(newsroom, get):
    """Tags became topics with the same slugs; ``?tag=`` is read as ``?topic=``."""
    response = get("nmrk", "/en/news/?tag=steppe")
    assert [item.title for item in response.context["news_page"]] == ["Tagged"]


def rss_items(response):
    channel = ElementTree.fromstring(response.content).find("channel")
    return channel, [item.findtext("title") for item in channel.findall("item")]


def test_each_site_has_its_own_feed(newsroom, get):
    response = get("csm", "/en/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    _channel, titles = rss_items(response)
    assert titles == ["CSM news"]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_each_language_has_its_own_feed(newsroom, get, language):
    translated_index = translate_page(newsroom["csm"], language, title=f"News {language}")
    item = NewsPage.objects.child_of(newsroom["csm"]).get()
    translate_page(item, language, title=f"CSM news ({language})")

    channel, titles = rss_items(get("csm", f"/{language}/news/feed/"))

    assert titles == [f"CSM news ({language})"]
    assert channel.findtext("language") == language
    assert channel.findtext("link").endswith(f"/{language}/news/")
    assert translated_index.title in channel.findtext("title")


def test_a_news_item_renders_with_its_imprecise_date(newsroom, get):
    html = get("csm", "/en/news/c1/").content.decode()
    assert '<p class="news-item__date">2014</p>' in html
