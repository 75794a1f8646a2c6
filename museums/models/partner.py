from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.forms import ModelForm
from museums.countries import CountryField, country_name
from museums.localization import ShownLanguageMixin

from .agreement import AgreementsPanel


class PartnerKind(models.TextChoices):
    MUSEUM = "museum", _("Museum")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    UNIVERSITY = "university", _("University")
    LIBRARY_ARCHIVE = "library_archive", _("Library or archive")
    EMBASSY = "embassy", _("Embassy or consulate")
    CULTURAL_CENTRE = "cultural_centre", _("Cultural centre")
    FOUNDATION = "foundation", _("Foundation")
    COMPANY = "company", _("Company")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    GOVERNMENT_BODY = "government_body", _("Government body")


class Partner(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    ShownLanguageMixin,
    index.Indexed,
    models.Model,
):
    """An organisation the museums work with: one record, shared by every museum of the network.

    A translatable snippet with drafts, revisions, moderation and locking, kept by the communications
    editors of both museums. Which museum it belongs to is not a field: a museum's partners are those
    it has signed agreements with (``Agreement``, a snippet of its own that each museum keeps) or
    holds events with, so the State Hermitage Museum appears on both sites from one record. Pages and
    agreements that use a partner keep it from being deleted (see ``wagtail_hooks``).
    """

    name = models.CharField(_("name"), max_length=255, help_text=_("The full official name."))
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("A common abbreviation, e.g. TURKSOY.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_(
            "The last part of the partner's address on the partners page; the same in every language."
        ),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=PartnerKind.choices)
    country = CountryField(
        blank=True, help_text=_("Leave empty for international organisations that belong to no one country.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences on who they are and how we work together."),
    )

    base_form_class = ModelForm
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("country"), FieldPanel("city")]),
                FieldPanel("website"),
                FieldPanel("logo"),
            ],
            heading=_("Organisation"),
        ),
        FieldPanel("description"),
        AgreementsPanel(heading=_("Agreements")),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("kind"),
        index.FilterField("country"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("country"),
        SynchronizedField("website", overridable=False),
        SynchronizedField("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_partner_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def country_name(self):
        return country_name(self.country)
