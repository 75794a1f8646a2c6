"""A translator's path: translate in wagtail-localize's editor, submit for review, a moderator publishes."""

from django.contrib.auth import get_user_model

from wagtail.models import WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

import pytest

from editorial import roles
from home.models import StandardPage
from tests.factories import StandardPageFactory, locale, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("chief", "chief@example.org", "pw"))
    return client


@pytest.fixture
def translation(network, django_capture_on_commit_callbacks):
    """An English page sent to translation into Kazakh (a draft), its title translated in the editor."""
    page = StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="tickets", title="Tickets", body=[])
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [locale("kk")]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("kk"))
    po = translation.export_po()
    for entry in po:
        entry.msgstr = {"Tickets": "Билеттер", "tickets": "tickets"}.get(entry.msgid, entry.msgid)
    translation.import_po(po, tool_name="test")
    return translation


def test_the_translation_editor_offers_submitting_for_review(client, translation):
    client.force_login(staff_member("aliya", roles.TRANSLATORS))
    target = translation.get_target_instance()

    html = client.get(f"/admin/pages/{target.pk}/edit/").content.decode()

    assert f"/admin/translations/{translation.pk}/submit-for-review/" in html


def test_a_translator_submits_and_the_museums_moderator_publishes(client, translation, get):
    translator = staff_member("aliya", roles.TRANSLATORS)
    moderator = staff_member("daniyar", roles.group_name("nmrk", roles.MODERATOR))
    target = translation.get_target_instance()
    editor_url = f"/admin/pages/{target.pk}/edit/"
    client.force_login(translator)

    response = client.post(f"/admin/translations/{translation.pk}/submit-for-review/", {"next": editor_url})

    assert response["Location"] == editor_url  # back to the translation, not the source listing
    state = WorkflowState.objects.get(object_id=str(target.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert StandardPage.objects.get(pk=target.pk).live is False
    assert get("nmrk", "/kk/tickets/").status_code == 404

    client.force_login(moderator)
    client.post(f"/admin/pages/workflow/action/{target.pk}/approve/{state.current_task_state.pk}/", {})

    published = StandardPage.objects.get(pk=target.pk)
    assert published.live is True
    assert published.title == "Билеттер"
    assert get("nmrk", "/kk/tickets/").status_code == 200


def test_a_change_to_a_live_translation_stays_off_the_site_until_approved(client, translation, get):
    translator = staff_member("aliya", roles.TRANSLATORS)
    client.force_login(translator)
    client.post(f"/admin/translations/{translation.pk}/submit-for-review/")
    target = translation.get_target_instance()
    StandardPage.objects.get(pk=target.pk).get_latest_revision().publish()
    assert "Билеттер" in get("nmrk", "/kk/tickets/").content.decode()
    WorkflowState.objects.filter(object_id=str(target.pk)).delete()

    po = translation.export_po()
    for entry in po:
        entry.msgstr = {"Tickets": "Билет кассасы"}.get(entry.msgid, entry.msgstr or entry.msgid)
    translation.import_po(po, tool_name="test")
    client.post(f"/admin/translations/{translation.pk}/submit-for-review/")

    assert "Билет кассасы" not in get("nmrk", "/kk/tickets/").content.decode()
    assert StandardPage.objects.get(pk=target.pk).get_latest_revision().as_object().title == "Билет кассасы"


def test_translating_a_page_leaves_its_partners_published_translation_alone(
    admin_client, network, get, django_capture_on_commit_callbacks
):
    from events.models import EventPartner
    from museums.models import Partner
    from tests.event_factories import EventIndexPageFactory, ExhibitionPageFactory, PartnerFactory
    from tests.factories import translate_page

    partner = PartnerFactory(name="State Hermitage Museum", slug="hermitage")
    russian_partner = partner.copy_for_translation(locale("ru"))
    russian_partner.name = "Государственный Эрмитаж"
    russian_partner.save()
    russian_partner.save_revision().publish()
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    translate_page(index, "ru", title="События")
    event = ExhibitionPageFactory(parent=index, slug="gold", title="Gold")
    EventPartner.objects.create(page=event, partner=partner, role="partner")

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/localize/submit/page/{event.pk}/", {"locales": [locale("ru").pk]})

    kept = Partner.objects.get(pk=russian_partner.pk)
    assert kept.live is True
    assert kept.name == "Государственный Эрмитаж"


def test_a_translator_cannot_publish_through_the_sync_form(
    client, translation, get, django_capture_on_commit_callbacks
):
    source = translation.source
    client.force_login(staff_member("aliya", roles.TRANSLATORS))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})

    assert StandardPage.objects.get(pk=translation.get_target_instance().pk).live is False
    assert get("nmrk", "/kk/tickets/").status_code == 404


def test_a_moderator_may_publish_through_the_sync_form(
    client, translation, django_capture_on_commit_callbacks
):
    client.force_login(staff_member("daniyar", roles.group_name("nmrk", roles.MODERATOR)))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/localize/update/{translation.source.pk}/", {"publish_translations": "on"})

    assert StandardPage.objects.get(pk=translation.get_target_instance().pk).live is True


def test_a_translator_cannot_turn_a_translation_into_an_alias(client, translation):
    target = translation.get_target_instance()
    client.force_login(staff_member("aliya", roles.TRANSLATORS))

    response = client.post(f"/admin/localize/page/{target.pk}/convert_to_alias/")

    assert response.status_code in (302, 403)
    assert StandardPage.objects.get(pk=target.pk).alias_of_id is None
