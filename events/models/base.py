import operator
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyStreamBlock
from home.dates import DatePrecision, format_partial_range, period_end, validate_year_in_range
from home.models import IMAGE_SYNCHRONISED, BasePage, PageImageMixin, RoutablePage, image_panel
from home.panels import InlinePanel
from museums.countries import CountryField, country_name
from museums.localization import attach_shown, shown_related


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    PLANNED = "planned", _("Planned")


class VenueKind(models.TextChoices):
    MUSEUM = "museum", _("The museum itself")
    PARTNER = "partner", _("A partner institution")
    PLACE = "place", _("Another place")
    TOUR = "tour", _("Several venues (a travelling exhibition's tour)")
    # Older projects are often known without their venue; the page then says nothing rather than guess.
    UNKNOWN = "unknown", _("Not known")


# Sub-addresses of the events listing that an event's slug must not take.
RESERVED_SLUGS = {"calendar"}


class EventPage(RoutablePage, PageImageMixin, BasePage):
    """What exhibitions, conferences and crafts fairs share.

    A concrete base, not an abstract one: the events listing orders, filters and paginates all three
    kinds together in one query on this table, and renders its cards from these fields alone, so a
    listing costs the same few queries whether it shows 10 events or 200. The kinds add their own
    fields in their own tables. Never created directly (``is_creatable = False``).

    Dates are stored as a first day plus a precision, so "2018" or "March 2019" is never shown with an
    invented day. Times are Kazakhstan local time (``TIME_ZONE = "Asia/Almaty"``).
    """

    summary = models.TextField(_("summary"), help_text=_("One or two sentences for listings and previews."))
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        validators=[validate_year_in_range],
        help_text=_(
            "For a date known only to the month or year, enter its first day. "
            "Leave empty only when not even the year is known."
        ),
    )
    start_precision = models.CharField(
        _("start date known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(_("end date"), null=True, blank=True, validators=[validate_year_in_range])
    end_precision = models.CharField(
        _("end date known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True, help_text=_("Astana/Almaty time."))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    # The last day the event can be running, derived from the dates and their precision on save, so
    # that "current, upcoming, past" is one indexed comparison in SQL.
    last_day = models.DateField(editable=False, null=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )

    venue_kind = models.CharField(
        _("venue"), max_length=10, choices=VenueKind.choices, default=VenueKind.MUSEUM
    )
    venue_partner = models.ForeignKey(
        "museums.Partner",
        verbose_name=_("partner institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    venue_name = models.CharField(_("place"), max_length=255, blank=True)
    venue_city = models.CharField(_("city"), max_length=100, blank=True)
    venue_country = CountryField(blank=True)

    image_field = "hero_image"
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    registration_url = models.URLField(_("tickets or registration link"), blank=True)
    is_free = models.BooleanField(_("free admission"), default=False)
    price = models.CharField(
        _("price"), max_length=200, blank=True, help_text=_("e.g. 2,000 tenge; students 1,000")
    )
    audience = models.CharField(
        _("audience"), max_length=200, blank=True, help_text=_("e.g. families, researchers")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("start_date"), FieldPanel("start_precision"), FieldPanel("start_time")]
                ),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_precision"), FieldPanel("end_time")]),
                FieldPanel("status"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_kind"),
                FieldPanel("venue_partner"),
                FieldRowPanel(
                    [FieldPanel("venue_name"), FieldPanel("venue_city"), FieldPanel("venue_country")]
                ),
            ],
            heading=_("Where"),
        ),
        InlinePanel("event_partners", heading=_("Organisers and partners"), label=_("Partner")),
        image_panel("hero_image", _("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldPanel("audience"),
            ],
            heading=_("Visiting"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start_date"),
        index.FilterField("last_day"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("start_date"),
        SynchronizedField("start_precision"),
        SynchronizedField("end_date"),
        SynchronizedField("end_precision"),
        SynchronizedField("start_time"),
        SynchronizedField("end_time"),
        SynchronizedField("status"),
        SynchronizedField("venue_kind"),
        SynchronizedField("venue_country"),
        SynchronizedField("hero_image"),
        *IMAGE_SYNCHRONISED,
        SynchronizedField("registration_url", overridable=False),
        SynchronizedField("is_free"),
    ]
    # What the public API's pages endpoint shows (api/): dates with their precision and as read in the
    # page's language, status and where. The host partner is left to /api/v2/events/, which names it
    # by the policy of museums.localization rather than by the raw foreign key.
    api_fields = [
        APIField("summary"),
        APIField("start_date"),
        APIField("start_precision"),
        APIField("end_date"),
        APIField("end_precision"),
        APIField("start_time"),
        APIField("end_time"),
        APIField("dates_display"),
        APIField("status"),
        APIField("venue_kind"),
        APIField("venue_name"),
        APIField("venue_city"),
        APIField("venue_country"),
    ]

    is_creatable = False
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and not self.start_date:
            errors["start_date"] = _("Give the start date too, at least its year.")
        elif self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        elif (
            self.end_date == self.start_date
            and self.start_time
            and self.end_time
            and self.end_time < self.start_time
        ):
            errors["end_time"] = _("The end time cannot be before the start time on the same day.")
        if self.venue_kind == VenueKind.PARTNER and not self.venue_partner_id:
            errors["venue_partner"] = _("Choose the partner institution that hosts the event.")
        if self.venue_kind == VenueKind.PLACE and not self.venue_city:
            errors["venue_city"] = _("Give at least the city of the place.")
        if self.slug in RESERVED_SLUGS:
            # The events listing answers these addresses itself (EventIndexPage's routes).
            errors["slug"] = _("This address is the events calendar's; choose another slug.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.end_date:
            self.last_day = period_end(self.end_date, self.end_precision)
        else:
            self.last_day = period_end(self.start_date, self.start_precision)
        super().save(*args, **kwargs)

    @property
    def is_dated(self):
        return self.start_date is not None

    # --- Date logic, on the model so listings, feeds and templates agree ----------------------------
    def phase(self, today=None):
        """One of "upcoming", "current" or "past", in Kazakhstan time; an undated event is past."""
        today = today or timezone.localdate()
        if self.start_date is None:
            return "past"
        if self.start_date > today:
            return "upcoming"
        return "current" if self.last_day >= today else "past"

    @property
    def is_upcoming(self):
        return self.phase() == "upcoming"

    @property
    def is_current(self):
        return self.phase() == "current"

    @property
    def is_past(self):
        return self.phase() == "past"

    @property
    def dates_display(self):
        """As precise as known: "2018", "March 2019", "12 March 2019", or a range of two."""
        return format_partial_range(self.start_date, self.start_precision, self.end_date, self.end_precision)

    @path("calendar/", name="calendar")
    def calendar_route(self, request):
        """The event as an iCalendar file for visitors' calendars (``events.calendar``): "Add to
        calendar" on the page. An undated event has none."""
        if not self.is_dated:
            raise Http404
        from events.calendar import event_response  # events.calendar builds on this module

        return event_response(self, request)

    def partners_with_roles(self):
        """The organisers and partners to show, each row with ``shown_partner`` (one query for all).

        A translated page points to the partners' translations, which may be drafts: the policy in
        ``museums.localization`` decides what visitors see, and a partner with nothing live is left out.
        """
        # Asked by the page and by its structured data: read once per page object.
        if "_partners_with_roles" not in self.__dict__:
            rows = attach_shown(self.event_partners.all(), "partner")
            self.__dict__["_partners_with_roles"] = [row for row in rows if row.shown_partner is not None]
        return self.__dict__["_partners_with_roles"]

    @cached_property
    def shown_venue_partner(self):
        """The host partner as visitors see it (``museums.localization``), or ``None``; listings set
        it for a whole page of events at once with ``attach_shown(events, "venue_partner")``."""
        if self.venue_kind != VenueKind.PARTNER or self.venue_partner_id is None:
            return None
        return shown_related(self, "venue_partner")

    @property
    def has_venue(self):
        """Whether the page can say where the event is."""
        if self.venue_kind == VenueKind.UNKNOWN:
            return False
        if self.venue_kind == VenueKind.PARTNER:
            return self.shown_venue_partner is not None
        return True

    @property
    def kind_label(self):
        return self.specific_class._meta.verbose_name

    @property
    def kind_code(self):
        return self.specific_class._meta.model_name

    @property
    def venue_country_name(self):
        return country_name(self.venue_country)

    def structured_data(self, request):
        """The event in schema.org terms and its breadcrumb trail (``events.structured_data``, which
        builds on these models and so is imported here)."""
        from events.structured_data import event_structured_data

        return event_structured_data(request, self)


def running_in(year):
    """Events that run in ``year``: an event belongs to every year from its first day to its last
    (the events listing's year filter, and the site search's)."""
    return Q(start_date__year__lte=year, last_day__year__gte=year)


def event_years(events, prefix=""):
    """The years in which some of ``events`` run, as a set, from each distinct first and last year.

    ``prefix`` reaches the event fields from another model's queryset (``"eventpage__"`` on pages).
    """
    spans = (
        events.filter(**{f"{prefix}start_date__isnull": False})
        .values_list(f"{prefix}start_date__year", f"{prefix}last_day__year")
        # Without order_by(), Page's default ordering (path) joins the DISTINCT: a row per event.
        .order_by()
        .distinct()
    )
    return {year for first, last in spans for year in range(first, last + 1)}


def involving_partner(**lookup):
    """Events a partner takes part in: as host venue, as organiser or partner, or on a tour.

    ``involving_partner(slug="hermitage")``; the one place that knows the three relations.
    """
    relations = ("venue_partner", "event_partners__partner", "exhibitionpage__venues__partner")
    return reduce(
        operator.or_,
        (Q(**{f"{relation}__{name}": value for name, value in lookup.items()}) for relation in relations),
    )


def partners_in(events):
    """A Partner condition: taking part in any of ``events`` (a page queryset), by the same relations."""
    from events.models.exhibition import ExhibitionVenue  # exhibition.py builds on this module

    pages = events.values("pk")
    return (
        Q(pk__in=EventPartner.objects.filter(page__in=pages).values("partner"))
        | Q(pk__in=EventPage.objects.filter(pk__in=pages).values("venue_partner"))
        | Q(pk__in=ExhibitionVenue.objects.filter(page__in=pages).values("partner"))
    )


class PartnerRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    PARTNER = "partner", _("Partner")
    CO_SPONSOR = "co_sponsor", _("Co-sponsor")
    AUSPICES = "auspices", _("Under the auspices of")


class EventPartner(TranslatableMixin, Orderable):
    """A partner from the registry taking part in an event; translated pages point to the
    partner's translation."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="event_partners")
    partner = models.ForeignKey(
        "museums.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="event_roles"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )

    panels = [FieldRowPanel([FieldPanel("partner"), FieldPanel("role")])]
    override_translatable_fields = [SynchronizedField("role")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("event partner")
