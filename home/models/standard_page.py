from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyStreamBlock

from .base import IMAGE_SYNCHRONISED, BasePage, PageImageMixin, image_panel


class StandardPage(PageImageMixin, BasePage):
    """General content: "About the museum", "International relations", visitor information.

    Editors compose the body from the project's block library; standard pages nest to build a
    section (About > History > ...).
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short summary shown under the title and in listings and search results."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and when the page is listed or shared."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        image_panel("image", _("Image")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("image"),
        *IMAGE_SYNCHRONISED,
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "pages/home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
