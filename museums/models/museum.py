from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField

from home.forms import ModelForm
from museums.blocks import HoursExceptionBlock, OpeningHoursBlock, SocialLinkBlock
from museums.countries import country_name
from museums.hours import MuseumHours
from museums.localization import ShownLanguageMixin, shown_records
from museums.maps import BBox, Marker, country_bbox, openstreetmap_url, render_map

from .coordinates import Coordinates

# The network's museums are in Kazakhstan: their maps show it highlighted, the museum marked.
HOME_COUNTRY = "KZ"


class Museum(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    ShownLanguageMixin,
    Coordinates,
    models.Model,
):
    """A museum of the network as an institution: its name, contacts and visiting hours.

    A translatable snippet, one record per museum and language, edited by the museum's
    communications editors (with moderation and locking, like every shared record) and translated
    through wagtail-localize. Each Wagtail Site chooses its museum in ``MuseumSiteSettings``;
    templates receive it, already in the visitor's language, as ``museum`` (see
    ``museums.context_processors``).
    """

    code = models.SlugField(
        _("code"),
        max_length=20,
        help_text=_("A short fixed identifier such as “nmrk”; the same in every language."),
    )
    name = models.CharField(
        _("official name"),
        max_length=255,
        help_text=_("The full official name, e.g. National Museum of the Republic of Kazakhstan."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        help_text=_("The abbreviation used in the header, e.g. NMRK."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header; a PNG or WebP with a transparent background."),
    )
    city = models.CharField(_("city"), max_length=100)
    address = models.TextField(_("address"), help_text=_("Street address as visitors should read it."))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())],
        blank=True,
        verbose_name=_("opening hours"),
        help_text=_("One line per group of days, in the order visitors should read them."),
    )
    hours_exceptions = StreamField(
        [("exception", HoursExceptionBlock())],
        blank=True,
        verbose_name=_("exceptions to the opening hours"),
        help_text=_("Public holidays and other dates with other hours; they override the weekly hours."),
    )
    visit_details_confirmed = models.BooleanField(
        _("address and opening hours confirmed"),
        default=True,
        help_text=_(
            "Untick while the address or the opening hours still need checking: the site then shows "
            "them marked “not yet confirmed”, so no visitor takes them as fact."
        ),
    )
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, verbose_name=_("social links"))
    reuse_notice = models.TextField(
        _("notice on reusing material"),
        blank=True,
        help_text=_("Shown in the footer, e.g. asking users to link to the source when they reuse it."),
    )

    base_form_class = ModelForm
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code"), FieldPanel("logo")],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("city"),
                FieldPanel("address"),
                Coordinates.panel(),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contacts"),
        ),
        FieldPanel("opening_hours"),
        FieldPanel("hours_exceptions"),
        FieldPanel("visit_details_confirmed"),
        FieldPanel("social_links"),
        FieldPanel("reuse_notice"),
        PublishingPanel(),
    ]

    override_translatable_fields = [
        SynchronizedField("code"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("logo"),
        SynchronizedField("visit_details_confirmed"),
        *Coordinates.SYNCHRONISED,
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("museum")
        verbose_name_plural = _("museums")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_museum_code_per_locale")
        ]

    def __str__(self):
        return self.name

    @cached_property
    def hours(self):
        """The week, its exceptions and "open now", in Kazakhstan time (``museums.hours``)."""
        return MuseumHours(self)

    def location_map(self):
        """The visit page's map: Kazakhstan highlighted, a marker at the museum with its city's name,
        in the active language; ``""`` without coordinates. No query (``museums.maps``)."""
        if not self.has_coordinates:
            return ""
        country = country_name(HOME_COUNTRY)
        region = country_bbox(HOME_COUNTRY).union(BBox.around([(self.longitude, self.latitude)]))
        return render_map(
            bbox=region.expanded(0.08),
            title=_("%(museum)s on the map") % {"museum": self.short_name},
            description=_("A map of %(country)s with a marker at %(city)s, where the museum is.")
            % {"country": country, "city": self.city},
            highlights={HOME_COUNTRY: "home"},
            markers=[Marker(self.longitude, self.latitude, self.city, "museum")],
            id_prefix="location-map",
            css_class="map--location",
        )

    @property
    def openstreetmap_url(self):
        return openstreetmap_url(self.latitude, self.longitude) if self.has_coordinates else ""

    @classmethod
    def in_active_language(cls, museum_id):
        """The record of museum ``museum_id`` to show: live in the active language, else live in the
        source language, else ``None`` (``museums.localization``, the policy for every snippet).

        One query, whatever record ``museum_id`` names; never a bare ``.first()``: the record is
        chosen by translation key and locale.
        """
        return shown_records(cls, [museum_id], select_related=("logo",)).get(museum_id)


@register_setting(icon="home")
class MuseumSiteSettings(BaseSiteSetting):
    """Which museum a Wagtail Site presents, and in which theme.

    Not translatable itself: it points at the museum, whose texts are translated.
    """

    museum = models.ForeignKey(
        Museum,
        verbose_name=_("museum"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The museum this site belongs to; its name and contacts fill the header and footer."),
    )
    theme = models.CharField(
        _("theme"),
        max_length=30,
        choices=list(settings.MUSEUM_THEMES.items()),
        default=next(iter(settings.MUSEUM_THEMES)),
        help_text=_("The colours and typography of this site."),
    )

    base_form_class = ModelForm
    panels = [FieldPanel("museum"), FieldPanel("theme")]

    class Meta:
        verbose_name = _("museum site settings")
