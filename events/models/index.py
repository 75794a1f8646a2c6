from django.core.paginator import Paginator
from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import SectionPage
from home.querystrings import filter_query
from museums.localization import attach_shown

from .base import EventPage


class EventIndexPage(SectionPage):
    """A museum's events: exhibitions, conferences and crafts fairs together.

    Current and upcoming events come first (soonest first), then past ones, newest first, under a
    heading per year. Events whose date is not known are not mixed in: they follow on the first page
    as a short list "From the archive", so that a museum with many undated records still opens on
    what is on. Filters by kind, year, country and partner combine; every combination is a
    plain GET URL that can be shared. One per home page, in each language.
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

    def get_context(self, request, *args, **kwargs):
        from events.filters import EventFilterForm

        context = super().get_context(request, *args, **kwargs)
        events = self.events()
        form = EventFilterForm(request.GET or None, events=events)
        if form.is_bound and not form.is_valid():
            events = events.none()
        elif form.is_bound:
            events = form.filter(events)
        dated = events.filter(start_date__isnull=False)
        listing = (
            self.in_listing_order(dated)
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
        )
        page_of_events = Paginator(listing, self.per_page).get_page(request.GET.get("page"))
        undated = events.filter(start_date__isnull=True).order_by("title")
        archive = undated if page_of_events.number == 1 else []
        # The host partners of the whole page in one query, by the policy of museums.localization.
        page_of_events.object_list = attach_shown(page_of_events.object_list, "venue_partner")
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

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        form = response.context_data.get("filter_form") if hasattr(response, "context_data") else None
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400  # a filter URL that was edited by hand: say so, do not guess
        return response
