"""Moderation from submission to publication, and scheduled publishing with a frozen clock."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, WorkflowState

import pytest
from freezegun import freeze_time

from editorial import roles
from tests.factories import StandardPageFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return {
        "editor": staff_member("aigerim", roles.group_name("nmrk", roles.EDITOR)),
        "moderator": staff_member("daniyar", roles.group_name("nmrk", roles.MODERATOR)),
        "other_moderator": staff_member("saule", roles.group_name("csm", roles.MODERATOR)),
    }


@pytest.fixture
def page(network):
    return StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="hours", title="Hours", body=[])


def edit_form(title, action):
    return {"title": title, "slug": "hours", "intro": "", "body-count": "0", action: action}


def submit(client, page, staff, title="Opening hours"):
    client.force_login(staff["editor"])
    mail.outbox.clear()
    client.post(f"/admin/pages/{page.pk}/edit/", edit_form(title, "action-submit"))
    return WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))


def act(client, user, page, state, action, comment=""):
    client.force_login(user)
    task_state = state.current_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment}
    )


def test_an_editors_submission_goes_to_their_museums_moderators_only(client, page, staff):
    state = submit(client, page, staff)

    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.WORKFLOW_NAME
    recipients = {address for message in mail.outbox for address in message.to}
    assert "daniyar@example.org" in recipients
    assert "saule@example.org" not in recipients
    assert Page.objects.get(pk=page.pk).title == "Hours"  # not live yet


def test_the_other_museums_moderator_cannot_approve(client, page, staff):
    state = submit(client, page, staff)

    act(client, staff["other_moderator"], page, state, "approve")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert Page.objects.get(pk=page.pk).title == "Hours"


def test_the_museums_moderator_approves_and_it_is_published(client, page, staff, get):
    state = submit(client, page, staff)
    mail.outbox.clear()

    act(client, staff["moderator"], page, state, "approve")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert Page.objects.get(pk=page.pk).title == "Opening hours"
    assert "Opening hours" in get("nmrk", "/en/hours/").content.decode()
    assert any("aigerim@example.org" in message.to for message in mail.outbox)  # the editor hears


def test_a_moderator_sends_it_back_with_a_comment(client, page, staff):
    state = submit(client, page, staff)
    mail.outbox.clear()

    act(client, staff["moderator"], page, state, "reject", comment="Please add the Monday hours.")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Please add the Monday hours."
    assert Page.objects.get(pk=page.pk).title == "Hours"
    notice = next(message for message in mail.outbox if "aigerim@example.org" in message.to)
    assert "Please add the Monday hours." in notice.body


def test_the_moderators_dashboard_lists_what_awaits_them(client, page, staff):
    submit(client, page, staff)

    client.force_login(staff["moderator"])
    mine = client.get("/admin/").content.decode()
    client.force_login(staff["other_moderator"])
    theirs = client.get("/admin/").content.decode()

    assert "Opening hours" in mine or "Hours" in mine
    assert f"/admin/pages/{page.pk}/edit/" in mine
    assert f"/admin/pages/{page.pk}/edit/" not in theirs


# --- Scheduled publishing ------------------------------------------------------------------------
def test_a_page_scheduled_to_go_live_is_published_by_the_scheduler(client, page, staff, get):
    go_live = timezone.now() + datetime.timedelta(days=2)
    client.force_login(staff["moderator"])
    form = edit_form("Summer hours", "action-publish")
    form["go_live_at"] = timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M")

    client.post(f"/admin/pages/{page.pk}/edit/", form)

    assert "Summer hours" not in get("nmrk", "/en/hours/").content.decode()
    with freeze_time(go_live - datetime.timedelta(hours=1)):
        call_command("publish_scheduled", verbosity=0)
    assert "Summer hours" not in get("nmrk", "/en/hours/").content.decode()
    with freeze_time(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    assert "Summer hours" in get("nmrk", "/en/hours/").content.decode()


def test_a_page_expires_on_schedule(page, get):
    expire = timezone.now() + datetime.timedelta(days=1)
    page.expire_at = expire
    page.save_revision().publish()
    assert get("nmrk", "/en/hours/").status_code == 200

    with freeze_time(expire + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)

    assert get("nmrk", "/en/hours/").status_code == 404


# --- Records (snippets) go through the same workflow ---------------------------------------------
def snippet_action(client, user, model_name, obj, state, action):
    client.force_login(user)
    task_state = state.current_task_state
    return client.post(
        f"/admin/snippets/museums/{model_name}/workflow/action/{obj.pk}/{action}/{task_state.pk}/", {}
    )


def test_an_identity_change_is_approved_by_that_museums_moderators_only(client, network, staff):
    from museums.models import Museum
    from tests.test_admin import museum_form

    museum = network["nmrk"]["museum"]
    client.force_login(staff["editor"])
    mail.outbox.clear()
    form = museum_form(
        name=museum.name, short_name="NMRK", code="nmrk", city="Astana", address="Tauelsizdik 54"
    )
    client.post(f"/admin/snippets/museums/museum/edit/{museum.pk}/", {**form, "action-submit": "submit"})
    state = WorkflowState.objects.get(base_content_type__model="museum", object_id=str(museum.pk))
    assert {address for message in mail.outbox for address in message.to} >= {"daniyar@example.org"}
    assert "saule@example.org" not in {address for message in mail.outbox for address in message.to}

    snippet_action(client, staff["other_moderator"], "museum", museum, state, "approve")
    assert Museum.objects.get(pk=museum.pk).address != "Tauelsizdik 54"

    snippet_action(client, staff["moderator"], "museum", museum, state, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert Museum.objects.get(pk=museum.pk).address == "Tauelsizdik 54"


def test_a_shared_partner_may_be_approved_by_either_museums_moderators(client, network, staff):
    from museums.models import Partner
    from tests.event_factories import PartnerFactory

    partner = PartnerFactory(name="TURKSOY", slug="turksoy", kind="international_organisation", country="")
    client.force_login(staff["editor"])
    form = {
        "name": "International Organisation of Turkic Culture",
        "short_name": "TURKSOY",
        "slug": "turksoy",
        "kind": "international_organisation",
        "country": "",
        "city": "Ankara",
        "website": "",
        "description": "",
        "action-submit": "submit",
    }
    client.post(f"/admin/snippets/museums/partner/edit/{partner.pk}/", form)
    state = WorkflowState.objects.get(base_content_type__model="partner", object_id=str(partner.pk))

    snippet_action(client, staff["other_moderator"], "partner", partner, state, "approve")

    assert Partner.objects.get(pk=partner.pk).name == "International Organisation of Turkic Culture"


def test_add_screens_start_in_the_language_content_is_written_in(client, staff):
    client.force_login(staff["editor"])

    response = client.get("/admin/snippets/museums/partner/add/")

    assert response.context["locale"].language_code == "en"
    assert (
        client.get("/admin/snippets/museums/partner/add/?locale=kk").context["locale"].language_code == "kk"
    )
