"""The demo's shared partner registry, and each museum's events, partners page and news.

Read from demo/data/{partners,events,news}.toml (curated from the seeds; the curation decisions are
recorded in partners.toml). English is created here; translation happens in ``DemoLoader`` like the
rest of the demo. Every function creates only what is missing.
"""

import tomllib

from django.conf import settings

from wagtail.models import Locale

from events.models import (
    ConferencePage,
    CraftsFairPage,
    EventIndexPage,
    EventPage,
    EventPartner,
    ExhibitionPage,
    ExhibitionVenue,
    PartnerIndexPage,
    VenueKind,
)
from home.dates import parse_partial_date
from museums.models import Agreement, Museum, Partner
from news.models import NewsIndexPage, NewsPage, NewsRelatedEvent, NewsRelatedPartner

from .paths import DATA_DIR
from .streams import stream_value

SECTIONS = [
    (
        EventIndexPage,
        "events",
        "Exhibitions and events",
        "Exhibitions at the museum and abroad, conferences and seminars, and crafts fairs.",
    ),
    (
        PartnerIndexPage,
        "partners",
        "Partners",
        "Museums, institutes, embassies and international organisations the museum works with.",
    ),
    (NewsIndexPage, "news", "News", "News of the museum and its international projects."),
]
KINDS = {"exhibition": ExhibitionPage, "conference": ConferencePage, "crafts_fair": CraftsFairPage}
COOPERATION_TITLE = "Scientific and cultural cooperation"
ROLES = {
    "organisers": "organiser",
    "partners": "partner",
    "co_sponsors": "co_sponsor",
    "auspices": "auspices",
}


def paragraphs(texts):
    return stream_value([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


def load(name):
    with open(DATA_DIR / f"{name}.toml", "rb") as data_file:
        return tomllib.load(data_file)


def source_locale():
    return Locale.objects.get(language_code=settings.SOURCE_LANGUAGE_CODE)


def partners_by_key():
    return {partner.slug: partner for partner in Partner.objects.filter(locale=source_locale())}


def ensure_partners(note, user):
    """The registry's partners, then their agreements, each published as an editor would."""
    locale = source_locale()
    existing = partners_by_key()
    data = load("partners")["partner"]
    for item in data:
        if item["key"] in existing:
            note(False, f"partner {item['key']}")
            continue
        partner = Partner(
            locale=locale,
            slug=item["key"],
            name=item["name"],
            short_name=item["short_name"],
            kind=item["kind"],
            country=item["country"],
            city=item["city"],
            website=item["website"],
            description=item["description"],
            live=False,
        )
        partner.save()
        partner.save_revision(user=user).publish()
        note(True, f"partner {item['key']}")
    ensure_agreements(data, note, user)


def agreements_of(item):
    """The partner's agreements as the data lists them, plus "cooperation without a written
    agreement" with each other museum the seeds connect the partner with."""
    agreements = list(item.get("agreement", []))
    signed_by = {agreement["museum"] for agreement in agreements}
    return agreements + [
        {"museum": code, "kind": "cooperation", "title": COOPERATION_TITLE, "signed_on": "", "scope": ""}
        for code in item.get("related_museums", [])
        if code not in signed_by
    ]


def ensure_agreements(data, note, user):
    """Each agreement a snippet of its own, found again by partner, museum, kind, title and date."""
    locale = source_locale()
    museums = {museum.code: museum for museum in Museum.objects.filter(locale=locale)}
    partners = partners_by_key()
    existing = set(
        Agreement.objects.filter(locale=locale).values_list(
            "partner__slug", "museum__code", "kind", "title", "signed_on"
        )
    )
    for item in data:
        for agreement in agreements_of(item):
            signed_on, precision = parse_partial_date(agreement["signed_on"])
            found = (item["key"], agreement["museum"], agreement["kind"], agreement["title"], signed_on)
            label = f"agreement {item['key']}/{agreement['museum']}/{agreement['title']}"
            if found in existing:
                note(False, label)
                continue
            record = Agreement(
                locale=locale,
                partner=partners[item["key"]],
                museum=museums[agreement["museum"]],
                kind=agreement["kind"],
                title=agreement["title"],
                scope=agreement["scope"],
                signed_on=signed_on,
                signed_precision=precision,
                live=False,
            )
            record.save()
            record.save_revision(user=user).publish()
            note(True, label)


def ensure_sections(home, ensure_child):
    return {
        slug: ensure_child(home, model, slug, {"title": title, "intro": intro, "show_in_menus": True})
        for model, slug, title, intro in SECTIONS
    }


def event_fields(data, partners):
    start, start_precision = parse_partial_date(data["start"])
    end, end_precision = parse_partial_date(data["end"])
    venue_kind = VenueKind.TOUR if data.get("travelling") else data["venue_kind"]
    return {
        "title": data["title"],
        "summary": data["summary"],
        "start_date": start,
        "start_precision": start_precision,
        "end_date": end,
        "end_precision": end_precision,
        "status": data["status"],
        "venue_kind": venue_kind,
        "venue_partner": partners.get(data["venue_partner"]),
        "venue_name": data["venue_name"],
        "venue_city": data["venue_city"],
        "venue_country": data["venue_country"],
        "body": paragraphs(data["body"]),
    }


def kind_fields(kind, data):
    if kind == "exhibition":
        return {"curators": data["curators"], "is_travelling": data["travelling"]}
    if kind == "conference":
        return {"conference_kind": data["kind"], "working_languages": data["working_languages"]}
    return {"edition": data["edition"], "participating_countries": data["participating_countries"]}


def child_rows(kind, data, partners, locale):
    rows = {
        "event_partners": [
            EventPartner(partner=partners[key], role=role, locale=locale)
            for field, role in ROLES.items()
            for key in data.get(field, [])
        ]
    }
    if kind == "exhibition":
        rows["venues"] = []
        for venue in data.get("venue", []):
            start, precision = parse_partial_date(venue["start"])
            rows["venues"].append(
                ExhibitionVenue(
                    locale=locale,
                    partner=partners.get(venue["partner"]),
                    city=venue["city"],
                    country=venue["country"],
                    start_date=start,
                    start_precision=precision,
                    visitors=int(venue["visitors"]) if venue["visitors"] else None,
                    status=venue["status"],
                    note=venue["note"],
                )
            )
    return rows


def ensure_events(code, index, ensure_child):
    partners = partners_by_key()
    data = load("events")
    pages = {}
    for kind, model in KINDS.items():
        for event in data[kind]:
            if event["museum"] != code:
                continue
            fields = {**event_fields(event, partners), **kind_fields(kind, event)}
            rows = child_rows(kind, event, partners, index.locale)
            pages[event["key"]] = ensure_child(index, model, event["key"], fields, rows)
    return pages


def ensure_news(code, index, ensure_child):
    partners = partners_by_key()
    events = {page.slug: page for page in EventPage.objects.filter(locale=index.locale)}
    for item in load("news")["news"]:
        if item["museum"] != code:
            continue
        date, precision = parse_partial_date(item["date"])
        fields = {
            "title": item["title"],
            "date": date,
            "date_precision": precision,
            "summary": item["summary"],
            "body": paragraphs(item["body"]),
        }
        rows = {
            "related_events": [NewsRelatedEvent(event=events[key]) for key in item["related_events"]],
            "related_partners": [
                NewsRelatedPartner(partner=partners[key], locale=index.locale)
                for key in item["related_partners"]
            ],
        }
        ensure_child(index, NewsPage, item["key"], fields, rows, tags=item["tags"])
