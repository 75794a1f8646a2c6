from django.core.paginator import Paginator
from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import path

from home.models import RoutablePage, SectionPage
from home.querystrings import filter_query
from home.site_cache import page_cached
from museums.localization import attach_shown, shown_records

from .base import EventPage, VenueKind


def filters_key(chosen):
    """The chosen filters (``{name: value}``, empty ones left out) as part of a cache key, in one
    order whatever the query string's."""
    return urlencode(sorted((name, value) for name, value in chosen.items() if value))


class EventIndexPage(RoutablePage, SectionPage):
    """A museum's events: exhibitions, conferences and crafts fairs together.

    Current and upcoming events come first (soonest first), then past ones, newest first, under a
    heading per year. Events whose date is not known are not mixed in: they follow on the first page
    as a short list "From the archive", so that a museum with many undated records still opens on
    what is on. Filters by kind, year, country and partner combine; every combination is a
    plain GET URL that can be shared. One per home page, in each language.

    ``calendar/`` is the same listing as a calendar to subscribe to (``events.calendar``): its dated
    events under the same filters, so "Subscribe to this calendar" carries the listing's query string;
    without a year, only what is on, coming or recently ended (``events.calendar.feed_events``).
    """

    per_page = 12
    subpage_types = ["events.ExhibitionPage", "events.ConferencePage", "events.CraftsFairPage"]
    template = "pages/events/event_index_page.html"

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    @staticmethod
    def in_listing_order(events, today=None):
        today = today or timezone.localdate()
        return events.annotate(
            upcoming_start=Case(When(last_day__gte=today, then=F("start_date"))),
            past_start=Case(When(last_day__lt=today, then=F("start_date"))),
        ).order_by(F("upcoming_start").asc(nulls_last=True), F("past_start").desc(nulls_last=True), "title")

    def filter_options(self, request):
        """The filters' choices for this page's events. They change only with its events, which
        renew its address's token, so they are kept in the shared cache (``home.site_cache``)."""
        from events.filters import filter_options

        return page_cached(request, self, "event-filter-options", lambda: filter_options(self.events()))

    def filtered_events(self, request, narrow=False):
        """``(form, events)``: the listing's filters read from the query string, and this page's
        events they select (none when a filter is not understood). The listing and its calendar
        both filter here, so they always agree.

        With ``narrow`` (the listing, which shows the form), the partner list offers only the
        partners of the events the other filters select, kept per combination of them as the
        filters' choices are: a long list of partners, most of them leading to no event, is what a
        visitor would otherwise scroll through once a kind, year or country is chosen."""
        from events.filters import EventFilterForm, partner_options  # they build on the event models

        events = self.events()
        form = EventFilterForm(request.GET or None, events=events, options=self.filter_options(request))
        if form.is_bound and not form.is_valid():
            return form, events.none()
        if not form.is_bound:
            return form, events
        others = form.others_chosen()
        if narrow and others:
            key = f"event-partner-options:{filters_key(others)}"
            around = form.filter(events, without={"partner"})
            form.narrow_partners(page_cached(request, self, key, lambda: partner_options(around)))
        return form, form.filter(events)

    def listing_ids(self, request, form, events):
        """``(dated, undated)``: the ids of the listing's dated events in listing order, and of its
        undated ones by title.

        Ordering every event of the museum is the part of the page that grows with the events, and
        its answer changes only with them (each change renews this page's address token) or with
        the day that splits upcoming from past: so it is kept in the shared cache per day and per
        combination of understood filters (``home.site_cache.page_cached``). Filters that are not
        understood select nothing and are not kept."""
        if form.is_bound and not form.is_valid():
            return [], []

        def compute(today):
            dated = self.in_listing_order(events.filter(start_date__isnull=False), today)
            undated = events.filter(start_date__isnull=True).order_by("title")
            return list(dated.values_list("pk", flat=True)), list(undated.values_list("pk", flat=True))

        return self.kept_for_today(request, form, "listing", compute)

    def feed_events(self, request, form, events):
        """``(rows, hosts)`` of the calendar feed (``events.calendar.feed_events``): its events in its
        order, each as a dict of its ``ENTRY_FIELDS``, and ``{partner id: (id, last publication)}``
        of the partner record shown for each host partner they name. Kept as the listing's order is
        (``listing_ids``), for the same reasons: what the rows hold changes only with a publication
        or a move of an event, which renews this page's token, as does a host partner's change."""
        from events.calendar import (
            ENTRY_FIELDS,
            ENTRY_FIELDS_KEY,
            FEED_MAX_EVENTS,
            FEED_PAST_DAYS,
            feed_events,
        )
        from museums.models import Partner

        if form.is_bound and not form.is_valid():
            return [], {}

        def compute(today):
            rows = list(feed_events(events, form, today).values(*ENTRY_FIELDS))
            named = [row["venue_partner_id"] for row in rows if row["venue_kind"] == VenueKind.PARTNER]
            shown = shown_records(Partner, named)
            hosts = {pk: (record.pk, record.last_published_at) for pk, record in shown.items() if record}
            return rows, hosts

        # The window and the fields are part of the name: a changed window or format is never
        # answered from the former one.
        name = f"feed-events:{FEED_PAST_DAYS}:{FEED_MAX_EVENTS}:{ENTRY_FIELDS_KEY}"
        return self.kept_for_today(request, form, name, compute)

    def kept_for_today(self, request, form, name, compute):
        """``compute(today)``, kept under this page's address token per day and per combination of
        the (understood) filters chosen."""
        today = timezone.localdate()
        key = f"{name}:{today.isoformat()}:{filters_key(form.cleaned_data if form.is_bound else {})}"
        return page_cached(request, self, key, lambda: compute(today))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, events = self.filtered_events(request, narrow=True)
        dated, undated = self.listing_ids(request, form, events)
        cards = EventPage.objects.select_related("hero_image").prefetch_related("hero_image__renditions")
        page_of_events = Paginator(InOrder(dated, cards), self.per_page).get_page(request.GET.get("page"))
        # The host partners of the whole page in one query, by the policy of museums.localization.
        page_of_events.object_list = attach_shown(page_of_events.object_list, "venue_partner")
        archive = []
        if page_of_events.number == 1 and undated:
            archive = EventPage.objects.filter(pk__in=undated).order_by("title")
        context.update(
            filter_form=form,
            events_page=page_of_events,
            groups=self.group(page_of_events),
            archive=archive,
            filter_query=filter_query(request),
        )
        return context

    @staticmethod
    def group(events):
        """[(heading, [event, ...])]: "Current and upcoming", then one group per past year."""
        today = timezone.localdate()
        groups = []
        for event in events:
            if event.phase(today) != "past":
                heading = _("Current and upcoming")
            else:
                heading = str(event.start_date.year)
            if not groups or groups[-1][0] != heading:
                groups.append((heading, []))
            groups[-1][1].append(event)
        return groups

    @path("")
    def index_route(self, request):
        response = self.render(request)
        form = response.context_data["filter_form"]
        if form.is_bound and not form.is_valid():
            response.status_code = 400  # a filter URL that was edited by hand: say so, do not guess
        return response

    @path("calendar/", name="calendar")
    def calendar_route(self, request):
        from events.calendar import feed_response, filter_error_response

        form, events = self.filtered_events(request)
        if form.is_bound and not form.is_valid():
            return filter_error_response(form)
        return feed_response(self, request, form, *self.feed_events(request, form, events))


class InOrder:
    """The records of ``queryset`` with the ids ``ids``, in that order, read a slice at a time: for
    Django's ``Paginator`` and the API's pagination, when the order was worked out once and kept
    (``EventIndexPage.listing_ids``). A record gone since is left out of its slice."""

    def __init__(self, ids, queryset):
        self.ids = list(ids)
        self.queryset = queryset

    def count(self):
        return len(self.ids)

    __len__ = count

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("Records in order are read a slice at a time.")
        wanted = self.ids[key]
        found = self.queryset.in_bulk(wanted) if wanted else {}
        return [found[pk] for pk in wanted if pk in found]
