"""Settings: typed from the environment, and production passes Django's deployment checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def clean_environment():
    """This process's environment without what a production run must set itself."""
    own = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", *PRODUCTION}
    return {key: value for key, value in os.environ.items() if key not in own}


def run_manage(*args, **env):
    environment = {**clean_environment(), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "sites.settings.production",
    "SECRET_KEY": "a-production-secret-" + "x" * 50,
    "ALLOWED_HOSTS": "nmrk.example.kz,csm.example.kz",
    "WAGTAILADMIN_BASE_URL": "https://nmrk.example.kz",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "museum-media",
}


def test_production_settings_pass_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_hsts_for_subdomains_and_preload_are_the_owners_choice():
    code = (
        "from sites.settings import production as p; "
        "print(p.SECURE_HSTS_INCLUDE_SUBDOMAINS, p.SECURE_HSTS_PRELOAD, "
        "p.DATABASES['default']['CONN_MAX_AGE'])"
    )
    env = {**clean_environment(), **PRODUCTION}
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.stdout.split() == ["False", "False", "60"], run.stderr
    env.update(HSTS_INCLUDE_SUBDOMAINS="True", HSTS_PRELOAD="True", DATABASE_CONN_MAX_AGE="0")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.stdout.split() == ["True", "True", "0"], run.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must be set"),
        ({"ALLOWED_HOSTS": "*"}, "'*' accepts any Host header"),
        ({"WAGTAILADMIN_BASE_URL": None}, "WAGTAILADMIN_BASE_URL must be set"),
        ({"WAGTAILADMIN_BASE_URL": "http://nmrk.example.kz"}, "must be an https:// address"),
        ({"CACHE_URL": None}, "CACHE_URL must name a cache shared by every worker"),
        ({"CACHE_URL": "locmemcache://"}, "CACHE_URL must name a cache shared by every worker"),
        ({"AWS_STORAGE_BUCKET_NAME": None}, "AWS_STORAGE_BUCKET_NAME must be set"),
        ({"MEDIA_STORAGE": "filesystem"}, "Media on the filesystem is served by nobody"),
        ({"TRUSTED_PROXY_COUNT": "1"}, "set SECURE_PROXY_SSL=True"),
    ],
)
def test_production_refuses_to_start_when_a_value_is_missing_or_unsafe(change, message):
    env = {**PRODUCTION, **{key: value for key, value in change.items() if value is not None}}
    for key in [key for key, value in change.items() if value is None]:
        env.pop(key)
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_filesystem_media_is_accepted_once_the_web_server_serves_it():
    env = {**PRODUCTION, "MEDIA_STORAGE": "filesystem", "MEDIA_SERVED_BY_WEB_SERVER": "True"}
    result = run_manage("check", **env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "expression", "expected"),
    [
        ("DATABASE_URL", "postgres://u:p@db.example:5433/museums", "DATABASES['default']['PORT']", "5433"),
        ("NMRK_HOSTNAME", "nationalmuseum.example.kz", "NMRK_HOSTNAME", "nationalmuseum.example.kz"),
        ("SITES_PORT", "8080", "SITES_PORT + 1", "8081"),
        (
            "CACHE_URL",
            "redis://127.0.0.1:6379/1",
            "CACHES['default']['BACKEND']",
            "home.redis_cache.RedisCache",
        ),
        ("MEDIA_STORAGE", "s3", "STORAGES['default']['BACKEND']", "home.storage.MediaStorage"),
    ],
)
def test_environment_values_are_read_typed_in_base_settings(variable, value, expression, expected):
    code = f"from sites.settings import base; print(eval({expression!r}, vars(base)))"
    env = {key: val for key, val in os.environ.items() if key != variable}
    env[variable] = value
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == expected, result.stderr


def test_the_database_defaults_to_an_sqlite_file():
    env = {key: val for key, val in os.environ.items() if key != "DATABASE_URL"}
    code = "from sites.settings import base; d = base.DATABASES['default']; print(d['ENGINE'], d['NAME'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(ROOT / "db.sqlite3")


def test_env_example_lists_every_variable_base_settings_read():
    source = (ROOT / "sites/settings/base.py").read_text()
    import re

    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))
    listed = {
        line.split("=")[0].lstrip("# ").strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line
    }
    assert read
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"
    readme = (ROOT / "README.md").read_text()
    assert all(f"`{name}`" in readme for name in read), sorted(n for n in read if f"`{n}`" not in readme)


def test_gunicorn_reads_its_config_and_finds_the_application():
    environment = {
        **clean_environment(),
        "DJANGO_SETTINGS_MODULE": "sites.settings.dev",
        "WEB_CONCURRENCY": "3",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "--check-config", "--print-config", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed = dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.MULTILINE))
    assert printed["wsgi_app"] == "sites.wsgi:application"
    assert printed["workers"] == "3"


def test_production_answers_a_plain_http_health_probe_without_redirecting(tmp_path):
    """Load balancers probe over plain HTTP; every other address is redirected to HTTPS, and an
    answer over HTTPS carries the security headers production adds to every answer (each page adds
    its own: tests/test_access.py)."""
    code = (
        "import django; django.setup(); from django.test import Client; c = Client(); "
        "host = {'host': 'nmrk.example.kz'}; secure = c.get('/health/', secure=True, headers=host); "
        "print(c.get('/health/', headers=host).status_code, c.get('/en/', headers=host).status_code, "
        "*(secure[name].replace(' ', '') for name in "
        "('Strict-Transport-Security', 'X-Content-Type-Options', 'Referrer-Policy')))"
    )
    env = {
        **clean_environment(),
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        "CACHE_URL": "redis://127.0.0.1:9/0",  # nothing listens: the probe reports the cache
        "MEDIA_STORAGE": "filesystem",
        "MEDIA_SERVED_BY_WEB_SERVER": "True",
        "MEDIA_ROOT": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    health, page, *headers = result.stdout.split()[-5:]
    assert health == "200", result.stderr  # answered, "degraded" (the cache is down), not redirected
    assert page == "301"
    assert headers == ["max-age=31536000", "nosniff", "strict-origin-when-cross-origin"]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, {}),
        (
            {"FRONTEND_CACHE": "http", "FRONTEND_CACHE_LOCATION": "http://127.0.0.1:6081"},
            {"BACKEND": "HTTPBackend", "LOCATION": "http://127.0.0.1:6081"},
        ),
        (
            {"FRONTEND_CACHE": "cloudflare", "CLOUDFLARE_BEARER_TOKEN": "t", "CLOUDFLARE_ZONE_ID": "z"},
            {"BACKEND": "CloudflareBackend", "BEARER_TOKEN": "t", "ZONEID": "z"},
        ),
        (
            {"FRONTEND_CACHE": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "d"},
            {"BACKEND": "CloudfrontBackend", "DISTRIBUTION_ID": "d"},
        ),
    ],
)
def test_the_cdn_purge_is_configured_from_the_environment(monkeypatch, environment, expected):
    from sites.settings.base import frontend_cache_from_env

    monkeypatch.delenv("FRONTEND_CACHE", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config = frontend_cache_from_env()
    if not expected:
        assert config == {}
        return
    backend = config["default"].pop("BACKEND")
    assert backend == "wagtail.contrib.frontend_cache.backends." + expected.pop("BACKEND")
    assert config["default"] == expected


def test_an_unknown_cdn_is_refused(monkeypatch):
    from sites.settings.base import frontend_cache_from_env

    monkeypatch.setenv("FRONTEND_CACHE", "akamai")
    with pytest.raises(ValueError, match="akamai"):
        frontend_cache_from_env()


def test_a_redis_cache_url_gives_the_backend_that_keeps_one_client_per_pool():
    from django.core.cache import cache

    from sites.settings.base import shared_redis_client

    django_backend = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://x:6379/0",
    }
    assert shared_redis_client(django_backend)["BACKEND"] == "home.redis_cache.RedisCache"
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    assert shared_redis_client(locmem) == locmem

    # The test settings' cache (scripts/test's Redis) is that backend: one client, every call.
    client = cache._cache.get_client(write=True)
    assert client is cache._cache.get_client("any key")
    cache.set("one-client", "kept")
    assert cache.get("one-client") == "kept"
