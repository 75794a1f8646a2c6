"""Blocks for a museum's identity: opening hours and social links."""

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


class OpeningHoursBlock(blocks.StructBlock):
    """One line of the opening hours: which days, and the hours or closed.

    The days label is text for translators ("Tuesday to Sunday"); the times are synchronised.
    """

    days = blocks.CharBlock(label=_("Days"), max_length=100)
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

    def clean(self, value):
        value = super().clean(value)
        if not value.get("closed"):
            opens, closes = value.get("opens"), value.get("closes")
            errors = {}
            if opens is None:
                errors["opens"] = ValidationError(_("Give the opening time or tick Closed."))
            if closes is None:
                errors["closes"] = ValidationError(_("Give the closing time or tick Closed."))
            if opens and closes and closes <= opens:
                errors["closes"] = ValidationError(_("The closing time must be after the opening time."))
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
