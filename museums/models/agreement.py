from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, PublishingPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField

from home.dates import DatePrecision, format_partial_date, validate_year_in_range
from home.forms import ModelForm
from museums.localization import ShownLanguageMixin


class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    COOPERATION = "cooperation_agreement", _("Cooperation agreement")
    EXHIBITION = "exhibition_agreement", _("Exhibition agreement")
    RESEARCH = "research_agreement", _("Research agreement")
    OTHER = "other", _("Other agreement")
    # The seeds name many partners a museum "cooperates with" without any agreement: say just that.
    INFORMAL = "cooperation", _("Cooperation without a written agreement")


class Agreement(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    ShownLanguageMixin,
    models.Model,
):
    """An agreement one museum of the network signed with a partner from the shared registry.

    A snippet of its own rather than a row inside the partner: the partner is shared by both museums,
    but an agreement belongs to the museum that signed it, and only that museum's editors keep it
    (``museum`` is what per-museum permissions look at). It has drafts, revisions, moderation and
    locking like the other records, and is translated through wagtail-localize on its own.

    ``partner`` and ``museum`` are synchronised, not re-pointed: every language version names the
    same records, so translating an agreement never creates or touches a partner's or a museum's
    translation, and a translator cannot move an agreement to another partner or museum. Pages show
    them in the visitor's language through ``museums.localization``.
    """

    partner = models.ForeignKey(
        "museums.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
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
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_(
            "Only if the agreement has a name of its own, e.g. the exhibition it covers. For cooperation "
            "without a written agreement: what the museum and the partner work on together."
        ),
    )
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

    base_form_class = ModelForm
    panels = [
        FieldRowPanel([FieldPanel("partner"), FieldPanel("museum")]),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("signed_precision"), FieldPanel("valid_until")]),
        FieldPanel("scope"),
        FieldPanel("document"),
        PublishingPanel(),
    ]
    override_translatable_fields = [
        SynchronizedField("partner", overridable=False),
        SynchronizedField("museum", overridable=False),
        SynchronizedField("signed_on"),
        SynchronizedField("signed_precision"),
        SynchronizedField("valid_until"),
        SynchronizedField("document"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["signed_on", "title"]

    def __str__(self):
        return self.title or f"{self.get_kind_display()}: {self.partner}"

    @property
    def signed_display(self):
        return format_partial_date(self.signed_on, self.signed_precision)

    def clean(self):
        super().clean()
        if self.kind == AgreementKind.INFORMAL and not self.title.strip():
            raise ValidationError(
                {"title": _("Say what the museum and the partner work on together, e.g. “Staff training”.")}
            )
        if self.signed_on and self.valid_until and self.valid_until < self.signed_on:
            raise ValidationError({"valid_until": _("An agreement cannot end before it was signed.")})


class AgreementsPanel(HelpPanel):
    """On the partner's form: its agreements in the partner's language, each linking to its own edit
    view, so editors who knew agreements as rows of the partner find where they went."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = self.agreements_html(self.instance)

        @staticmethod
        def agreements_html(partner):
            if partner.pk is None:
                return format_html(
                    "<p>{}</p>",
                    gettext(
                        "Save the partner first, then add its agreements under Museum network › Agreements."
                    ),
                )
            agreements = Agreement.objects.filter(
                partner__translation_key=partner.translation_key, locale_id=partner.locale_id
            ).select_related("museum")
            items = format_html_join(
                "",
                '<li><a href="{}">{}</a> — {}, {}{}</li>',
                (
                    (
                        reverse("wagtailsnippets_museums_agreement:edit", args=[agreement.pk]),
                        agreement.title or agreement.get_kind_display(),
                        agreement.museum.short_name,
                        agreement.get_kind_display(),
                        "" if agreement.live else format_html(" ({})", gettext("draft")),
                    )
                    for agreement in agreements
                ),
            )
            add_url = reverse("wagtailsnippets_museums_agreement:add")
            add_link = format_html(
                '<p><a class="button button-small button-secondary" href="{}?locale={}">{}</a></p>',
                add_url,
                partner.locale.language_code,
                gettext("Add an agreement"),
            )
            if not items:
                return format_html("<p>{}</p>{}", gettext("No agreements with this partner yet."), add_link)
            return format_html(
                "<p>{}</p><ul>{}</ul>{}",
                gettext("Agreements are records of their own, kept by the museum that signed them:"),
                items,
                add_link,
            )
