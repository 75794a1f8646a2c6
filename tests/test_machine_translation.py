"""Machine translation as a draft aid: configured from the environment, offered only when configured,
and run through wagtail-localize's own LibreTranslate client against a stand-in server on loopback.

DeepL's client in wagtail-localize posts to DeepL's fixed host, so it cannot be pointed at a stand-in;
past the HTTP call it shares everything tested here (``apply_machine_translation`` in wagtail-localize's
editor views), and its configuration is tested below.
"""

import html
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

import pytest

from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "ҚАЗ"


def translator_setting(**variables):
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR as sites/settings/base.py builds it from ``variables``."""
    env = {key: value for key, value in os.environ.items() if "TRANSLAT" not in key}
    env.update({"MACHINE_TRANSLATOR": "", **variables})
    code = (
        "import json; from sites.settings import base; "
        "print(json.dumps(getattr(base, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    return result


class LibreTranslateStandIn(BaseHTTPRequestHandler):
    """Answers POST /translate as LibreTranslate does, translating each string as "ҚАЗ <string>"."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append({"path": self.path, "content_type": self.headers["Content-Type"], **body})
        if self.path != "/translate":
            self.send_error(404)
            return
        answer = json.dumps({"translatedText": [f"{PREFIX} {text}" for text in body["q"]]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslateStandIn)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def configured(libretranslate):
    """The settings block, given the stand-in's address, applied to this test."""
    result = translator_setting(
        MACHINE_TRANSLATOR="libretranslate",
        LIBRETRANSLATE_URL=f"http://127.0.0.1:{libretranslate.server_port}/",
        LIBRETRANSLATE_API_KEY="museum-key",
    )
    assert result.returncode == 0, result.stderr
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=json.loads(result.stdout)):
        yield


@pytest.fixture
def unconfigured(settings):
    if hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR"):
        del settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR


@pytest.fixture
def kazakh_draft(network, django_capture_on_commit_callbacks):
    """An English page submitted for Kazakh through wagtail-localize: a draft, nothing translated."""
    page = StandardPageFactory(
        parent=network["nmrk"]["home"]["en"], slug="visiting", title="Visiting", intro="Open daily.", body=[]
    )
    kazakh = Locale.objects.get(language_code="kk")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [kazakh]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=kazakh)
    return page, translation


def editor_props(client, page_pk):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page_pk]))
    assert response.status_code == 200
    found = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(found.group(1)))


# --- Configuration ----------------------------------------------------------------------------------
def test_without_a_translator_the_setting_is_left_out():
    result = translator_setting()
    assert (result.returncode, result.stdout.strip()) == (0, "null")


def test_deepl_is_configured_with_its_key():
    result = translator_setting(
        MACHINE_TRANSLATOR="deepl", DEEPL_API_KEY="abc:fx", MACHINE_TRANSLATION_TIMEOUT="9"
    )
    assert json.loads(result.stdout) == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "abc:fx", "TIMEOUT": 9},
    }


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MACHINE_TRANSLATOR": "deepl"}, "DEEPL_API_KEY"),
        ({"MACHINE_TRANSLATOR": "libretranslate"}, "LIBRETRANSLATE_URL"),
        ({"MACHINE_TRANSLATOR": "google"}, "MACHINE_TRANSLATOR must be"),
    ],
)
def test_an_incomplete_configuration_stops_the_start(variables, message):
    result = translator_setting(**variables)
    assert result.returncode != 0
    assert message in result.stderr


# --- The editor -------------------------------------------------------------------------------------
def test_without_a_translator_the_editor_offers_no_machine_translation(
    admin_client, kazakh_draft, unconfigured
):
    _page, translation = kazakh_draft
    target = translation.get_target_instance()
    props = editor_props(admin_client, target.pk)
    assert props["machineTranslator"] is None
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert admin_client.post(url).status_code == 404


def test_the_machine_translator_fills_the_strings_and_publishes_nothing(
    admin_client, kazakh_draft, configured, libretranslate
):
    page, translation = kazakh_draft
    target = translation.get_target_instance()
    revisions = target.revisions.count()
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    offered = editor_props(admin_client, target.pk)["machineTranslator"]
    assert offered == {"name": "LibreTranslate", "url": url}

    response = admin_client.post(f"{url}?next=/admin/")
    assert response.status_code == 302

    (request,) = libretranslate.received
    assert request["path"] == "/translate"
    assert request["content_type"] == "application/json"
    assert (request["source"], request["target"], request["format"]) == ("en", "kk", "html")
    assert request["api_key"] == "museum-key"
    assert set(request["q"]) >= {"Visiting", "Open daily."}

    strings = StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=page.translation_key
    )
    assert {s.data for s in strings} == {f"{PREFIX} {text}" for text in request["q"]}
    assert {(s.translation_type, s.tool_name) for s in strings} == {("machine", "LibreTranslate")}

    target = StandardPage.objects.get(pk=target.pk)
    assert target.live is False
    assert target.title == "Visiting"  # the strings wait in the editor; the page is not saved
    assert target.revisions.count() == revisions


def test_only_strings_still_untranslated_are_sent_and_the_live_translation_is_untouched(
    admin_client, kazakh_draft, configured, libretranslate, django_capture_on_commit_callbacks
):
    page, translation = kazakh_draft
    po = translation.export_po()
    for entry in po:
        entry.msgstr = f"kk {entry.msgid}"
    translation.import_po(po)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    page.intro = "Open every day but Monday."
    page.save_revision().publish()
    TranslationSource.update_or_create_from_instance(StandardPage.objects.get(pk=page.pk))

    admin_client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))

    (request,) = libretranslate.received
    assert request["q"] == ["Open every day but Monday."]
    target = StandardPage.objects.get(pk=translation.get_target_instance().pk)
    assert (target.live, target.has_unpublished_changes) == (True, False)
    assert target.intro == "kk Open daily."
