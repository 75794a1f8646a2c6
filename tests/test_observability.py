"""Observability: one JSON log line per request under a request id, tracebacks under the same id,
``/health/`` naming what fails, and Sentry only when a DSN is given."""

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

from django.db import OperationalError, connections
from django.test import override_settings
from django.urls import path

import pytest

from tests.test_settings import PRODUCTION, ROOT, clean_environment


def explode(request):
    raise RuntimeError("the exhibit fell over")


# This module doubles as a URL conf (ROOT_URLCONF=__name__) with a view that fails.
urlpatterns = [path("explode/", explode)]


@pytest.fixture
def log_lines():
    """What the configured standard-output handler writes during the test, each line parsed as JSON
    (a line that is not one JSON object fails the test)."""
    root = logging.getLogger()
    handler = next(h for h in root.handlers if h.name == "stdout")
    stream = io.StringIO()
    previous, level = handler.setStream(stream), root.level
    root.setLevel(logging.INFO)  # production's level; the test settings keep to warnings
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.setLevel(level)
    handler.setStream(previous)


def lines_of(lines, logger):
    return [line for line in lines if line["logger"] == logger]


def test_a_request_logs_one_json_line_with_its_id_method_path_status_duration_and_host(client, log_lines):
    response = client.get("/favicon.ico?token=not-for-the-logs", headers={"host": "nmrk.localhost"})

    assert response.status_code == 200
    lines = log_lines()
    [access] = lines_of(lines, "museum.access")
    assert access["request_id"] == response["X-Request-ID"]
    assert {key: access[key] for key in ("level", "method", "path", "status", "host")} == {
        "level": "INFO",
        "method": "GET",
        "path": "/favicon.ico",
        "status": 200,
        "host": "nmrk.localhost",
    }
    assert isinstance(access["duration_ms"], float)
    assert access["duration_ms"] >= 0
    assert access["time"].endswith("+00:00")
    assert "not-for-the-logs" not in json.dumps(lines)


def test_a_sane_incoming_request_id_is_kept_and_echoed(client, log_lines):
    response = client.get("/favicon.ico", headers={"x-request-id": "lb-7f3a.2_x"})

    assert response["X-Request-ID"] == "lb-7f3a.2_x"
    [access] = lines_of(log_lines(), "museum.access")
    assert access["request_id"] == "lb-7f3a.2_x"


@pytest.mark.parametrize(
    "incoming",
    ["", "has space", "x" * 65, 'a"}\n{"forged": true', "ид-запроса"],
)
def test_a_missing_or_unsafe_request_id_is_replaced_by_a_new_one(client, log_lines, incoming):
    first = client.get("/favicon.ico", headers={"x-request-id": incoming})["X-Request-ID"]
    second = client.get("/favicon.ico", headers={"x-request-id": incoming})["X-Request-ID"]

    assert len(first) == 32
    assert int(first, 16) >= 0  # hexadecimal
    assert first != second
    assert [line["request_id"] for line in lines_of(log_lines(), "museum.access")] == [first, second]


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_logs_its_traceback_as_json_under_the_request_id(client, log_lines):
    client.raise_request_exception = False
    response = client.get("/explode/", headers={"x-request-id": "trace-me"})

    assert response.status_code == 500
    assert response["X-Request-ID"] == "trace-me"
    lines = log_lines()
    [error] = lines_of(lines, "django.request")
    assert error["level"] == "ERROR"
    assert error["request_id"] == "trace-me"
    assert error["status_code"] == 500
    assert "Traceback (most recent call last)" in error["exc_info"]
    assert "RuntimeError: the exhibit fell over" in error["exc_info"]
    assert "request" not in error  # Django's request object, left out
    [access] = lines_of(lines, "museum.access")
    assert (access["request_id"], access["status"]) == ("trace-me", 500)


def health_files(settings):
    folder = Path(settings.MEDIA_ROOT) / "health"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.django_db
def test_health_answers_ok_with_each_check_timed_and_leaves_nothing_behind(client, settings):
    response = client.get("/health/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage"}
    for check in body["checks"].values():
        assert check["ok"] is True
        assert check["ms"] >= 0
    assert health_files(settings) == []


@pytest.mark.django_db
def test_health_answers_head_and_refuses_post(client):
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405


def assert_failing(response, part, error, secret, status="failing"):
    """Only ``part`` failed, named by its error's class and nothing more; the database is essential
    (503), the cache and the storage are not (200, degraded: the server still serves pages)."""
    assert response.status_code == (503 if status == "failing" else 200)
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == status
    assert body["checks"][part]["ok"] is False
    assert body["checks"][part]["error"] == error
    assert [name for name, check in body["checks"].items() if not check["ok"]] == [part]
    assert secret not in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_health_names_the_database_when_it_cannot_be_queried(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server db.internal:5432, password=hunter2")

    with monkeypatch.context() as patch:
        patch.setattr(connections["default"], "cursor", refuse)
        response = client.get("/health/")

    assert_failing(response, "database", "OperationalError", "hunter2")


@pytest.mark.django_db
def test_health_names_the_cache_when_it_cannot_be_written(client):
    # The project's Redis backend against a port where nothing listens: the connection is refused.
    refused = {"BACKEND": "home.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    with override_settings(CACHES={"default": refused}):
        response = client.get("/health/")

    assert_failing(response, "cache", "ConnectionError", "127.0.0.1:9", status="degraded")


@pytest.mark.django_db
def test_health_names_the_storage_when_media_cannot_be_saved(client, tmp_path):
    not_a_folder = tmp_path / "media-is-a-file"
    not_a_folder.write_text("")

    with override_settings(MEDIA_ROOT=str(not_a_folder)):
        response = client.get("/health/")

    assert_failing(response, "storage", "NotADirectoryError", str(tmp_path), status="degraded")


def python_with_production_settings(code, **env):
    environment = {key: value for key, value in clean_environment().items() if not key.startswith("SENTRY_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**environment, **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


SENTRY_STATE = (
    "from sites.settings import production; import sentry_sdk; c = sentry_sdk.get_client(); "
    "print(c.is_active(), c.options['environment'], c.options['send_default_pii'], "
    "c.options['max_request_body_size'], c.options['include_local_variables'])"
)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["False"]),
        ({"SENTRY_DSN": "https://public@127.0.0.1:9/1"}, ["True", "production", "False", "never", "False"]),
        (
            {"SENTRY_DSN": "https://public@127.0.0.1:9/1", "SENTRY_ENVIRONMENT": "staging"},
            ["True", "staging", "False", "never", "False"],
        ),
    ],
)
def test_production_reports_to_sentry_only_with_a_dsn_and_without_personal_data(env, expected):
    result = python_with_production_settings(SENTRY_STATE, **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[: len(expected)] == expected


def test_the_log_level_comes_from_the_environment():
    code = "from sites.settings import base; print(base.LOGGING['root']['level'])"
    assert python_with_production_settings(code, LOG_LEVEL="warning").stdout.split() == ["WARNING"]
    assert python_with_production_settings(code).stdout.split() == ["INFO"]
