"""No address a visitor or a program can type makes the sites fail.

Property-based (hypothesis): every public URL parameter (the events listing's and its calendar's
filters, the news topic, the partners filters, the search words, page numbers, sitemap files, the
API's parameters and ids, language prefixes, page paths, host names) is fed text of every Unicode
category (control characters, NUL among them), numbers far beyond any page or id, SQL and tsquery
metacharacters, markup, percent-encoded bytes that are not UTF-8 and repeated parameters. The
answer is never a 5xx: it is the site's own page (a listing, possibly empty), the site's 404, a
400 that says what was not understood, or the API's JSON ``{"message": ...}``.

Each example is a fresh client on an empty cache: an answer kept for an earlier example can
neither hide a failure nor carry a cookie into the next one.
"""

import datetime
from urllib.parse import quote_from_bytes

from django.core.cache import cache
from django.test import Client

from wagtail.models import Page

import icalendar
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.event_factories import (
    AgreementFactory,
    ConferencePageFactory,
    CraftsFairPageFactory,
    EventIndexPageFactory,
    EventPartnerFactory,
    ExhibitionPageFactory,
    ExhibitionVenueFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NewsPageTopicFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
    TopicFactory,
)
from tests.factories import translate_page
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru", "en")
NMRK_HOST = "nmrk.localhost"
NMRK_THEME = 'class="theme-steppe-gold'
SERVER_ERRORS = range(500, 600)

# The hypothesis settings of the properties: few examples each, as the whole file must stay fast
# (more where an answer is cheap: no page is rendered); no deadline (a first render warms caches);
# the module's content is shared by all examples (they only read it); and no example database
# written into the working tree.
fuzz = settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
few = settings(fuzz, max_examples=10)
cheap = settings(fuzz, max_examples=40)


def build_site(network):
    """NMRK in three languages with an events page (every kind, dated and undated events, a venue
    abroad, a partner), a partners page, and news filed under a topic."""
    home = network["nmrk"]["home"]["en"]
    events = EventIndexPageFactory(parent=home)
    partners = PartnerIndexPageFactory(parent=home)
    news = NewsIndexPageFactory(parent=home)
    hermitage = PartnerFactory(name="State Hermitage Museum", slug="hermitage", country="RU")
    AgreementFactory(partner=hermitage, museum=network["nmrk"]["museum"])
    gold = ExhibitionPageFactory(
        parent=events,
        slug="golden-man",
        title="The Golden Man",
        start_date=datetime.date(2019, 3, 12),
        end_date=datetime.date(2019, 6, 1),
        end_precision="month",
        is_travelling=True,
    )
    ExhibitionVenueFactory(page=gold, city="Seoul", country="KR")
    seminar = ConferencePageFactory(parent=events, slug="seminar", start_precision="year")
    EventPartnerFactory(page=seminar, partner=hermitage, role="partner")
    CraftsFairPageFactory(parent=events, slug="fair", start_date=datetime.date(2020, 7, 1))
    ExhibitionPageFactory(parent=events, slug="undated", start_date=None, start_precision="year")
    item = NewsPageFactory(parent=news, slug="reopening", title="The museum reopens")
    NewsPageTopicFactory(page=item, topic=TopicFactory(slug="crafts"))
    for language in ("ru", "kk"):
        for section in (events, partners, news, gold):
            translate_page(section, language)
    return {"events": events, "news": news, "partners": partners}


site_data = module_data(build_site, used_by="site")


@pytest.fixture
def site(site_data, db):
    """The module's museum content (built once, see tests/shared_data.py)."""
    return site_data.fetch()


# --- What is typed --------------------------------------------------------------------------------

# Values that broke something here once (the API's offset, search and date filters), or that
# often break web applications: random text rarely hits them, so they are drawn often (``hostile``).
NASTY = [
    b"",
    b"\x00",
    b"gold\x00",
    b"-1",
    b"0",
    b"99999999999999999999999",  # past PostgreSQL's bigint
    b"9223372036854775808",
    b"1e400",
    b"NaN",
    b"9" * 5000,  # past Python's limit on converting digits to an int
    b"\xff\xfe",  # not UTF-8
    "\u0663".encode(),  # ARABIC-INDIC DIGIT THREE, which int() reads as 3
    b"notadate",
    b"2019-02-30",
    b"xor",
    b"' OR 1=1 --",
    b"&|!():*'\\",
    b"<script>alert(1)</script>",
    b"{{ request }}",
    b"../../etc/passwd",
]
# Text of every category but surrogates (which a URL cannot carry): control characters, NUL,
# combining marks, private use, unassigned code points.
any_text = st.text(st.characters(codec="utf-8"), max_size=40)
numbers = st.integers(min_value=-(2**70), max_value=2**70).map(str)
metacharacters = st.text(st.sampled_from("&|!():*'\\\"<>%;-_/ \t\n\r\x00#?=+.,[]{}~^$@`"), max_size=20)
slug_like = st.from_regex(r"\A[\w-]{1,30}\Z", fullmatch=True)


def mostly(usual, other, times):
    """``usual`` ``times`` draws in ``times + 1``, else ``other`` (``one_of`` weighs its branches
    alike, and drops a repeated one)."""
    return st.integers(min_value=0, max_value=times).flatmap(lambda n: other if n == times else usual)


# Anything a URL can carry, as bytes (percent-encoded, they may be invalid UTF-8: ``%ff%fe``);
# two draws in three from NASTY, as the properties run few examples.
hostile = mostly(
    st.sampled_from(NASTY),
    st.one_of(any_text, numbers, metacharacters, slug_like).map(str.encode) | st.binary(max_size=12),
    times=2,
)


def values(*known):
    """What one parameter may be: a value the site knows, or anything hostile."""
    return st.one_of(st.sampled_from([value.encode() for value in known]), hostile) if known else hostile


def encoded(text):
    return quote_from_bytes(text if isinstance(text, bytes) else text.encode(), safe="")


@st.composite
def query_strings(draw, parameters):
    """A query string that tries one parameter with anything hostile (a known name most often, any
    name sometimes), placed among up to three known parameters with values the site knows: a value
    is then read where it is used, not refused beside another hostile one. ``parameters`` maps each
    known name to values the site knows. A name may come twice."""
    known_names = sorted(parameters)
    # A known name four times in five: an unknown one is refused before any value is read.
    names = mostly(st.sampled_from(known_names).map(str.encode), hostile, times=4) if known_names else hostile
    context = draw(st.lists(st.sampled_from(known_names), max_size=3)) if known_names else []
    pairs = [(name.encode(), draw(st.sampled_from(parameters[name])).encode()) for name in context]
    pairs.insert(draw(st.integers(min_value=0, max_value=len(pairs))), (draw(names), draw(hostile)))
    return "&".join(f"{encoded(name)}={encoded(value)}" for name, value in pairs)


EVENT_FILTERS = {
    "kind": ("exhibition", "conference", "fair"),
    "year": ("2019", "2020", "2013"),
    "country": ("KR", "RU", "KZ"),
    "partner": ("hermitage",),
    "page": ("1", "2"),
}
PARTNER_FILTERS = {"country": ("RU",), "kind": ("museum", "embassy"), "page": ("1", "2")}
NEWS_FILTERS = {"topic": ("crafts",), "tag": ("crafts",), "page": ("1", "2")}
SEARCH_PARAMETERS = {
    "q": ("gold", "museum"),
    "kind": ("exhibition", "news", "partner", "page"),
    "year": ("2019",),
    "page": ("1", "2"),
}
API_PAGING = {"limit": ("1", "20"), "offset": ("0", "1")}
API_MEDIA = {
    **API_PAGING,
    "fields": ("*", "title", "-title", "tags"),
    "order": ("title", "-id", "random"),
    "search": ("gold",),
    "search_operator": ("and", "or"),
    "title": ("Gold",),
    "tags": ("gold",),
}
API_LISTINGS = {
    "pages": {
        **API_MEDIA,
        "locale": LANGUAGES,
        "type": ("events.ExhibitionPage", "events.EventPage", "news.NewsPage", "home.StandardPage"),
        "child_of": ("root",),
        "descendant_of": ("root",),
        "ancestor_of": ("1",),
        "translation_of": ("1",),
        "fields": ("*", "_,title", "-title", "title(id)", "dates_display", "venues(*)"),
        "rich_text_format": ("html", "markdown"),
        "slug": ("golden-man",),
        "show_in_menus": ("true", "false"),
        "first_published_at": ("2019-01-01T00:00:00Z",),
        # Fields of one type, filtered on when ``type`` names it.
        "date": ("2019-05-01",),
        "start_date": ("2019-03-12",),
        "start_time": ("10:00",),
        "venue_country": ("KR",),
    },
    "images": {**API_MEDIA, "width": ("100",)},
    "documents": API_MEDIA,
    "events": {**API_PAGING, "locale": LANGUAGES, **EVENT_FILTERS},
    "partners": {**API_PAGING, "locale": LANGUAGES, **PARTNER_FILTERS},
}
api_listing_urls = st.sampled_from(sorted(API_LISTINGS)).flatmap(
    lambda endpoint: query_strings(API_LISTINGS[endpoint]).map(lambda query: f"/api/v2/{endpoint}/?{query}")
)


# --- How the sites may answer ---------------------------------------------------------------------


def fetch(path, host=NMRK_HOST, **headers):
    """GET ``path`` (already percent-encoded) as a new visitor would, with nothing kept from before."""
    cache.clear()
    return Client().get(path, headers={"host": host, **headers})


def assert_answer(response, allowed):
    """Never a 5xx, and only the statuses this address may give."""
    assert response.status_code not in SERVER_ERRORS, response.content[:2000]
    assert response.status_code in allowed, (response.status_code, response.content[:500])


def assert_site_page(response, allowed=(200, 400), language=None):
    """The museum's own page (its header and theme), in the language of the prefix."""
    assert_answer(response, allowed)
    html = response.content.decode()
    assert NMRK_THEME in html
    if language:
        assert f'<html lang="{language}"' in html


def assert_api_answer(response, allowed=(200, 400, 404)):
    """JSON: a listing (``items`` and ``meta``) or an item, else the one error shape."""
    assert_answer(response, allowed)
    data = response.json()
    if response.status_code == 200:
        assert "meta" in data
    else:
        assert "message" in data


# --- Listings and their filters ------------------------------------------------------------------


@fuzz
@given(language=st.sampled_from(LANGUAGES), query=query_strings(EVENT_FILTERS))
def test_the_events_listing_answers_any_filters_with_its_page(site, language, query):
    response = fetch(f"/{language}/events/?{query}")
    assert_site_page(response, language=language)
    # A 400 exactly when a filter is not understood, never for a page number.
    assert (response.status_code == 400) == bool(response.context["filter_form"].errors)


@fuzz
@given(language=st.sampled_from(LANGUAGES), query=query_strings(EVENT_FILTERS))
def test_the_events_calendar_answers_any_filters_with_a_calendar_or_a_400(site, language, query):
    response = fetch(f"/{language}/events/calendar/?{query}")
    assert_answer(response, (200, 400))
    if response.status_code == 200:
        assert response["Content-Type"].startswith("text/calendar")
        icalendar.Calendar.from_ical(response.content)
    else:
        assert response["Content-Type"].startswith("text/plain")


@fuzz
@given(language=st.sampled_from(LANGUAGES), query=query_strings(NEWS_FILTERS))
def test_the_news_listing_answers_any_topic_or_page_with_a_possibly_empty_listing(site, language, query):
    assert_site_page(fetch(f"/{language}/news/?{query}"), allowed=(200,), language=language)


@few
@given(language=st.sampled_from(LANGUAGES), query=query_strings(NEWS_FILTERS))
def test_the_news_feed_ignores_its_query_string(site, language, query):
    response = fetch(f"/{language}/news/feed/?{query}")
    assert_answer(response, (200,))
    assert b"<rss" in response.content


@fuzz
@given(language=st.sampled_from(LANGUAGES), query=query_strings(PARTNER_FILTERS))
def test_the_partners_listing_answers_any_filters_with_its_page(site, language, query):
    response = fetch(f"/{language}/partners/?{query}")
    assert_site_page(response, language=language)
    assert (response.status_code == 400) == bool(response.context["filter_form"].errors)


@fuzz
@given(language=st.sampled_from(LANGUAGES), query=query_strings(SEARCH_PARAMETERS))
def test_the_search_answers_any_words_filters_and_page_with_its_page(site, language, query):
    response = fetch(f"/{language}/search/?{query}")
    assert_site_page(response, language=language)
    assert (response.status_code == 400) == bool(response.context["form"].errors)


@few
@given(language=st.sampled_from(LANGUAGES), words=values("gold"), page=values("1"))
def test_any_search_words_find_something_or_nothing(site, language, words, page):
    response = fetch(f"/{language}/search/?q={encoded(words)}&page={encoded(page)}")
    assert_site_page(response, allowed=(200,), language=language)


# --- Addresses ------------------------------------------------------------------------------------

# Path segments: the site's own, slugs, and anything at all percent-encoded.
segments = st.one_of(
    st.sampled_from(
        ["", "events", "golden-man", "news", "partners", "search", "about", "calendar", "feed", "hermitage"]
    ),
    hostile.map(encoded),
)


@fuzz
@given(prefix=st.one_of(st.sampled_from(LANGUAGES), segments), rest=st.lists(segments, max_size=4))
def test_any_path_is_a_page_or_the_sites_404(site, prefix, rest):
    path = "/" + "/".join([prefix, *rest]) + ("/" if rest else "")
    response = fetch(path)
    # A redirect: the bare "/", or Django adding the slash that a page's address ends with.
    assert_answer(response, (200, 301, 302, 404))
    if response.status_code == 404:
        assert_site_page(response, allowed=(404,))


@few
@given(prefix=st.from_regex(r"\A[a-zA-Z-]{1,12}\Z", fullmatch=True), rest=st.lists(segments, max_size=3))
def test_pages_under_an_unknown_language_prefix_are_the_sites_404(site, prefix, rest):
    assume(prefix not in LANGUAGES)
    response = fetch("/" + "/".join([prefix, "events", *rest]) + "/")
    assert_site_page(response, allowed=(404,))


@few
@given(language=st.sampled_from(LANGUAGES), slug=slug_like, section=st.sampled_from(["events", "partners"]))
def test_an_unknown_slug_under_a_section_is_the_sites_404(site, language, slug, section):
    assume(slug not in ("calendar", "hermitage", "golden-man", "seminar", "fair", "undated"))
    response = fetch(f"/{language}/{section}/{encoded(slug)}/")
    assert_site_page(response, allowed=(404,), language=language)


@cheap
@given(
    host=st.one_of(
        st.sampled_from(["nmrk.localhost:8000", "csm.localhost:80", "NMRK.LOCALHOST", "localhost", "[::1]"]),
        st.from_regex(r"\A[a-z0-9.-]{1,30}(:[0-9]{1,6})?\Z", fullmatch=True),
        st.text(st.characters(codec="latin-1"), max_size=30),
    ),
    path=st.sampled_from(["/", "/en/", "/ru/events/", "/sitemap.xml", "/api/v2/pages/", "/kk/search/?q=x"]),
)
def test_any_host_name_is_a_museum_a_404_or_a_400(site, host, path):
    # 400: a name Django refuses (ALLOWED_HOSTS, malformed); 404: no museum is served there.
    assert_answer(fetch(path, host=host), (200, 302, 400, 404))


@cheap
@given(
    language=st.one_of(st.sampled_from(["kk", "ru-RU", "en;q=0.5", "*"]), any_text),
    cookie=st.text(st.characters(codec="ascii", exclude_characters=";\r\n"), max_size=20),
)
def test_the_bare_address_redirects_whatever_the_browser_says(site, language, cookie):
    response = fetch("/", **{"Accept-Language": language, "Cookie": f"django_language={cookie}"})
    assert_answer(response, (302,))
    assert response["Location"] in {"/kk/", "/ru/", "/en/"}


@few
@given(section=st.one_of(st.sampled_from(["pages", "subpages"]), slug_like), number=values("1", "2"))
def test_sitemap_files_answer_any_section_and_number_with_a_file_or_a_404(site, section, number):
    response = fetch(f"/sitemap-{encoded(section)}.xml?p={encoded(number)}")
    assert_answer(response, (200, 404))
    if response.status_code == 200:
        assert b"<urlset" in response.content


# --- The API --------------------------------------------------------------------------------------


@settings(cheap, max_examples=80)
@given(url=api_listing_urls)
def test_api_listings_answer_any_parameters_with_json(site, url):
    assert_api_answer(fetch(url))


@cheap
@given(data=st.data(), endpoint=st.sampled_from(["pages", "images", "documents"]))
def test_api_items_answer_any_id_with_json(site, data, endpoint):
    ids = [str(pk) for pk in Page.objects.filter(depth__gt=1).values_list("pk", flat=True)]
    pk = data.draw(st.one_of(st.sampled_from(ids), st.integers(min_value=0, max_value=2**70).map(str)), "pk")
    query = data.draw(query_strings({"fields": ("*", "title", "-title"), "rich_text_format": ("html",)}))
    assert_api_answer(fetch(f"/api/v2/{endpoint}/{pk}/?{query}"))


# --- What the properties found --------------------------------------------------------------------
# Each was a 500: Wagtail's API hands these values to the database or the search backend unchecked
# (api.endpoints now checks them).


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents", "events", "partners"])
def test_an_api_offset_past_the_last_item_is_an_empty_page(site, endpoint):
    first = fetch(f"/api/v2/{endpoint}/").json()
    # The second is past a bigint, which PostgreSQL refused as an OFFSET (a 500).
    for offset in (first["meta"]["total_count"], 99999999999999999999999):
        response = fetch(f"/api/v2/{endpoint}/?offset={offset}")
        assert_api_answer(response, allowed=(200,))
        assert response.json() == {"meta": first["meta"], "items": []}


@pytest.mark.parametrize("endpoint", ["pages", "events"])
def test_an_api_offset_within_the_items_still_pages(site, endpoint):
    first = fetch(f"/api/v2/{endpoint}/?locale=en").json()
    response = fetch(f"/api/v2/{endpoint}/?locale=en&offset=1&limit=2")
    assert_api_answer(response, allowed=(200,))
    assert response.json()["items"] == first["items"][1:3] != []


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_an_api_search_with_a_nul_character_is_a_400(site, endpoint):
    response = fetch(f"/api/v2/{endpoint}/?search=gold%00")
    assert_api_answer(response, allowed=(400,))
    assert "null characters" in response.json()["message"]


@pytest.mark.parametrize("operator", ["xor", "", "AND"])
def test_an_api_search_operator_other_than_and_or_or_is_a_400(site, operator):
    response = fetch(f"/api/v2/pages/?search=gold&search_operator={operator}")
    assert_api_answer(response, allowed=(400,))
    assert "search_operator" in response.json()["message"]


def test_the_api_search_operators_still_search(site):
    for operator in ("and", "or"):
        response = fetch(f"/api/v2/pages/?search=golden+man&search_operator={operator}")
        assert_api_answer(response, allowed=(200,))
        assert [item["title"] for item in response.json()["items"]][:1] == ["The Golden Man"]


@pytest.mark.parametrize(
    "query",
    [
        "first_published_at=notadate",
        "type=news.NewsPage&date=2019-02-30",
        "type=events.ExhibitionPage&start_date=x",
        "type=events.ExhibitionPage&start_time=25:00",
    ],
)
def test_an_api_field_filter_value_the_field_cannot_hold_is_a_400(site, query):
    response = fetch(f"/api/v2/pages/?{query}")
    assert_api_answer(response, allowed=(400,))
    assert response.json()["message"].startswith("field filter error.")


def test_an_api_field_filter_value_the_field_can_hold_still_filters(site):
    response = fetch("/api/v2/pages/?type=events.ExhibitionPage&start_date=2019-03-12")
    assert_api_answer(response, allowed=(200,))
    assert {item["title"] for item in response.json()["items"]} == {"The Golden Man"}
