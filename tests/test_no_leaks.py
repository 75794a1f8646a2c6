"""Nothing hidden leaks: a page never published, the secret draft of a published page, a private page
(a password or a login, on the page or on its section), a draft translation made with wagtail-localize
and an expired page are absent from every output a visitor or a program reads: the listings and the
home page, search, the sitemaps, the news feeds, the calendars, the API and the JSON-LD of pages.

Each hidden thing carries "LEAKMARKER" in its title (and its slug, where its address is hidden too);
each output must show a live control ("LEAKCONTROL") so that an empty answer cannot pass. Partners,
snippets with drafts of their own, are hidden the same ways where a snippet can be (never published,
a secret draft, expired), and a live partner named only by hidden events is not the museum's
partner yet. Each test starts with an empty cache (``tests/conftest.py``), so nothing kept from
before the data was written can hide it.
"""

import datetime
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail_localize.operations import TranslationCreator

import pytest
from lxml import etree

from events.models import EventPage
from news.models import NewsRelatedEvent
from tests.conftest import host
from tests.event_factories import (
    AgreementFactory,
    EventIndexPageFactory,
    EventPartnerFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import StandardPageFactory, locale, translate_page
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db

MARKER = "leakmarker"  # compared lower-cased: titles say LEAKMARKER, slugs leakmarker
CONTROL = "leakcontrol"
# A draft translation keeps its source's (synchronised) slug, so its address is hidden by itself.
HIDDEN_TRANSLATIONS = ("/ru/events/translated-event/", "/ru/news/translated-news/")
SEARCH_WORD = "saxaul"  # in every page below, hidden or not


def translate_as_draft(page, language="ru", **fields):
    """What the admin's Translate action does: a draft translation (never published), here given
    fields of its own as a translator would write them."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(None, [locale(language)]).create_translations(page)
    draft = type(page).objects.get(translation_key=page.translation_key, locale=locale(language))
    assert not draft.live
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save()
    return draft


def save_secret_draft(record, **fields):
    """A newer draft revision of a live record, with fields that must stay unpublished."""
    for name, value in fields.items():
        setattr(record, name, value)
    record.save_revision()


def build_content(network):
    """NMRK: events, news and partners in en and ru, with a live control and one hidden page of each
    kind per type; CSM RK: an events and a news section behind a login and a password, each with one
    live item, and a live control page."""
    today = timezone.localdate()
    past = timezone.now() - datetime.timedelta(days=1)
    on_now = {
        "start_date": today - datetime.timedelta(days=10),
        "end_date": today + datetime.timedelta(days=200),
    }
    home = network["nmrk"]["home"]["en"]
    museum = network["nmrk"]["museum"]
    events = EventIndexPageFactory(parent=home)
    news = NewsIndexPageFactory(parent=home)
    partners_page = PartnerIndexPageFactory(parent=home)
    for index in (events, news, partners_page):
        translate_page(index, "ru", title=f"{index.title} (ru)")

    partners = {
        "control": PartnerFactory(name="LEAKCONTROL partner", slug="leakcontrol-partner"),
        "draft": PartnerFactory(name="LEAKMARKER draft partner", slug="leakmarker-draft-partner", live=False),
        "revised": PartnerFactory(name="Revised partner", slug="revised-partner"),
        "expired": PartnerFactory(name="LEAKMARKER expired", slug="leakmarker-expired", expire_at=past),
    }
    for partner in partners.values():
        AgreementFactory(partner=partner, museum=museum)
    save_secret_draft(partners["revised"], name="LEAKMARKER revision partner")
    collaborator = PartnerFactory(name="LEAKMARKER collaborator", slug="leakmarker-collaborator")

    def event(slug, title, **fields):
        fields = {"summary": f"{title}: {SEARCH_WORD}.", **on_now, **fields}
        return ExhibitionPageFactory(parent=events, slug=slug, title=title, **fields)

    def news_item(slug, title, **fields):
        fields = {"summary": f"{title}: {SEARCH_WORD}.", "date": today, **fields}
        return NewsPageFactory(parent=news, slug=slug, title=title, **fields)

    control_event = event("leakcontrol-event", "LEAKCONTROL event")
    control_news = news_item("leakcontrol-news", "LEAKCONTROL news")
    hidden_events = [
        event(
            "leakmarker-draft-event",
            "LEAKMARKER draft event",
            live=False,
            venue_kind="partner",
            venue_partner=collaborator,
        ),
        event("leakmarker-password-event", "LEAKMARKER password event"),
        event("leakmarker-expired-event", "LEAKMARKER expired event", expire_at=past),
    ]
    hidden_news = [
        news_item("leakmarker-draft-news", "LEAKMARKER draft news", live=False),
        news_item("leakmarker-login-news", "LEAKMARKER login news"),
        news_item("leakmarker-expired-news", "LEAKMARKER expired news", expire_at=past),
    ]
    PageViewRestriction.objects.create(page=hidden_events[1], restriction_type="password", password="x")
    PageViewRestriction.objects.create(page=hidden_news[1], restriction_type="login")
    for hidden in hidden_events:
        # The control partner's page must not list them among its joint events; the collaborator,
        # which nothing else names, is no partner of the museum yet.
        EventPartnerFactory(page=hidden, partner=partners["control"], role="organiser")
        EventPartnerFactory(page=hidden, partner=collaborator, role="partner")
        NewsRelatedEvent.objects.create(page=control_news, event=hidden)
    translate_page(control_event, "ru", title="LEAKCONTROL событие")
    translate_page(control_news, "ru", title="LEAKCONTROL новость")

    revised = [event("revised-event", "Revised event"), news_item("revised-news", "Revised news")]
    for page in revised:
        save_secret_draft(page, title=f"LEAKMARKER revision {page.slug}", summary=f"LEAKMARKER {SEARCH_WORD}")
    sources = [event("translated-event", "Translated event"), news_item("translated-news", "Translated news")]
    drafts = [
        translate_as_draft(
            page, title=f"LEAKMARKER translation {page.slug}", summary=f"LEAKMARKER {SEARCH_WORD}"
        )
        for page in sources
    ]

    csm_home = network["csm"]["home"]["en"]
    StandardPageFactory(
        parent=csm_home, slug="leakcontrol-page", title=f"LEAKCONTROL {SEARCH_WORD} page", body=[]
    )
    csm_events = EventIndexPageFactory(parent=csm_home)
    csm_news = NewsIndexPageFactory(parent=csm_home)
    PageViewRestriction.objects.create(page=csm_events, restriction_type="login")
    PageViewRestriction.objects.create(page=csm_news, restriction_type="password", password="x")
    inherited = [
        ExhibitionPageFactory(
            parent=csm_events,
            slug="leakmarker-inherited-event",
            title="LEAKMARKER inherited event",
            summary=SEARCH_WORD,
            **on_now,
        ),
        NewsPageFactory(
            parent=csm_news,
            slug="leakmarker-inherited-news",
            title="LEAKMARKER inherited news",
            summary=SEARCH_WORD,
            date=today,
        ),
    ]

    # What the scheduler runs every minute: the expired pages and partner are unpublished.
    call_command("publish_scheduled", verbosity=0)
    expired = [hidden_events[2], hidden_news[2], partners["expired"]]
    for record in expired:
        record.refresh_from_db()
        assert record.expired and not record.live
    for record in [*revised, partners["revised"]]:  # the secret is in the latest revision only
        record.refresh_from_db()
        assert MARKER not in str(record).lower()
        assert MARKER in str(record.get_latest_revision_as_object()).lower()
    return {"hidden_pages": [*hidden_events, *hidden_news, *drafts, *inherited]}


content_data = module_data(build_content, used_by="content")


@pytest.fixture
def content(content_data, db):
    """The module's content (built once, see tests/shared_data.py), read afresh for this test."""
    return content_data.fetch()


def fetch(client, code, path):
    return client.get(path, headers={"host": host(code)})


def read(client, code, path):
    response = fetch(client, code, path)
    assert response.status_code == 200, path
    return response.content.decode()


def read_api(client, code, path):
    """Every item of an API listing, page by page (at most 20 an answer), as one text."""
    texts, offset = [], 0
    while True:
        response = fetch(client, code, f"{path}{'&' if '?' in path else '?'}offset={offset}")
        assert response.status_code == 200, path
        texts.append(response.content.decode())
        offset += 20
        if offset >= response.json()["meta"]["total_count"]:
            return "".join(texts)


def read_sitemaps(client, code, path):
    """The sitemap index and every file it names."""
    index = read(client, code, path)
    locations = etree.fromstring(index.encode()).iterfind(".//{*}loc")
    files = [
        read(client, code, urlsplit(loc.text)._replace(scheme="", netloc="").geturl()) for loc in locations
    ]
    assert files, "the index names no file"
    return "".join([index, *files])


READERS = {"/api/v2/": read_api, "/sitemap.xml": read_sitemaps}

# (site, address, whether the live control shows there). The CSM RK's events listing, calendar and
# feed are private themselves (their addresses are below); its home page and API still list.
OUTPUTS = [
    *(
        ("nmrk", path.format(language=language), True)
        for language in ("en", "ru")
        for path in (
            "/{language}/",
            "/{language}/events/",
            "/{language}/news/",
            "/{language}/partners/",
            "/{language}/news/feed/",
            "/{language}/events/calendar/",
            f"/{{language}}/search/?q={SEARCH_WORD}",
        )
    ),
    ("nmrk", "/en/events/leakcontrol-event/", True),
    ("nmrk", "/en/news/leakcontrol-news/", True),  # it names the hidden events as related
    ("nmrk", "/en/partners/leakcontrol-partner/", True),  # hidden events name it as their organiser
    ("nmrk", "/en/events/revised-event/", False),
    ("nmrk", "/en/events/revised-event/calendar/", False),
    ("nmrk", "/en/news/revised-news/", False),
    ("nmrk", "/en/events/translated-event/", False),
    ("nmrk", "/en/partners/revised-partner/", False),
    ("nmrk", "/en/search/?q=partner", True),
    ("nmrk", "/sitemap.xml", True),
    ("nmrk", "/api/v2/pages/", True),
    ("nmrk", "/api/v2/pages/?type=events.ExhibitionPage&fields=*", True),
    ("nmrk", "/api/v2/pages/?type=news.NewsPage&fields=*", True),
    ("nmrk", f"/api/v2/pages/?search={SEARCH_WORD}", True),
    *(
        ("nmrk", f"/api/v2/{kind}/?locale={language}", True)
        for kind in ("events", "partners")
        for language in ("en", "ru")
    ),
    ("csm", "/en/", True),
    ("csm", f"/en/search/?q={SEARCH_WORD}", True),
    ("csm", "/sitemap.xml", True),
    ("csm", "/api/v2/pages/", True),
    ("csm", "/api/v2/events/?locale=en", False),
]


def leaks(text):
    text = text.lower()
    return [needle for needle in (MARKER, *HIDDEN_TRANSLATIONS) if needle in text]


@pytest.mark.parametrize(
    ("code", "path", "control"), OUTPUTS, ids=[f"{code}{path}" for code, path, _c in OUTPUTS]
)
def test_nothing_hidden_appears_in_any_output(content, client, code, path, control):
    reader = next((reader for prefix, reader in READERS.items() if path.startswith(prefix)), read)

    text = reader(client, code, path)

    assert leaks(text) == []
    if control:
        assert CONTROL in text.lower()


# The hidden pages' own addresses: a 404, a login, or a password form that tells nothing of the page.
OWN_ADDRESSES = [
    ("nmrk", "/en/events/leakmarker-draft-event/", 404),
    ("nmrk", "/en/events/leakmarker-expired-event/", 404),
    ("nmrk", "/en/news/leakmarker-draft-news/", 404),
    ("nmrk", "/en/news/leakmarker-expired-news/", 404),
    ("nmrk", "/ru/events/translated-event/", 404),
    ("nmrk", "/ru/events/translated-event/calendar/", 404),
    ("nmrk", "/ru/news/translated-news/", 404),
    ("nmrk", "/en/events/leakmarker-password-event/", 200),
    ("nmrk", "/en/events/leakmarker-password-event/calendar/", 200),
    ("nmrk", "/en/news/leakmarker-login-news/", 302),
    ("nmrk", "/en/partners/leakmarker-draft-partner/", 404),
    ("nmrk", "/en/partners/leakmarker-expired/", 404),
    ("nmrk", "/en/partners/leakmarker-collaborator/", 404),
    ("csm", "/en/events/leakmarker-inherited-event/", 302),
    ("csm", "/en/events/calendar/", 302),
    ("csm", "/en/news/leakmarker-inherited-news/", 200),
    ("csm", "/en/news/feed/", 200),
]


@pytest.mark.parametrize(
    ("code", "path", "status"), OWN_ADDRESSES, ids=[f"{code}{path}" for code, path, _s in OWN_ADDRESSES]
)
def test_a_hidden_pages_own_address_tells_nothing_of_it(content, client, code, path, status):
    response = fetch(client, code, path)

    assert response.status_code == status
    body = response.content.decode()
    if status == 200:
        assert 'name="password"' in body  # the password form, not the page
    # The page's own address (its slug may hold the marker) is what the visitor typed: the 404's,
    # the form's and the head's links may repeat it.
    for own in (path, path.removesuffix("calendar/")):
        body = body.replace(own, "")
    assert leaks(body) == []


def test_the_api_answers_404_for_each_hidden_page(content, client):
    for page in content["hidden_pages"]:
        code = "csm" if "inherited" in page.slug else "nmrk"
        assert fetch(client, code, f"/api/v2/pages/{page.pk}/").status_code == 404, page.slug
    # The control: a live page of the same types is answered.
    live = EventPage.objects.get(slug="leakcontrol-event", locale=locale("en"))
    assert fetch(client, "nmrk", f"/api/v2/pages/{live.pk}/").status_code == 200
