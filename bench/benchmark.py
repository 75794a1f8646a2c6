"""The benchmark of issue 11: a large generated network, every public page type measured at 100 events
and at about 5,000, and each compared with a static file of its own size served by the same gunicorn.

    bench/run [--quick]     sets up a fresh machine (PostgreSQL, Redis, ab) and runs this script

This script expects what ``bench/run`` provides: an empty PostgreSQL database in ``DATABASE_URL``, a
Redis in ``CACHE_URL``, the production settings' environment, and temporary ``MEDIA_ROOT`` and
``STATIC_ROOT``. It migrates, loads the demo, grows the network (``bench/generate.py``) to 100 events
(news and partners in proportion: 5 events to 2 news items to 1 partner), keeps a copy of that
database, grows the original to 5,000 events, 2,000 news and 1,000 partners (500 / 200 / 100 with
``--quick``), and times every page type on the two databases in turn (``alternately``); then it
serves the large one with gunicorn (page cache off, then on) and measures throughput
(``bench/measure.py``).

It prints one table and the issue's targets, and writes ``bench/results.json``. That file is an
output of a run on one machine, not a source file: compare it with a run on the same machine only.

Why a benchmark rather than a timed test: times depend on the machine and on what else runs on it,
so they are reported, not asserted; the query counts are what the tests pin.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.production")
# In-process requests measure the application without the page cache; gunicorn gets both settings.
os.environ["PAGE_CACHE_SECONDS"] = "0"
# The production log line per request would flood the terminal: this process logs warnings only.
os.environ["BENCH_SERVER_LOG_LEVEL"] = os.environ.get("LOG_LEVEL", "INFO")
os.environ["LOG_LEVEL"] = "WARNING"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

import measure  # noqa: E402
from generate import NetworkGenerator  # noqa: E402

FULL = {"events": 5000, "news": 2000, "partners": 1000}
QUICK = {"events": 500, "news": 200, "partners": 100}
FIRST_STAGE_EVENTS = 100
MAX_QUERIES = 15
P95_GROWTH = 1.5
CACHED_SHARE_OF_STATIC = 0.5


def in_proportion(events):
    """News and partners for ``events`` events, in the full network's proportion."""
    return {
        "events": events,
        "news": events * FULL["news"] // FULL["events"],
        "partners": events * FULL["partners"] // FULL["events"],
    }


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="grow to 500 events, 200 news, 100 partners")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page and size")
    parser.add_argument("--rounds", type=int, default=5, help="turns between the two sizes in-process")
    parser.add_argument("--seconds", type=int, help="ab's time per address (default 10, --quick 3)")
    parser.add_argument("--concurrency", type=int, default=4, help="ab's concurrent requests")
    parser.add_argument("--api-requests", type=int, default=100, help="ab's requests to the throttled API")
    parser.add_argument("--language", default="kk", choices=[code for code, _name in settings.LANGUAGES])
    parser.add_argument("--output", type=Path, default=BENCH / "results.json")
    return parser.parse_args()


class Clock:
    def __init__(self):
        self.started = time.monotonic()
        self.steps = {}

    def step(self, name, action):
        print(f"==> {name}", flush=True)
        before = time.monotonic()
        result = action()
        self.steps[name] = round(time.monotonic() - before, 1)
        print(f"    {name}: {self.steps[name]:.1f} s", flush=True)
        return result


def grow(generator, targets):
    counts = generator.grow(**targets)
    # Bulk inserts send no signals, so nothing cached before knows of the new records.
    cache.clear()
    # The database as autovacuum leaves it by the time a site this size is browsed: right after a
    # bulk load the planner's statistics still describe the small database, and the search index's
    # new entries wait in its GIN index's pending list, which every search reads through until a
    # VACUUM merges it (search's median at 5,000 events: 81 ms after ANALYZE alone, 43 ms after
    # VACUUM ANALYZE, in two runs on this machine).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"    network: {counts['events']:,} events, {counts['news']:,} news, {counts['partners']:,} partners"
    )
    return counts


def copy_database(name):
    """A copy of the current database named ``name`` (PostgreSQL copies it from the original as a
    template), so that both sizes can be measured in turn once the original has grown."""
    source = connection.settings_dict["NAME"]
    connection.close()  # a template must have no other connection
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(source)}")
    return name


def drop_database(name):
    use_database(connection.settings_dict["NAME"])  # closes the connection
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def use_database(name, cache_prefix=None):
    """Sends this process's requests to database ``name``, with a cache of its own: the kept pages'
    tokens and site chrome of one size must never answer the other's requests."""
    connection.close()
    connection.settings_dict["NAME"] = name
    cache.key_prefix = cache_prefix or settings.CACHES["default"].get("KEY_PREFIX", "")


def alternately(pages, databases, requests, rounds):
    """``{stage: {page name: row}}`` as ``measure.in_process`` gives them, each page timed on each
    database (``{stage: name}``) in turn, ``rounds`` times, ``requests`` requests in all per page and
    stage.

    Why in turn: this machine's speed drifts by tens of percent over minutes, and timing the small
    network minutes before the large one measured that drift as growth (a different page or two
    past 1.5× in each of four runs). Alternating gives both sizes the same machine."""
    per_round = max(5, requests // rounds)
    final_name = databases["final"]
    collected = {stage: {} for stage in databases}
    try:
        for number in range(1, rounds + 1):
            for stage, name in databases.items():
                print(f"    round {number} of {rounds}: {stage} size", flush=True)
                use_database(name, cache_prefix=f"bench-{stage}")
                found = measure.in_process(pages, per_round, report=lambda line: None)
                for page_name, row in found.items():
                    kept = collected[stage].setdefault(page_name, {**row, "times_ms": []})
                    kept["times_ms"] += row["times_ms"]
    finally:
        use_database(final_name)
    for stage in collected.values():
        for row in stage.values():
            row["median_ms"] = round(statistics.median(row["times_ms"]), 1)
            row["p95_ms"] = round(measure.percentile(row["times_ms"], 0.95), 1)
            row["samples"] = len(row["times_ms"])
    for page in pages:
        first, final = (collected[stage][page.name] for stage in ("first", "final"))
        print(
            f"  {page.name:24} p95 {first['p95_ms']:6.1f} -> {final['p95_ms']:6.1f} ms  "
            f"({first['samples']} + {final['samples']} requests)"
        )
    return collected


def main():
    args = parse_arguments()
    final = QUICK if args.quick else FULL
    seconds = args.seconds or (3 if args.quick else 10)
    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: run it through bench/run.")
    # It fills the database with thousands of generated records: never a database someone uses.
    if connection.introspection.table_names():
        sys.exit("The benchmark needs an empty database: run it through bench/run, which makes one.")
    clock = Clock()
    clock.step("migrate", lambda: call_command("migrate", interactive=False, verbosity=0))
    clock.step("load the demo", lambda: call_command("load_demo"))
    # Production's static storage needs its manifest before any page renders.
    clock.step("collectstatic", lambda: call_command("collectstatic", interactive=False, verbosity=0))
    generator = NetworkGenerator(report=lambda line: print(line, flush=True))
    stages = {}
    first = in_proportion(FIRST_STAGE_EVENTS)
    stages["first"] = {
        "targets": first,
        "counts": clock.step(f"generate: grow to {first['events']} events", lambda: grow(generator, first)),
    }
    pages = measure.public_pages(args.language)
    database = connection.settings_dict["NAME"]
    first_copy = clock.step("copy the database at this size", lambda: copy_database(f"{database}_first"))
    stages["final"] = {
        "targets": final,
        "counts": clock.step(f"generate: grow to {final['events']:,} events", lambda: grow(generator, final)),
    }
    measured = clock.step(
        f"measure in-process, {stages['first']['counts']['events']} and "
        f"{stages['final']['counts']['events']:,} events in turn",
        lambda: alternately(pages, {"first": first_copy, "final": database}, args.requests, args.rounds),
    )
    for stage, results in measured.items():
        stages[stage]["pages"] = results
    drop_database(first_copy)

    # Each page's own bytes as a static file: the ceiling its cached answer is compared with.
    client = Client()
    bodies = {
        page.name: client.get(page.path, secure=True, headers={"host": page.host}).content for page in pages
    }
    static_paths = measure.write_static_copies(settings.STATIC_ROOT, bodies)
    log_folder = Path(os.environ.get("BENCH_TMP", BENCH))
    load = {}
    for label, cache_seconds in (("uncached", 0), ("cached", 300)):

        def run(cache_seconds=cache_seconds, label=label):
            cache.clear()
            with measure.Gunicorn(
                measure.server_env(cache_seconds), log_folder / f"gunicorn-{label}.log"
            ) as server:
                server.wait(pages[0].host)
                return measure.throughput(
                    server,
                    pages,
                    args.concurrency,
                    seconds,
                    args.api_requests,
                    cached=bool(cache_seconds),
                    # Static files do not depend on the page cache: measured once, in the cached run.
                    static_paths=static_paths if cache_seconds else None,
                )

        try:
            load[label] = clock.step(
                f"gunicorn, PAGE_CACHE_SECONDS={cache_seconds}: ab -c {args.concurrency}", run
            )
        except RuntimeError as error:  # the report still shows what was measured in-process
            print(f"    not measured: {error}")
            load[label] = ({}, {})

    results = assemble(args, stages, load, clock, seconds)
    print_table(results)
    print_targets(results)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten: {args.output} (an output of this run, not a source file)")


def assemble(args, stages, load, clock, seconds):
    first, final = stages["first"], stages["final"]
    rows = []
    for name, before in first["pages"].items():
        after = final["pages"][name]
        rows.append(
            {
                "page": name,
                "path": before["path"],
                "status": [before["status"], after["status"]],
                "errors": [before["error"], after["error"]],
                "queries": [before["queries"], after["queries"]],
                "median_ms": [before["median_ms"], after["median_ms"]],
                "p95_ms": [before["p95_ms"], after["p95_ms"]],
                "bytes": [before["bytes"], after["bytes"]],
                "requests_per_second": {
                    label: load[label][0].get(name, {}).get("requests_per_second") for label in load
                },
                "non_2xx": {label: load[label][0].get(name, {}).get("non_2xx") for label in load},
                "static_requests_per_second": load.get("cached", ({}, {}))[1]
                .get(name, {})
                .get("requests_per_second"),
                "ab": {label: load[label][0].get(name) for label in load},
                "sql": {"first": before["sql"], "final": after["sql"]},
            }
        )
    return {
        "about": "bench/benchmark.py output: an output of one run on one machine, not a source file",
        "mode": "quick" if args.quick else "full",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {
            "django_settings": os.environ["DJANGO_SETTINGS_MODULE"],
            "in_process_requests": args.requests,
            "gunicorn": "2 sync workers, max_requests 0, loopback",
            "ab": f"-c {args.concurrency}, {seconds} s per address, {args.api_requests} requests to the API",
            "language": args.language,
        },
        "network": {stage: stages[stage]["counts"] for stage in stages},
        "seconds": {**clock.steps, "total": round(time.monotonic() - clock.started, 1)},
        "rows": rows,
    }


def print_table(results):
    events = [results["network"][stage]["events"] for stage in ("first", "final")]
    headers = [
        "page type",
        f"queries@{events[0]}",
        f"queries@{events[1]}",
        f"median/p95 ms @{events[0]}",
        f"median/p95 ms @{events[1]}",
        "req/s uncached",
        "req/s cached",
        "static copy req/s",
    ]
    lines = []
    for row in results["rows"]:
        status = "" if row["status"] == [200, 200] else f" [{row['status'][0]}/{row['status'][1]}]"
        lines.append(
            [
                row["page"] + status,
                str(row["queries"][0]),
                str(row["queries"][1]),
                f"{row['median_ms'][0]:.0f} / {row['p95_ms'][0]:.0f}",
                f"{row['median_ms'][1]:.0f} / {row['p95_ms'][1]:.0f}",
                f"{row['requests_per_second']['uncached'] or 0:.0f}",
                f"{row['requests_per_second']['cached'] or 0:.0f}",
                f"{row['static_requests_per_second'] or 0:.0f}",
            ]
        )
    widths = [max(len(line[column]) for line in [headers, *lines]) for column in range(len(headers))]
    print()
    for line in [headers, ["-" * width for width in widths], *lines]:
        cells = [line[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)
        ]
        print(" | ".join(cells))
    print("(static copy: a file of the page's own bytes, served by WhiteNoise from the same gunicorn)")


def print_targets(results):
    rows = results["rows"]

    def verdict(title, failures):
        print(f"{'met    ' if not failures else 'NOT MET'}  {title}")
        for failure in failures:
            print(f"           {failure}")

    print("\nTargets (issue 11):")
    verdict(
        f"at most {MAX_QUERIES} queries on every public page",
        [f"{row['page']}: {max(row['queries'])}" for row in rows if max(row["queries"]) > MAX_QUERIES],
    )
    verdict(
        "the same number of queries at both sizes",
        [
            f"{row['page']}: {row['queries'][0]} -> {row['queries'][1]}"
            for row in rows
            if row["queries"][0] != row["queries"][1]
        ],
    )
    verdict(
        f"uncached p95 at the larger size within {P95_GROWTH}x that at the smaller",
        [
            f"{row['page']}: {before:.0f} -> {after:.0f} ms ({after / before:.1f}x)"
            for row in rows
            for before, after in [row["p95_ms"]]
            if after > P95_GROWTH * before
        ],
    )
    verdict(
        f"cached pages at least {CACHED_SHARE_OF_STATIC:.0%} of a static file of their own size",
        [
            f"{row['page']}: {cached:.0f} req/s ({cached / static:.0%} of {static:.0f})"
            for row in rows
            for cached, static in [
                (row["requests_per_second"]["cached"] or 0, row["static_requests_per_second"] or 0)
            ]
            if static and cached < CACHED_SHARE_OF_STATIC * static
        ],
    )
    broken = [
        f"{row['page']}: {row['status']} {' / '.join(filter(None, row['errors']))}".rstrip()
        for row in rows
        if row["status"] != [200, 200]
    ]
    broken += [
        f"{row['page']}: {row['non_2xx']} non-2xx under load" for row in rows if any(row["non_2xx"].values())
    ]
    if broken:
        print("\nAnswers that were not 200:")
        for line in broken:
            print(f"  {line}")


if __name__ == "__main__":
    main()
