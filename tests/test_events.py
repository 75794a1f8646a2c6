"""Exhibitions, conferences and crafts fairs: tree rules, admin forms, dates, listing and filters."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.operations import TranslationCreator

import pytest
from freezegun import freeze_time

from events.models import (
    ConferencePage,
    CraftsFairPage,
    EventIndexPage,
    EventPage,
    ExhibitionPage,
    PartnerIndexPage,
)
from home.models import HomePage, StandardPage, VisitPage
from news.models import NewsIndexPage
from submissions.models import ContactFormPage, ExhibitorApplicationPage, RegistrationFormPage
from tests.base import AdminPageTestCase
from tests.event_factories import (
    ConferencePageFactory,
    CraftsFairPageFactory,
    EventIndexPageFactory,
    EventPartnerFactory,
    ExhibitionPageFactory,
    ExhibitionVenueFactory,
    PartnerFactory,
)
from tests.factories import locale, translate_page
from tests.shared_data import module_data

EVENT_TYPES = {ExhibitionPage, ConferencePage, CraftsFairPage}
# The form a visitor fills in for an event: registration for a conference, applying to exhibit at a fair.
FORM_OF = {ConferencePage: {RegistrationFormPage}, CraftsFairPage: {ExhibitorApplicationPage}}


def admin_form(**fields):
    """Flatten for the admin's POST, keeping multiple-choice lists as lists."""
    lists = {name: value for name, value in fields.items() if isinstance(value, list)}
    data = nested_form_data(event_form(**{name: v for name, v in fields.items() if name not in lists}))
    return {**data, **lists}


def event_form(**fields):
    data = {
        "title": "The Great Steppe",
        "slug": "great-steppe",
        "summary": "Nomads from the Saka to today.",
        "start_date": "2018-01-01",
        "start_precision": "year",
        "end_date": "",
        "end_precision": "year",
        "status": "scheduled",
        "venue_kind": "museum",
        "body": streamfield([]),
        "event_partners": inline_formset([]),
    }
    data.update(fields)
    return data


class EventTreeTests(AdminPageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = EventIndexPageFactory(parent=cls.home)

    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {StandardPage, VisitPage, EventIndexPage, PartnerIndexPage, NewsIndexPage, ContactFormPage},
        )
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, EVENT_TYPES)
        for event_type in EVENT_TYPES:
            self.assertAllowedParentPageTypes(event_type, {EventIndexPage})
            self.assertAllowedSubpageTypes(event_type, FORM_OF.get(event_type, set()))
            self.assertCanNotCreateAt(HomePage, event_type)
        self.assertCanNotCreateAt(EventIndexPage, EventPage)  # the base is never created directly

    def test_one_events_index_per_home_page(self):
        self.assertFalse(EventIndexPage.can_create_at(self.home))

    def test_an_exhibition_is_created_through_the_admin_form(self):
        self.assertCanCreate(
            self.index,
            ExhibitionPage,
            nested_form_data(
                event_form(
                    is_travelling="on",
                    curators="",
                    highlights=rich_text(""),
                    gallery=streamfield([]),
                    venues=inline_formset(
                        [
                            {
                                "city": "Minsk",
                                "country": "BY",
                                "start_date": "2018-01-01",
                                "start_precision": "year",
                                "status": "held",
                                "note": "",
                            }
                        ]
                    ),
                )
            ),
        )
        created = ExhibitionPage.objects.get(slug="great-steppe")
        assert created.dates_display == "2018"
        assert [venue.city for venue in created.tour()] == ["Minsk"]

    def test_a_conference_is_created_through_the_admin_form(self):
        self.assertCanCreate(
            self.index,
            ConferencePage,
            (
                admin_form(
                    slug="museums-of-central-asia",
                    conference_kind="seminar",
                    working_languages=["ru", "kk"],
                    programme=streamfield(
                        [
                            (
                                "session",
                                {
                                    "date": "2013-05-01",
                                    "title": "Opening",
                                    "speakers": "",
                                    "room": "",
                                    "start_time": "",
                                    "end_time": "",
                                },
                            )
                        ]
                    ),
                    speakers=streamfield([]),
                )
            ),
        )
        created = ConferencePage.objects.get(slug="museums-of-central-asia")
        assert created.working_languages == ["ru", "kk"]

    def test_a_crafts_fair_is_created_through_the_admin_form(self):
        self.assertCanCreate(
            self.index,
            CraftsFairPage,
            (
                admin_form(
                    slug="crafts-fair",
                    edition="Spring",
                    participating_countries=["KG", "TJ", "UZ", "MN"],
                    daily_hours=streamfield([]),
                    exhibitors=inline_formset(
                        [{"name": "Felt workshop", "country": "KG", "craft": "Felt", "description": ""}]
                    ),
                )
            ),
        )
        created = CraftsFairPage.objects.get(slug="crafts-fair")
        assert created.participating_countries == ["KG", "TJ", "UZ", "MN"]
        assert created.exhibitors.get().country == "KG"

    def test_end_before_start_is_refused_in_the_editors_language(self):
        response = self.client.post(
            f"/admin/pages/add/events/exhibitionpage/{self.index.pk}/",
            nested_form_data(
                event_form(
                    slug="backwards",
                    start_date="2019-05-01",
                    start_precision="day",
                    end_date="2019-04-01",
                    end_precision="day",
                    is_travelling="",
                    curators="",
                    highlights=rich_text(""),
                    gallery=streamfield([]),
                    venues=inline_formset([]),
                )
            ),
        )
        assert response.status_code == 200
        # The admin speaks Kazakh here (LANGUAGE_CODE), through the project's catalogue.
        assert response.context["form"].errors["end_date"] == [
            "Аяқталу күні басталу күнінен бұрын бола алмайды."
        ]
        assert not ExhibitionPage.objects.filter(slug="backwards").exists()


@pytest.mark.django_db
def test_end_before_start_message_in_russian():
    event = ExhibitionPage(
        title="x",
        slug="x",
        summary="x",
        start_date=datetime.date(2019, 5, 2),
        end_date=datetime.date(2019, 5, 1),
    )
    with pytest.raises(ValidationError) as raised:
        event.clean()
    with translation.override("ru"):  # messages are lazy: rendered in the language of the response
        assert raised.value.message_dict["end_date"] == ["Дата окончания не может быть раньше даты начала."]


@pytest.mark.django_db
def test_an_event_cannot_take_the_calendars_address():
    event = ExhibitionPage(title="x", slug="calendar", summary="x", start_date=datetime.date(2019, 5, 2))
    with pytest.raises(ValidationError) as raised:
        event.clean()
    with translation.override("ru"):
        assert "календар" in raised.value.message_dict["slug"][0]


# --- Dates ----------------------------------------------------------------------------------------


D = datetime.date


@pytest.mark.parametrize(
    ("start", "precision", "end", "end_precision", "language", "expected"),
    [
        (D(2018, 1, 1), "year", None, "day", "en", "2018"),
        # Year ranges: an en dash without spaces, in every language.
        (D(2018, 1, 1), "year", D(2019, 1, 1), "year", "en", "2018\u20132019"),
        (D(2018, 1, 1), "year", D(2019, 1, 1), "year", "kk", "2018\u20132019"),
        # Month-only: CLDR's own order and case (Kazakh: year first, lower-case month).
        (D(2019, 3, 1), "month", None, "day", "en", "March 2019"),
        (D(2019, 3, 1), "month", None, "day", "ru", "март 2019\u202fг."),
        (D(2019, 3, 1), "month", None, "day", "kk", "2019\u202fж. наурыз"),
        (D(2019, 3, 1), "month", D(2019, 4, 1), "month", "kk", "2019\u202fж. наурыз – сәуір"),
        # Full dates: English day first, as the README says.
        (D(2019, 3, 12), "day", None, "day", "en", "12 March 2019"),
        (D(2019, 3, 12), "day", None, "day", "ru", "12 марта 2019\u202fг."),
        (D(2019, 3, 12), "day", None, "day", "kk", "2019\u202fж. 12 наурыз"),
        # Day ranges: one year and month written once, the month spelled out.
        (D(2019, 3, 12), "day", D(2019, 3, 20), "day", "en", "12\u201320 March 2019"),
        (D(2019, 3, 12), "day", D(2019, 4, 2), "day", "ru", "12 марта – 2 апреля 2019\u202fг."),
        (D(2019, 3, 12), "day", D(2019, 3, 20), "day", "kk", "2019\u202fж. 12\u201320 наурыз"),
        # Different precisions: each as known, a spaced en dash between.
        (D(2019, 1, 1), "year", D(2019, 4, 1), "month", "en", "2019 \u2013 April 2019"),
    ],
)
@pytest.mark.django_db
def test_dates_are_shown_as_precisely_as_they_are_known(
    start, precision, end, end_precision, language, expected
):
    event = ExhibitionPage(
        start_date=start, start_precision=precision, end_date=end, end_precision=end_precision
    )
    with translation.override(language):
        assert event.dates_display == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2017-12-31", "upcoming"),
        ("2018-01-01", "current"),
        ("2018-12-31", "current"),  # an event known only as "2018" may run all year
        ("2019-01-01", "past"),
    ],
)
def test_a_year_only_event_is_current_for_the_whole_year(network, today, expected):
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    event = ExhibitionPageFactory(parent=index, start_date=datetime.date(2018, 1, 1), start_precision="year")
    with freeze_time(today):
        assert event.phase() == expected
        assert getattr(event, f"is_{expected}")


@pytest.mark.django_db
def test_dates_use_kazakhstan_time(network):
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    event = ExhibitionPageFactory(parent=index, start_date=datetime.date(2019, 3, 12))
    # 20:00 UTC on the 11th is already the 12th in Astana and Almaty.
    with freeze_time("2019-03-11 20:00:00"):
        assert event.phase() == "current"


# --- Listing and filters ----------------------------------------------------------------------------


def build_listing(network):
    """NMRK's events index with a mix of kinds, dates, countries and partners."""
    home = network["nmrk"]["home"]["en"]
    index = EventIndexPageFactory(parent=home)
    hermitage = PartnerFactory(name="State Hermitage Museum", slug="hermitage", country="RU")
    turksoy = PartnerFactory(name="TURKSOY", slug="turksoy", kind="international_organisation", country="")
    events = {
        "golden-man": ExhibitionPageFactory(
            parent=index,
            slug="golden-man",
            title="The Great Steppe",
            start_date=datetime.date(2018, 1, 1),
            start_precision="year",
            end_date=datetime.date(2019, 1, 1),
            end_precision="year",
            is_travelling=True,
        ),
        "seminar": ConferencePageFactory(
            parent=index,
            slug="seminar",
            title="Museums of Central Asia",
            start_date=datetime.date(2013, 1, 1),
            start_precision="year",
        ),
        "fair": CraftsFairPageFactory(
            parent=index,
            slug="fair",
            title="Central Asian Crafts Fair",
            start_date=datetime.date(2020, 7, 1),
            start_precision="month",
            participating_countries=["KG", "MN"],
        ),
        "coming": ExhibitionPageFactory(
            parent=index,
            slug="coming",
            title="Coming soon",
            start_date=datetime.date(2020, 9, 1),
            venue_kind="partner",
            venue_partner=hermitage,
        ),
    }
    ExhibitionVenueFactory(page=events["golden-man"], city="Seoul", country="KR")
    EventPartnerFactory(page=events["seminar"], partner=turksoy, role="auspices")
    return {"index": index, "events": events, "hermitage": hermitage, "turksoy": turksoy}


listing_data = module_data(build_listing, used_by="listing")


@pytest.fixture
def listing(listing_data, db):
    """The module's listing (built once, see tests/shared_data.py), read afresh for this test."""
    return listing_data.fetch()


def titles(response):
    return [event.title for _heading, events in response.context["groups"] for event in events]


@freeze_time("2020-07-01")
def test_current_and_upcoming_come_first_then_past_by_year(listing, get):
    response = get("nmrk", "/en/events/")

    assert response.status_code == 200
    assert titles(response) == [
        "Central Asian Crafts Fair",
        "Coming soon",
        "The Great Steppe",
        "Museums of Central Asia",
    ]
    headings = [str(heading) for heading, _events in response.context["groups"]]
    assert headings == ["Current and upcoming", "2018", "2013"]


def test_the_kept_listing_order_follows_the_day_and_each_filter(listing, get, settings):
    """The listing's order is kept in the shared cache (``EventIndexPage.listing_ids``): per day, so
    an event that ends today is past tomorrow, and per filter, so one listing never answers another."""
    settings.PAGE_CACHE_SECONDS = 0  # the pages themselves are rendered every time
    with freeze_time("2020-07-31"):
        assert titles(get("nmrk", "/en/events/"))[:2] == ["Central Asian Crafts Fair", "Coming soon"]
        assert titles(get("nmrk", "/en/events/?kind=exhibition")) == ["Coming soon", "The Great Steppe"]
        assert len(titles(get("nmrk", "/en/events/"))) == 4
    with freeze_time("2020-08-01"):
        response = get("nmrk", "/en/events/")
    assert titles(response)[:2] == ["Coming soon", "Central Asian Crafts Fair"]
    assert [str(heading) for heading, _events in response.context["groups"]][:2] == [
        "Current and upcoming",
        "2020",
    ]


@freeze_time("2020-07-01")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=exhibition", {"Coming soon", "The Great Steppe"}),
        ("kind=conference", {"Museums of Central Asia"}),
        ("kind=fair", {"Central Asian Crafts Fair"}),
        ("year=2019", {"The Great Steppe"}),  # 2018-2019: runs into 2019
        ("year=2013", {"Museums of Central Asia"}),
        ("country=KR", {"The Great Steppe"}),  # through a tour venue
        ("country=MN", {"Central Asian Crafts Fair"}),  # through the fair's countries
        ("country=RU", {"Coming soon"}),  # through the host partner
        ("partner=turksoy", {"Museums of Central Asia"}),
        ("partner=hermitage", {"Coming soon"}),
        ("kind=exhibition&country=RU", {"Coming soon"}),
        ("kind=exhibition&year=2018&country=KR", {"The Great Steppe"}),
        ("kind=conference&country=KR", set()),
    ],
)
def test_filters_combine_and_each_combination_is_a_url(listing, get, query, expected):
    response = get("nmrk", f"/en/events/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


@pytest.mark.parametrize("query", ["kind=party", "year=abc", "country=XX", "partner=nobody"])
def test_a_filter_that_makes_no_sense_is_a_400_with_a_message(listing, get, query):
    response = get("nmrk", f"/en/events/?{query}")
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert titles(response) == []


def test_the_filter_form_offers_only_what_the_events_have(listing, get):
    form = get("nmrk", "/en/events/").context["filter_form"]
    assert {code for code, _name in form.fields["country"].choices} == {"", "KR", "MN", "KG", "RU"}
    assert {slug for slug, _name in form.fields["partner"].choices} == {"", "hermitage", "turksoy"}
    assert [year for year, _label in form.fields["year"].choices][1:3] == ["2020", "2019"]


@pytest.mark.parametrize(
    ("query", "offered"),
    [
        ("kind=conference", {"", "turksoy"}),
        ("country=RU", {"", "hermitage"}),
        ("kind=fair", {""}),
        # The partner chosen stays on offer (and selected) even where the other filters exclude it.
        ("kind=fair&partner=hermitage", {"", "hermitage"}),
        ("partner=turksoy", {"", "hermitage", "turksoy"}),  # no other filter: every partner
    ],
)
def test_the_partner_list_offers_the_partners_of_what_the_other_filters_select(listing, get, query, offered):
    response = get("nmrk", f"/en/events/?{query}")

    form = response.context["filter_form"]
    assert {slug for slug, _name in form.fields["partner"].choices} == offered
    assert response.content.decode().count('<option value="hermitage"') == ("hermitage" in offered)


@freeze_time("2020-07-01")
def test_events_without_a_date_are_listed_apart_from_the_archive(listing, get):
    for slug in ("picasso", "serusier"):
        ExhibitionPageFactory(parent=listing["index"], slug=slug, title=slug.title(), start_date=None)

    response = get("nmrk", "/en/events/")
    assert "Picasso" not in titles(response)  # not mixed into the dated groups
    assert [event.title for event in response.context["archive"]] == ["Picasso", "Serusier"]
    html = response.content.decode()
    assert html.index("Museums of Central Asia") < html.index("<h2>From the archive</h2>")
    # A year filter leaves them out.
    assert list(get("nmrk", "/en/events/?year=2018").context["archive"]) == []


@pytest.mark.django_db
def test_the_tour_is_counted_from_its_venues_and_grouped_by_year(network, get):
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    tour = ExhibitionPageFactory(parent=index, slug="tour", is_travelling=True, venue_kind="tour")
    for city, country, year in [("Moscow", "RU", 2018), ("Seoul", "KR", 2018), ("Kazan", "RU", 2019)]:
        ExhibitionVenueFactory(page=tour, city=city, country=country, start_date=datetime.date(year, 1, 1))
    ExhibitionVenueFactory(page=tour, city="", country="IN", start_date=None, status="planned")

    response = get("nmrk", "/en/events/tour/")
    html = response.content.decode()
    assert "<strong>3</strong> cities" in html
    assert "<strong>2</strong> countries" in html  # Moscow and Kazan are both in Russia
    assert "<strong>2018\u20132019</strong>" in html
    headings = [str(heading) for heading, _venues in response.context["page"].tour_by_year()]
    assert headings == ["2018", "2019", "Planned"]
    # No order of stops is claimed: the only ordered list is the timeline's years, its places are not.
    section = html.split('class="tour"')[1]
    assert section.count("<ol") == section.count('<ol class="timeline__groups">') == 1


@pytest.mark.django_db
def test_an_unknown_venue_is_not_shown(network, get):
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    ExhibitionPageFactory(parent=index, slug="somewhere", venue_kind="unknown")
    ExhibitionPageFactory(parent=index, slug="at-home", venue_kind="museum")

    assert "<dt>Where</dt>" not in get("nmrk", "/en/events/somewhere/").content.decode()
    assert "<dt>Where</dt>" in get("nmrk", "/en/events/at-home/").content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", "2019\u202fж. 1\u201315 наурыз"),
        ("ru", "1\u201315 марта 2019\u202fг."),
        ("en", "1\u201315 March 2019"),
    ],
)
@pytest.mark.django_db
def test_fair_application_dates_are_in_the_pages_language(network, get, language, expected):
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    fair = CraftsFairPageFactory(
        parent=index,
        slug="fair",
        application_opens=datetime.date(2019, 3, 1),
        application_closes=datetime.date(2019, 3, 15),
    )
    if language != "en":
        translate_page(index, language, title=f"Events {language}")
        translate_page(fair, language, title=f"Fair {language}")
    assert expected in get("nmrk", f"/{language}/events/fair/").content.decode()


def test_pagination_keeps_the_filters(listing, get):
    index = listing["index"]
    for number in range(EventIndexPage.per_page + 1):
        ExhibitionPageFactory(parent=index, slug=f"extra-{number}", start_date=datetime.date(2015, 1, 1))

    first = get("nmrk", "/en/events/?kind=exhibition")
    html = first.content.decode()
    assert 'href="?kind=exhibition&amp;page=2"' in html
    second = get("nmrk", "/en/events/?kind=exhibition&page=2")
    exhibitions = 2 + EventIndexPage.per_page + 1  # the fixture's two, plus the ones added here
    assert len(titles(second)) == exhibitions - EventIndexPage.per_page
    assert get("nmrk", "/en/events/?page=999").status_code == 200  # out of range: the last page


def count_queries(get, path):
    """The number of queries of one listing request, once the site's caches are warm, and what it listed."""
    get("nmrk", path)  # warm Wagtail's site root paths
    with CaptureQueriesContext(connection) as queries:
        response = get("nmrk", path)
    assert response.status_code == 200
    form = response.context["filter_form"]
    return len(queries), {"events": len(titles(response))} | {
        name: len(list(form.fields[name].choices)) for name in FILTERS
    }


# Each added event brings a year, a partner and a partner's country of its own, so the listing's groups
# and the filter form's choices grow with it; its venue is in Russia, so the filtered listing grows too.
FILTERS = ["year", "country", "partner"]
BULK_COUNTRIES = ["AM", "AZ", "BY", "CN", "DE", "FR", "GB", "GE", "IN", "IR", "IT", "JP", "PL", "TJ", "UZ"]


@freeze_time("2020-07-01")
def test_listing_queries_do_not_grow_with_the_number_of_events(listing, get, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the queries of rendering, not of the page cache
    index = listing["index"]
    paths = ["/en/events/", "/en/events/?kind=exhibition&country=RU"]

    def add_events(numbers):
        for number in numbers:
            partner = PartnerFactory(country=BULK_COUNTRIES[number])
            event = ExhibitionPageFactory(
                parent=index,
                slug=f"bulk-{number}",
                start_date=datetime.date(1990 + number, 1, 1),
                venue_kind="partner",
                venue_partner=partner,
            )
            ExhibitionVenueFactory(page=event, country="RU")

    add_events(range(3))
    few = {path: count_queries(get, path) for path in paths}
    add_events(range(3, len(BULK_COUNTRIES)))  # past a full page of the listing
    many = {path: count_queries(get, path) for path in paths}

    added = len(BULK_COUNTRIES) - 3
    for path in paths:
        (queries_few, shown_few), (queries_many, shown_many) = few[path], many[path]
        assert shown_many["events"] == EventIndexPage.per_page > shown_few["events"], path  # a full page
        assert {name: shown_many[name] - shown_few[name] for name in FILTERS} == dict.fromkeys(FILTERS, added)
        assert queries_many == queries_few, path


# --- Translation --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_each_kind_renders_in_each_language(listing, get, language):
    index = listing["index"]
    if language != "en":
        translate_page(index, language, title=f"Events {language}")
    for slug, event in listing["events"].items():
        if language != "en":
            translate_page(event, language, title=f"{event.title} ({language})")
        response = get("nmrk", f"/{language}/events/{slug}/")
        assert response.status_code == 200, (slug, language)
        assert f'<html lang="{language}"' in response.content.decode()
        assert response.context["page"].locale.language_code == language


class IndexPageCreationTests(AdminPageTestCase):
    """The three section pages editors add under a museum's home page, through the admin form."""

    def test_each_section_is_created_once_through_the_admin_form(self):
        for model, slug in (
            (EventIndexPage, "events"),
            (PartnerIndexPage, "partners"),
            (NewsIndexPage, "news"),
        ):
            self.assertCanCreate(
                self.home, model, nested_form_data({"title": slug.title(), "slug": slug, "intro": "Welcome."})
            )
            home = HomePage.objects.get(pk=self.home.pk)  # the tree changed under the cached instance
            self.assertFalse(model.can_create_at(home))  # one per home page
            self.assertPageIsRenderable(model.objects.get(slug=slug))


def test_a_translated_event_points_to_the_translated_partners(listing, django_capture_on_commit_callbacks):
    hermitage, turksoy = listing["hermitage"], listing["turksoy"]
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [locale("ru")]).create_translations(listing["index"])
        # Submitting an event also submits the partners it uses, as the admin's Translate does.
        TranslationCreator(None, [locale("ru")]).create_translations(listing["events"]["coming"])
        TranslationCreator(None, [locale("ru")]).create_translations(listing["events"]["seminar"])

    coming = listing["events"]["coming"].get_translation(locale("ru"))
    seminar = listing["events"]["seminar"].get_translation(locale("ru"))
    assert coming.venue_partner == hermitage.get_translation(locale("ru"))
    assert seminar.event_partners.get().partner == turksoy.get_translation(locale("ru"))
    assert coming.start_date == listing["events"]["coming"].start_date  # synchronised


def test_filter_errors_are_in_the_visitors_language(listing, get):
    translate_page(listing["index"], "kk", title="Іс-шаралар")
    response = get("nmrk", "/kk/events/?kind=party")
    assert response.status_code == 400
    # Django's own Kazakh message, rendered in the page and in the form's errors.
    assert response.context["filter_form"].errors["kind"] == [
        "Дұрыс тандау жасаңыз. party дұрыс тандау емес."
    ]
    assert "Дұрыс тандау жасаңыз. party дұрыс тандау емес." in response.content.decode()


@pytest.mark.django_db
def test_fair_applications_cannot_close_before_they_open():
    fair = CraftsFairPage(
        title="Fair",
        slug="fair",
        summary="x",
        start_date=datetime.date(2020, 7, 1),
        application_opens=datetime.date(2020, 5, 1),
        application_closes=datetime.date(2020, 4, 1),
    )
    with pytest.raises(ValidationError) as raised:
        fair.clean()
    with translation.override("ru"):
        assert raised.value.message_dict == {
            "application_closes": ["Приём заявок не может закончиться раньше, чем начнётся."]
        }


def test_the_filters_select_marks_the_choice_and_escapes_names_as_djangos_does():
    from django import forms

    from home.widgets import ListSelect

    choices = [("", "All"), ("a&b", 'Tom & "Jerry" <Museum>'), ("7", "Seven")]
    ours = ListSelect(choices=choices).render("partner", "a&b", attrs={"id": "id_partner"})
    django = forms.Select(choices=choices).render("partner", "a&b", attrs={"id": "id_partner"})

    assert ours == (
        '<select name="partner" id="id_partner"><option value="">All</option>'
        '<option value="a&amp;b" selected>Tom &amp; &quot;Jerry&quot; &lt;Museum&gt;</option>'
        '<option value="7">Seven</option></select>'
    )
    assert ours.replace("\n", "").replace("  ", "") == django.replace("\n", "").replace("  ", "")
