"""A large museum network for the benchmark, grown in bulk on top of the demo.

``NetworkGenerator(progress).grow(events=5000, news=2000, partners=1000)`` adds generated events
(exhibitions, travelling ones with their venues, conferences and seminars with programmes and speakers,
crafts fairs with exhibitors), news items and partners (with agreements) until the English records of
both sites reach those totals, the demo's own included. Every record exists in the three languages.
Growing is deterministic (each record is drawn from a random generator seeded by its number), so a
second stage continues the first and two runs build the same network.

Why bulk, and how translations are made
---------------------------------------
The demo loader translates the way editors do: ``TranslationCreator`` submits the source, the strings
are imported from a PO file and ``save_target`` publishes a revision. That costs dozens of queries and
about 0.2 s per translation on this machine (the demo's few hundred records take over two minutes);
the 16,000 translations of this network would take about an hour. The fastest correct way is
Wagtail's own model of a translation: a record in another locale sharing the source's
``translation_key``. Each kk and ru version is built in memory beside its English source, as
wagtail-localize would leave it after translating and publishing:

- under the translated parent (the demo's translated events and news pages), with the same slug
  (slugs are synchronised in this project);
- synchronised fields copied (dates, status, countries, images, coordinates, the partner and museum
  of an agreement), translated ones (titles, texts, cities, block contents, with the same block ids)
  in the target language;
- foreign keys to translatable records re-pointed to the target-language record: an event's host
  partner, its partners, a venue's host, a news item's topics, related partners and related events.

All three versions are then inserted in the same batch with bulk inserts, paths handed out in order
under each parent (``bulk_insert.Tree``). Public pages read nothing of wagtail-localize's own records
(``TranslationSource``, segments), which only its editor uses; the demo, loaded first, keeps real
wagtail-localize translations of every kind of record for that.

What bulk inserts skip, deliberately: revisions (visitors read the live rows; the admin's history of
generated records is empty), the reference index (the admin's usage listings), and model signals,
among them cache invalidation: the benchmark clears the cache after growing instead. The search
index is written in bulk (``bulk_insert.index_pages``), so the site search finds generated records.
"""

import datetime
import io
import random
import time
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.images.models import Image
from wagtail.models import Locale, Site
from wagtail.search.backends import get_search_backend

from bulk_insert import ROWS_PER_INSERT, Batch, Tree
from network_texts import (
    AUDIENCE,
    CITIES,
    CRAFTS,
    CURATORS,
    IMAGE_CREDIT,
    KIND_WORDS,
    LANGUAGES,
    NEWS_HEADLINES,
    PARTNER_KINDS,
    PRICE,
    ROOM,
    SENTENCES,
    SESSIONS,
    SOURCE,
    THEMES,
    ids,
    numbered,
    paragraphs,
    say,
)
from PIL import Image as PillowImage
from PIL import ImageDraw

from editorial import roles
from events.models import (
    ConferencePage,
    CraftsFairPage,
    EventIndexPage,
    EventPage,
    EventPartner,
    EventStatus,
    ExhibitionPage,
    ExhibitionVenue,
    FairExhibitor,
    PartnerRole,
    VenueKind,
    VenueStatus,
)
from home.dates import DatePrecision, period_end
from museums.models import Agreement, AgreementKind, MuseumSiteSettings, Partner
from news.models import NewsIndexPage, NewsPage, NewsPageTopic, NewsRelatedEvent, NewsRelatedPartner, Topic

# Source records per transaction, each with its translations and rows.
BATCH = 250
IMAGES_PER_MUSEUM = 4
IMAGE_SIZE = (1200, 800)
SLUG_PREFIX = "bench-"
# --- The generator ----------------------------------------------------------------------------------


class Progress:
    """One line per batch: what, how far, how long since growing started."""

    def __init__(self, report):
        self.report = report
        self.started = time.monotonic()

    def __call__(self, what, done, total, records):
        elapsed = time.monotonic() - self.started
        self.report(
            f"  {what:9} {done:6,}/{total:<6,} (+{records:,} records in en, kk, ru)  {elapsed:6.1f} s"
        )


class NetworkGenerator:
    """Grows the demo's two museum sites into a large network (see the module docstring).

    Needs the demo: its sites, their events and news pages in every language, the museums, the news
    topics and the partner registry, all translated, which generated records name and extend.
    """

    def __init__(self, report=print):
        self.progress = Progress(report)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
        self.sites = [self.site_parts(code) for code in ("nmrk", "csm")]
        self.images = self.ensure_images()

    # --- What exists ---------------------------------------------------------------------------------
    def counts(self):
        """English records: each has its kk and ru versions."""
        source = self.locales[SOURCE]
        return {
            "events": EventPage.objects.filter(locale_id=source).count(),
            "news": NewsPage.objects.filter(locale_id=source).count(),
            "partners": Partner.objects.filter(locale_id=source).count(),
        }

    def site_parts(self, code):
        """A museum's site: its sections in each language, its museum record and media collection."""
        site = Site.objects.get(hostname=getattr(settings, f"{code.upper()}_HOSTNAME"))
        home = site.root_page

        def versions(model):
            source = model.objects.child_of(home).get()
            return {
                page.locale.language_code: page
                for page in model.objects.filter(translation_key=source.translation_key).select_related(
                    "locale"
                )
            }

        return {
            "code": code,
            "events": versions(EventIndexPage),
            "news": versions(NewsIndexPage),
            "museum": MuseumSiteSettings.for_site(site).museum,
            "collection": roles.museum_collection(code),
        }

    @staticmethod
    def translation_groups(queryset):
        """``[{language: pk}]`` of the records of ``queryset`` present in every language."""
        groups = defaultdict(dict)
        rows = queryset.order_by("pk").values_list("translation_key", "locale__language_code", "pk")
        for key, language, pk in rows:
            groups[key][language] = pk
        return [group for group in groups.values() if all(language in group for language in LANGUAGES)]

    def ensure_images(self):
        """A few generated JPEGs per museum, reused by every record: renditions are made once each."""
        images = {}
        for site in self.sites:
            pks = []
            for number in range(IMAGES_PER_MUSEUM):
                title = f"Benchmark image {site['code']}-{number} (generated, not a photograph)"
                image = Image.objects.filter(title=title).first()
                if image is None:
                    image = Image(title=title, collection=site["collection"])
                    data = ContentFile(image_bytes(f"{site['code']}-{number}"))
                    image.file.save(f"bench-{site['code']}-{number}.jpg", data, save=False)
                    image.width, image.height = IMAGE_SIZE  # the file is ours: no need to read it back
                    image.save()
                pks.append(image.pk)
            images[site["code"]] = pks
        return images

    # --- Growing ---------------------------------------------------------------------------------------
    def grow(self, events, news, partners):
        """Add records until the English ones number ``events``, ``news`` and ``partners``."""
        self.progress.started = time.monotonic()
        have = self.counts()
        self.grow_partners(have["partners"], partners)
        self.grow_events(have["events"], events)
        self.grow_news(have["news"], news)
        return self.counts()

    def generated(self, queryset):
        """The number of generated English records in ``queryset``: the next one's number."""
        return queryset.filter(locale_id=self.locales[SOURCE], slug__startswith=SLUG_PREFIX).count()

    def grow_partners(self, have, target):
        first = self.generated(Partner.objects)
        total = target - have
        for start in range(0, max(total, 0), BATCH):
            numbers = range(first + start, first + min(start + BATCH, total))
            with transaction.atomic():
                self.save_partners([self.build_partner(number) for number in numbers])
            self.progress("partners", start + len(numbers), total, len(numbers) * len(LANGUAGES))

    def save_partners(self, built):
        """Partners in every language, then their agreements (whose partner and museum are
        synchronised: every language names the English records), then the search index."""
        partners = [partner for versions, _agreement in built for partner in versions]
        Partner.objects.bulk_create(partners, batch_size=ROWS_PER_INSERT)
        agreements = []
        for versions, agreement in built:
            if agreement is None:
                continue
            for language, record in zip(LANGUAGES, agreement, strict=True):
                record.partner_id = versions[0].pk
                record.locale_id = self.locales[language]
                agreements.append(record)
        Agreement.objects.bulk_create(agreements, batch_size=ROWS_PER_INSERT)
        get_search_backend().add_bulk(Partner, partners)

    def build_partner(self, number):
        rng = random.Random(f"partner-{number}")
        kind, *names = rng.choice(PARTNER_KINDS)
        country, *cities = rng.choice(CITIES)[:4]
        site = rng.choice(self.sites)
        logo = rng.choice(self.images[site["code"]]) if rng.random() < 0.5 else None
        key = uuid.uuid4()
        sentence = rng.randrange(len(SENTENCES))
        versions = []
        for language in LANGUAGES:
            noun, city = say(names, language), say(cities, language)
            name = numbered(f"{noun} ({city})" if language == "ru" else f"{city} {noun}", number, language)
            versions.append(
                Partner(
                    locale_id=self.locales[language],
                    translation_key=key,
                    slug=f"{SLUG_PREFIX}partner-{number + 1:05d}",
                    name=name,
                    kind=kind,
                    country=country,
                    city=city,
                    website=f"https://partner-{number + 1}.example.org/",
                    logo_id=logo,
                    description=say(SENTENCES[sentence], language),
                    **self.published(),
                )
            )
        agreement = None
        if rng.random() < 0.3:
            key = uuid.uuid4()
            museum = rng.choice(self.sites)["museum"]
            agreement_kind = rng.choice(
                [
                    AgreementKind.MEMORANDUM,
                    AgreementKind.COOPERATION,
                    AgreementKind.EXHIBITION,
                    AgreementKind.INFORMAL,
                ]
            )
            signed = datetime.date(rng.randint(1995, self.today.year), rng.randint(1, 12), 1)
            theme = rng.choice(THEMES)
            agreement = [
                Agreement(
                    translation_key=key,
                    museum_id=museum.pk,
                    kind=agreement_kind,
                    title=say(theme, language),
                    signed_on=None if agreement_kind == AgreementKind.INFORMAL else signed,
                    signed_precision=DatePrecision.MONTH,
                    scope=say(SENTENCES[sentence], language),
                    **self.published(),
                )
                for language in LANGUAGES
            ]
        return versions, agreement

    def published(self):
        return {
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": self.now,
            "last_published_at": self.now,
        }

    def grow_events(self, have, target):
        first = self.generated(EventPage.objects)
        total = target - have
        partners = self.translation_groups(Partner.objects.filter(live=True))
        tree = Tree()
        for start in range(0, max(total, 0), BATCH):
            numbers = range(first + start, first + min(start + BATCH, total))
            batch = Batch(tree)
            for number in numbers:
                self.build_event(batch, number, partners)
            records = len(batch)
            batch.save()
            self.progress("events", start + len(numbers), total, records)

    def event_dates(self, rng, kind):
        """Start, its precision, end, its precision and status: most events past, some on now, some
        upcoming; a few known only to the month or year, and one in a hundred not dated at all."""
        length = {
            "exhibition": rng.randint(30, 180),
            "conference": rng.randint(0, 2),
            "fair": rng.randint(2, 9),
        }
        length = length[kind]
        phase = rng.random()
        if phase < 0.10:
            start = self.today + datetime.timedelta(days=rng.randint(1, 700))
            status = rng.choice([EventStatus.SCHEDULED] * 8 + [EventStatus.PLANNED, EventStatus.POSTPONED])
            return (
                start,
                DatePrecision.DAY,
                start + datetime.timedelta(days=length),
                DatePrecision.DAY,
                status,
            )
        if phase < 0.15:
            start = self.today - datetime.timedelta(days=rng.randint(0, length))
            end = start + datetime.timedelta(days=length)
            return start, DatePrecision.DAY, end, DatePrecision.DAY, EventStatus.SCHEDULED
        status = EventStatus.CANCELLED if rng.random() < 0.05 else EventStatus.SCHEDULED
        if phase > 0.99:
            return None, DatePrecision.YEAR, None, DatePrecision.YEAR, status
        start = datetime.date(rng.randint(1995, self.today.year - 1), rng.randint(1, 12), rng.randint(1, 28))
        precision = rng.random()
        if precision < 0.08:
            return start.replace(month=1, day=1), DatePrecision.YEAR, None, DatePrecision.YEAR, status
        if precision < 0.20:
            return start.replace(day=1), DatePrecision.MONTH, None, DatePrecision.MONTH, status
        return start, DatePrecision.DAY, start + datetime.timedelta(days=length), DatePrecision.DAY, status

    def build_event(self, batch, number, partners):
        """One event in every language, each under its events page, with its rows.

        Kinds come in a fixed pattern per museum (sites alternate), so that each museum has every
        kind among its first twenty: six exhibitions in ten (one of them travelling), three
        conferences, one crafts fair.
        """
        rng = random.Random(f"event-{number}")
        site = self.sites[number % 2]
        slot = (number // 2) % 10
        kind = "exhibition" if slot < 6 else "conference" if slot < 9 else "fair"
        travelling = slot == 0
        model = {"exhibition": ExhibitionPage, "conference": ConferencePage, "fair": CraftsFairPage}[kind]
        theme = rng.choice(THEMES)
        start, start_precision, end, end_precision, status = self.event_dates(rng, kind)
        place = rng.choice(CITIES)
        venue = (
            VenueKind.TOUR
            if travelling
            else rng.choice([VenueKind.MUSEUM] * 5 + [VenueKind.PARTNER] * 3 + [VenueKind.PLACE] * 2)
        )
        host = rng.choice(partners) if venue == VenueKind.PARTNER else None
        images = self.images[site["code"]]
        count = rng.randint(2, 4)
        body = paragraphs(rng, count, ids(count))
        summary = rng.randrange(len(SENTENCES))
        synchronised = {
            "slug": f"{SLUG_PREFIX}{kind}-{number + 1:05d}",
            "translation_key": uuid.uuid4(),
            "start_date": start,
            "start_precision": start_precision,
            "end_date": end,
            "end_precision": end_precision,
            "start_time": datetime.time(10) if kind == "conference" else None,
            "end_time": datetime.time(18) if kind == "conference" else None,
            # EventPage.save() derives it; bulk inserts do not call save().
            "last_day": period_end(end, end_precision) if end else period_end(start, start_precision),
            "status": status,
            "venue_kind": venue,
            "venue_country": place[0] if venue == VenueKind.PLACE else "",
            "hero_image_id": rng.choice(images),
            "image_decorative": True,
            "is_free": rng.random() < 0.3,
            "registration_url": "https://tickets.example.org/" if rng.random() < 0.5 else "",
            **self.published(),
        }
        extra = self.kind_fields(rng, kind, travelling, start, images)
        event_partners = [
            (partner, PartnerRole.ORGANISER if position == 0 else rng.choice(list(PartnerRole)))
            for position, partner in enumerate(rng.sample(partners, rng.randint(1, 3)))
        ]
        partner_keys = ids(len(event_partners))
        venues = self.tour(rng, partners, start) if travelling else []
        exhibitors = self.exhibitors(rng, images) if kind == "fair" else []
        for language in LANGUAGES:
            title = numbered(f"{say(KIND_WORDS[kind], language)}: {say(theme, language)}", number, language)
            page = model(
                locale_id=self.locales[language],
                title=title,
                draft_title=title,
                summary=say(SENTENCES[summary], language),
                body=body[language],
                venue_partner_id=host[language] if host else None,
                venue_name=say(ROOM, language) if venue == VenueKind.PLACE else "",
                venue_city=say(place[1:4], language) if venue == VenueKind.PLACE else "",
                image_credit=say(IMAGE_CREDIT, language),
                price="" if synchronised["is_free"] else say(PRICE, language),
                audience=say(AUDIENCE, language),
                **synchronised,
                **{name: value(language) if callable(value) else value for name, value in extra.items()},
            )
            rows = [
                EventPartner(
                    locale_id=self.locales[language],
                    translation_key=key,
                    partner_id=partner[language],
                    role=role,
                    sort_order=position,
                )
                for position, ((partner, role), key) in enumerate(
                    zip(event_partners, partner_keys, strict=True)
                )
            ]
            rows += [venue_row(language) for venue_row in venues]
            rows += [exhibitor(language) for exhibitor in exhibitors]
            batch.add(site["events"][language], page, rows)

    def kind_fields(self, rng, kind, travelling, start, images):
        """Fields of the event's own kind; a callable value is called with the language."""
        if kind == "exhibition":
            gallery_ids = ids(rng.randint(0, 3))
            chosen = [rng.choice(images) for _ in gallery_ids]
            highlight = rng.choice(THEMES)
            return {
                "curators": lambda language: say(CURATORS, language),
                "is_travelling": travelling,
                "highlights": lambda language: f"<ul><li>{say(highlight, language)}</li></ul>",
                "gallery": lambda language: [
                    {
                        "type": "image",
                        "value": {
                            "image": {"image": image, "alt_text": "", "decorative": True},
                            "caption": say(IMAGE_CREDIT, language),
                            "credit": "",
                        },
                        "id": block_id,
                    }
                    for image, block_id in zip(chosen, gallery_ids, strict=True)
                ],
            }
        if kind == "conference":
            day = start or self.today
            sessions = [(rng.randrange(len(SESSIONS)), block_id) for block_id in ids(rng.randint(3, 6))]
            speakers = [
                (rng.choice(CITIES), rng.choice(images + [None]), block_id)
                for block_id in ids(rng.randint(2, 4))
            ]
            return {
                "conference_kind": rng.choice(["conference", "seminar", "workshop", "lecture", "forum"]),
                "working_languages": ["kk", "ru", "en"],
                "call_for_papers_deadline": day - datetime.timedelta(days=60),
                "programme": lambda language: [
                    {
                        "type": "session",
                        "value": {
                            "date": day.isoformat(),
                            "start_time": f"{10 + position}:00:00",
                            "end_time": f"{10 + position}:45:00",
                            "title": say(SESSIONS[index], language),
                            "speakers": "",
                            "room": say(ROOM, language),
                        },
                        "id": block_id,
                    }
                    for position, (index, block_id) in enumerate(sessions)
                ],
                "speakers": lambda language: [
                    {
                        "type": "speaker",
                        "value": {
                            "name": say(CURATORS, language).split(",")[0],
                            "affiliation": say(city[1:4], language),
                            "country": city[0],
                            "photo": photo,
                            "biography": say(SENTENCES[3], language),
                        },
                        "id": block_id,
                    }
                    for city, photo, block_id in speakers
                ],
            }
        day = start or self.today
        edition = rng.choice(THEMES)
        return {
            "edition": lambda language: say(edition, language),
            "participating_countries": sorted({city[0] for city in rng.sample(CITIES, 5)}),
            "application_opens": day - datetime.timedelta(days=90),
            "application_closes": day - datetime.timedelta(days=14),
            "daily_hours": [
                {
                    "type": "hours",
                    "value": {
                        "weekdays": ["0", "1", "2", "3", "4", "5", "6"],
                        "days": "",
                        "opens": "10:00:00",
                        "closes": "19:00:00",
                        "closed": False,
                    },
                    "id": str(uuid.uuid4()),
                }
            ],
        }

    def tour(self, rng, partners, start):
        """A travelling exhibition's venues, as row builders per language (same key in each)."""
        year = (start or self.today).year
        builders = []
        for position, city in enumerate(rng.sample(CITIES, rng.randint(3, 10))):
            host = rng.choice(partners) if rng.random() < 0.5 else None
            venue_year = min(year + position // 2, 2100)
            held = venue_year <= self.today.year
            key = uuid.uuid4()
            visitors = rng.randint(5, 80) * 1000 if held else None

            def build(
                language,
                city=city,
                host=host,
                venue_year=venue_year,
                held=held,
                key=key,
                position=position,
                visitors=visitors,
            ):
                return ExhibitionVenue(
                    locale_id=self.locales[language],
                    translation_key=key,
                    sort_order=position,
                    partner_id=host[language] if host else None,
                    city=say(city[1:4], language),
                    country=city[0],
                    start_date=datetime.date(venue_year, 1, 1),
                    start_precision=DatePrecision.YEAR,
                    visitors=visitors,
                    status=VenueStatus.HELD if held else VenueStatus.PLANNED,
                    latitude=city[4],
                    longitude=city[5],
                )

            builders.append(build)
        return builders

    def exhibitors(self, rng, images):
        builders = []
        for position in range(rng.randint(3, 8)):
            craft, city, image, key = (
                rng.choice(CRAFTS),
                rng.choice(CITIES),
                rng.choice(images + [None]),
                uuid.uuid4(),
            )

            def build(language, craft=craft, city=city, image=image, key=key, position=position):
                return FairExhibitor(
                    locale_id=self.locales[language],
                    translation_key=key,
                    sort_order=position,
                    name=f"{say(craft, language)} — {say(city[1:4], language)}",
                    country=city[0],
                    craft=say(craft, language),
                    description=say(SENTENCES[2], language),
                    image_id=image,
                )

            builders.append(build)
        return builders

    def grow_news(self, have, target):
        first = self.generated(NewsPage.objects)
        total = target - have
        partners = self.translation_groups(Partner.objects.filter(live=True))
        topics = self.translation_groups(Topic.objects.filter(live=True))
        # Each museum's events in every language; the translations live under the translated events
        # pages, so they are gathered by key from each.
        events = {}
        for site in self.sites:
            keys = {}
            for language, index in site["events"].items():
                for key, pk in EventPage.objects.child_of(index).values_list("translation_key", "pk"):
                    keys.setdefault(key, {})[language] = pk
            events[site["code"]] = [group for group in keys.values() if len(group) == len(LANGUAGES)]
        tree = Tree()
        for start in range(0, max(total, 0), BATCH):
            numbers = range(first + start, first + min(start + BATCH, total))
            batch = Batch(tree)
            for number in numbers:
                self.build_news(batch, number, partners, topics, events)
            records = len(batch)
            batch.save()
            self.progress("news", start + len(numbers), total, records)

    def build_news(self, batch, number, partners, topics, events):
        rng = random.Random(f"news-{number}")
        site = self.sites[number % 2]
        headline, theme = rng.choice(NEWS_HEADLINES), rng.choice(THEMES)
        date = self.today - datetime.timedelta(days=rng.randint(0, 365 * 25))
        count = rng.randint(2, 4)
        body = paragraphs(rng, count, ids(count))
        summary = rng.randrange(len(SENTENCES))
        image = rng.choice(self.images[site["code"]]) if rng.random() < 0.8 else None
        synchronised = {
            "slug": f"{SLUG_PREFIX}news-{number + 1:05d}",
            "translation_key": uuid.uuid4(),
            "date": date,
            "date_precision": DatePrecision.DAY,
            "image_id": image,
            "image_decorative": True,
            **self.published(),
        }
        chosen_topics = rng.sample(topics, min(len(topics), rng.randint(1, 2)))
        chosen_events = rng.sample(events[site["code"]], min(len(events[site["code"]]), rng.randint(0, 2)))
        chosen_partners = rng.sample(partners, rng.randint(0, 3))
        topic_keys, partner_keys = ids(len(chosen_topics)), ids(len(chosen_partners))
        for language in LANGUAGES:
            title = f"{say(headline, language)}: {say(theme, language)} ({number + 1})"
            page = NewsPage(
                locale_id=self.locales[language],
                title=title,
                draft_title=title,
                summary=say(SENTENCES[summary], language),
                body=body[language],
                image_credit=say(IMAGE_CREDIT, language) if image else "",
                **synchronised,
            )
            locale = self.locales[language]
            rows = [
                NewsPageTopic(
                    locale_id=locale, translation_key=key, topic_id=topic[language], sort_order=position
                )
                for position, (topic, key) in enumerate(zip(chosen_topics, topic_keys, strict=True))
            ]
            rows += [
                NewsRelatedEvent(event_id=event[language], sort_order=position)
                for position, event in enumerate(chosen_events)
            ]
            rows += [
                NewsRelatedPartner(
                    locale_id=locale, translation_key=key, partner_id=partner[language], sort_order=position
                )
                for position, (partner, key) in enumerate(zip(chosen_partners, partner_keys, strict=True))
            ]
            batch.add(site["news"][language], page, rows)


def image_bytes(seed):
    """A JPEG of coloured discs on a gradient: plainly generated, never mistaken for a photograph."""
    rng = random.Random(seed)
    width, height = IMAGE_SIZE
    image = PillowImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = [rng.randrange(40, 200) for _ in range(3)], [rng.randrange(40, 200) for _ in range(3)]
    for y in range(height):
        mix = y / height
        draw.line(
            [(0, y), (width, y)], fill=tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        )
    for _ in range(40):
        x, y, radius = rng.randrange(width), rng.randrange(height), rng.randrange(20, 160)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    draw.text((40, 40), f"Benchmark image {seed}", fill="white")
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85)
    return output.getvalue()
