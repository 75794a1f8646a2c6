from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from home.forms import PageForm


class BasePage(Page):
    """What every public page type of the project shares.

    Slugs are synchronised, not translated: a page keeps one slug in all three languages, so switching
    language only swaps the ``/kk/``, ``/ru/``, ``/en/`` prefix, translators never have to invent
    Cyrillic slugs, and links shared in one language stay guessable in the others.
    """

    override_translatable_fields = [SynchronizedField("slug")]
    base_form_class = PageForm

    class Meta:
        abstract = True


class SectionPage(BasePage):
    """A section of a museum's site directly under its home page (events, partners, news).

    One of each per home page and language; its children or routes are the section's content.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True
