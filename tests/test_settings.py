"""Settings: typed from the environment, and production passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="sites.settings.production",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="nmrk.example.kz,csm.example.kz",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="sites.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


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
            "django.core.cache.backends.redis.RedisCache",
        ),
        ("MEDIA_STORAGE", "s3", "STORAGES['default']['BACKEND']", "storages.backends.s3.S3Storage"),
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
