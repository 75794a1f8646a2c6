from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail_localize.fields import SynchronizedField

from events.fields import ChoiceListField
from home.dates import validate_year_in_range
from museums.countries import country_choices

from .base import EventPage


class SessionBlock(blocks.StructBlock):
    """One item of a conference programme."""

    date = blocks.DateBlock(label=_("Date"), validators=[validate_year_in_range])
    start_time = blocks.TimeBlock(label=_("Starts"), required=False)
    end_time = blocks.TimeBlock(label=_("Ends"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    speakers = blocks.CharBlock(label=_("Speakers"), required=False, max_length=255)
    room = blocks.CharBlock(label=_("Room"), required=False, max_length=100)

    class Meta:
        icon = "time"
        template = "blocks/session_block.html"


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    affiliation = blocks.CharBlock(label=_("Affiliation"), required=False, max_length=255)
    country = blocks.ChoiceBlock(label=_("Country"), choices=country_choices, required=False)
    photo = ImageChooserBlock(label=_("Photo"), required=False)
    biography = blocks.TextBlock(label=_("Biography"), required=False)

    class Meta:
        icon = "user"
        template = "blocks/speaker_block.html"


class ConferenceKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    LECTURE = "lecture", _("Lecture")
    FORUM = "forum", _("Forum")


def language_choices():
    return [(code, name) for code, name in settings.LANGUAGES] + [
        ("tr", _("Turkish")),
        ("zh", _("Chinese")),
        ("de", _("German")),
        ("fr", _("French")),
    ]


class ConferencePage(EventPage):
    """A conference, seminar, workshop, lecture or forum, with its programme and speakers.

    Organisers and co-sponsors are the event's partners with those roles.
    """

    conference_kind = models.CharField(
        _("format"), max_length=12, choices=ConferenceKind.choices, default=ConferenceKind.CONFERENCE
    )
    programme = StreamField([("session", SessionBlock())], blank=True, verbose_name=_("programme"))
    speakers = StreamField([("speaker", SpeakerBlock())], blank=True, verbose_name=_("speakers"))
    call_for_papers_deadline = models.DateField(
        _("call for papers deadline"), null=True, blank=True, validators=[validate_year_in_range]
    )
    working_languages = ChoiceListField(_("working languages"), choice_list=language_choices)
    proceedings = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("proceedings"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = EventPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("conference_kind"),
                FieldPanel("working_languages"),
                FieldPanel("call_for_papers_deadline"),
                FieldPanel("proceedings"),
            ],
            heading=_("Conference"),
        ),
        FieldPanel("programme"),
        FieldPanel("speakers"),
    ]
    override_translatable_fields = EventPage.override_translatable_fields + [
        SynchronizedField("conference_kind"),
        SynchronizedField("call_for_papers_deadline"),
        SynchronizedField("working_languages"),
        SynchronizedField("proceedings"),
    ]
    # Its registration form (submissions), as a dotted name: events does not import submissions.
    subpage_types = ["submissions.RegistrationFormPage"]
    template = "pages/events/conference_page.html"

    class Meta:
        verbose_name = _("conference or seminar")
        verbose_name_plural = _("conferences and seminars")

    def working_language_names(self):
        names = dict(language_choices())
        return [str(names.get(code, code)) for code in self.working_languages]
