"""Visiting: the museum's hours as data ("open now" in Kazakhstan time, exceptions), the visit page
and what the home page shows of what is on and of the latest news."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from freezegun import freeze_time

from home.models import HomePage, StandardPage, VisitPage
from museums.blocks import OpeningHoursBlock
from museums.hours import weekdays_label
from museums.models import Museum
from tests.base import AdminPageTestCase
from tests.event_factories import (
    EventIndexPageFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from tests.factories import translate_page
from tests.test_page_types import PAGE_FIELDS, field_set

# Tuesday to Sunday 10:00-18:00, closed on Mondays; closed on Independence Day.
WEEK = [
    (
        "hours",
        {"weekdays": ["1", "2", "3", "4", "5", "6"], "opens": datetime.time(10), "closes": datetime.time(18)},
    ),
    ("hours", {"weekdays": ["0"], "closed": True}),
]
HOLIDAY = [("exception", {"date": datetime.date(2026, 12, 16), "closed": True, "note": "Independence Day"})]


@pytest.fixture
def hours(network):
    """Both museums' records (every language) with the week above and the holiday."""
    for museum in Museum.objects.all():
        museum.opening_hours, museum.hours_exceptions = WEEK, HOLIDAY
        museum.save()
    return Museum.objects.get(pk=network["nmrk"]["museum"].pk)


@pytest.mark.parametrize(
    ("days", "language", "expected"),
    [
        ([1, 2, 3, 4, 5, 6], "en", "Tuesday – Sunday"),
        ([1, 2, 3, 4, 5, 6], "kk", "Сейсенбі – жексенбі"),
        ([1, 2, 3, 4, 5, 6], "ru", "Вторник – воскресенье"),
        ([0, 2, 3, 4, 5, 6], "en", "Monday, Wednesday – Sunday"),
        ([5, 6], "ru", "Суббота, воскресенье"),
    ],
)
def test_weekdays_are_named_in_each_language(days, language, expected):
    assert weekdays_label(days, language) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("utc", "is_open", "next_day"),
    [
        ("2026-11-24 04:30", False, "today"),  # Tuesday 09:30 in Astana: opens at 10:00
        ("2026-11-24 05:30", True, ""),  # 10:30 in Astana, though 05:30 UTC
        ("2026-11-24 13:00", False, "tomorrow"),  # 18:00: just closed
        ("2026-11-23 08:00", False, "tomorrow"),  # a Monday
        ("2026-12-16 08:00", False, "tomorrow"),  # Independence Day, a Wednesday
    ],
)
def test_open_now_is_computed_in_kazakhstan_time_with_the_exceptions(hours, utc, is_open, next_day):
    with freeze_time(utc), translation.override("en"):
        status = hours.hours.status()
    assert status["is_open"] is is_open
    assert status["next_day"] == next_day
    if utc.startswith("2026-12-16"):
        assert status["today"].closed and status["today"].note == "Independence Day"


def test_hours_must_name_their_weekdays():
    block = OpeningHoursBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"weekdays": [], "days": "", "opens": "10:00", "closes": "18:00"}))
    assert block.clean(block.to_python({"weekdays": ["0"], "closed": True}))["weekdays"] == ["0"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "state", "days", "exception"),
    [
        ("en", "Open now", "Tuesday – Sunday", "Independence Day"),
        ("kk", "Қазір ашық", "Сейсенбі – жексенбі", None),
        ("ru", "Сейчас открыто", "Вторник – воскресенье", None),
    ],
)
def test_the_visit_page_shows_the_week_today_and_the_coming_exceptions(
    hours, network, get, language, state, days, exception
):
    visit = VisitPage(title="Visit", slug="visit", intro="Plan your day.")
    network["nmrk"]["home"]["en"].add_child(instance=visit)
    visit.save_revision().publish()
    if language != "en":
        translate_page(visit, language, title=f"Visit ({language})")

    with freeze_time("2026-12-01 06:00"):  # a Tuesday, 11:00 in Astana
        html = get("nmrk", f"/{language}/visit/").content.decode()
    assert state in html
    if exception:
        assert "Independence Day" in html and "16 December 2026" in html
    assert days in html  # the weekdays named in the page's language


@pytest.mark.django_db
def test_the_home_page_says_what_is_on_and_when_nothing_is(network, get):
    home = network["nmrk"]["home"]["en"]
    index = EventIndexPageFactory(parent=home)
    NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home),
        title="The Golden Man on tour",
        date=datetime.date(2019, 1, 1),
    )

    with freeze_time("2026-06-01"):
        quiet = get("nmrk", "/en/").content.decode()
        ExhibitionPageFactory(
            parent=index,
            title="Steppe gold",
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 9, 30),
        )
        busy = get("nmrk", "/en/").content.decode()

    assert "Nothing is on at the moment." in quiet
    assert 'href="/en/events/"' in quiet  # leads to the archive, never an empty block
    assert "Steppe gold" in busy and "Nothing is on" not in busy
    assert "The Golden Man on tour" in busy  # the latest news


class VisitPageTests(AdminPageTestCase):
    def test_one_visit_page_per_home_page_created_through_the_admin_form(self):
        self.assertCanCreateAt(HomePage, VisitPage)
        self.assertCanNotCreateAt(StandardPage, VisitPage)
        self.assertCanCreate(
            self.home,
            VisitPage,
            nested_form_data(
                {
                    "title": "Plan your visit",
                    "slug": "visit",
                    "intro": "Hours and directions.",
                    "admission": streamfield(
                        [("price", {"label": "Adults", "price": "1 500 ₸", "note": ""})]
                    ),
                    "tickets_url": "",
                    "getting_here": rich_text("<p>Bus 21.</p>"),
                    "accessibility": rich_text("<p>Step-free entrance.</p>"),
                    "body": streamfield([]),
                }
            ),
        )
        home = HomePage.objects.get(pk=self.home.pk)
        self.assertFalse(VisitPage.can_create_at(home))
        self.assertPageIsRenderable(VisitPage.objects.get(slug="visit"))


def test_the_visit_pages_translated_and_synchronised_fields_are_pinned():
    assert field_set(VisitPage) == {
        **PAGE_FIELDS,
        "intro": "translated",
        "admission": "translated",
        "getting_here": "translated",
        "accessibility": "translated",
        "body": "translated",
        "tickets_url": "synchronised",
    }
