"""News topics: translatable snippets news items are filed under, shown and filtered in the visitor's
language with one slug for all languages, and falling back to English like partners.

The fixture translates news items the way the admin's Translate action does (wagtail-localize's
``TranslationCreator``), which creates draft translations of the topics they name
(``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`` is off) and re-points the translated rows to them.
"""

import datetime
from urllib.parse import urlencode

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.operations import TranslationCreator

import pytest

from editorial import roles
from news.models import NewsIndexPage, NewsPage, NewsPageTopic, Topic
from tests.base import AdminPageTestCase
from tests.event_factories import NewsIndexPageFactory, NewsPageFactory, NewsPageTopicFactory, TopicFactory
from tests.factories import locale, staff_member, translate_page
from tests.shared_data import module_data

CRAFTS = {"en": "Crafts", "kk": "Қолөнер", "ru": "Ремёсла"}
STEPPE = "Steppe heritage"  # translated into no language
STEPPE_DRAFT = "Наследие степи (черновик)"  # a Russian translation not yet published


def translate(page, language, django_capture_on_commit_callbacks):
    """The admin's Translate action, then publication of the page (not of the topics)."""
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [locale(language)]).create_translations(page)
    translated = NewsPage.objects.get(translation_key=page.translation_key, locale=locale(language))
    translated.save_revision().publish()
    return translated


def build_newsroom(network):
    """NMRK's news in en, kk and ru: "The felt fair" filed under Crafts (translated and published in
    kk and ru) and Steppe heritage (whose kk and ru records are the drafts wagtail-localize made), and
    "Opening hours" filed under nothing."""
    index = NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    for language in ("kk", "ru"):
        translate_page(index, language, title=f"News ({language})")
    crafts = TopicFactory(name=CRAFTS["en"], slug="crafts")
    steppe = TopicFactory(name=STEPPE, slug="steppe")
    fair = NewsPageFactory(
        parent=index, slug="felt-fair", title="The felt fair", date=datetime.date(2019, 5, 1)
    )
    NewsPageTopicFactory(page=fair, topic=crafts, sort_order=0)
    NewsPageTopicFactory(page=fair, topic=steppe, sort_order=1)
    fair.save_revision().publish()
    hours = NewsPageFactory(parent=index, slug="hours", title="Opening hours", date=datetime.date(2019, 6, 1))
    pages = {"en": fair}
    for language in ("kk", "ru"):
        # The translations' on-commit work runs here, as django_capture_on_commit_callbacks ran it.
        pages[language] = translate(fair, language, TestCase.captureOnCommitCallbacks)
        translate(hours, language, TestCase.captureOnCommitCallbacks)
        translated = crafts.get_translation(locale(language))
        translated.name = CRAFTS[language]
        translated.save_revision().publish()
    draft = steppe.get_translation(locale("ru"))
    draft.name = STEPPE_DRAFT
    draft.save()
    return {"index": index, "crafts": crafts, "steppe": steppe, "fair": pages}


newsroom_data = module_data(build_newsroom, used_by="newsroom")


@pytest.fixture
def newsroom(newsroom_data, db):
    """The module's news (built once, see tests/shared_data.py), read afresh for this test."""
    return newsroom_data.fetch()


def html(get, path):
    response = get("nmrk", path)
    assert response.status_code == 200, path
    return response.content.decode()


def titles(response):
    return [item.title for item in response.context["news_page"]]


# --- Translation ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_translated_item_names_the_topics_translations(newsroom, language):
    rows = NewsPageTopic.objects.filter(page=newsroom["fair"][language]).order_by("sort_order")

    assert [row.topic.locale.language_code for row in rows] == [language, language]
    assert [row.topic.translation_key for row in rows] == [
        newsroom["crafts"].translation_key,
        newsroom["steppe"].translation_key,
    ]
    assert rows[1].topic.live is False  # Steppe heritage: the draft wagtail-localize created


@pytest.mark.parametrize(
    ("model", "translated", "synchronised"),
    [
        (Topic, {"name"}, {"slug", "first_published_at", "go_live_at", "expire_at"}),
        (NewsPageTopic, {"topic"}, set()),
    ],
    ids=["Topic", "NewsPageTopic"],
)
def test_translatable_and_synchronised_fields_are_pinned(model, translated, synchronised):
    fields = get_translatable_fields(model)
    assert {field.field_name for field in fields if not isinstance(field, SynchronizedField)} == translated
    assert {field.field_name for field in fields if isinstance(field, SynchronizedField)} == synchronised


def test_a_translator_cannot_give_a_topic_another_slug():
    """The filter link is the same in every language only if no translation changes the slug."""
    slug = next(field for field in get_translatable_fields(Topic) if field.field_name == "slug")
    assert not slug.is_overridable(Topic())


# --- The news item --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_news_item_shows_its_topics_in_the_visitors_language(newsroom, get, language):
    page = html(get, f"/{language}/news/felt-fair/")

    assert f'<li><a href="/{language}/news/?topic=crafts">{CRAFTS[language]}</a></li>' in page
    others = {name for code, name in CRAFTS.items() if code != language}
    assert not any(f">{name}</a>" in page for name in others)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_topic_without_a_live_translation_is_shown_in_english_marked(newsroom, get, language):
    page = html(get, f"/{language}/news/felt-fair/")

    assert f'<li><a href="/{language}/news/?topic=steppe" lang="en">{STEPPE}</a></li>' in page
    assert STEPPE_DRAFT not in page


def test_a_topic_with_nothing_live_is_left_out(newsroom, get):
    Topic.objects.filter(translation_key=newsroom["steppe"].translation_key).update(live=False)

    page = html(get, "/ru/news/felt-fair/")

    assert "?topic=steppe" not in page
    assert "?topic=crafts" in page


def test_an_item_without_topics_shows_no_topics_section(newsroom, get):
    assert 'class="topics"' not in html(get, "/en/news/hours/")


# --- The news index -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_index_filters_by_topic_with_the_same_slug_in_every_language(newsroom, get, language):
    response = get("nmrk", f"/{language}/news/?topic=crafts")
    page = response.content.decode()

    assert response.status_code == 200
    assert titles(response) == ["The felt fair"]
    assert [item.locale.language_code for item in response.context["news_page"]] == [language]
    assert f"<strong>{CRAFTS[language]}</strong>" in page
    assert f'<a href="/{language}/news/">' in page  # the way back to all news
    assert titles(get("nmrk", f"/{language}/news/")) == ["Opening hours", "The felt fair"]


def test_the_index_names_an_untranslated_topic_in_english_marked(newsroom, get):
    response = get("nmrk", "/kk/news/?topic=steppe")

    assert titles(response) == ["The felt fair"]
    assert f'<strong lang="en">{STEPPE}</strong>' in response.content.decode()


@pytest.mark.parametrize("slug", ["no-such-topic", "Ünïcode", "<b>x</b>", "\x00", "x" * 500])
def test_an_unknown_topic_gives_an_empty_listing_that_says_so(newsroom, get, slug):
    response = get("nmrk", f"/en/news/?{urlencode({'topic': slug})}")
    page = response.content.decode()

    assert response.status_code == 200
    assert titles(response) == []
    assert "There is no such topic." in page
    assert "No news on this topic." in page
    assert "<b>x</b>" not in page


def test_a_topic_with_nothing_live_is_unknown_to_the_index(newsroom, get):
    Topic.objects.filter(translation_key=newsroom["steppe"].translation_key).update(live=False)

    response = get("nmrk", "/ru/news/?topic=steppe")

    assert response.status_code == 200
    assert titles(response) == []


def test_pagination_keeps_the_topic(newsroom, get):
    index, crafts = newsroom["index"], newsroom["crafts"]
    for day in range(1, NewsIndexPage.per_page + 1):
        item = NewsPageFactory(parent=index, slug=f"craft-{day}", date=datetime.date(2020, 1, day))
        NewsPageTopicFactory(page=item, topic=crafts)

    first = get("nmrk", "/en/news/?topic=crafts")
    assert 'href="?topic=crafts&amp;page=2"' in first.content.decode()
    second = get("nmrk", "/en/news/?topic=crafts&page=2")
    assert titles(second) == ["The felt fair"]
    assert 'href="?topic=crafts&amp;page=1"' in second.content.decode()


# --- Queries --------------------------------------------------------------------------------------


def count_queries(get, path):
    get("nmrk", path)  # warm Wagtail's site root paths
    with CaptureQueriesContext(connection) as queries:
        response = get("nmrk", path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["kk", "en"])
def test_a_news_items_queries_do_not_grow_with_its_topics(newsroom, get, language, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the queries of rendering, not of the page cache
    fair = newsroom["fair"][language]
    path = f"/{language}/news/felt-fair/"
    before = count_queries(get, path)
    for number in range(5):
        topic = TopicFactory()
        NewsPageTopicFactory(page=fair, topic=topic, locale=fair.locale, sort_order=10 + number)
    after = count_queries(get, path)

    assert after == before
    assert html(get, path).count("?topic=") == 7


def test_the_filtered_indexs_queries_do_not_grow_with_the_news(newsroom, get, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the queries of rendering, not of the page cache
    path = "/en/news/?topic=crafts"
    before = count_queries(get, path)
    for day in range(1, 8):
        item = NewsPageFactory(parent=newsroom["index"], slug=f"more-{day}", date=datetime.date(2021, 1, day))
        NewsPageTopicFactory(page=item, topic=newsroom["crafts"])
    after = count_queries(get, path)

    assert after == before
    assert len(titles(get("nmrk", path))) == 8


# --- The admin ------------------------------------------------------------------------------------


class NewsTopicAdminTests(AdminPageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = NewsIndexPageFactory(parent=cls.home)
        cls.crafts = TopicFactory(name="Crafts", slug="crafts")
        cls.steppe = TopicFactory(name="Steppe heritage", slug="steppe")

    def test_a_news_item_is_created_with_topics_through_the_admin_form(self):
        self.assertCanCreate(
            self.index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Felt makers meet",
                    "slug": "felt",
                    "date": "2019-05-01",
                    "date_precision": "day",
                    "summary": "Felt makers of five countries met at the museum.",
                    "body": streamfield([]),
                    "topics": inline_formset([{"topic": self.steppe.pk}, {"topic": self.crafts.pk}]),
                    "related_events": inline_formset([]),
                    "related_partners": inline_formset([]),
                }
            ),
        )
        item = NewsPage.objects.get(slug="felt")
        rows = list(item.topics.all())
        assert [row.topic for row in rows] == [self.steppe, self.crafts]  # the editor's order
        assert {row.locale for row in rows} == {item.locale}
        page = self.client.get(item.url).content.decode()
        assert page.index("?topic=steppe") < page.index("?topic=crafts")
        assert self.client.get(f"/admin/pages/{item.pk}/edit/").status_code == 200

    def test_a_topic_is_added_in_english_and_its_slug_is_unique_in_its_language(self):
        url = "/admin/snippets/news/topic/add/"
        response = self.client.post(
            url, {"name": "Conferences", "slug": "conferences", "action-publish": "1"}
        )

        assert response.status_code == 302
        topic = Topic.objects.get(slug="conferences")
        assert (topic.locale.language_code, topic.live) == ("en", True)

        again = self.client.post(url, {"name": "Seminars", "slug": "conferences", "action-publish": "1"})

        assert again.status_code == 200  # the form again, with the error, not a database error
        assert "slug" in again.context["form"].errors
        assert not Topic.objects.filter(name="Seminars").exists()
        listing = self.client.get("/admin/snippets/news/topic/")
        assert listing.status_code == 200
        assert "Conferences" in listing.content.decode()


@pytest.mark.django_db
def test_either_museums_editors_submit_topics_and_either_museums_moderators_approve(client, network):
    editor = staff_member("aigerim", roles.group_name("nmrk", roles.EDITOR))
    moderator = staff_member("saule", roles.group_name("csm", roles.MODERATOR))
    topic = TopicFactory(name="Craft", slug="crafts")

    client.force_login(editor)
    client.post(
        f"/admin/snippets/news/topic/edit/{topic.pk}/",
        {"name": "Crafts", "slug": "crafts", "action-submit": "submit"},
    )
    state = WorkflowState.objects.get(base_content_type__model="topic", object_id=str(topic.pk))
    assert Topic.objects.get(pk=topic.pk).name == "Craft"  # not published by the editor

    client.force_login(moderator)
    task_state = state.current_task_state
    client.post(f"/admin/snippets/news/topic/workflow/action/{topic.pk}/approve/{task_state.pk}/", {})

    assert Topic.objects.get(pk=topic.pk).name == "Crafts"


@pytest.mark.django_db
def test_translators_may_edit_topics_and_not_publish_them(network):
    translator = staff_member("asel", roles.TRANSLATORS)

    assert translator.has_perm("news.change_topic")
    assert not translator.has_perm("news.publish_topic")
