"""SQL queries per public page of the loaded demo, for every museum, language and page.

    .venv/bin/python bench/page_queries.py            # against DATABASE_URL (default: db.sqlite3)

Each page is fetched twice through Django's test client; the second figure is what a visitor pays once
Wagtail's site root paths and the site's chrome are cached; the page cache is off. bench/run
measures a large generated network and throughput.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.dev")
# What rendering costs: a page answered from the page cache would cost none.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Site  # noqa: E402


def main():
    client = Client()
    rows = []
    for site in Site.objects.select_related("root_page").order_by("hostname"):
        pages = site.root_page.get_descendants(inclusive=True).live()
        for language in ("kk", "ru", "en"):
            for page in pages:
                path = f"/{language}{page.url_path[len(site.root_page.url_path) - 1 :]}"
                for attempt in ("cold", "warm"):
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(path, HTTP_HOST=site.hostname)
                    rows.append((site.hostname, path, attempt, response.status_code, len(queries)))
    width = max(len(row[1]) for row in rows)
    for hostname, path, attempt, status, count in rows:
        print(f"{hostname:16} {path:{width}} {attempt:4} {status} {count:3} queries")
    warm = [row[4] for row in rows if row[2] == "warm"]
    print(f"warm pages: {len(warm)}, queries min {min(warm)}, max {max(warm)}")


if __name__ == "__main__":
    main()
