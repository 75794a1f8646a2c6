from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from babel.lists import format_list

from home.blocks import CaptionedImageBlock
from home.dates import DatePrecision, format_partial_range, validate_year_in_range
from home.panels import InlinePanel
from museums.countries import CountryField, country_name
from museums.localization import attach_shown
from museums.maps import BBox, Marker, country_bbox, country_in_view, render_map
from museums.models.coordinates import Coordinates

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

    MAP_LEGEND = [
        ("marker-held", _("City where it was shown")),
        ("marker-planned", _("City where it is planned")),
        ("country-held", _("Country where it was shown")),
        ("country-planned", _("Country where it is planned")),
    ]

    def tour_map(self):
        """The tour on a map, in the active language, from ``tour()`` (no further query), or ``None``.

        Venues with coordinates are markers (held and planned ones differ); the countries of held
        venues are tinted, and a planned venue without coordinates (no city yet) tints its country
        hatched instead. The region is fitted to the markers with a margin; countries it leaves out
        are named under the map (``outside``). The title and description name every place, so the
        map says to a screen reader what it shows; the lists by year stay beside it.

        {"svg": SafeString, "legend": [(key, label)] (what it shows, from ``MAP_LEGEND``), "outside": str}
        """
        venues = self.tour()
        markers = [
            Marker(venue.longitude, venue.latitude, venue.city or venue.country_name, venue.status)
            for venue in venues
            if venue.has_coordinates
        ]
        highlights = {}
        for venue in venues:
            if venue.country and venue.status == VenueStatus.HELD:
                highlights[venue.country] = "held"
        for venue in venues:
            if venue.country and venue.status == VenueStatus.PLANNED and not venue.has_coordinates:
                highlights.setdefault(venue.country, "planned")
        if markers:
            region = BBox.around((marker.lon, marker.lat) for marker in markers)
        else:
            boxes = [box for box in map(country_bbox, highlights) if box]
            if not boxes:
                return None
            region = boxes[0]
            for box in boxes[1:]:
                region = region.union(box)
        region = region.expanded(0.1)

        language = translation.get_language() or "en"
        description = []
        for text, status in (
            (_("Shown in: %(places)s."), VenueStatus.HELD),
            (_("Planned in: %(places)s."), VenueStatus.PLANNED),
        ):
            places = [venue.place_name for venue in venues if venue.status == status]
            if places:
                description.append(str(text % {"places": format_list(places, locale=language)}))
        outside = [country_name(code) for code in highlights if not country_in_view(code, region)]
        shown = {f"marker-{marker.kind}" for marker in markers}
        shown |= {f"country-{kind}" for kind in highlights.values()}
        legend = [(key, label) for key, label in self.MAP_LEGEND if key in shown]
        return {
            "svg": render_map(
                bbox=region,
                title=_("Map of the tour"),
                description=" ".join(description),
                highlights=highlights,
                markers=markers,
                id_prefix="tour-map",
                css_class="map--tour",
            ),
            "legend": legend,
            "outside": format_list(outside, locale=language) if outside else "",
        }

    def tour_timeline(self):
        """The groups of ``tour_by_year()`` along a time axis: [{"heading", "places", "anchor",
        "dated"}]; ``anchor`` is the id of the group's heading in the list by year."""
        return [
            {
                "heading": heading,
                "places": [venue.city or venue.country_name for venue in venues],
                "anchor": f"tour-{number}",
                "dated": str(heading).isdigit(),
            }
            for number, (heading, venues) in enumerate(self.tour_by_year(), start=1)
        ]


class VenueStatus(models.TextChoices):
    HELD = "held", _("Held")
    PLANNED = "planned", _("Planned")


class ExhibitionVenue(TranslatableMixin, Orderable, Coordinates):
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
        Coordinates.panel(),
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
        *Coordinates.SYNCHRONISED,
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("venue")

    @property
    def dates_display(self):
        return format_partial_range(self.start_date, self.start_precision, self.end_date, DatePrecision.DAY)

    @property
    def country_name(self):
        return country_name(self.country)

    @property
    def place_name(self):
        """The place as visitors read it: "Minsk (Belarus)", or the country alone without a city."""
        return f"{self.city} ({self.country_name})" if self.city else self.country_name
