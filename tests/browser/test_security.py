"""In a real browser: uploaded media never runs script, public pages run none inline, and the admin
still works under its own Content-Security-Policy."""

import contextlib
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.test_uploads import HOSTILE_SVG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def policy_violations(page):
    """Every Content-Security-Policy refusal the browser reports for ``page``."""
    found = []
    page.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return found


@pytest.fixture
def app_url(live_network):
    """The project's WSGI application on its own loopback server, as it runs when deployed.

    The live server of Django's tests serves MEDIA_URL by itself, ahead of the project's URLs, so it
    cannot show how the project serves media.
    """
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietRequestHandler)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield lambda code, path: f"http://{code}.localhost:{server.server_port}{path}"
    server.shutdown()
    server.server_close()


class QuietRequestHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def hostile_svg():
    path = Path(settings.MEDIA_ROOT) / "original_images" / "hostile.svg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(HOSTILE_SVG)
    yield f"{settings.MEDIA_URL}original_images/hostile.svg"
    path.unlink()


def test_an_svg_with_a_script_in_the_media_folder_never_runs(app_url, page, hostile_svg):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    with page.expect_download() as download:
        try:
            page.goto(app_url("nmrk", hostile_svg))
        except PlaywrightError as error:  # a download is not a page: Playwright says so
            assert "Download is starting" in str(error)

    assert download.value.suggested_filename == "hostile.svg"
    assert dialogs == []


def test_public_pages_run_no_inline_script(live_network, page):
    violations = policy_violations(page)
    page.goto(live_network["url"]("csm", "/kk/about/"))
    assert violations == []  # the site's own pages need nothing the policy forbids

    with contextlib.suppress(PlaywrightError):  # refused outright is as good as refused silently
        page.add_script_tag(content="window.injected = true")

    assert page.evaluate("() => window.injected === undefined")
    assert any("inline script" in violation for violation in violations)


def test_an_editor_signs_in_and_edits_a_page_under_the_admins_policy(live_network, page):
    get_user_model().objects.create_superuser("chief", "chief@example.org", "steppe-2026")
    about = live_network["network"]["nmrk"]["about"]["en"]
    violations = policy_violations(page)

    page.goto(live_network["url"]("nmrk", "/admin/login/"))
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", "steppe-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(live_network["url"]("nmrk", f"/admin/pages/{about.pk}/edit/"))

    # The StreamField editor is drawn by Wagtail's scripts: it is there only if they ran.
    page.wait_for_selector("[data-contentpath=body] [data-streamfield-stream-container]", state="attached")
    assert page.input_value("#id_title") == about.title
    assert violations == []

    # Signed in, the public page carries Wagtail's user bar, which must work under the site's policy.
    page.goto(live_network["url"]("nmrk", "/en/about/"))
    page.wait_for_selector("wagtail-userbar", state="attached")
    assert violations == []
