"""Input the admin must refuse calmly: impossible dates, malformed form data, ids that are not ids.

Each answer is the form again with a message in the editor's language, never a 500, and keeps
what the editor typed in the other fields.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from events.filters import EventFilterForm
from events.models import EventPage, ExhibitionPage
from home.dates import DatePrecision, period_end
from home.models import StandardPage
from news.models import NewsPage
from tests.base import AdminPageTestCase
from tests.event_factories import EventIndexPageFactory, ExhibitionPageFactory, NewsIndexPageFactory
from tests.test_events import event_form

OUT_OF_RANGE = "1900 және 2100 жылдары аралығындағы күнді енгізіңіз."


def exhibition_form(**fields):
    return nested_form_data(
        event_form(
            is_travelling="",
            curators="",
            highlights=rich_text(""),
            gallery=streamfield([]),
            venues=inline_formset([]),
            **fields,
        )
    )


def test_the_last_day_of_december_9999_is_computed_without_overflow():
    assert period_end(datetime.date(9999, 12, 1), DatePrecision.MONTH) == datetime.date(9999, 12, 31)
    assert period_end(datetime.date(2024, 2, 1), DatePrecision.MONTH) == datetime.date(2024, 2, 29)


class EventDateTests(AdminPageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = EventIndexPageFactory(parent=cls.home)

    def add(self, **fields):
        return self.client.post(
            f"/admin/pages/add/events/exhibitionpage/{self.index.pk}/", exhibition_form(**fields)
        )

    def test_december_9999_is_refused_with_a_message(self):
        response = self.add(slug="far", start_date="9999-12-01", start_precision="month")

        assert response.status_code == 200
        assert response.context["form"].errors["start_date"] == [OUT_OF_RANGE]
        assert not EventPage.objects.filter(slug="far").exists()

    def test_year_one_is_refused_as_a_start_and_9999_as_an_end(self):
        response = self.add(
            slug="forever",
            start_date="0001-01-01",
            start_precision="year",
            end_date="9999-01-01",
            end_precision="year",
        )

        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["start_date"] == [OUT_OF_RANGE]
        assert errors["end_date"] == [OUT_OF_RANGE]

    def test_a_partner_id_that_is_not_a_number_is_a_message(self):
        response = self.add(slug="hosted", title="Hosted abroad", venue_kind="partner", venue_partner="abc")

        assert response.status_code == 200
        assert "venue_partner" in response.context["form"].errors
        assert 'value="Hosted abroad"' in response.content.decode()  # the editor's title is kept

    def test_the_year_filter_offers_only_years_with_events(self):
        ExhibitionPageFactory(
            parent=self.index, start_date=datetime.date(2018, 3, 1), end_date=datetime.date(2019, 2, 1)
        )
        ExhibitionPageFactory(parent=self.index, start_date=datetime.date(2023, 5, 1), start_precision="year")
        ExhibitionPageFactory(parent=self.index, start_date=None)

        form = EventFilterForm({}, self.index.events())

        assert [value for value, _label in form.fields["year"].choices][1:] == ["2023", "2019", "2018"]


def test_news_dates_are_bounded_too():
    date_field = NewsPage._meta.get_field("date")
    with translation.override("ru"):
        with pytest.raises(ValidationError) as refused:
            date_field.run_validators(datetime.date(1, 1, 1))
        assert refused.value.messages == ["Введите дату между 1900 и 2100 годами."]


class MalformedEditorDataTests(AdminPageTestCase):
    """What a stale tab, a broken proxy or a hand-made POST can send to the page editor."""

    def post(self, **changes):
        data = nested_form_data(
            {"title": "Visit us", "slug": "visit", "intro": "Kept.", "body": streamfield([])}
        )
        data.update(changes)
        return self.client.post(f"/admin/pages/add/home/standardpage/{self.home.pk}/", data)

    def assert_refused_calmly(self, response, field):
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [
            "Бұл өрістің жіберілген деректерін оқу мүмкін болмады, сондықтан оның сақталған нұсқасы "
            "қайта көрсетілді. Тексеріп, қайта сақтаңыз."
        ]
        assert "Kept." in response.content.decode()
        assert not StandardPage.objects.filter(slug="visit").exists()

    def test_a_block_count_that_is_not_a_number(self):
        self.assert_refused_calmly(self.post(**{"body-count": "abc"}), "body")

    def test_a_missing_block_count(self):
        response = self.client.post(
            f"/admin/pages/add/home/standardpage/{self.home.pk}/",
            {"title": "Visit us", "slug": "visit", "intro": "Kept."},
        )
        self.assert_refused_calmly(response, "body")

    def test_rich_text_that_is_not_json(self):
        body = streamfield([("paragraph", "{not json")])
        self.assert_refused_calmly(self.post(**nested_form_data({"body": body})), "body")

    def test_rich_text_json_that_is_not_draftail_content(self):
        for shape in ("[]", '"text"', '{"blocks": "x"}', '{"blocks": [{"text": 5}], "entityMap": []}'):
            with self.subTest(shape=shape):
                body = streamfield([("paragraph", shape)])
                self.assert_refused_calmly(self.post(**nested_form_data({"body": body})), "body")

    def test_an_image_id_that_is_not_a_number(self):
        self.assert_refused_calmly(self.post(image="abc"), "image")

    def test_an_image_id_in_a_block_that_is_not_a_number(self):
        image = {"image": {"image": "abc", "alt_text": "Felt", "decorative": ""}, "caption": "", "credit": ""}
        self.assert_refused_calmly(
            self.post(**nested_form_data({"body": streamfield([("image", image)])})), "body"
        )

    def test_an_inline_partner_id_that_is_not_a_number(self):
        index = EventIndexPageFactory(parent=self.home)
        data = exhibition_form(
            slug="with-partner",
            event_partners=inline_formset([{"partner": "abc", "role": "partner"}]),
        )
        response = self.client.post(f"/admin/pages/add/events/exhibitionpage/{index.pk}/", data)

        assert response.status_code == 200
        assert not ExhibitionPage.objects.filter(slug="with-partner").exists()

    def test_an_existing_page_keeps_its_saved_body(self):
        page = StandardPage(
            title="About", slug="about-us", body=[("heading", {"text": "Saved", "level": "h2"})]
        )
        self.home.add_child(instance=page)
        data = nested_form_data({"title": "About", "slug": "about-us", "intro": "", "body": streamfield([])})
        data["body-count"] = "abc"

        response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)

        assert response.status_code == 200
        assert "Saved" in response.content.decode()  # the saved body is shown again, not lost


@pytest.mark.django_db
def test_news_index_for_the_bounded_dates_still_renders(network, get):
    NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    assert get("nmrk", "/en/news/").status_code == 200
