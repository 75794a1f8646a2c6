"""PO files in bulk: a whole site's work for one language goes out as a zip and comes back as drafts,
through the command and through the admin, and nothing a visitor sees changes until a moderator
publishes."""

import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation

import polib
import pytest

from editorial.translations import po
from editorial.translations.status import Status, site_status
from museums.models import Agreement, Partner
from tests.event_factories import EventIndexPageFactory, ExhibitionPageFactory, PartnerFactory
from tests.factories import StandardPageFactory
from tests.shared_data import module_data
from tests.test_translation_status import item_for, make_user, publish_edit, translate

pytestmark = pytest.mark.django_db

MARK = "ҚАЗ"


def build_work(network):
    """The National Museum's site with Kazakh work of every kind waiting.

    New pages (one with a child, one rich body), an exhibition with a new partner, a page with only a
    Kazakh alias, a page whose live Kazakh translation fell out of date, and About, translated outside
    wagtail-localize and out of date.
    """
    django_capture_on_commit_callbacks = TestCase.captureOnCommitCallbacks  # as the fixture gives it
    home = network["nmrk"]["home"]["en"]
    visiting = StandardPageFactory(
        parent=home,
        slug="visiting",
        title="Visiting",
        body=[
            ("heading", {"text": "Tickets", "level": "h2"}),
            ("paragraph", RichText("<p>Buy them <b>at the door</b>.</p>")),
        ],
    )
    tickets = StandardPageFactory(parent=visiting, slug="tickets", title="Ticket prices", body=[])
    partner = PartnerFactory(name="State Hermitage Museum", slug="hermitage")
    events = EventIndexPageFactory(parent=home)
    exhibition = ExhibitionPageFactory(parent=events, slug="gold", title="Gold of the steppe")
    exhibition.event_partners.create(partner=partner, role="partner", locale=exhibition.locale)
    exhibition.save_revision().publish()
    shop = StandardPageFactory(parent=home, slug="shop", title="Museum shop", body=[])
    shop.copy_for_translation(Locale.objects.get(language_code="kk"), alias=True)
    history = StandardPageFactory(parent=home, slug="history", title="History", body=[])
    translate(history, "kk", django_capture_on_commit_callbacks, text="Тарих")
    publish_edit(history, title="History of the museum")
    publish_edit(network["nmrk"]["about"]["en"], title="About the National Museum")
    return {
        "visiting": visiting,
        "tickets": tickets,
        "partner": partner,
        "events": events,
        "exhibition": exhibition,
        "shop": shop,
        "history": history,
        "about": network["nmrk"]["about"]["en"],
    }


work_data = module_data(build_work, used_by="work")


@pytest.fixture
def work(work_data):
    """The module's work (built once, see tests/shared_data.py), read afresh for this test."""
    return work_data.fetch()


def fill_zip(data, text=MARK + " {msgid}"):
    """Every msgstr of every PO file in the zip ``data`` set to ``text``, as a translator would."""
    filled = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(filled, "w") as target:
        for name in source.namelist():
            catalogue = polib.pofile(source.read(name).decode())
            for entry in catalogue:
                entry.msgstr = text.format(msgid=entry.msgid)
            target.writestr(name, str(catalogue))
    return filled.getvalue()


def kazakh(instance):
    model = type(instance)._meta.concrete_model if not isinstance(instance, Page) else Page
    found = model.objects.get(translation_key=instance.translation_key, locale__language_code="kk")
    return found.specific if isinstance(found, Page) else found


def draft_content(instance):
    """The translation's newest revision, as Wagtail stores it (a dict of field values)."""
    return instance.latest_revision.content


def assert_imported_as_drafts(network, work, get):
    site = network["nmrk"]["site"]
    status = site_status(site, "kk")
    for key in ("visiting", "tickets", "partner", "events", "exhibition", "shop", "history"):
        assert item_for(status, work[key]).status == Status.DRAFT, key

    visiting = kazakh(work["visiting"])
    assert not visiting.live
    assert draft_content(visiting)["title"] == f"{MARK} Visiting"
    body = json.loads(draft_content(visiting)["body"])
    assert body[0]["value"]["text"] == f"{MARK} Tickets"
    assert body[1]["value"] == f"<p>{MARK} Buy them <b>at the door</b>.</p>"
    # The child was saved under its translated parent, not under a copy of the English one.
    assert kazakh(work["tickets"]).get_parent().pk == visiting.pk

    partner = kazakh(work["partner"])
    assert (partner.live, partner.name) == (False, f"{MARK} State Hermitage Museum")
    exhibition = kazakh(work["exhibition"])
    assert not exhibition.live
    # Snippets were imported first, so the Kazakh exhibition names the Kazakh partner.
    assert draft_content(exhibition)["event_partners"][0]["partner"] == partner.pk

    # The live translation keeps its published text; the import is a draft revision on top.
    history = kazakh(work["history"])
    assert (history.live, history.title, history.has_unpublished_changes) == (True, "Тарих", True)
    assert draft_content(history)["title"] == f"{MARK} History of the museum"
    assert "Тарих" in get("nmrk", "/kk/history/").content.decode()
    # The alias became a page of its own that still shows what it showed; the import is its draft.
    shop = kazakh(work["shop"])
    assert (shop.alias_of_id, shop.live, shop.title) == (None, True, "Museum shop")
    assert draft_content(shop)["title"] == f"{MARK} Museum shop"
    public = get("nmrk", "/kk/shop/")
    assert public.status_code == 200
    assert f"{MARK} Museum shop" not in public.content.decode()
    assert get("nmrk", "/kk/visiting/").status_code == 404

    # Made outside wagtail-localize: left out, untouched.
    about = kazakh(work["about"])
    assert about.title == network["nmrk"]["about"]["kk"].title
    assert item_for(status, work["about"]).status == Status.OUT_OF_DATE


def test_a_whole_site_goes_out_and_comes_back_as_drafts_through_the_command(
    network, work, get, tmp_path, capsys
):
    archive = tmp_path / "nmrk-kk.zip"
    call_command("translation_po", "export", "--site", "nmrk", "--language", "kk", "--output", str(archive))
    printed = capsys.readouterr().out
    assert "skipped: About the National Museum" in printed

    with zipfile.ZipFile(archive) as exported:
        names = exported.namelist()
        catalogues = {name: polib.pofile(exported.read(name).decode()) for name in names}
    assert len(names) == 7
    assert all(name.endswith(".po") for name in names)
    assert {catalogue.metadata["Language"] for catalogue in catalogues.values()} == {"kk"}
    history = next(c for c in catalogues.values() if any(e.msgid == "History of the museum" for e in c))
    # Only the changed string is left to translate; the rest comes filled from the translation.
    assert [entry.msgid for entry in history if not entry.msgstr] == ["History of the museum"]

    archive.write_bytes(fill_zip(archive.read_bytes()))
    translator = get_user_model().objects.create_user("aigerim", "aigerim@example.org", "pw")
    call_command("translation_po", "import", str(archive), "--user", "aigerim")
    printed = capsys.readouterr().out
    assert "7 of 7 PO files imported as drafts." in printed
    assert "draft saved" in printed

    assert_imported_as_drafts(network, work, get)
    assert kazakh(work["visiting"]).latest_revision.user == translator


def test_a_whole_site_goes_out_and_comes_back_as_drafts_through_the_admin(admin_client, network, work, get):
    site = network["nmrk"]["site"]
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin's default language is Kazakh
    response = admin_client.post(reverse("editorial_translations:export", args=[site.pk, "kk"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]

    upload = io.BytesIO(fill_zip(response.content))
    upload.name = "nmrk-kk.zip"
    with translation.override("en"):
        page = admin_client.post(
            reverse("editorial_translations:site", args=[site.pk, "kk"]), {"file": upload}
        )
    assert page.status_code == 200
    results = page.context["import_results"]
    assert len(results) == 7
    assert all(result.imported for result in results)
    assert "Saved as a draft" in page.content.decode()

    assert_imported_as_drafts(network, work, get)


def test_what_cannot_be_imported_is_said_and_the_rest_still_comes_in(network, work):
    buffer = io.BytesIO()
    po.export_zip(network["nmrk"]["site"], "kk", buffer)
    filled = fill_zip(buffer.getvalue())
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(filled)) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("garbage.po", b"this is not a PO file at all")
        target.writestr(
            "stranger.po", 'msgid ""\nmsgstr ""\n"X-WagtailLocalize-TranslationID: nonsense\\n"\n'
        )
        target.writestr("notes.txt", "not a PO file, ignored")
    broken.seek(0)

    with translation.override("en"):
        results = {result.name: result for result in po.import_zip(broken)}
    assert len(results) == 9
    assert results["garbage.po"].message == "Not a valid PO file."
    assert results["stranger.po"].message == "The file does not say which translation it belongs to."
    assert sum(result.imported for result in results.values()) == 7

    with translation.override("en"), pytest.raises(po.POArchiveError, match="not a zip archive"):
        po.import_zip(io.BytesIO(b"PK but not really"))


def test_the_command_refuses_an_unknown_site(network):
    with pytest.raises(CommandError, match="No site"):
        call_command("translation_po", "export", "--site", "louvre", "--language", "kk", "--output", "x.zip")


def test_an_import_never_publishes_and_never_takes_a_live_snippet_offline(
    network, django_capture_on_commit_callbacks
):
    """A live Kazakh partner gets its new text as a draft revision; visitors keep the live one."""
    partner = PartnerFactory(name="Tang West Market Museum", slug="tang")
    Agreement.objects.create(
        partner=partner, museum=network["nmrk"]["museum"], title="MoU", locale=partner.locale
    )
    record = translate(partner, "kk", django_capture_on_commit_callbacks, text="Тан батыс базары")
    publish_edit(partner, description="A museum in Xi'an.")

    buffer = io.BytesIO()
    report = po.export_zip(network["nmrk"]["site"], "kk", buffer)
    assert partner.pk in {item.source_pk for _name, item in report.files if item.model is Partner}
    po.import_zip(io.BytesIO(fill_zip(buffer.getvalue())))

    live = Partner.objects.get(translation_key=partner.translation_key, locale__language_code="kk")
    assert (live.live, live.name, live.has_unpublished_changes) == (True, "Тан батыс базары", True)
    assert live.latest_revision.content["description"] == f"{MARK} A museum in Xi'an."
    assert live.latest_revision.content["name"] == f"{MARK} Tang West Market Museum"
    assert Translation.objects.get(pk=record.pk).enabled


def test_an_upload_changes_only_the_translations_its_sender_may_edit(client, network, work):
    """Starting a translation needs only the right to submit translations, as in wagtail-localize;
    changing an existing one needs the right to edit it."""
    buffer = io.BytesIO()
    po.export_zip(network["nmrk"]["site"], "kk", buffer)
    upload = io.BytesIO(fill_zip(buffer.getvalue()))
    upload.name = "nmrk-kk.zip"
    client.force_login(make_user("outsider", "wagtail_localize.submit_translation"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin's default language is Kazakh
    with translation.override("en"):
        url = reverse("editorial_translations:site", args=[network["nmrk"]["site"].pk, "kk"])
        results = client.post(url, {"file": upload}).context["import_results"]
        messages = {str(result.message) for result in results if not result.imported}

    refused = {result.title for result in results if not result.imported}
    assert refused == {"History of the museum", "Museum shop"}
    assert messages == {"You may not edit this translation."}
    history = kazakh(work["history"])
    assert (history.title, history.has_unpublished_changes) == ("Тарих", False)


def test_an_import_interrupted_halfway_leaves_that_translation_as_it_was(network, work, monkeypatch):
    """Each file is imported whole or not at all: one stopped between storing its strings and saving
    its draft (a crash, a lost database) leaves its strings and revisions as they were, and the files
    imported before it stay imported."""
    history = kazakh(work["history"])
    strings = StringTranslation.objects.filter(
        locale__language_code="kk", context__object_id=history.translation_key
    )
    before = sorted(strings.values_list("translation_of__data", "data"))
    revisions = history.revisions.count()
    buffer = io.BytesIO()
    po.export_zip(network["nmrk"]["site"], "kk", buffer)
    save_as_draft = po.save_as_draft

    def stopping_at_history(translation, user=None):
        if translation.source.object_id == history.translation_key:
            raise RuntimeError("interrupted")
        return save_as_draft(translation, user)

    monkeypatch.setattr(po, "save_as_draft", stopping_at_history)
    with pytest.raises(RuntimeError, match="interrupted"):
        po.import_zip(io.BytesIO(fill_zip(buffer.getvalue())))

    assert sorted(strings.values_list("translation_of__data", "data")) == before
    assert f"{MARK} History of the museum" not in {data for _source, data in before}
    history.refresh_from_db()
    assert (history.revisions.count(), history.title, history.has_unpublished_changes) == (
        revisions,
        "Тарих",
        False,
    )
    # Snippets are imported before pages: the partner's file came in.
    assert kazakh(work["partner"]).name == f"{MARK} State Hermitage Museum"
