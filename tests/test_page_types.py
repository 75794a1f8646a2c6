"""Every page type: tree rules, creation through the admin's form, rendering, translatable fields."""

from django.utils import translation

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

import pytest

from events.models import EventIndexPage, PartnerIndexPage
from home.models import HomePage, StandardPage, VisitPage
from museums.models import Museum
from news.models import NewsIndexPage
from submissions.models import ContactFormPage
from tests.base import AdminPageTestCase
from tests.factories import StandardPageFactory, translate_page


def list_block(items):
    """Form data for a ListBlock, as the admin's JavaScript posts it."""
    data = {"count": len(items)}
    for index, item in enumerate(items):
        data[str(index)] = {"value": item, "deleted": "", "order": index, "id": ""}
    return data


def body_form_data():
    return streamfield(
        [
            ("heading", {"text": "Our partners", "level": "h2"}),
            ("paragraph", rich_text("<p>Museums, archives and institutes abroad.</p>")),
            ("quote", {"text": "Culture is a bridge.", "attribution": "The director"}),
            (
                "table",
                {
                    "caption": "Tour",
                    "header": list_block(["City", "Country"]),
                    "rows": list_block([list_block(["Minsk", "Belarus"])]),
                },
            ),
        ]
    )


class HomePageTests(AdminPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {StandardPage, VisitPage, EventIndexPage, PartnerIndexPage, NewsIndexPage, ContactFormPage},
        )
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_created_through_the_admin_form(self):
        self.assertCanCreate(
            self.root,
            HomePage,
            nested_form_data(
                {
                    "title": "Museum of the steppe",
                    "slug": "steppe",
                    "intro": "Hello.",
                    "body": body_form_data(),
                }
            ),
        )
        created = HomePage.objects.get(slug="steppe")
        assert [block.block_type for block in created.body] == ["heading", "paragraph", "quote", "table"]
        assert list(created.body[3].value["rows"][0]) == ["Minsk", "Belarus"]

    def test_renderable(self):
        self.assertPageIsRenderable(self.home)


class StandardPageTests(AdminPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_created_through_the_admin_form(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {"title": "Visit", "slug": "visit", "intro": "How to find us.", "body": body_form_data()}
            ),
        )
        assert StandardPage.objects.child_of(self.home).get(slug="visit").intro == "How to find us."

    def test_the_admin_refuses_a_link_with_both_a_page_and_a_url(self):
        data = nested_form_data(
            {
                "title": "Tickets",
                "slug": "tickets",
                "body": streamfield(
                    [
                        (
                            "call_to_action",
                            {
                                "heading": "Buy",
                                "text": "",
                                "link": {"page": self.home.pk, "url": "https://example.org", "label": ""},
                            },
                        )
                    ]
                ),
                "action-publish": "publish",
            }
        )
        response = self.client.post(f"/admin/pages/add/home/standardpage/{self.home.pk}/", data)

        assert response.status_code == 200  # the form again, not a redirect
        body_error = response.context["form"].errors.as_data()["body"][0]
        url_error = body_error.block_errors[0].block_errors["link"].block_errors["url"]
        # The admin speaks the site's default language, Kazakh, through the project's catalogue.
        assert url_error.messages == [
            "Бетті немесе URL мекенжайын көрсетіңіз, екеуін қатар көрсетуге болмайды."
        ]
        assert not StandardPage.objects.filter(slug="tickets").exists()

    def test_renderable_with_every_block(self):
        page = StandardPageFactory(
            parent=self.home,
            body__0__heading__text="History",
            body__1__paragraph__value="<p>Since 2014.</p>",
            body__2__image__caption="The Golden Man",
            body__3__quote__text="Museums unite.",
            body__4__document__label="The agreement",
            body__5__call_to_action__heading="Plan your visit",
            body__6__table__caption="Venues",
        )
        self.assertPageIsRenderable(page)
        html = self.client.get(page.url).content.decode()
        for text in ("History", "Since 2014.", "The Golden Man", "Museums unite.", "The agreement"):
            assert text in html
        assert "<caption>Venues</caption>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_standard_pages_render_their_translation_in_each_language(network, get, language):
    home = network["nmrk"]["home"]["en"]
    page = StandardPageFactory(parent=home, slug=f"visit-{language}", title="Visit us", body=[])
    if language != "en":
        page = translate_page(page, language, title=f"Visit us ({language})")

    response = get("nmrk", f"/{language}/visit-{language}/")

    assert response.status_code == 200
    assert response.context["page"].pk == page.pk
    assert f"<h1>{page.title}</h1>" in response.content.decode()


def field_set(model):
    """{field: "translated" | "synchronised"} as wagtail-localize will treat the model."""
    return {
        field.field_name: "synchronised" if isinstance(field, SynchronizedField) else "translated"
        for field in get_translatable_fields(model)
    }


PAGE_FIELDS = {
    "title": "translated",
    "seo_title": "translated",
    "search_description": "translated",
    "slug": "synchronised",
    "show_in_menus": "synchronised",
}


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (
            HomePage,
            {
                **PAGE_FIELDS,
                "intro": "translated",
                "body": "translated",
                "hero_image": "synchronised",
                "image_alt": "translated",
                "image_credit": "translated",
                "image_decorative": "synchronised",
            },
        ),
        (
            StandardPage,
            {
                **PAGE_FIELDS,
                "intro": "translated",
                "body": "translated",
                "image": "synchronised",
                "image_alt": "translated",
                "image_credit": "translated",
                "image_decorative": "synchronised",
            },
        ),
        (
            Museum,
            {
                "name": "translated",
                "short_name": "translated",
                "city": "translated",
                "address": "translated",
                "opening_hours": "translated",
                "hours_exceptions": "translated",
                "social_links": "translated",
                "reuse_notice": "translated",
                "code": "synchronised",
                "phone": "synchronised",
                "email": "synchronised",
                "logo": "synchronised",
                "visit_details_confirmed": "synchronised",
                "latitude": "synchronised",
                "longitude": "synchronised",
                "first_published_at": "synchronised",
                "go_live_at": "synchronised",
                "expire_at": "synchronised",
            },
        ),
        (
            ContactFormPage,
            {
                **PAGE_FIELDS,
                "intro": "translated",
                "thank_you_text": "translated",
                "subject": "translated",
                "form_fields": "translated",
                "to_address": "synchronised",
            },
        ),
    ],
    ids=["HomePage", "StandardPage", "Museum", "ContactFormPage"],
)
def test_translatable_and_synchronised_fields_are_pinned(model, expected):
    assert field_set(model) == expected


@pytest.mark.django_db
def test_a_page_link_follows_the_visitor_into_their_language(network):
    from tests.factories import CallToActionBlockFactory

    about = network["csm"]["about"]
    block = CallToActionBlockFactory.build(link__page=about["en"], link__url="", link__label="")
    with translation.override("ru"):
        assert block["link"].href == about["ru"].url
        assert block["link"].text == about["ru"].title
    with translation.override("en"):
        assert block["link"].href == about["en"].url
