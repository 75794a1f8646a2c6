from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyStreamBlock
from home.structured_data import home_of

from .base import BasePage

VISIT_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class PriceBlock(blocks.StructBlock):
    """One line of the admission prices; the price is text, so "Free" or "1 500 ₸" both read well."""

    label = blocks.CharBlock(label=_("Who or what"), max_length=120, help_text=_("e.g. “Adults”."))
    price = blocks.CharBlock(label=_("Price"), max_length=60, help_text=_("e.g. “1 500 ₸” or “Free”."))
    note = blocks.CharBlock(label=_("Note"), max_length=200, required=False)

    class Meta:
        icon = "tag"


class VisitPage(BasePage):
    """Planning a visit: hours, admission, getting here, accessibility and contacts.

    The hours, address and contacts are the museum's own record (``Museum``), shown here, in the
    footer and on the home page from one place; this page holds what only visitors planning a trip
    need. One per home page and language.
    """

    intro = models.TextField(_("introduction"), blank=True)
    admission = StreamField([("price", PriceBlock())], blank=True, verbose_name=_("admission prices"))
    tickets_url = models.URLField(
        _("tickets link"), blank=True, help_text=_("Where visitors buy tickets online, if they can.")
    )
    getting_here = RichTextField(
        _("getting here"), blank=True, features=VISIT_TEXT_FEATURES, help_text=_("Public transport, parking.")
    )
    accessibility = RichTextField(
        _("accessibility"),
        blank=True,
        features=VISIT_TEXT_FEATURES,
        help_text=_("Step-free access, lifts, toilets, wheelchairs, assistance, quiet hours."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("more information"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("admission"), FieldPanel("tickets_url")], heading=_("Admission")),
        FieldPanel("getting_here"),
        FieldPanel("accessibility"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("getting_here"),
        index.SearchField("accessibility"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("tickets_url"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/home/visit_page.html"

    class Meta:
        verbose_name = _("visit page")
        verbose_name_plural = _("visit pages")

    def structured_data(self, request):
        """The museum (schema.org ``Museum``, with its address and hours) and the breadcrumb trail.
        ``museums`` is imported here, not at the top: ``home`` does not depend on it at import time."""
        from museums.structured_data import museum_json_ld

        museum = museum_json_ld(request, home_of(self))
        return [museum, *super().structured_data(request)] if museum else super().structured_data(request)
