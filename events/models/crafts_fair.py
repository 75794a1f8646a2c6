from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from events.fields import ChoiceListField
from home.dates import validate_year_in_range
from home.panels import InlinePanel
from museums.blocks import OpeningHoursBlock
from museums.countries import CountryField, country_choices, country_name

from .base import EventPage


class CraftsFairPage(EventPage):
    """A crafts fair such as the international Central Asian Crafts Fair, with its exhibitors."""

    edition = models.CharField(
        _("edition"), max_length=200, blank=True, help_text=_("e.g. the season or theme of this year's fair")
    )
    participating_countries = ChoiceListField(_("participating countries"), choice_list=country_choices)
    daily_hours = StreamField(
        [("hours", OpeningHoursBlock())], blank=True, verbose_name=_("daily opening hours")
    )
    application_opens = models.DateField(
        _("applications open"), null=True, blank=True, validators=[validate_year_in_range]
    )
    application_closes = models.DateField(
        _("applications close"), null=True, blank=True, validators=[validate_year_in_range]
    )
    application_url = models.URLField(_("application link"), blank=True)

    content_panels = EventPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("edition"),
                FieldPanel("participating_countries", widget=forms.SelectMultiple(attrs={"size": 8})),
                FieldPanel("daily_hours"),
            ],
            heading=_("Fair"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("application_opens"), FieldPanel("application_closes")]),
                FieldPanel("application_url"),
            ],
            heading=_("Applications for exhibitors"),
        ),
        InlinePanel("exhibitors", heading=_("Exhibitors"), label=_("Exhibitor")),
    ]
    override_translatable_fields = EventPage.override_translatable_fields + [
        SynchronizedField("participating_countries"),
        SynchronizedField("application_opens"),
        SynchronizedField("application_closes"),
        SynchronizedField("application_url", overridable=False),
    ]
    # Its exhibitor application form (submissions), as a dotted name: events does not import submissions.
    subpage_types = ["submissions.ExhibitorApplicationPage"]
    template = "pages/events/crafts_fair_page.html"

    class Meta:
        verbose_name = _("crafts fair")
        verbose_name_plural = _("crafts fairs")

    def clean(self):
        super().clean()
        if (
            self.application_opens
            and self.application_closes
            and self.application_closes < self.application_opens
        ):
            raise ValidationError({"application_closes": _("Applications cannot close before they open.")})

    def participating_country_names(self):
        return [country_name(code) for code in self.participating_countries]

    def shown_exhibitors(self):
        """The exhibitors with their images and renditions, in two queries however many there are."""
        return self.exhibitors.select_related("image").prefetch_related("image__renditions")


class FairExhibitor(TranslatableMixin, Orderable):
    """An artisan or workshop showing at the fair."""

    page = ParentalKey(CraftsFairPage, on_delete=models.CASCADE, related_name="exhibitors")
    name = models.CharField(_("artisan or workshop"), max_length=255)
    country = CountryField()
    craft = models.CharField(_("craft"), max_length=200, help_text=_("e.g. felt making, jewellery"))
    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("country"), FieldPanel("craft")]),
        FieldPanel("description"),
        FieldPanel("image"),
    ]
    override_translatable_fields = [SynchronizedField("country"), SynchronizedField("image")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("exhibitor")

    @property
    def country_name(self):
        return country_name(self.country)
