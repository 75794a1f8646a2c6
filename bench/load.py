"""The load and fault test of issue 12: the demo served by gunicorn with the production settings,
PostgreSQL and Redis, under locust (``bench/locustfile.py``).

    bench/load            sets up a fresh machine (PostgreSQL, Redis) and runs this script

1. **Load**: 32 clients for 60 s: visitors reading both sites in kk, ru and en (pages, listings with
   filters, search, feeds, calendars, the API, sitemaps), while editors of both museums publish news
   and translators save strings. Passes when no answer is a 5xx, every answer a visitor got was the
   page, and no edit was lost: each editor's last publication is what the page shows, every successful
   one is among its revisions, and each translator's last saved string is the one stored.
2. **Faults**: visitors only, while PostgreSQL is stopped for a few seconds and started again
   (``PG_STOP_COMMAND`` and ``PG_START_COMMAND``, which ``bench/load`` sets for its throwaway
   cluster). Passes when every answer during the outage is a 200 (the page cache) or the site's own
   503 page in the visitor's language, never another 5xx, and the site answers 200s again within
   seconds of PostgreSQL's return, from the same gunicorn.

It prints the figures (requests, errors, median and 95th percentile, by kind of request) and writes
``bench/load-results.json``, an output of one run on one machine.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.production")
os.environ.setdefault("DEMO_ADMIN_PASSWORD", secrets.token_urlsafe(12))
os.environ["BENCH_SERVER_LOG_LEVEL"] = os.environ.get("LOG_LEVEL", "WARNING")
os.environ["LOG_LEVEL"] = "WARNING"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from wagtail.models import Locale, Page, Site  # noqa: E402
from wagtail_localize.models import StringSegment, StringTranslation, Translation  # noqa: E402

import measure  # noqa: E402
import psutil  # noqa: E402  (locust's dependency)

from events.models import EventIndexPage, PartnerIndexPage  # noqa: E402
from news.models import NewsIndexPage, NewsPage  # noqa: E402

LANGUAGES = ("kk", "ru", "en")
SEARCHES = {
    "kk": ["көрме", "Алтын адам"],
    "ru": ["выставка", "Золотой человек"],
    "en": ["exhibition", "Golden Man"],
}
# Each kind's share of what visitors ask for (out of their sum), shared among its addresses, so that
# a kind with many addresses (events, partners) is not asked for more for having them: home pages and
# listings most, files least.
SHARES = {
    "home": 8,
    "page": 4,
    "event": 4,
    "news item": 4,
    "listing": 5,
    "listing, filtered": 3,
    "search": 3,
    "partner": 2,
    "calendar (.ics)": 1,
    "news feed": 1,
    "API": 1,
    "sitemap": 1,
}
EDITORS = {"nmrk": "NMRK moderators", "csm": "CSM RK moderators"}
# The longest the site may answer 503s after PostgreSQL is back ("within seconds").
RECOVERY_SECONDS = 5


def step(name, action):
    print(f"==> {name}", flush=True)
    started = time.monotonic()
    action()
    print(f"    {name}: {time.monotonic() - started:.1f} s", flush=True)


def parse_arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--fault-seconds", type=int, default=40)
    parser.add_argument("--restart-at", type=int, default=15, help="seconds into the fault run")
    parser.add_argument("--outage-seconds", type=float, default=3.0, help="how long PostgreSQL stays down")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn's sync workers")
    return parser.parse_args()


def visitor_urls():
    """``[host, path, kind, weight]`` for every live public page of both sites in each language, and
    the addresses with parameters a visitor uses; each kind's weights add up to its share."""
    urls = []
    for site in Site.objects.select_related("root_page"):
        host = site.hostname
        for language in LANGUAGES:
            home = site.root_page.get_translation_or_none(Locale.objects.get(language_code=language))
            if home is None or not home.live:
                continue
            prefix = f"/{language}/"

            def add(path, kind, host=host):
                # Addresses as a browser sends them: slugs and search words percent-encoded.
                urls.append([host, quote(path, safe="/?=&"), kind])

            add(prefix, "home")
            for page in home.get_descendants().live().public().specific().defer_streamfields()[:400]:
                path = prefix + page.url_path[len(home.url_path) :]
                kind = (
                    "event" if "/events/" in path else "news item" if isinstance(page, NewsPage) else "page"
                )
                if isinstance(page, (EventIndexPage, NewsIndexPage, PartnerIndexPage)):
                    kind = "listing"
                add(path, kind)
            partners = PartnerIndexPage.objects.child_of(home).live().first()
            if partners:
                # A partner's page is a route of the partners page, not a page of the tree.
                partners_path = prefix + partners.url_path[len(home.url_path) :]
                request = RequestFactory().get(partners_path, headers={"host": host})
                for slug in list(partners.listed_slugs(request))[:20]:
                    add(f"{partners_path}{slug}/", "partner")
            events = EventIndexPage.objects.child_of(home).live().first()
            if events:
                events_path = prefix + events.url_path[len(home.url_path) :]
                for query in ("kind=exhibition", "kind=conference", "when=past", "page=2"):
                    add(f"{events_path}?{query}", "listing, filtered")
                add(f"{events_path}calendar/", "calendar (.ics)")
            news = NewsIndexPage.objects.child_of(home).live().first()
            if news:
                add(prefix + news.url_path[len(home.url_path) :] + "feed/", "news feed")
            for word in SEARCHES[language]:
                add(f"{prefix}search/?q={word}", "search")
            add(f"/api/v2/events/?locale={language}", "API")
            add(f"/api/v2/pages/?locale={language}&type=news.NewsPage", "API")
        add("/sitemap.xml", "sitemap")
    addresses = Counter(kind for _host, _path, kind in urls)
    return [[host, path, kind, SHARES[kind] / addresses[kind]] for host, path, kind in urls]


def staff(username, group, password):
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@museum.localhost"}
    )
    user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name=group))
    return user


def editors(password):
    """Two moderators per museum, each with a news item of their own museum to publish again and again."""
    plan = []
    for code, group in EDITORS.items():
        site = Site.objects.get(hostname=getattr(settings, f"{code.upper()}_HOSTNAME"))
        english = site.root_page.get_translation(Locale.objects.get(language_code="en"))
        items = NewsPage.objects.descendant_of(english).live().order_by("path")[:2]
        for number, item in enumerate(items, start=1):
            user = staff(f"load-{code}-moderator-{number}", group, password)
            plan.append(
                {"username": user.username, "password": password, "host": site.hostname, "page_id": item.pk}
            )
            plan[-1]["title"] = item.title
    return plan


def translators(password):
    """Two translators, each typing the Kazakh strings of a page of their own."""
    plan = []
    kazakh = Locale.objects.get(language_code="kk")
    chosen = Translation.objects.filter(target_locale=kazakh, enabled=True).select_related("source")
    chosen = [t for t in chosen if t.source.specific_content_type.model == "newspage"][:2]
    for number, translation in enumerate(chosen, start=1):
        user = staff(f"load-translator-{number}", "Translators", password)
        segments = list(
            StringSegment.objects.filter(source=translation.source).values_list("pk", flat=True)[:5]
        )
        host = translation.get_target_instance().get_site().hostname
        plan.append(
            {
                "username": user.username,
                "password": password,
                "host": host,
                "translation_id": translation.pk,
                "segments": segments,
                "editor_url": f"/admin/localize/translate/{translation.pk}/",
                "text": f"Жүктеме {number}",
            }
        )
    return plan


def warm_up(server, urls):
    """Every address asked for once, as the site's first visitors would: renditions of each image
    are made on a page's first view and kept, so a site that has been open an hour serves them ready.
    The load is measured on such a site; the time this takes is reported apart."""
    started = time.monotonic()
    statuses = Counter()
    for number, (host, path, _kind, _weight) in enumerate(urls, start=1):
        status, _body = server.fetch(path, host)
        statuses[status] += 1
        if number % 25 == 0 or number == len(urls):
            print(f"    warm-up: {number} of {len(urls)} addresses", flush=True)
    return {"seconds": round(time.monotonic() - started, 1), "statuses": dict(statuses)}


def run_locust(server, plan_path, results_path, clients, seconds, mode):
    """locust in the background, its own summary in ``<mode>-locust.log`` beside the results."""
    env = {**os.environ, "LOAD_PLAN": str(plan_path), "LOAD_RESULTS": str(results_path), "LOAD_MODE": mode}
    command = [str(BENCH.parent / ".venv/bin/locust"), "-f", str(BENCH / "locustfile.py"), "--headless"]
    command += ["-u", str(clients), "-r", str(clients), "-t", f"{seconds}s", "--only-summary"]
    command += ["--host", server.url(""), "--stop-timeout", "10", "--loglevel", "WARNING"]
    with open(results_path.with_name(f"{mode}-locust.log"), "w") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_with_progress(process, seconds, label, at=None):
    """Waits for locust, printing the elapsed time; ``at`` is ``(second, action)`` run once on the
    way, and what it returns is returned."""
    started = time.monotonic()
    done, shown = None, -1
    while process.poll() is None:
        elapsed = time.monotonic() - started
        if at and done is None and elapsed >= at[0]:
            done = at[1]()
        if int(elapsed) // 10 != shown:
            shown = int(elapsed) // 10
            print(f"    {label}: {shown * 10} s of {seconds}", flush=True)
        time.sleep(0.2)
    return done


def worker_pids(server):
    """gunicorn's workers: the same after the outage means no worker was restarted to recover."""
    return sorted(child.pid for child in psutil.Process(server.process.pid).children())


def figures(answers):
    """Requests, errors, median and p95 (ms) over all answers and by kind."""
    by_kind = defaultdict(list)
    for _at, kind, status, ms, _cache in answers:
        by_kind[kind].append((status, ms))

    def row(items):
        times = [ms for _status, ms in items]
        return {
            "requests": len(items),
            "5xx": sum(1 for status, _ms in items if status >= 500),
            "statuses": dict(Counter(str(status) for status, _ms in items)),
            "median_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": measure.percentile(times, 0.95) if times else None,
        }

    rows = {kind: row(items) for kind, items in sorted(by_kind.items())}
    rows["all"] = row([item for items in by_kind.values() for item in items])
    return rows


def lost_edits(record):
    """What the database says of each edit the clients were told was saved: lost ones, by name."""
    lost = []
    for page_id, titles in record["published"].items():
        page = Page.objects.get(pk=page_id)
        revisions = set(page.revisions.values_list("content__title", flat=True))
        if page.title != titles[-1]:
            lost.append(f"page {page_id} shows {page.title!r}, not the last published {titles[-1]!r}")
        lost += [f"page {page_id}: {title!r} has no revision" for title in titles if title not in revisions]
    for key, values in record["saved"].items():
        translation_id, segment_id = map(int, key.split(":"))
        translation = Translation.objects.get(pk=translation_id)
        segment = StringSegment.objects.get(pk=segment_id)
        stored = StringTranslation.objects.get(
            translation_of_id=segment.string_id,
            locale=translation.target_locale,
            context_id=segment.context_id,
        ).data
        if stored != values[-1]:
            lost.append(f"string {key} holds {stored!r}, not the last saved {values[-1]!r}")
    return lost


def restart_postgres(outage_seconds):
    """PostgreSQL stopped, left down ``outage_seconds``, started again: the times it went and came back."""

    def run(variable):
        command = os.environ[variable]
        subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    started = time.time()
    run("PG_STOP_COMMAND")
    time.sleep(outage_seconds)
    run("PG_START_COMMAND")
    return {"restart_began": started, "back": time.time()}


def fault_figures(record, restart):
    start = record["started"]
    down, back = restart["restart_began"] - start, restart["back"] - start
    during = [a for a in record["answers"] if a[0] >= down - 1]
    outage = [a for a in during if a[2] == 503]
    # The first page made with the database again (not the page cache's): the site is back.
    first_ok_after = next(
        (a[0] for a in sorted(during) if a[0] >= back and a[2] == 200 and a[4] != "hit"), None
    )
    last_503 = max((a[0] for a in outage), default=None)
    return {
        "postgres_down_at_s": round(down, 2),
        "postgres_back_at_s": round(back, 2),
        "down_for_s": round(back - down, 2),
        "answers_503": len(outage),
        "other_5xx": sum(1 for a in record["answers"] if a[2] >= 500 and a[2] != 503),
        "last_503_at_s": last_503,
        "first_uncached_200_after_return_s": round(first_ok_after - back, 2)
        if first_ok_after is not None
        else None,
        "recovered_within_s": round(max(0.0, (last_503 or back) - back), 2),
    }


# What every answer carries (production's SecurityMiddleware), and what every HTML page adds.
EVERY_ANSWER = ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy")
EVERY_PAGE = ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options")


def security_check(server, account):
    """The headers of each kind of answer, as gunicorn serves them with the production settings, and
    the login throttle: wrong passwords up to the limit, then the right one refused with a 429."""
    import requests  # locust's dependency; the check needs cookies and a form, which urllib lacks

    missing = {}
    for host, path in [
        (settings.NMRK_HOSTNAME, "/kk/"),
        (settings.CSM_HOSTNAME, "/ru/no-such-page/"),
        (settings.NMRK_HOSTNAME, "/en/search/?q=gold"),
        (settings.NMRK_HOSTNAME, "/api/v2/pages/?locale=en"),
        (settings.NMRK_HOSTNAME, "/sitemap.xml"),
        (settings.NMRK_HOSTNAME, "/admin/login/"),
    ]:
        answer = requests.get(server.url(path), headers={"Host": host, **measure.FORWARDED}, timeout=60)
        wanted = EVERY_ANSWER + (
            EVERY_PAGE if answer.headers.get("Content-Type", "").startswith("text/html") else ()
        )
        absent = [name for name in wanted if name not in answer.headers]
        if absent:
            missing[f"{host}{path}"] = absent

    origin = f"https://{account['host']}"
    headers = {
        "Host": account["host"],
        "Origin": origin,
        "Referer": f"{origin}/admin/login/",
        **measure.FORWARDED,
    }
    statuses = []
    for password in ["wrong"] * settings.AXES_FAILURE_LIMIT + [account["password"]]:
        form = requests.get(server.url("/admin/login/"), headers=headers, timeout=60)
        cookies = SimpleCookie()
        for header in form.raw.headers.getlist("Set-Cookie"):  # Secure cookies, which a jar keeps off HTTP
            cookies.load(header)
        token = cookies["csrftoken"].value if "csrftoken" in cookies else ""
        answer = requests.post(
            server.url("/admin/login/"),
            headers={**headers, "Cookie": f"csrftoken={token}"},
            data={"username": account["username"], "password": password, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=60,
        )
        statuses.append(answer.status_code)
    return {
        "headers_missing": missing,
        "login_statuses": statuses,
        "locked_out": statuses[-1] == 429,
    }


def print_rows(title, rows):
    print(f"\n{title}")
    print(f"{'kind':32} {'requests':>9} {'5xx':>5} {'median ms':>10} {'p95 ms':>8}")
    for kind, row in rows.items():
        print(f"{kind:32} {row['requests']:>9} {row['5xx']:>5} {row['median_ms']!s:>10} {row['p95_ms']!s:>8}")


def main():
    args = parse_arguments()
    if connection.vendor != "postgresql":
        sys.exit("The load test runs on PostgreSQL: run it through bench/load.")
    if connection.introspection.table_names():
        sys.exit("The load test needs an empty database: run it through bench/load, which makes one.")
    temporary = Path(os.environ["BENCH_TMP"])
    step("migrate", lambda: call_command("migrate", interactive=False, verbosity=0))
    step("load the demo", lambda: call_command("load_demo"))
    step("collectstatic", lambda: call_command("collectstatic", interactive=False, verbosity=0))
    password = secrets.token_urlsafe(12)
    plan = {
        "visitor_urls": visitor_urls(),
        "editors": editors(password),
        "translators": translators(password),
    }
    plan_path = temporary / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    print(
        f"    {len(plan['visitor_urls'])} addresses, {len(plan['editors'])} editors, "
        f"{len(plan['translators'])} translators",
        flush=True,
    )
    connection.close()

    results = {
        "settings": {"clients": args.clients, "seconds": args.seconds, "gunicorn_workers": args.workers}
    }
    env = measure.server_env(cache_seconds=settings.PAGE_CACHE_SECONDS)
    with measure.Gunicorn(env, temporary / "gunicorn.log", workers=args.workers) as server:
        server.wait(settings.NMRK_HOSTNAME)
        print("==> warm-up: each address once", flush=True)
        results["warm_up"] = warm_up(server, plan["visitor_urls"])
        print(f"    {results['warm_up']}", flush=True)
        print(f"==> load: {args.clients} clients for {args.seconds} s", flush=True)
        load_path = temporary / "load.json"
        process = run_locust(server, plan_path, load_path, args.clients, args.seconds, "load")
        wait_with_progress(process, args.seconds, "load")
        record = json.loads(load_path.read_text(encoding="utf-8"))
        lost = lost_edits(record)
        connection.close()
        results["load"] = {
            "figures": figures(record["answers"]),
            "published": sum(len(titles) for titles in record["published"].values()),
            "saved_strings": sum(len(values) for values in record["saved"].values()),
            "lost_edits": lost,
            "problems": record["problems"],
            "locust_exit": process.returncode,
        }
        print_rows("Load", results["load"]["figures"])
        load = results["load"]
        print(f"    publications: {load['published']}, strings saved: {load['saved_strings']}")
        print(f"    lost edits: {lost or 'none'}; problems: {record['problems'][:5] or 'none'}")

        if os.environ.get("PG_STOP_COMMAND") and os.environ.get("PG_START_COMMAND"):
            print(
                f"==> faults: PostgreSQL down for {args.outage_seconds} s, {args.restart_at} s into "
                f"{args.fault_seconds} s",
                flush=True,
            )
            faults_path = temporary / "faults.json"
            plan_path.write_text(json.dumps({**plan, "editors": [], "translators": []}), encoding="utf-8")
            process = run_locust(server, plan_path, faults_path, args.clients, args.fault_seconds, "faults")
            workers_before = worker_pids(server)
            restart = wait_with_progress(
                process,
                args.fault_seconds,
                "faults",
                at=(args.restart_at, lambda: restart_postgres(args.outage_seconds)),
            )
            record = json.loads(faults_path.read_text(encoding="utf-8"))
            results["faults"] = {
                "figures": figures(record["answers"]),
                "outage": fault_figures(record, restart),
                "problems": record["problems"],
                "same_workers": worker_pids(server) == workers_before,
            }
            print_rows("Faults", results["faults"]["figures"])
            faults = results["faults"]
            print(f"    {json.dumps(faults['outage'])}, same workers: {faults['same_workers']}")
        else:
            print(
                "==> faults: skipped (PG_STOP_COMMAND and PG_START_COMMAND are not set; bench/load sets them)"
            )

        print("==> security headers and the login throttle", flush=True)
        results["security"] = security_check(server, plan["editors"][0])
        print(f"    {json.dumps(results['security'])}", flush=True)

    output = BENCH / "load-results.json"
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nWritten to {output.relative_to(BENCH.parent)}")
    load = results["load"]
    failed = load["figures"]["all"]["5xx"] or load["lost_edits"] or load["problems"]
    security = results["security"]
    failed = failed or security["headers_missing"] or not security["locked_out"]
    if "faults" in results:
        outage = results["faults"]["outage"]
        failed = failed or outage["other_5xx"] or results["faults"]["problems"]
        failed = (
            failed or outage["recovered_within_s"] > RECOVERY_SECONDS or not results["faults"]["same_workers"]
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
