"""The sites while a part they rely on is out of reach: PostgreSQL, Redis, the media bucket.

Each part really fails here (nothing answers on its port, or Redis is paused), none is mocked:

- PostgreSQL out of reach: every language gets the site's 503 page with ``Retry-After`` (the API its
  JSON), and the next request after it returns is served by the same application
  (``home.views.server_error``);
- Redis out of reach: pages are served uncached, ``/health/`` says "degraded", the forms' rate limit
  lets messages through, and invalidations missed meanwhile empty it when it returns
  (``home.redis_cache``);
- the bucket out of reach: public pages render, uploads are refused with a message in the editor's
  language and leave no row behind, a download is a 503 (``home.storage``, ``home.outage``).

``bench/load`` stops and starts a real PostgreSQL under load (its fault run); docs/reliability.md.
"""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import RequestFactory

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile
from wagtail.users.models import UserProfile

import pytest
import redis

from home import redis_cache
from home.redis_cache import RedisCache
from sites.settings.base import shared_redis_client
from submissions.spam import over_rate_limit
from tests.s3 import PDF, png, publish_page, s3_settings, upload

pytestmark = pytest.mark.django_db

UNAVAILABLE = {
    "kk": "Сайт уақытша қолжетімсіз",
    "ru": "Сайт временно недоступен",
    "en": "The site is briefly unavailable",
}
STORAGE_MESSAGE_RU = "Файл не удалось сохранить: хранилище медиафайлов не отвечает."


def closed_port():
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- PostgreSQL ----------------------------------------------------------------------------------


@contextmanager
def database_out_of_reach():
    """The application's connection closed and pointed at a port where no PostgreSQL answers."""
    settings_dict = connection.settings_dict
    port = settings_dict["PORT"]
    connection.close()
    settings_dict["PORT"] = closed_port()
    try:
        yield
    finally:
        connection.close()
        settings_dict["PORT"] = port


@pytest.mark.django_db(transaction=True)  # the connection is closed mid-test: no test transaction
def test_without_the_database_every_language_gets_a_503_and_the_site_comes_back_by_itself(client):
    client.raise_request_exception = False
    with database_out_of_reach():
        answers = {
            language: client.get(f"/{language}/", headers={"host": "nmrk.localhost"})
            for language in UNAVAILABLE
        }
        health = client.get("/health/")
        api = client.get("/api/v2/pages/", headers={"host": "nmrk.localhost"})

    assert (api.status_code, api.json(), api["Retry-After"]) == (
        503,
        {"message": "service briefly unavailable"},
        "10",
    )
    for language, heading in UNAVAILABLE.items():
        response = answers[language]
        html = response.content.decode()
        assert response.status_code == 503, language
        assert response["Retry-After"] == "10"
        assert f'<html lang="{language}">' in html
        assert f"<h1>{heading}</h1>" in html
        assert "Traceback" not in html and "OperationalError" not in html
    assert health.status_code == 503
    assert health.json()["checks"]["database"]["error"] == "OperationalError"

    # The same application, no restart: the next request connects again.
    health = client.get("/health/")
    assert health.status_code == 200
    assert health.json()["checks"]["database"]["ok"]


# --- Redis ---------------------------------------------------------------------------------------


class RedisServer:
    """A Redis of the test's own on a free loopback port, which the test may stop and start again."""

    def __init__(self, tmp_path):
        self.port, self.folder, self.process = closed_port(), tmp_path, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
        self.process = subprocess.Popen(
            [*command, "--appendonly", "no", "--dir", str(self.folder)], stdout=subprocess.DEVNULL
        )
        client = redis.Redis(port=self.port)
        for _attempt in range(100):
            try:
                client.ping()
                return client
            except redis.ConnectionError:
                time.sleep(0.02)
        raise RuntimeError("the test's Redis did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path):
    assert shutil.which("redis-server"), "scripts/test installs Redis"
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def cache_on(settings):
    """Points the site's cache at a Redis URL, configured as production's settings configure it."""

    def point(url):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        settings.CACHES = {"default": shared_redis_client(backend)}

    return point


def test_without_redis_pages_are_served_uncached_and_cached_again_once_it_returns(
    network, get, own_redis, cache_on, monkeypatch
):
    monkeypatch.setattr(redis_cache, "DOWN_SECONDS", 0)  # tried again at once, not after a pause
    cache_on(own_redis.url)
    own_redis.stop()

    for _attempt in range(2):
        response = get("nmrk", "/en/")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
    assert "National Museum" in response.content.decode()
    assert get("csm", "/ru/about/").status_code == 200
    health = get("nmrk", "/health/")  # a load balancer keeps a server that still serves pages
    assert (health.status_code, health.json()["status"]) == (200, "degraded")
    assert health.json()["checks"]["cache"]["error"] == "ConnectionError"

    own_redis.start()  # the same application, no restart
    assert get("nmrk", "/en/")["X-Page-Cache"] == "miss"
    assert get("nmrk", "/en/")["X-Page-Cache"] == "hit"


def test_without_redis_the_forms_rate_limit_lets_messages_through(network, own_redis, cache_on):
    cache_on(own_redis.url)
    request = RequestFactory().post("/en/contact/", REMOTE_ADDR="203.0.113.9")
    site_id = network["nmrk"]["site"].pk
    assert [over_rate_limit(request, site_id, rate="1/m") for _ in range(2)] == [False, True]

    own_redis.stop()
    assert [over_rate_limit(request, site_id, rate="1/m") for _ in range(3)] == [False, False, False]


def test_invalidations_missed_while_redis_was_out_of_reach_empty_it_when_it_returns(own_redis, monkeypatch):
    """Redis paused (a partition, not a restart) keeps its keys: one that should have been deleted
    meanwhile must not be read afterwards."""
    monkeypatch.setattr(redis_cache, "DOWN_SECONDS", 0)
    backend = RedisCache(own_redis.url, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.2}})
    backend.set("page", "the old text")
    control = redis.Redis(port=own_redis.port)

    control.client_pause(400)
    assert backend.delete("page") is False  # timed out within the pause: dropped, and remembered
    assert control.dbsize() == 1  # answered once the pause is over: the key outlived the outage

    assert backend.get("page") is None
    assert control.dbsize() == 0
    backend.set("page", "the new text")
    assert backend.get("page") == "the new text"


# --- The media bucket ----------------------------------------------------------------------------


@pytest.fixture
def russian_editor(client):
    user = get_user_model().objects.create_superuser("zhanna", "zhanna@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(user)
    client.raise_request_exception = False
    return client


def test_without_the_bucket_pages_render_and_uploads_are_refused_with_a_message_leaving_no_row(
    network, get, russian_editor, bucket, settings
):
    shown = upload(russian_editor, "images", png("gold"))
    not_yet_shown = upload(russian_editor, "images", png("navy"), title="Navy plaque")
    document = upload(russian_editor, "documents", SimpleUploadedFile("agreement.pdf", PDF))
    for slug, image in (("hall", shown), ("vault", not_yet_shown)):
        block = {"image": image, "alt_text": "A plaque", "decorative": False}
        publish_page(network, slug, [("image", {"image": block, "caption": "", "credit": ""})])
    assert get("nmrk", "/en/hall/").status_code == 200  # its renditions are made and recorded

    for name, value in s3_settings(f"http://127.0.0.1:{closed_port()}", bucket.name).items():
        setattr(settings, name, value)
    cache.clear()
    rows = (get_image_model().objects.count(), get_document_model().objects.count())

    hall, vault = get("nmrk", "/en/hall/"), get("nmrk", "/en/vault/")
    assert (hall.status_code, vault.status_code) == (200, 200)
    assert "A plaque" in hall.content.decode() and "A plaque" in vault.content.decode()

    root = Collection.get_first_root_node().pk
    single = russian_editor.post(
        "/admin/images/add/", {"title": "Lost", "file": png("red"), "collection": root}, follow=True
    )
    assert single.status_code == 200
    assert STORAGE_MESSAGE_RU in single.content.decode()
    # Django marks the enclosing transaction as failed when a save fails outside a savepoint of its
    # own; in production that is the request's autocommit, here it would be the test's.
    with transaction.atomic():
        multiple = russian_editor.post(
            "/admin/images/multiple/add/", {"files[]": png("red"), "collection": root}
        )
    assert multiple.json()["success"] is False
    assert multiple.json()["error_message"].startswith(STORAGE_MESSAGE_RU)
    doc = SimpleUploadedFile("lost.pdf", PDF)
    document_form = russian_editor.post(
        "/admin/documents/add/", {"title": "Lost", "file": doc, "collection": root}, follow=True
    )
    assert STORAGE_MESSAGE_RU in document_form.content.decode()
    assert (get_image_model().objects.count(), get_document_model().objects.count()) == rows
    assert not UploadedFile.objects.exists()

    health = get("nmrk", "/health/").json()
    assert (health["status"], health["checks"]["storage"]["error"]) == ("degraded", "StorageUnavailable")
    download = get("nmrk", document.url)
    assert download.status_code == 503
    assert UNAVAILABLE["en"] in download.content.decode()
