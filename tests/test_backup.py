"""Backups: `backup` dumps the database and lists its media; `restore` brings a fresh install back."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from wagtail.models import Page

import psycopg2
import pytest
import wagtail_factories

from home.models import HomePage, StandardPage
from tests.factories import locale, translate_page

ROOT = Path(__file__).resolve().parent.parent

SNAPSHOT = {
    "pages": "SELECT path, title, url_path FROM wagtailcore_page ORDER BY path",
    "revisions": (
        "SELECT p.url_path, count(*) FROM wagtailcore_revision r "
        "JOIN wagtailcore_page p ON r.object_id = p.id::text "
        "JOIN django_content_type t ON r.base_content_type_id = t.id "
        "WHERE t.app_label = 'wagtailcore' AND t.model = 'page' "
        "GROUP BY p.url_path ORDER BY p.url_path"
    ),
    "translations": (
        "SELECT p.translation_key::text, l.language_code, p.title FROM wagtailcore_page p "
        "JOIN wagtailcore_locale l ON p.locale_id = l.id WHERE p.depth > 1 ORDER BY 1, 2"
    ),
    "images": "SELECT file FROM wagtailimages_image ORDER BY file",
    "renditions": "SELECT file FROM wagtailimages_rendition ORDER BY file",
    "documents": "SELECT file FROM wagtaildocs_document ORDER BY file",
}


def snapshot(cursor):
    result = {}
    for key, sql in SNAPSHOT.items():
        cursor.execute(sql)
        result[key] = [tuple(row) for row in cursor.fetchall()]
    return result


def build_site(django_capture_on_commit_callbacks):
    locale("ru")
    home = HomePage(title="Home", slug="home")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    about = StandardPage(title="About", slug="about")
    home.add_child(instance=about)
    about.save_revision().publish()
    about.title = "About the museum"
    about.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home, "ru", title="Главная")
        translate_page(about, "ru", title="О музее")
    image = wagtail_factories.ImageFactory(title="Gold plaque")
    image.get_rendition("fill-40x20")
    document = wagtail_factories.DocumentFactory(title="Charter")
    return document


@pytest.fixture
def restored_database():
    """A second, empty PostgreSQL database beside the test one; its URL, dropped at the end."""
    source = connection.settings_dict
    name = f"{source['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = source["USER"] or ""
    password = f":{source['PASSWORD']}" if source["PASSWORD"] else ""
    url = f"postgres://{user}{password}@{source['HOST']}:{source['PORT']}/{name}"
    try:
        yield name, url
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_restore(tmp_path, database_url, *args):
    """`manage.py restore` in another process: a fresh install on the same media."""
    (tmp_path / "restore_settings.py").write_text(
        f"from sites.settings.test import *  # noqa: F403\nMEDIA_ROOT = {str(settings.MEDIA_ROOT)!r}\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "restore_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_pages_revisions_translations_and_files(
    pristine_db, django_capture_on_commit_callbacks, restored_database, tmp_path, capsys
):
    document = build_site(django_capture_on_commit_callbacks)
    with override_settings(BACKUP_DIR=tmp_path / "backups"):
        call_command("backup")
    output = capsys.readouterr().out
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "media.json").read_text())["files"]
    names = {entry["name"] for entry in manifest}
    assert document.file.name in names
    assert len(names) == 3  # the image, its rendition, the document
    assert "[3/3] media" in output
    with connection.cursor() as cursor:
        original = snapshot(cursor)
    assert dict(original["revisions"])["/home/about/"] == 2
    assert {language for _key, language, _title in original["translations"]} == {"kk", "ru"}

    name, url = restored_database
    result = run_restore(tmp_path, url, str(folder))
    assert result.returncode == 0, result.stderr
    with psycopg2.connect(dbname=name, **connection_kwargs()) as restored, restored.cursor() as cursor:
        assert snapshot(cursor) == original

    default_storage.delete(document.file.name)
    result = run_restore(tmp_path, url, str(folder), "--replace")
    assert result.returncode != 0
    assert f"missing: {document.file.name}" in result.stderr


def connection_kwargs():
    source = connection.settings_dict
    kwargs = {"host": source["HOST"], "port": source["PORT"], "user": source["USER"]}
    if source["PASSWORD"]:
        kwargs["password"] = source["PASSWORD"]
    return kwargs
