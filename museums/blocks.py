"""Blocks for a museum's identity: opening hours, their exceptions and social links."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

SOCIAL_NETWORKS = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("telegram", "Telegram"),
    ("vk", "VK"),
    ("x", "X"),
    ("tiktok", "TikTok"),
]


# Monday first, as ISO and Babel number them (datetime.date.weekday()).
WEEKDAY_CHOICES = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class OpeningHoursValue(blocks.StructValue):
    @property
    def weekday_numbers(self):
        return sorted(int(day) for day in self.get("weekdays") or [])

    @property
    def label(self):
        """The editor's own label if given, else the days named in the visitor's language."""
        from museums.hours import weekdays_label

        return self.get("days") or weekdays_label(self.weekday_numbers)


class OpeningHoursBlock(blocks.StructBlock):
    """One line of the regular hours: which weekdays, and the times or closed.

    The weekdays are data, so the site can say whether the museum is open now and name the days in
    each language; the optional label is text for translators, for wording the days differently.
    """

    weekdays = blocks.MultipleChoiceBlock(
        label=_("Weekdays"), choices=WEEKDAY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    days = blocks.CharBlock(
        label=_("Days as visitors read them"),
        max_length=100,
        required=False,
        # Text, never None, when a line is built without it: wagtail-localize reads every text block.
        default="",
        help_text=_("Leave empty to name the weekdays ticked above, e.g. “Tuesday – Sunday”."),
    )
    opens = blocks.TimeBlock(label=_("Opens"), required=False)
    closes = blocks.TimeBlock(label=_("Closes"), required=False)
    closed = blocks.BooleanBlock(
        label=_("Closed on these days"),
        required=False,
        help_text=_("Tick for days the museum does not open; the times are then ignored."),
    )

    class Meta:
        icon = "time"
        template = "blocks/opening_hours_block.html"
        value_class = OpeningHoursValue

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value.get("weekdays") and not value.get("days"):
            errors["weekdays"] = ValidationError(_("Tick the weekdays these hours are for."))
        errors.update(times_errors(value))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def times_errors(value):
    """Opening and closing times, unless closed: both given, the closing one later."""
    if value.get("closed"):
        return {}
    opens, closes = value.get("opens"), value.get("closes")
    errors = {}
    if opens is None:
        errors["opens"] = ValidationError(_("Give the opening time or tick Closed."))
    if closes is None:
        errors["closes"] = ValidationError(_("Give the closing time or tick Closed."))
    if opens and closes and closes <= opens:
        errors["closes"] = ValidationError(_("The closing time must be after the opening time."))
    return errors


class HoursExceptionBlock(blocks.StructBlock):
    """A date on which the regular hours do not apply: a public holiday, a shortened day."""

    date = blocks.DateBlock(label=_("Date"))
    closed = blocks.BooleanBlock(label=_("Closed all day"), required=False, default=True)
    opens = blocks.TimeBlock(label=_("Opens"), required=False)
    closes = blocks.TimeBlock(label=_("Closes"), required=False)
    note = blocks.CharBlock(
        label=_("Reason"), max_length=120, required=False, help_text=_("e.g. “Independence Day”.")
    )

    class Meta:
        icon = "date"

    def clean(self, value):
        value = super().clean(value)
        errors = times_errors(value)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class SocialLinkValue(blocks.StructValue):
    @property
    def network_name(self):
        return dict(SOCIAL_NETWORKS).get(self.get("network"), self.get("network"))


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(label=_("Network"), choices=SOCIAL_NETWORKS)
    url = blocks.URLBlock(label=_("Address of the museum's page"))

    class Meta:
        icon = "link-external"
        value_class = SocialLinkValue
