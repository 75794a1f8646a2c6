"""The demo's shared partner registry, and each museum's events, partners page, news and forms.

Read from demo/data/{partners,events,news,forms}.toml (curated from the seeds; the curation decisions are
recorded in partners.toml). English is created here; translation happens in ``DemoLoader`` like the
rest of the demo. Every function creates only what is missing.
"""

import tomllib
from collections import defaultdict

from django.conf import settings
from django.db import transaction

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
from news.models import (
    NewsIndexPage,
    NewsPage,
    NewsPageTopic,
    NewsRelatedEvent,
    NewsRelatedPartner,
    Topic,
)
from submissions.models import ContactFormPage, ExhibitorApplicationPage, FormField, RegistrationFormPage

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


def partner_from(item, locale):
    """The unsaved English partner the data describes."""
    return Partner(
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


def ensure_partners(note, user):
    """The registry's partners, then their agreements, each published as an editor would."""
    locale = source_locale()
    existing = partners_by_key()
    data = load("partners")["partner"]
    for item in data:
        if item["key"] in existing:
            note(False, f"partner {item['key']}")
            continue
        with transaction.atomic():
            partner = partner_from(item, locale)
            partner.save()
            partner.save_revision(user=user).publish()
        note(True, f"partner {item['key']}")
    ensure_agreements(data, note, user)


def agreements_of(item):
    """The partner's signed agreements as the data lists them, then one "working together" record
    (kind ``cooperation``, its title saying on what) per museum the seeds connect it with but name
    no agreement for."""
    return list(item.get("agreement", [])) + [
        {
            "museum": cooperation["museum"],
            "kind": "cooperation",
            "title": cooperation["field"],
            "signed_on": "",
            "scope": "",
        }
        for cooperation in item.get("cooperation", [])
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
            signed_on, _precision = parse_partial_date(agreement["signed_on"])
            found = (item["key"], agreement["museum"], agreement["kind"], agreement["title"], signed_on)
            label = f"agreement {item['key']}/{agreement['museum']}/{agreement['title'] or agreement['kind']}"
            if found in existing:
                note(False, label)
                continue
            with transaction.atomic():
                record = agreement_from(
                    agreement, partners[item["key"]], museums[agreement["museum"]], locale
                )
                record.save()
                record.save_revision(user=user).publish()
            note(True, label)


def agreement_from(agreement, partner, museum, locale):
    """The unsaved English agreement (or "working together" record) the data describes."""
    signed_on, precision = parse_partial_date(agreement["signed_on"])
    return Agreement(
        locale=locale,
        partner=partner,
        museum=museum,
        kind=agreement["kind"],
        title=agreement["title"],
        scope=agreement["scope"],
        signed_on=signed_on,
        signed_precision=precision,
        live=False,
    )


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


def coordinate(value):
    """A latitude or longitude from the data; "" (not known) is ``None``."""
    return None if value == "" else float(value)


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
                    latitude=coordinate(venue.get("latitude", "")),
                    longitude=coordinate(venue.get("longitude", "")),
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


def topic_names():
    """{key: English name} of the news topics (news.toml's ``[[topic]]`` tables)."""
    return {item["key"]: item["name"] for item in load("news").get("topic", [])}


def ensure_topics(note, user):
    """The news topics in English, each published as an editor would."""
    locale = source_locale()
    existing = set(Topic.objects.filter(locale=locale).values_list("slug", flat=True))
    for key, name in topic_names().items():
        if key in existing:
            note(False, f"topic {key}")
            continue
        with transaction.atomic():
            topic = Topic(locale=locale, slug=key, name=name, live=False)
            topic.save()
            topic.save_revision(user=user).publish()
        note(True, f"topic {key}")


def news_fields(item):
    date, precision = parse_partial_date(item["date"])
    return {
        "title": item["title"],
        "date": date,
        "date_precision": precision,
        "summary": item["summary"],
        "body": paragraphs(item["body"]),
    }


def news_rows(item, partners, topics, events, locale):
    return {
        "topics": [NewsPageTopic(topic=topics[key], locale=locale) for key in item["topics"]],
        "related_events": [NewsRelatedEvent(event=events[key]) for key in item["related_events"]],
        "related_partners": [
            NewsRelatedPartner(partner=partners[key], locale=locale) for key in item["related_partners"]
        ],
    }


def ensure_news(code, index, ensure_child):
    """The museum's news items; their topics come from ``ensure_topics``, which runs first."""
    partners = partners_by_key()
    topics = {topic.slug: topic for topic in Topic.objects.filter(locale=index.locale)}
    events = {page.slug: page for page in EventPage.objects.filter(locale=index.locale)}
    for item in load("news")["news"]:
        if item["museum"] == code:
            rows = news_rows(item, partners, topics, events, index.locale)
            ensure_child(index, NewsPage, item["key"], news_fields(item), rows)


# The forms under events (forms.toml's arrays of tables), each naming its event by key.
EVENT_FORMS = {"registration": RegistrationFormPage, "exhibitor_application": ExhibitorApplicationPage}


def form_page_fields(data):
    return {
        "title": data["title"],
        "intro": f"<p>{data['intro']}</p>",
        "thank_you_text": f"<p>{data['thank_you']}</p>",
        "subject": data["subject"],
    }


def form_rows(data, locale):
    return {
        "form_fields": [
            FormField(
                locale=locale,
                label=question["label"],
                field_type=question["type"],
                required=question.get("required", True),
                choices="\n".join(question.get("choices", [])),
                help_text=question.get("help", ""),
            )
            for question in data["question"]
        ]
    }


def ensure_forms(home, events, ensure_child):
    """The museum's contact form, and the forms of those of its ``events`` (by key) that have one."""
    data = load("forms")
    contact = data["contact"]
    ensure_child(
        home, ContactFormPage, contact["slug"], form_page_fields(contact), form_rows(contact, home.locale)
    )
    for kind, model in EVENT_FORMS.items():
        for form in data[kind]:
            event = events.get(form["event"])
            if event is not None:
                ensure_child(event, model, form["slug"], form_page_fields(form), form_rows(form, home.locale))


def planned_forms(locale):
    """The forms.toml pages, unsaved, each with its questions (``planned_instances``)."""
    from .loader import attach_rows

    data = load("forms")
    pages = []
    for model, forms in [(ContactFormPage, [data["contact"]])] + [
        (model, data[kind]) for kind, model in EVENT_FORMS.items()
    ]:
        for form in forms:
            page = model(locale=locale, **form_page_fields(form))
            attach_rows(page, form_rows(form, locale))
            pages.append(page)
    return pages


def planned_instances(locale):
    """The registry, topics, sections, events and news the data describes, unsaved and in memory
    (``DemoLoader.planned_instances``): built by the functions the loader saves through."""
    from .loader import attach_rows

    partner_data = load("partners")["partner"]
    partners = {item["key"]: partner_from(item, locale) for item in partner_data}
    agreements = [
        agreement_from(agreement, partners[item["key"]], None, locale)
        for item in partner_data
        for agreement in agreements_of(item)
    ]
    topics = {key: Topic(locale=locale, slug=key, name=name) for key, name in topic_names().items()}
    sections = [model(locale=locale, title=title, intro=intro) for model, _slug, title, intro in SECTIONS]
    pages = []
    events_data = load("events")
    for kind, model in KINDS.items():
        for event in events_data[kind]:
            page = model(locale=locale, **event_fields(event, partners), **kind_fields(kind, event))
            attach_rows(page, child_rows(kind, event, partners, locale))
            pages.append(page)
    for item in load("news")["news"]:
        page = NewsPage(locale=locale, **news_fields(item))
        rows = news_rows(item, partners, topics, defaultdict(lambda: None), locale)
        rows["related_events"] = []  # links to pages: nothing to translate
        attach_rows(page, rows)
        pages.append(page)
    return [*partners.values(), *agreements, *topics.values(), *sections, *pages, *planned_forms(locale)]
