"""A real headless Chromium (Debian's) driven by Playwright against pytest-django's live server."""

import os
import shutil

import pytest

from tests.factories import build_network

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Chromium is missing: scripts/test installs Debian's chromium package"
    # Playwright's sync API keeps an event loop in the test's thread; the ORM calls the tests make
    # themselves are still plain synchronous code. Only while the browser is open.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def live_network(live_server, pristine_db):
    """Both museums on the live server. Live-server tests commit for real, so the database is
    emptied first and then holds what Wagtail's migrations created (`pristine_db`)."""
    network = build_network()
    port = live_server.url.rsplit(":", 1)[1]
    return {"network": network, "url": lambda code, path: f"http://{code}.localhost:{port}{path}"}


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    yield page
    context.close()
