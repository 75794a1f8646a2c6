"""Site search: per site and language, pages, events, news and partners, stemmed where PostgreSQL can."""

import datetime

from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

import pytest

from search.forms import MAX_QUERY_LENGTH
from search.views import PER_PAGE
from tests.event_factories import (
    AgreementFactory,
    ConferencePageFactory,
    CraftsFairPageFactory,
    EventIndexPageFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import StandardPageFactory, locale, translate_page
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db


def translate_partner(partner, language, **fields):
    translated = partner.copy_for_translation(locale(language))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.live = True
    translated.save()
    return translated


def build_content(network):
    """NMRK: events, news and partners in three languages; CSM RK: an exhibition of its own."""
    home = network["nmrk"]["home"]["en"]
    events = EventIndexPageFactory(parent=home)
    news = NewsIndexPageFactory(parent=home)
    partners = PartnerIndexPageFactory(parent=home)
    gold = ExhibitionPageFactory(
        parent=events,
        slug="steppe-gold",
        title="Gold of the Great Steppe",
        summary="An exhibition of Saka gold from the burial mounds.",
        start_date=datetime.date(2018, 3, 1),
        start_precision="month",
        end_date=datetime.date(2019, 5, 1),
        end_precision="month",
    )
    seminar = ConferencePageFactory(
        parent=events,
        slug="turkic-seminar",
        title="Turkic studies seminar",
        summary="Scholars on the gold of the steppe.",
        start_date=datetime.date(2013, 10, 1),
    )
    fair = CraftsFairPageFactory(
        parent=events,
        slug="crafts-fair",
        title="Central Asian crafts fair",
        summary="Felt, gold jewellery and leather from five countries.",
        start_date=datetime.date(2016, 9, 1),
    )
    night = NewsPageFactory(
        parent=news,
        slug="museum-night",
        title="Museum night",
        summary="The gold hall stays open until midnight.",
        date=datetime.date(2019, 5, 18),
    )
    hermitage = PartnerFactory(
        name="State Hermitage Museum",
        short_name="Hermitage",
        slug="hermitage",
        city="Saint Petersburg",
        description="Restorers of gold and silver work with us.",
    )
    AgreementFactory(partner=hermitage, museum=network["nmrk"]["museum"])
    for language, words in {
        "ru": {
            "events": "События",
            "news": "Новости",
            "partners": "Партнёры",
            "gold": ("Золото Великой степи", "Выставка сакского золота из курганов."),
        },
        "kk": {
            "events": "Іс-шаралар",
            "news": "Жаңалықтар",
            "partners": "Серіктестер",
            "gold": ("Ұлы даланың алтыны", "Қорғандардан табылған сақ алтынының көрмесі."),
        },
    }.items():
        translate_page(events, language, title=words["events"])
        translate_page(news, language, title=words["news"])
        translate_page(partners, language, title=words["partners"])
        title, summary = words["gold"]
        translate_page(gold, language, title=title, summary=summary)
    translate_partner(
        hermitage,
        "ru",
        name="Государственный Эрмитаж",
        short_name="Эрмитаж",
        city="Санкт-Петербург",
        description="Реставраторы золота работают с нами.",
    )

    csm_events = EventIndexPageFactory(parent=network["csm"]["home"]["en"])
    ExhibitionPageFactory(
        parent=csm_events, slug="almaty-gold", title="Gold of Almaty", summary="Gold from Almaty."
    )
    csm_partners = PartnerIndexPageFactory(parent=network["csm"]["home"]["en"])
    xian = PartnerFactory(name="Tang West Market Museum", slug="xian", description="Gold of the Silk Road.")
    AgreementFactory(partner=xian, museum=network["csm"]["museum"])
    return {
        "events": events,
        "news": news,
        "partners": partners,
        "gold": gold,
        "seminar": seminar,
        "fair": fair,
        "night": night,
        "csm_partners": csm_partners,
    }


content_data = module_data(build_content, used_by="content")


@pytest.fixture
def content(content_data, db):
    """The module's content (built once, see tests/shared_data.py), read afresh for this test."""
    return content_data.fetch()


def search(get, query="", code="nmrk", language="en"):
    return get(code, f"/{language}/search/{'?' if query else ''}{query}")


def titles(response):
    return [hit.title for hit in response.context["hits"]]


def kinds(response):
    return {hit.title: (hit.kind, str(hit.label)) for hit in response.context["hits"]}


# --- Finding ------------------------------------------------------------------------------------


def test_pages_events_news_and_partners_are_found_and_labelled(content, get):
    response = search(get, "q=gold")
    assert response.status_code == 200
    assert kinds(response) == {
        "State Hermitage Museum": ("partner", "partner"),
        "Gold of the Great Steppe": ("exhibition", "exhibition"),
        "Turkic studies seminar": ("conference", "conference or seminar"),
        "Central Asian crafts fair": ("fair", "crafts fair"),
        "Museum night": ("news", "news item"),
    }
    # Partners are matched on their description too, but come after pages: the name did not match.
    assert titles(response)[-1] == "State Hermitage Museum"


def test_each_hit_shows_its_dates_and_summary(content, get):
    html = search(get, "q=steppe").content.decode()
    with translation.override("en"):
        dates = content["gold"].dates_display  # home/dates.py: "March 2018 – May 2019", CLDR's spacing
    assert dates.startswith("March 2018")
    assert f'<span class="search-hit__when">{dates}</span>' in html
    assert "An exhibition of Saka gold from the burial mounds." in html
    night = search(get, "q=midnight").content.decode()
    assert "18 May 2019" in night
    assert 'href="/en/news/museum-night/"' in night


def test_other_pages_are_found_by_their_title(content, get):
    response = search(get, "q=museum")
    assert kinds(response)["About the museum"] == ("page", "Page")


def test_russian_words_are_found_in_other_forms(content, get):
    """PostgreSQL's russian configuration: «выставки» finds «Выставка», «золоту» finds «золота»."""
    assert connection.vendor == "postgresql"
    assert titles(search(get, "q=выставки", language="ru")) == ["Золото Великой степи"]
    assert "Золото Великой степи" in titles(search(get, "q=золоту", language="ru"))
    # English is stemmed too: "exhibitions" finds "An exhibition".
    assert titles(search(get, "q=exhibitions")) == ["Gold of the Great Steppe"]


def test_kazakh_pages_are_found_by_their_words(content, get):
    # PostgreSQL has no Kazakh stemmer: the index holds the words as written ("simple").
    assert titles(search(get, "q=алтынының", language="kk")) == ["Ұлы даланың алтыны"]
    assert titles(search(get, "q=АЛТЫНЫ", language="kk")) == ["Ұлы даланың алтыны"]


def test_each_language_finds_only_its_own_pages(content, get):
    assert "Gold of the Great Steppe" not in titles(search(get, "q=gold", language="ru"))
    assert "Золото Великой степи" not in titles(search(get, "q=золото"))
    assert titles(search(get, "q=Steppe", language="kk")) == []


def test_the_other_sites_pages_and_partners_never_appear(content, get):
    nmrk = titles(search(get, "q=gold"))
    assert "Gold of Almaty" not in nmrk
    assert "Tang West Market Museum" not in nmrk
    csm = titles(search(get, "q=gold", code="csm"))
    assert "Gold of Almaty" in csm
    assert "Tang West Market Museum" in csm
    assert "Gold of the Great Steppe" not in csm


def test_drafts_and_private_pages_never_appear(network, content, get):
    ExhibitionPageFactory(parent=content["events"], slug="draft", title="Hidden gold draft", live=False)
    private = StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="staff", title="Staff gold")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    # A live page whose unpublished revision mentions a word: only the published text is searched.
    gold = content["gold"]
    gold.summary = "Unpublished platinum summary."
    gold.save_revision()

    found = titles(search(get, "q=gold"))
    assert "Hidden gold draft" not in found
    assert "Staff gold" not in found
    assert titles(search(get, "q=platinum")) == []


def test_update_index_keeps_each_language_in_its_configuration(content, get):
    call_command("update_index", verbosity=0)
    assert titles(search(get, "q=выставки", language="ru")) == ["Золото Великой степи"]
    assert titles(search(get, "q=exhibitions")) == ["Gold of the Great Steppe"]


def test_searches_that_name_no_language_parse_the_words_in_every_configuration(content):
    """The admin searches all locales at once: a Russian editor's «выставки» still finds the Russian
    page, and the Kazakh and English pages are found by their own words."""
    backend = get_search_backend()
    pages = Page.objects.live()
    assert "Золото Великой степи" in {page.title for page in backend.search("выставки", pages)}
    assert "Ұлы даланың алтыны" in {page.title for page in backend.search("алтынының", pages)}
    assert "Gold of the Great Steppe" in {page.title for page in backend.search("exhibitions", pages)}


# --- Partners -----------------------------------------------------------------------------------


def test_a_partner_links_to_this_sites_partner_page_in_the_visitors_language(content, get):
    response = search(get, "q=Эрмитажа", language="ru")
    assert titles(response) == ["Государственный Эрмитаж"]
    assert response.context["hits"][0].url == "/ru/partners/hermitage/"
    assert get("nmrk", "/ru/partners/hermitage/").status_code == 200


def test_a_partner_without_a_translation_is_found_in_english_and_marked(content, get):
    response = search(get, "q=Hermitage", language="kk")
    assert titles(response) == ["State Hermitage Museum"]
    hit = response.context["hits"][0]
    assert hit.url == "/kk/partners/hermitage/"
    assert f'<a href="{hit.url}" lang="en">State Hermitage Museum</a>' in response.content.decode()


def test_partners_are_found_by_city_and_short_name(content, get):
    assert titles(search(get, "q=petersburg")) == ["State Hermitage Museum"]
    assert titles(search(get, "q=Санкт-Петербург", language="ru")) == ["Государственный Эрмитаж"]
    assert titles(search(get, "q=hermitage")) == ["State Hermitage Museum"]


# --- Filters and pages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ("kind=exhibition", {"Gold of the Great Steppe"}),
        ("kind=conference", {"Turkic studies seminar"}),
        ("kind=fair", {"Central Asian crafts fair"}),
        ("kind=news", {"Museum night"}),
        ("kind=partner", {"State Hermitage Museum"}),
        ("year=2019", {"Gold of the Great Steppe", "Museum night"}),  # running in 2019, dated 2019
        ("year=2018&kind=exhibition", {"Gold of the Great Steppe"}),
        ("year=2013", {"Turkic studies seminar"}),
    ],
)
def test_filters_by_kind_and_year(content, get, filters, expected):
    response = search(get, f"q=gold&{filters}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_the_page_filter_keeps_other_pages_only(content, get):
    assert set(titles(search(get, "q=museum&kind=page"))) == {
        "About the museum",
        "National Museum of the Republic of Kazakhstan",  # the home page
    }


def test_results_come_ten_to_a_page_and_the_links_keep_the_search(content, get):
    for number in range(PER_PAGE + 2):
        ExhibitionPageFactory(parent=content["events"], slug=f"gold-{number}", title=f"Gold item {number}")
    first = search(get, "q=gold&kind=exhibition")
    assert len(first.context["hits"]) == PER_PAGE
    assert 'href="?q=gold&amp;kind=exhibition&amp;page=2"' in first.content.decode()
    second = search(get, "q=gold&kind=exhibition&page=2")
    assert len(second.context["hits"]) == 3
    assert not set(titles(first)) & set(titles(second))
    assert search(get, "q=gold&page=999").status_code == 200


# --- The page itself ----------------------------------------------------------------------------


def test_an_empty_query_shows_the_form_and_a_hint(content, get):
    for query in ("", "q=", "q=+++", "kind=exhibition"):
        response = search(get, query)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="search__hint"' in html
        assert 'name="q"' in html
        assert response.context["hits"] == []


def test_the_results_page_has_a_title_a_heading_and_is_not_indexed(content, get):
    response = search(get, "q=gold", language="ru")
    html = response.content.decode()
    assert "<title>gold — Поиск · НМРК</title>" in html
    assert "<h1>Поиск</h1>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_the_search_address_is_per_language_and_site(content, get):
    assert search(get, "q=gold", language="de").status_code == 404
    assert get("nmrk", "/search/?q=gold").status_code == 404
    assert get("nmrk", "/en/search/?q=gold", host="unknown.localhost").status_code == 404


ODD_QUERIES = [
    "q=%00",
    "q=gold%00steppe",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%27%3B+DROP+TABLE+wagtailcore_page%3B+--",
    "q=gold+%26+%21+%7C+%3A%2A+%28%29",
    "q=%ED%A0%80",  # a lone surrogate, encoded: not valid UTF-8
    "q=%FF%FE%FD",
    "q=%E2%80%8B%E2%80%8E",  # zero-width and direction marks only
    f"q={'gold ' * 2000}",
    "q=gold&page=abc",
    "q=gold&q=steppe",
]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_odd_input_gets_a_calm_answer(content, get, language):
    for query in ODD_QUERIES:
        response = search(get, query, language=language)
        assert response.status_code == 200, query
        html = response.content.decode()
        assert "<script>alert" not in html, query
        assert "\x00" not in html, query
        assert f'<html lang="{language}"' in html, query


def test_a_long_query_is_cut_and_says_so(content, get):
    response = search(get, "q=" + "steppe " * 100)
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= MAX_QUERY_LENGTH
    assert "Only the first 200 characters were searched for." in response.content.decode()
    assert "Gold of the Great Steppe" in titles(response)


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        (
            "q=gold&kind=sculpture",
            "en",
            "Select a valid choice. sculpture is not one of the available choices.",
        ),
        ("q=gold&year=abc", "ru", "Выберите корректный вариант. abc нет среди допустимых значений."),
        ("q=gold&year=1850", "kk", "Дұрыс тандау жасаңыз. 1850 дұрыс тандау емес."),
    ],
)
def test_a_bad_filter_value_is_a_400_with_the_forms_message(content, get, query, language, message):
    response = search(get, query, language=language)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["hits"] == []


def test_the_header_form_is_a_labelled_field_and_a_button_in_the_pages_language():
    with translation.override("ru"):
        html = render_to_string("components/search_form.html", {"search_query": "<b>gold</b>"})
    assert 'action="/ru/search/"' in html
    assert '<label class="search-form__label" for="site-search">' in html
    assert 'id="site-search" name="q" value="&lt;b&gt;gold&lt;/b&gt;"' in html
    assert ">Поиск</button>" in html


# --- Cost ---------------------------------------------------------------------------------------


def count_queries(get, path):
    get("nmrk", path)  # warm Wagtail's site root paths
    with CaptureQueriesContext(connection) as queries:
        response = get("nmrk", path)
    assert response.status_code == 200
    assert response.context["hits"]
    return len(queries)


@pytest.mark.parametrize("path", ["/en/search/?q=gold&kind=exhibition", "/en/search/?q=Bulk+gold"])
def test_queries_do_not_grow_with_the_number_of_hits(content, get, path, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the queries of rendering, not of the page cache

    def grow_to(total):
        for number in range(total):
            ExhibitionPageFactory(
                parent=content["events"],
                slug=f"bulk-{total}-{number}",
                title=f"Bulk gold {number}",
                start_date=datetime.date(2010 + number % 12, 1, 1),
            )

    grow_to(3)
    few = count_queries(get, path)
    grow_to(40)
    many = count_queries(get, path)
    assert few == many
