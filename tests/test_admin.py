"""Editors work in Wagtail's admin: the museum snippet and the per-site settings."""

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from museums.models import Museum, MuseumSiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, network):
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return client


def test_the_museum_snippets_are_listed_and_editable(admin_client, network):
    museum = network["nmrk"]["museum"]

    assert admin_client.get("/admin/snippets/museums/museum/").status_code == 200
    edit = admin_client.get(f"/admin/snippets/museums/museum/edit/{museum.pk}/")
    assert edit.status_code == 200
    assert museum.name in edit.content.decode()


def museum_form(**fields):
    """The museum add form as the admin posts it, with no opening hours or social links."""
    return {
        "name": "Museum of the Steppe",
        "short_name": "MS",
        "code": "steppe",
        "city": "Karaganda",
        "address": "1 Steppe Street",
        "phone": "",
        "email": "",
        "reuse_notice": "",
        "opening_hours-count": "0",
        "hours_exceptions-count": "0",
        "social_links-count": "0",
        **fields,
    }


def test_an_editor_creates_a_museum_as_a_draft_through_the_admin_form(admin_client, network):
    response = admin_client.post("/admin/snippets/museums/museum/add/?locale=en", museum_form())

    assert response.status_code == 302, response.content.decode()[:2000]
    created = Museum.objects.get(code="steppe")
    assert created.locale.language_code == "en"
    assert created.live is False  # saved as a draft until published
    assert created.latest_revision is not None


def test_invalid_opening_hours_get_a_message_not_a_traceback(admin_client, network):
    hours = nested_form_data(
        {"opening_hours": streamfield([("hours", {"days": "Monday", "opens": "18:00", "closes": "10:00"})])}
    )
    response = admin_client.post(
        "/admin/snippets/museums/museum/add/?locale=en", museum_form(code="steppe2", **hours)
    )

    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["opening_hours"][0]
    closes = error.block_errors[0].block_errors["closes"]
    assert closes.messages == ["Жабылу уақыты ашылу уақытынан кейін болуы керек."]
    assert not Museum.objects.filter(code="steppe2").exists()


@pytest.mark.parametrize("code", ["nmrk", "csm"])
def test_each_sites_settings_are_edited_on_their_own(admin_client, network, code):
    site = network[code]["site"]
    response = admin_client.get(f"/admin/settings/museums/museumsitesettings/{site.pk}/")

    assert response.status_code == 200
    assert MuseumSiteSettings.for_site(site).museum == network[code]["museum"]
