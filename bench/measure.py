"""The benchmark's measurements: the public page types, queries and times in-process, and requests per
second through gunicorn with ab.

In-process figures come from Django's test client against the production settings, with the page
cache off (``PAGE_CACHE_SECONDS=0``, set by ``benchmark.py`` before Django starts): the queries of the
second request to a page (the first one warms Wagtail's site-root paths, the renditions and whatever
the shared cache keeps), then the time of each of the next ``requests`` requests. Throughput is what
a client sees over loopback: gunicorn with two sync workers, and ab at a fixed concurrency for a fixed
time, each page beside a static file of its own size and bytes that WhiteNoise serves from the same
workers (the ceiling the issue compares a cached page with).
"""

import math
import os
import re
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Site

from rest_framework.throttling import AnonRateThrottle

from events.models import (
    ConferencePage,
    CraftsFairPage,
    EventIndexPage,
    ExhibitionPage,
    PartnerIndexPage,
)
from home.models import VisitPage
from news.models import NewsIndexPage, NewsPage

ROOT = Path(__file__).resolve().parent.parent
# What a search for "exhibition" is in each language (the generated titles use these words).
SEARCH_WORDS = {"kk": "көрме", "ru": "выставка", "en": "exhibition"}
# A name found on one page of the demo and on none of the generated ones: a search whose matches do not
# grow with the network, beside the word above, whose matches (and cost) do.
RARE_WORDS = {"kk": "Пикассо", "ru": "Пикассо", "en": "Picasso"}
# Headers of every request sent through gunicorn: the host names the site; the proxy header says the
# request came over HTTPS (SECURE_PROXY_SSL), so production's HTTPS redirect does not answer instead.
FORWARDED = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}


@dataclass
class PageType:
    name: str
    path: str
    host: str
    # The API throttles each client address (120 a minute): ab sends a fixed, smaller number.
    throttled: bool = False


def public_pages(language="kk", hostname=None):
    """One address per public page type of a museum's site, in ``language``, chosen among generated
    records (a travelling exhibition with venues, a news item with related partners) so that the same
    addresses serve at every stage of the benchmark."""
    hostname = hostname or settings.NMRK_HOSTNAME
    site = Site.objects.get(hostname=hostname)
    home = site.root_page.specific.get_translation(Locale.objects.get(language_code=language))

    def path(page):
        return f"/{language}/{page.url_path[len(home.url_path) :]}"

    events = EventIndexPage.objects.child_of(home).get()
    generated = {"slug__startswith": "bench-", "start_date__isnull": False}
    exhibition = (
        ExhibitionPage.objects.child_of(events)
        .live()
        .filter(is_travelling=True, **generated)
        .order_by("path")
    ).first()
    conference = ConferencePage.objects.child_of(events).live().filter(**generated).order_by("path").first()
    fair = CraftsFairPage.objects.child_of(events).live().filter(**generated).order_by("path").first()
    news_index = NewsIndexPage.objects.child_of(home).get()
    article = (
        NewsPage.objects.child_of(news_index)
        .live()
        .filter(slug__startswith="bench-", related_partners__isnull=False, topics__isnull=False)
        .order_by("path")
        .first()
    )
    partners = PartnerIndexPage.objects.child_of(home).get()
    partner = exhibition.event_partners.select_related("partner").order_by("sort_order").first().partner
    # A filter that fills the listing's page at both sizes, so that the two times compare the same
    # page: a year and a country as well select two events at 100 and a full page at 5,000, which
    # times a longer page, not a larger network (38 → 65 ms p95 when this row was that filter).
    filters = {"kind": "exhibition"}
    pages = [
        ("home", f"/{language}/"),
        ("visit", path(VisitPage.objects.child_of(home).get())),
        ("event listing", path(events)),
        ("event listing, filtered", f"{path(events)}?{urlencode(filters)}"),
        ("exhibition (travelling)", path(exhibition)),
        ("conference", path(conference)),
        ("crafts fair", path(fair)),
        ("news listing", path(news_index)),
        ("news article", path(article)),
        ("partners list", path(partners)),
        ("partner page", f"{path(partners)}{partner.slug}/"),
        ("search, a common word", f"/{language}/search/?{urlencode({'q': SEARCH_WORDS[language]})}"),
        ("search, a rare word", f"/{language}/search/?{urlencode({'q': RARE_WORDS[language]})}"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap file", "/sitemap-pages.xml"),
        ("events calendar (.ics)", f"{path(events)}calendar/"),
        ("API: events list", f"/api/v2/events/?locale={language}"),
    ]
    return [PageType(name, url, hostname, throttled=url.startswith("/api/")) for name, url in pages]


def forget_throttle(address="127.0.0.1"):
    """Reset the API's request count for ``address`` (DRF keeps it in the shared cache)."""
    throttle = AnonRateThrottle()
    cache.delete(throttle.cache_format % {"scope": throttle.scope, "ident": address})


def percentile(values, share):
    """The nearest-rank percentile: the smallest value at least ``share`` of the values reach."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def in_process(pages, requests=30, budget=60.0, report=print):
    """``{name: {...}}``: status, bytes, the warm request's queries (count and SQL) and the median
    and 95th percentile of ``requests`` timed requests (fewer when a page has used ``budget``
    seconds, at least five)."""
    # A page that fails is reported with its error, and the other pages are still measured.
    client = Client(raise_request_exception=False)
    results = {}
    for page in pages:
        forget_throttle()

        def get(page=page):
            client.cookies.clear()  # every request an anonymous first visit
            return client.get(page.path, secure=True, headers={"host": page.host})

        get()
        with CaptureQueriesContext(connection) as captured:
            response = get()
        # Read now: the next request empties the connection's log that captured_queries reads.
        sql = [query["sql"] for query in captured.captured_queries]
        times = []
        started = time.perf_counter()
        while len(times) < requests:
            before = time.perf_counter()
            get()
            times.append((time.perf_counter() - before) * 1000)
            if time.perf_counter() - started > budget and len(times) >= 5:
                break
        error = getattr(response, "exc_info", None)
        results[page.name] = {
            "path": page.path,
            "status": response.status_code,
            "error": f"{type(error[1]).__name__}: {error[1]}" if error else "",
            "bytes": len(response.content),
            "queries": len(sql),
            "sql": sql,
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "samples": len(times),
            "times_ms": [round(value, 2) for value in times],
        }
        row = results[page.name]
        report(
            f"  {page.name:24} {row['status']} {row['queries']:3} queries  "
            f"median {row['median_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  ({row['samples']} requests)"
            + (f"  {row['error']}" if row["error"] else "")
        )
    return results


# --- Through gunicorn ---------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py on a free loopback port, started and stopped
    around a block, with two sync workers (unless told otherwise) and no worker recycling
    (``max_requests`` would restart a worker every few seconds under load, timing Django's start-up
    instead of the requests)."""

    def __init__(self, env, log_path, workers=2):
        self.env = env
        self.log_path = log_path
        self.workers = workers
        self.port = free_port()
        self.process = None

    def __enter__(self):
        env = {**self.env, "PORT": str(self.port), "WEB_CONCURRENCY": str(self.workers)}
        command = [str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py"]
        command += ["--workers", str(self.workers), "--max-requests", "0"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def fetch(self, path, host):
        request = urllib.request.Request(self.url(path), headers={"Host": host, **FORWARDED})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def log_tail(self, lines=15):
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def wait(self, host, timeout=120):
        """Until the health endpoint answers 200: the workers have started Django and reach the
        database, the cache and the storage."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (exit {self.process.returncode}):\n{self.log_tail()}")
            try:
                status, _body = self.fetch("/health/", host)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self.log_tail()}")

    def __exit__(self, *exc_info):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # a graceful stop: workers finish their requests
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# The fewest requests a figure is made of: slower pages get this many, however long they take.
MIN_REQUESTS = 12
AB_FIGURES = {
    "requests_per_second": (r"Requests per second:\s+([\d.]+)", float),
    "complete": (r"Complete requests:\s+(\d+)", int),
    "failed": (r"Failed requests:\s+(\d+)", int),
    "non_2xx": (r"Non-2xx responses:\s+(\d+)", int),
    "p95_ms": (r"^\s+95%\s+(\d+)", int),
}


def ab(url, host, concurrency, seconds=None, count=None):
    """ab's figures for one address: a fixed concurrency, for ``seconds`` or ``count`` requests."""
    command = ["ab", "-q", "-l", "-c", str(concurrency), "-s", "60"]
    command += ["-H", f"Host: {host}"] + [
        part for name, value in FORWARDED.items() for part in ("-H", f"{name}: {value}")
    ]
    command += ["-t", str(seconds)] if seconds else ["-n", str(count)]
    finished = subprocess.run([*command, url], capture_output=True, text=True, timeout=(seconds or 60) + 180)
    figures = {"error": finished.stderr.strip()[-300:] if finished.returncode else ""}
    for name, (pattern, kind) in AB_FIGURES.items():
        found = re.search(pattern, finished.stdout, re.MULTILINE)
        figures[name] = kind(found.group(1)) if found else (0 if name == "non_2xx" else None)
    return figures


def throughput(
    server, pages, concurrency, seconds, throttled_count, cached=False, static_paths=None, report=print
):
    """``{name: ab figures}`` from a running ``Gunicorn``, with ``{name: static file's ab figures}``
    beside each page when ``static_paths`` names its copy. Each address is fetched three times
    first (warming the workers, and the page cache when it is on). The throttled API gets a fixed
    number of requests unless ``cached``: a page cache hit is answered before the throttle counts."""
    results, statics = {}, {}
    for page in pages:
        if page.throttled:
            forget_throttle()
        for _ in range(3):
            server.fetch(page.path, page.host)
        if page.throttled and not cached:
            forget_throttle()
            figures = ab(server.url(page.path), page.host, concurrency, count=throttled_count)
        else:
            figures = timed_ab(server, page.path, page.host, concurrency, seconds)
        results[page.name] = figures
        line = f"  {page.name:24} {figures['requests_per_second'] or 0:9.1f} req/s"
        if static_paths and page.name in static_paths:
            static = timed_ab(server, static_paths[page.name], page.host, concurrency, seconds)
            statics[page.name] = static
            line += f"   its static copy {static['requests_per_second'] or 0:9.1f} req/s"
        problems = ", ".join(
            part
            for part in (
                f"{figures['non_2xx']} non-2xx" if figures["non_2xx"] else "",
                f"ab: {figures['error']}" if figures["error"] else "",
            )
            if part
        )
        report(f"{line}  {problems}".rstrip())
    return results, statics


def timed_ab(server, path, host, concurrency, seconds):
    figures = ab(server.url(path), host, concurrency, seconds=seconds)
    if (figures["complete"] or 0) < MIN_REQUESTS:
        # A page of several seconds completes too few requests in the time to count.
        figures = ab(server.url(path), host, concurrency, count=MIN_REQUESTS)
    return figures


def write_static_copies(static_root, bodies):
    """Each page's body as a static file under ``STATIC_ROOT``, compressed as collectstatic
    compresses the others (WhiteNoise serves the gzip version to clients that accept it, as the page
    cache does). Returns ``{name: URL path}``."""
    from whitenoise.compress import Compressor

    folder = Path(static_root) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    compressor = Compressor(quiet=True)
    paths = {}
    for number, (name, body) in enumerate(bodies.items()):
        target = folder / f"page-{number:02}.html"
        target.write_bytes(body)
        compressor.compress(str(target))
        paths[name] = f"{settings.STATIC_URL}bench/{target.name}"
    return paths


def server_env(cache_seconds):
    """The environment gunicorn runs with: this process's, with the page cache setting and the log
    level production uses (this process logs warnings only, to keep the terminal readable)."""
    env = dict(os.environ, PAGE_CACHE_SECONDS=str(cache_seconds))
    env["LOG_LEVEL"] = env.pop("BENCH_SERVER_LOG_LEVEL", "INFO")
    return env
