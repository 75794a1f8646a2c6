from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.dates import DatePrecision, format_partial_date, validate_year_in_range
from home.forms import ModelForm
from home.panels import InlinePanel
from museums.countries import CountryField, country_name


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


class Partner(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """An organisation the museums work with: one record, shared by every museum of the network.

    A translatable snippet with drafts and revisions, kept by the communications editors of both
    museums. Which museum it belongs to is not a field: a museum's partners are those it has signed
    agreements with or holds events with, so the State Hermitage Museum appears on both sites from
    one record. Pages that use a partner keep it from being deleted (see ``wagtail_hooks``).
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
        InlinePanel("agreements", heading=_("Agreements"), label=_("Agreement")),
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


class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    COOPERATION = "cooperation_agreement", _("Cooperation agreement")
    EXHIBITION = "exhibition_agreement", _("Exhibition agreement")
    RESEARCH = "research_agreement", _("Research agreement")
    OTHER = "other", _("Other agreement")
    # The seeds name many partners a museum "cooperates with" without any agreement: say just that.
    INFORMAL = "cooperation", _("Cooperation without a written agreement")


class PartnerAgreement(TranslatableMixin, Orderable):
    """An agreement a museum of the network signed with the partner."""

    partner = ParentalKey(Partner, on_delete=models.CASCADE, related_name="agreements")
    museum = models.ForeignKey(
        "museums.Museum",
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="agreements",
        help_text=_("The museum of the network that signed the agreement."),
    )
    kind = models.CharField(
        _("kind"), max_length=40, choices=AgreementKind.choices, default=AgreementKind.COOPERATION
    )
    title = models.CharField(_("title"), max_length=255)
    signed_on = models.DateField(
        _("signed on"),
        null=True,
        blank=True,
        validators=[validate_year_in_range],
        help_text=_("Leave empty if the date is not known."),
    )
    signed_precision = models.CharField(
        _("signing date known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "For a date known only to the month or year, enter its first day and choose Month or Year."
        ),
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=[validate_year_in_range]
    )
    scope = models.TextField(_("scope"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("museum"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("signed_precision"), FieldPanel("valid_until")]),
        FieldPanel("scope"),
        FieldPanel("document"),
    ]
    override_translatable_fields = [
        SynchronizedField("signed_on"),
        SynchronizedField("signed_precision"),
        SynchronizedField("valid_until"),
        SynchronizedField("document"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.title

    @property
    def signed_display(self):
        return format_partial_date(self.signed_on, self.signed_precision)

    def clean(self):
        super().clean()
        if self.signed_on and self.valid_until and self.valid_until < self.signed_on:
            raise ValidationError({"valid_until": _("An agreement cannot end before it was signed.")})
