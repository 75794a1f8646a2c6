from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.blocks import CaptionedImageBlock
from home.dates import DatePrecision, format_partial_range, validate_year_in_range
from home.panels import InlinePanel
from museums.countries import CountryField, country_name
from museums.localization import attach_shown

from .base import EventPage


class ExhibitionPage(EventPage):
    """An exhibition at the museum, at a partner's, or travelling abroad through many venues.

    A travelling exhibition lists its venues; "The Procession of the Golden Man in the World Museums"
    is one page with all its venues, not a page per venue. Visitors see them by year (the order
    within a year is the editor's, not a claimed itinerary) and the numbers of cities and countries
    counted from them.
    """

    curators = models.CharField(_("curators"), max_length=255, blank=True)
    highlights = RichTextField(
        _("highlights"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("What not to miss."),
    )
    gallery = StreamField([("image", CaptionedImageBlock())], blank=True, verbose_name=_("gallery"))
    is_travelling = models.BooleanField(
        _("travelling exhibition"),
        default=False,
        help_text=_("Shown in several venues, listed below in order."),
    )

    content_panels = EventPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("curators"), FieldPanel("highlights"), FieldPanel("gallery")], heading=_("Exhibition")
        ),
        MultiFieldPanel(
            [FieldPanel("is_travelling"), InlinePanel("venues", label=_("Venue"))], heading=_("Tour")
        ),
    ]
    override_translatable_fields = EventPage.override_translatable_fields + [
        SynchronizedField("is_travelling")
    ]
    template = "pages/events/exhibition_page.html"

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def tour(self):
        """The venues in tour order, each with ``shown_partner``: its host as visitors see it, or
        ``None`` (``museums.localization``); the venue itself is shown either way."""
        # Read once per language and request: the page shows the venues, their figures and groups.
        cache = self.__dict__.setdefault("_tour", {})
        language = translation.get_language()
        if language not in cache:
            cache[language] = attach_shown(self.venues.order_by("sort_order", "pk"), "partner")
        return cache[language]

    def tour_by_year(self):
        """[(heading, [venue, ...])]: one group per year, then venues held at an unknown date, then
        the planned ones without a date."""
        venues = self.tour()
        years = sorted({venue.start_date.year for venue in venues if venue.start_date})
        groups = [
            (str(year), [venue for venue in venues if venue.start_date and venue.start_date.year == year])
            for year in years
        ]
        undated = [venue for venue in venues if not venue.start_date]
        held = [venue for venue in undated if venue.status != VenueStatus.PLANNED]
        planned = [venue for venue in undated if venue.status == VenueStatus.PLANNED]
        if held:
            groups.append((_("Date not known"), held))
        if planned:
            groups.append((_("Planned"), planned))
        return groups

    def tour_figures(self):
        """The cities and countries the exhibition has been shown in, counted from its held venues."""
        venues = self.tour()
        held = [venue for venue in venues if venue.status == VenueStatus.HELD]
        years = [venue.start_date for venue in held if venue.start_date]
        return {
            "cities": len({(venue.city.strip().lower(), venue.country) for venue in held if venue.city}),
            "countries": len({venue.country for venue in held if venue.country}),
            "years": format_partial_range(min(years), "year", max(years), "year") if years else "",
        }


class VenueStatus(models.TextChoices):
    HELD = "held", _("Held")
    PLANNED = "planned", _("Planned")


class ExhibitionVenue(TranslatableMixin, Orderable):
    """One stop of a travelling exhibition."""

    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="venues")
    partner = models.ForeignKey(
        "museums.Partner",
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_exhibitions",
        help_text=_("The partner institution that hosted it, if it is in the registry."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField()
    start_date = models.DateField(_("from"), null=True, blank=True, validators=[validate_year_in_range])
    start_precision = models.CharField(
        _("known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.YEAR
    )
    end_date = models.DateField(_("until"), null=True, blank=True, validators=[validate_year_in_range])
    visitors = models.PositiveIntegerField(_("visitors"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=VenueStatus.choices, default=VenueStatus.HELD
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("partner"), FieldPanel("city"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_precision"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("visitors"), FieldPanel("status")]),
        FieldPanel("note"),
    ]
    override_translatable_fields = [
        SynchronizedField("country"),
        SynchronizedField("start_date"),
        SynchronizedField("start_precision"),
        SynchronizedField("end_date"),
        SynchronizedField("visitors"),
        SynchronizedField("status"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("venue")

    @property
    def dates_display(self):
        return format_partial_range(self.start_date, self.start_precision, self.end_date, DatePrecision.DAY)

    @property
    def country_name(self):
        return country_name(self.country)
