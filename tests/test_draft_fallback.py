"""A draft never shows publicly: the fallback policy of docs/translation-policy.md, case by case.

Translating a page with wagtail-localize (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False) creates
draft translations of the partners it names and points the translated page to them. A related record
is then shown in the visitor's language when that translation is live, else as its live English record
marked lang="en", else not at all; a page translation is served and listed only when live.
"""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail_localize.operations import TranslationCreator

import pytest

from events.models import EventPage
from museums.localization import attach_shown, shown_related
from museums.models import Agreement, Museum, Partner
from news.models import NewsRelatedEvent, NewsRelatedPartner
from tests.event_factories import (
    AgreementFactory,
    EventIndexPageFactory,
    EventPartnerFactory,
    ExhibitionPageFactory,
    ExhibitionVenueFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import locale, translate_page
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db

ENGLISH = "State Hermitage Museum"
RUSSIAN = "Государственный Эрмитаж"


def translate(instance, language="ru"):
    """What the admin's Translate action does; the translation and the partners it names are drafts."""
    TranslationCreator(None, [locale(language)]).create_translations(instance)
    return type(instance).objects.get(translation_key=instance.translation_key, locale=locale(language))


def publish(page):
    page.save_revision().publish()
    return page


def build_site(network):
    """NMRK's sections in en and ru; an exhibition at the Hermitage, organised with it and touring
    there, and a news item naming both. The exhibition and the news item were translated into
    Russian and published; the Hermitage's Russian translation is still the draft this created."""
    home = network["nmrk"]["home"]["en"]
    sections = {
        "events": EventIndexPageFactory(parent=home),
        "partners": PartnerIndexPageFactory(parent=home),
        "news": NewsIndexPageFactory(parent=home),
    }
    for index in sections.values():
        translate_page(index, "ru", title=f"{index.title} (ru)")
    hermitage = PartnerFactory(name=ENGLISH, slug="hermitage", city="Saint Petersburg", country="RU")
    agreement = AgreementFactory(partner=hermitage, museum=network["nmrk"]["museum"], title="Memorandum")
    exhibition = ExhibitionPageFactory(
        parent=sections["events"],
        slug="golden-man",
        title="The Golden Man",
        venue_kind="partner",
        venue_partner=hermitage,
    )
    EventPartnerFactory(page=exhibition, partner=hermitage, role="organiser")
    ExhibitionVenueFactory(page=exhibition, partner=hermitage, city="Saint Petersburg", country="RU")
    news = NewsPageFactory(parent=sections["news"], slug="opening", title="The opening")
    NewsRelatedPartner.objects.create(page=news, partner=hermitage, locale=news.locale)
    NewsRelatedEvent.objects.create(page=news, event=exhibition)
    publish(exhibition)
    publish(news)

    with TestCase.captureOnCommitCallbacks(execute=True):  # django_capture_on_commit_callbacks
        russian_exhibition = translate(exhibition)
        russian_news = translate(news)
    russian = hermitage.get_translation(locale("ru"))
    assert russian.live is False and russian_exhibition.venue_partner == russian  # the trap
    russian.name = RUSSIAN
    russian.save()
    publish(russian_exhibition)
    publish(russian_news)
    return {"hermitage": hermitage, "agreement": agreement, "exhibition": exhibition, "news": news}


site_data = module_data(build_site, used_by="site")


@pytest.fixture
def site(site_data, db):
    """The module's site content (built once, see tests/shared_data.py), read afresh for this test."""
    return site_data.fetch()


def html(get, path):
    response = get("nmrk", path)
    assert response.status_code == 200, path
    return response.content.decode()


def publish_russian_hermitage(site):
    russian = site["hermitage"].get_translation(locale("ru"))
    russian.save_revision().publish()


def unpublish_every_hermitage(site):
    Partner.objects.filter(translation_key=site["hermitage"].translation_key).update(live=False)


# --- A draft translation: the English record, marked ---------------------------------------------


def test_a_draft_partner_translation_is_not_rendered_on_the_event_page(site, get):
    page = html(get, "/ru/events/golden-man/")

    assert RUSSIAN not in page
    organisers = page[page.index('class="event-facts"') :]
    assert f'<li><span lang="en">{ENGLISH}</span> <span class="role">' in organisers
    assert f'<span lang="en">{ENGLISH}, Saint Petersburg</span>, Россия' in page  # where: the host
    assert f' — <span lang="en">{ENGLISH}</span>' in page  # the tour


def test_a_draft_partner_translation_is_not_rendered_in_the_news(site, get):
    page = html(get, "/ru/news/opening/")

    assert RUSSIAN not in page
    assert f'<li lang="en">{ENGLISH}</li>' in page


def test_a_draft_partner_translation_is_not_rendered_in_listings_filters_or_partner_pages(site, get):
    listing = html(get, "/ru/events/")
    partners = html(get, "/ru/partners/")
    partner_page = html(get, "/ru/partners/hermitage/")

    for page in (listing, partners, partner_page):
        assert RUSSIAN not in page
    assert f'<span lang="en">{ENGLISH}, Saint Petersburg</span>' in listing  # the event card
    assert f'<option value="hermitage">{ENGLISH}</option>' in listing  # the partner filter
    assert f'<h2 lang="en">{ENGLISH}</h2>' in partners
    assert f'<h1 lang="en">{ENGLISH}</h1>' in partner_page


# --- A published translation: the visitor's language ---------------------------------------------


def test_a_published_partner_translation_is_rendered_everywhere(site, get):
    publish_russian_hermitage(site)

    event = html(get, "/ru/events/golden-man/")
    news = html(get, "/ru/news/opening/")
    partner_page = html(get, "/ru/partners/hermitage/")

    assert f'<li><span>{RUSSIAN}</span> <span class="role">' in event
    assert f" — <span>{RUSSIAN}</span>" in event
    assert f"<li>{RUSSIAN}</li>" in news
    assert f"<h1>{RUSSIAN}</h1>" in partner_page
    for page in (event, news, partner_page):
        assert ENGLISH not in page
    # The English pages never show the Russian record, live or not.
    assert RUSSIAN not in html(get, "/en/events/golden-man/")


# --- No live record: left out -------------------------------------------------------------------


def test_a_partner_with_no_live_record_is_left_out(site, get):
    unpublish_every_hermitage(site)

    event = html(get, "/ru/events/golden-man/")
    news = html(get, "/ru/news/opening/")

    for page in (event, news, html(get, "/en/events/golden-man/"), html(get, "/ru/events/")):
        assert ENGLISH not in page and RUSSIAN not in page
    assert "Organisers" not in html(get, "/en/events/golden-man/")
    assert "Saint Petersburg, " in event  # the tour stop stays, without its host
    assert get("nmrk", "/ru/partners/hermitage/").status_code == 404
    assert "hermitage" not in html(get, "/ru/partners/")


# --- Agreements follow the same policy -------------------------------------------------------------


def test_agreements_on_a_partner_page_follow_the_policy(site, get, django_capture_on_commit_callbacks):
    publish_russian_hermitage(site)
    with django_capture_on_commit_callbacks(execute=True):
        russian = translate(site["agreement"])
    russian.title = "Меморандум"
    russian.save()

    draft = html(get, "/ru/partners/hermitage/")
    russian.save_revision().publish()
    published = html(get, "/ru/partners/hermitage/")
    for record in Agreement.objects.filter(translation_key=russian.translation_key):
        record.unpublish()
    withdrawn = html(get, "/ru/partners/hermitage/")

    assert "Меморандум" not in draft
    assert '<span lang="en">Memorandum</span>' in draft
    assert "<span>Меморандум</span>" in published and "Memorandum" not in published
    # The museum that signed it is named in the visitor's language: НМРК, not NMRK.
    assert "<span>НМРК</span>" in published
    assert "Memorandum" not in withdrawn and "Меморандум" not in withdrawn


def test_a_partner_with_only_a_draft_agreement_is_not_the_museums_partner(network, get):
    home = network["csm"]["home"]["en"]
    PartnerIndexPageFactory(parent=home)
    draft = AgreementFactory(museum=network["csm"]["museum"], live=False)

    assert draft.partner.slug not in html_for_csm(get)
    draft.save_revision().publish()
    assert draft.partner.slug in html_for_csm(get)


def html_for_csm(get):
    response = get("csm", "/en/partners/")
    assert response.status_code == 200
    return response.content.decode()


# --- Museum identity ------------------------------------------------------------------------------


def test_an_unpublished_museum_translation_shows_the_english_identity_marked(network, get):
    russian = Museum.objects.get(code="nmrk", locale__language_code="ru")
    russian.live = False
    russian.save()
    try:
        page = html(get, "/ru/about/")
    finally:
        russian.live = True
        russian.save()

    footer = page[page.index('<footer class="site-footer">') :]
    assert '<h2 lang="en">National Museum of the Republic of Kazakhstan</h2>' in footer
    assert "Национальный музей" not in footer  # the draft record (the home page's title may say it)
    header = page[: page.index("</header>")]
    assert '<span class="brand__text" lang="en">' in header and "НМРК" not in header


# --- Pages: a draft or missing translation is never served or listed ----------------------------


def test_a_draft_page_translation_is_not_served_listed_or_linked(
    network, get, django_capture_on_commit_callbacks
):
    home = network["nmrk"]["home"]["en"]
    events = EventIndexPageFactory(parent=home)
    translate_page(events, "ru", title="События")
    exhibition = ExhibitionPageFactory(parent=events, slug="steppe", title="The Great Steppe")
    with django_capture_on_commit_callbacks(execute=True):
        draft = translate(exhibition)

    assert draft.live is False
    assert get("nmrk", "/ru/events/steppe/").status_code == 404
    assert get("nmrk", "/ru/events/missing/").status_code == 404  # never translated
    assert "The Great Steppe" not in html(get, "/ru/events/")
    english = html(get, "/en/events/steppe/")
    assert 'hreflang="ru"' not in english  # neither in the switcher nor the alternate links


def test_a_related_event_without_a_live_translation_links_the_english_page_marked(site, get):
    EventPage.objects.filter(pk=site["exhibition"].get_translation(locale("ru")).pk).update(live=False)

    page = html(get, "/ru/news/opening/")

    assert '<a href="/en/events/golden-man/" lang="en" hreflang="en">The Golden Man</a>' in page
    site["exhibition"].unpublish()
    assert "The Golden Man" not in html(get, "/ru/news/opening/")


# --- One query for any number of records ---------------------------------------------------------


def test_the_policy_costs_one_query_for_a_whole_list(site, network):
    partners = [PartnerFactory() for _ in range(5)]
    rows = [
        NewsRelatedPartner(page=site["news"], partner=partner, locale=locale("en")) for partner in partners
    ]
    rows.append(
        NewsRelatedPartner(page=site["news"], partner=site["hermitage"].get_translation(locale("ru")))
    )

    with translation.override("ru"), CaptureQueriesContext(connection) as queries:
        shown = [row.shown_partner for row in attach_shown(rows, "partner")]
        single = shown_related(rows[-1], "partner")

    assert len(queries) == 2  # one for the list, one for the single record
    assert shown == [*partners, site["hermitage"]]  # the draft Russian record gives way to English
    assert single == site["hermitage"]
