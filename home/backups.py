"""Backups: a database dump and a manifest of the media files the database refers to.

Why a manifest and not the files: media live on the filesystem under MEDIA_ROOT or in an S3 bucket,
each backed up on its own terms (the server's file backup, the bucket's versioning or replication).
The manifest says which files a dump needs, with their size and sha256, so a restore can tell at
once whether the media beside it are the ones the pages, images and documents point at.

Each backup is one folder under BACKUP_DIR: ``database.<ext>`` written by django-dbbackup (pg_dump
in custom format for PostgreSQL, SQLite's backup API), its ``.metadata`` and ``media.json``.
"""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.db import models

MANIFEST_NAME = "media.json"
DUMP_STEM = "database"
CHUNK = 1024 * 1024


def referenced_files():
    """(storage, name) for every file a FileField in the database names, each once.

    Every model is walked rather than a list of three (Wagtail's images, renditions, documents), so
    that a file field added later is in the manifest without anyone remembering to add it.
    """
    seen = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            names = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
            for name in names.order_by(field.name).iterator():
                if name and name not in seen:
                    seen.add(name)
                    yield field.storage, name


def fingerprint(storage, name):
    """The size and sha256 of one stored file, read through its storage (filesystem or S3)."""
    digest = hashlib.sha256()
    size = 0
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"name": name, "size": size, "sha256": digest.hexdigest()}


def write_manifest(folder, progress=None):
    """Write ``media.json`` into ``folder``; a file already missing is recorded as missing."""
    files = list(referenced_files())
    entries = []
    for number, (storage, name) in enumerate(files, start=1):
        if progress:
            progress(number, len(files), name)
        if storage.exists(name):
            entries.append(fingerprint(storage, name))
        else:
            entries.append({"name": name, "size": None, "sha256": None})
    path = Path(folder) / MANIFEST_NAME
    path.write_text(json.dumps({"files": entries}, indent=2, ensure_ascii=False) + "\n")
    return entries


def check_manifest(path, storage):
    """What differs between the manifest at ``path`` and ``storage``: a list of (name, problem)."""
    problems = []
    for entry in json.loads(Path(path).read_text())["files"]:
        name = entry["name"]
        if not storage.exists(name):
            problems.append((name, "missing"))
        elif entry["sha256"] is None:
            continue  # already missing at backup time, and present now: nothing to compare
        elif fingerprint(storage, name) != entry:
            problems.append((name, "changed"))
    return problems


def locate(target):
    """The dump and the manifest of a backup, given its folder or its dump file."""
    target = Path(target)
    folder = target if target.is_dir() else target.parent
    if target.is_dir():
        dumps = sorted(p for p in folder.glob(f"{DUMP_STEM}.*") if not p.name.endswith(".metadata"))
        if len(dumps) != 1:
            raise FileNotFoundError(f"{folder} holds {len(dumps)} database dumps, expected one")
        dump = dumps[0]
    elif target.is_file():
        dump = target
    else:
        raise FileNotFoundError(f"{target} does not exist")
    return dump, folder / MANIFEST_NAME
