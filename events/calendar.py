"""The museums' events as iCalendar (RFC 5545): one event's file, and each events listing's feed.

Every dated event page serves its own file at ``<event>/calendar/`` ("Add to calendar"), and every
events index a feed of its live, public, dated events at ``<events>/calendar/`` ("Subscribe to this
calendar"), filtered by exactly the listing's GET filters (``EventIndexPage.filtered_events``). The
routes live on the pages (``EventPage.calendar_route``, ``EventIndexPage.calendar_route``); this
module builds the calendars and their responses, in the page's language.

Why the ``icalendar`` package rather than a text template: iCalendar's escaping (commas, semicolons
and new lines in titles and places), its line folding at 75 octets without cutting a Cyrillic letter
in two, and the ``VTIMEZONE`` that a ``TZID`` needs are each easy to get subtly wrong by hand, and a
calendar program that meets such an error usually drops the whole file without a word. icalendar
writes them correctly, builds the ``VTIMEZONE`` of Asia/Almaty from the zone database (with its move
from UTC+6 to UTC+5 on 1 March 2024), and the tests read every output back with it.

Why this precision choice: many events are known only as "2018" or "March 2019" (``home.dates``). A
calendar entry cannot say "some day in March", and inventing a day would put a false date into
visitors' calendars. Such an event is an all-day entry over the whole period it may run in (1-31
March, or the whole year: ``EventPage.last_day``), shown as free time rather than busy, and its
description repeats the dates as the page writes them, so the span is not read as "open every day".
Only events with a start time are timed entries, in Kazakhstan time with ``TZID=Asia/Almaty``.

Why a window: a subscribed calendar is read for what is on and what is coming, and every subscriber's
calendar program fetches the whole file twice a day. So a feed without a year holds the events that
are on, coming, or ended within the last ``FEED_PAST_DAYS`` days, the soonest ``FEED_MAX_EVENTS`` of
them; a feed for a year (``?year=2019``) holds that year's events, as the listing does. The listing
keeps the whole history; the feed's size no longer grows with it.

The address is ``calendar/`` and not ``calendar.ics``: Wagtail's page URL pattern
(``wagtail.urls``) takes only slug characters and slashes, so a path with a dot never reaches a page.
Clients go by the ``text/calendar`` type, and the file is still named ``<slug>.ics`` on download.

Links are plain https addresses, not ``webcal:``: a ``webcal:`` link needs the page's own scheme
swapped for another one, hands the address to whatever calendar program the visitor's system names
(or to none), and cannot be pasted as it is into a web calendar's "subscribe from URL" box. An https
address subscribes in every calendar that takes a URL, and downloads as a file everywhere else.
"""

import contextlib
import datetime
import functools
import hashlib
import uuid
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext

from wagtail.models import Site

from icalendar import Calendar, Event, Timezone

from home.dates import DatePrecision
from home.querystrings import filter_query
from museums.countries import country_name
from museums.localization import attach_shown
from museums.models import Museum, MuseumSiteSettings

from .models.base import EventPage, EventStatus, VenueKind

PRODID = "-//Museum network of Kazakhstan//Museum sites//EN"
MEDIA_TYPE = "text/calendar; charset=utf-8"
# Event times are entered in Kazakhstan time (EventPage's docstring), the site's TIME_ZONE.
ZONE = ZoneInfo(settings.TIME_ZONE)
# How often a subscribed calendar should fetch the feed again (RFC 7986; Outlook's older name below).
REFRESH = datetime.timedelta(hours=12)
# A feed without a year: what ended up to this many days ago, and at most this many events.
FEED_PAST_DAYS = 90
FEED_MAX_EVENTS = 200
# A feed's entries are kept this long in the shared cache (feed_entries), under keys that change
# with what they are written from; raise ENTRY_FORMAT when event_component writes them differently.
ENTRY_SECONDS = 7 * 24 * 3600
ENTRY_FORMAT = 2

# RFC 5545 gives an event three states. A postponed event's new dates are not fixed, a planned one is
# not confirmed yet, and a rescheduled one has just moved and may move again while the museum settles
# it: none is firm enough for CONFIRMED and none is off, so all three are TENTATIVE, which calendars
# show as "maybe", sending the visitor to the page before going.
STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.RESCHEDULED: "TENTATIVE",
}


# --- One event --------------------------------------------------------------------------------------


def event_times(page):
    """``(start, end)`` of a dated event's entry: aware datetimes when timed, else dates.

    Timed (the first day is known and has a start time): the end is the end time on the last day
    when that day is known exactly; otherwise midnight after the last day the event can run; or
    ``None`` when only a start time is known (RFC 5545 then ends the event when it starts: "at
    10:00", without an invented end). All-day: the first day of the known period to the day after
    the last (DTEND is exclusive).
    """
    if page.start_precision == DatePrecision.DAY and page.start_time is not None:
        start = datetime.datetime.combine(page.start_date, page.start_time, tzinfo=ZONE)
        exact_end = page.end_date is None or page.end_precision == DatePrecision.DAY
        if page.end_time is not None and exact_end:
            end = datetime.datetime.combine(page.end_date or page.start_date, page.end_time, tzinfo=ZONE)
        elif page.last_day > page.start_date:
            end = datetime.datetime.combine(page.last_day + datetime.timedelta(days=1), datetime.time(), ZONE)
        else:
            end = None
        return start, end
    return page.start_date, page.last_day + datetime.timedelta(days=1)


def is_approximate(page):
    """Whether the first or last day is known only to the month or the year."""
    end_precision = page.end_precision if page.end_date else DatePrecision.DAY
    return page.start_precision != DatePrecision.DAY or end_precision != DatePrecision.DAY


def venue_text(page, museum):
    """Where the event is, as its page says it (``components/event_facts.html``), in the active
    language; ``""`` when the page does not know, and for a tour, whose venues have dates of their own
    so that no one place is true of the whole entry."""
    if not page.has_venue:
        return ""
    if page.venue_kind == VenueKind.MUSEUM:
        return museum.name if museum is not None else ""
    if page.venue_kind == VenueKind.PARTNER:
        partner = page.shown_venue_partner
        parts = [partner.name, partner.city, country_name(partner.country)]
    elif page.venue_kind == VenueKind.PLACE:
        parts = [page.venue_name, page.venue_city, country_name(page.venue_country)]
    else:
        return ""
    return ", ".join(part for part in parts if part)


def event_uid(page, host):
    """The same for every regeneration of the entry, and distinct per language and site: the page's
    translation group, its language and the site's host name."""
    return f"{page.translation_key}-{page.locale.language_code}@{host}"


def event_component(page, request, *, museum, host):
    """The VEVENT of a dated event page, written in the active language (the page's own)."""
    language = page.locale.language_code
    start, end = event_times(page)
    url = page.get_full_url(request)
    description = [page.summary]
    if is_approximate(page):
        description.append(gettext("Dates as known: %(dates)s") % {"dates": page.dates_display})
    description.append(url)  # many calendars show DESCRIPTION but never URL
    # Without a METHOD, DTSTAMP is when the entry last changed: the page's last publication.
    published = page.last_published_at
    event = Event.new(
        uid=event_uid(page, host),
        stamp=published or timezone.now(),
        last_modified=published,
        start=start,
        end=end,
        status=STATUS.get(page.status, "TENTATIVE"),
        url=url,
        location=venue_text(page, museum) or None,
        categories=[capfirst(str(page.kind_label))],
        # A day-long span is an exhibition to visit on one of its days, not time taken: free, not busy.
        transparency="OPAQUE" if isinstance(start, datetime.datetime) else "TRANSPARENT",
    )
    event.add("summary", page.title, parameters={"LANGUAGE": language})
    event.add("description", "\n\n".join(filter(None, description)), parameters={"LANGUAGE": language})
    return event


# --- Calendars and responses ----------------------------------------------------------------------


def site_museum(request):
    """The requesting site's museum in the active language (``museums.localization``), or ``None``."""
    if Site.find_for_request(request) is None:
        return None
    found = MuseumSiteSettings.for_request(request)
    return Museum.in_active_language(found.museum_id) if found.museum_id else None


def timezone_component(spans):
    """The VTIMEZONE of Asia/Almaty over the years of the timed ``(start, end)`` spans (this year if
    none)."""
    days = [moment.date() for span in spans for moment in span if isinstance(moment, datetime.datetime)]
    first = min(days, default=timezone.localdate())
    last = max(days, default=first)
    return zone_over_years(first.year, last.year + 1)


@functools.lru_cache(maxsize=64)
def zone_over_years(first_year, end_year):
    """Built once per span of years and process: icalendar reads the zone's transitions from the
    zone database each time (about 25 ms). Only serialised, never changed, so one object serves."""
    return Timezone.from_tzid(
        settings.TIME_ZONE,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(end_year, 1, 1),
    )


def calendar_response(content, filename, *, as_attachment):
    response = HttpResponse(content, content_type=MEDIA_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response


def event_response(page, request):
    """One dated event as a file to add to a calendar: ``<slug>.ics``."""
    with translation.override(page.locale.language_code):
        event = event_component(
            page, request, museum=site_museum(request), host=Site.find_for_request(request).hostname
        )
    timed = isinstance(event.start, datetime.datetime)
    calendar = Calendar.new(
        prodid=PRODID,
        uid=uuid.uuid5(uuid.NAMESPACE_URL, page.get_full_url(request)),
        subcomponents=[timezone_component([(event.start, event.end)]), event] if timed else [event],
    )
    return calendar_response(calendar.to_ical(), f"{page.slug}.ics", as_attachment=True)


def filters_label(form):
    """The filters asked for, named as the listing's form names them: "Exhibitions, 2019"."""
    if not form.is_bound:
        return ""
    labels = []
    for name, field in form.fields.items():
        value = form.data.get(name)
        if value:
            labels.append(str(dict(field.choices).get(value, value)))
    return ", ".join(labels)


def feed_name(museum, site, filters):
    owner = museum.short_name if museum is not None else site.site_name
    if filters:
        return gettext("%(museum)s events: %(filters)s") % {"museum": owner, "filters": filters}
    return gettext("%(museum)s events") % {"museum": owner}


def feed_events(events, form, today=None):
    """The dated ``events`` a feed holds, soonest first: a year's, or the window (module docstring)."""
    dated = events.filter(start_date__isnull=False).order_by("start_date", "title", "pk")
    if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
        return dated
    since = (today or timezone.localdate()) - datetime.timedelta(days=FEED_PAST_DAYS)
    return dated.filter(last_day__gte=since)[:FEED_MAX_EVENTS]


# What a feed reads of each of its events to find its kept entry (``entry_key``) and its time zone.
ENTRY_FIELDS = (
    *("pk", "last_published_at", "url_path", "content_type_id", "venue_kind", "venue_partner_id"),
    *("start_date", "start_precision", "start_time", "end_date", "end_precision", "end_time", "last_day"),
)
# Part of the name a feed's rows are kept under (``EventIndexPage.feed_events``): rows kept with
# other fields are never read as these.
ENTRY_FIELDS_KEY = hashlib.sha256(repr(ENTRY_FIELDS).encode()).hexdigest()[:12]


def entry_key(row, venue, wording):
    """The cache key of a feed's entry for an event (``row``, its ``ENTRY_FIELDS``): everything the
    entry is written from, so that a changed event, venue, address or wording is a different key
    and a kept entry is never stale.

    The page's fields change only with a publication (``last_published_at``), its address with a
    move or a renamed ancestor (``url_path``); ``venue`` is the museum or the partner record shown,
    each with its own publication (``entry_venue``); ``wording`` is what the entry takes from the
    site and the active language's catalogue, the same for a whole feed (``feed_wording``)."""
    written = (row.pk, row.last_published_at, row.url_path, venue, wording, row.content_type_id)
    return "ical-entry:" + hashlib.sha256(repr(written).encode()).hexdigest()


def entry_venue(row, museum, hosts):
    """The venue part of ``entry_key``: the museum's or the shown host partner's publication
    (``hosts``, from ``EventIndexPage.feed_events``)."""
    if row.venue_kind == VenueKind.MUSEUM and museum is not None:
        return f"museum:{museum.pk}:{museum.last_published_at}"
    host = hosts.get(row.venue_partner_id) if row.venue_kind == VenueKind.PARTNER else None
    if host is not None:
        return "partner:{}:{}".format(*host)
    return ""


def feed_wording(site):
    """The part of ``entry_key`` that is the same for every entry of a feed: the format, the site's
    address, the language and the words an entry adds from the catalogue. ``ENTRY_FORMAT`` is
    raised when ``event_component`` changes."""
    kinds = [str(model._meta.verbose_name) for model in EventPage.__subclasses__()]
    dates = gettext("Dates as known: %(dates)s")
    return (ENTRY_FORMAT, site.root_url, translation.get_language(), *kinds, dates)


def feed_entries(rows, hosts, request, museum, site):
    """``(rows, entries)``: the feed's events (``rows``, ``hosts``: ``EventIndexPage.feed_events``),
    each row with its ``ENTRY_FIELDS`` as attributes, and the VEVENT text of each, in order: those
    written before from the shared cache, the others written now and kept (``ENTRY_SECONDS``).

    Why keep entries, and read pages only for the entries not kept: writing one (icalendar's
    objects and its line folding) takes about half a millisecond, and reading an event page as a
    model instance a tenth of one; a feed holds up to ``FEED_MAX_EVENTS``, and each filter's feed
    shares them. A cache outage costs the writing, never the feed."""
    rows = [SimpleNamespace(**row) for row in rows]
    wording = feed_wording(site)
    keys = [entry_key(row, entry_venue(row, museum, hosts), wording) for row in rows]
    try:
        kept = cache.get_many(keys)
    except Exception:  # an unreachable cache must not break the feed
        kept = {}
    missing = [row.pk for row, key in zip(rows, keys, strict=True) if key not in kept]
    written = {}
    if missing:
        pages = EventPage.objects.filter(pk__in=missing).select_related("locale")
        pages = {page.pk: page for page in attach_shown(pages, "venue_partner")}
        for row, key in zip(rows, keys, strict=True):
            page = pages.get(row.pk) if key not in kept else None
            if page is not None:  # a page deleted since the rows were kept is left out
                written[key] = event_component(page, request, museum=museum, host=site.hostname).to_ical()
        with contextlib.suppress(Exception):
            cache.set_many(written, ENTRY_SECONDS)
    shown = [(row, kept.get(key) or written.get(key)) for row, key in zip(rows, keys, strict=True)]
    shown = [(row, text) for row, text in shown if text]
    return [row for row, _text in shown], [text for _row, text in shown]


def feed_response(index, request, form, rows, hosts):
    """A subscribable calendar of the events ``rows`` (dated event pages under ``index`` that ``form``
    selects, in order, and their ``hosts``: ``EventIndexPage.feed_events``), named in the index's
    language with its filters: ``<museum>-events-<lang>.ics``.

    It always carries the VTIMEZONE, so a filter that matches nothing still gives a valid calendar
    (RFC 5545 wants at least one component) and subscribers learn the zone before the first event.
    The calendar is written by icalendar with the zone only; the entries (``feed_entries``) go in
    before its closing line.
    """
    language = index.locale.language_code
    site = Site.find_for_request(request)
    listing_url = index.get_full_url(request)
    query = filter_query(request)
    with translation.override(language):
        museum = site_museum(request)
        rows, entries = feed_entries(rows, hosts, request, museum, site)
        calendar = Calendar.new(
            prodid=PRODID,
            name=feed_name(museum, site, filters_label(form)),
            description=index.intro or None,
            url=f"{listing_url}?{query}" if query else listing_url,
            uid=uuid.uuid5(uuid.NAMESPACE_URL, f"{listing_url}calendar/?{query}"),
            subcomponents=[timezone_component(event_times(row) for row in rows)],
        )
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", "PT12H")
    calendar.add("X-WR-TIMEZONE", settings.TIME_ZONE)
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    content = b"".join([head, *entries, b"END:VCALENDAR", end])
    code = museum.code if museum is not None else index.slug
    return calendar_response(content, f"{code}-events-{language}.ics", as_attachment=False)


def filter_error_response(form):
    """A 400 for filters edited by hand, as the listing answers them, in plain text: each error."""
    lines = [gettext("Some filters were not understood:")]
    for field in form:
        lines.extend(f"{field.label}: {error}" for error in field.errors)
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")
