from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageManager
from wagtail_localize.fields import SynchronizedField

from home.forms import PageForm
from home.privacy import MuseumPageQuerySet
from home.structured_data import breadcrumb_list


class BasePage(Page):
    """What every public page type of the project shares.

    Slugs are synchronised, not translated: a page keeps one slug in all three languages, so switching
    language only swaps the ``/kk/``, ``/ru/``, ``/en/`` prefix, translators never have to invent
    Cyrillic slugs, and links shared in one language stay guessable in the others.
    """

    override_translatable_fields = [SynchronizedField("slug")]
    base_form_class = PageForm
    objects = PageManager.from_queryset(MuseumPageQuerySet)()

    class Meta:
        abstract = True

    def serve_password_required_response(self, request, form, action_url):
        """Wagtail renders the password form with the private page's own context, so ``<head>`` would
        describe the page it guards: its summary, image and JSON-LD. ``private_page`` tells
        ``home.templatetags.seo_tags`` to describe the site instead."""
        response = super().serve_password_required_response(request, form, action_url)
        response.context_data["private_page"] = True
        return response

    def structured_data(self, request):
        """The page's schema.org data as JSON-LD dicts, written into ``<head>`` by
        ``home.templatetags.seo_tags``: its breadcrumb trail. Page types with more to say (the home
        and visit pages, events, news) extend the list."""
        return [breadcrumb_list(request, self)]


class RoutablePage(RoutablePageMixin):
    """A routable page whose sub-routes are dropped from caches with it: ``get_cached_paths`` (which
    Wagtail's front-end cache and ``home.cache_invalidation`` ask) lists every route that takes no
    argument ("calendar/", "feed/") besides the page itself."""

    def get_cached_paths(self):
        paths = ["/"]
        for pattern in self.get_subpage_urls():
            route = str(pattern.pattern)
            if route and "<" not in route and "(" not in route:
                paths.append(route)
        return paths


class PageImageMixin(models.Model):
    """The main image's alternative text, per page and language, or an explicit "decorative".

    The image library's description is one text in one language; what an image says on a page
    depends on the page, and visitors read it in kk, ru or en, so the page carries its own alt text
    (translated through wagtail-localize like the rest of the page). An editor must either describe
    the image or say it is decorative; templates use ``image_alt_text``. ``image_field`` names the
    page's image foreign key.
    """

    image_field = "image"

    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for visitors who cannot see it. Leave empty only if decorative."),
    )
    image_decorative = models.BooleanField(
        _("the image is decorative"),
        default=False,
        help_text=_("Tick if the image adds nothing a visitor needs to know; screen readers then skip it."),
    )

    image_credit = models.CharField(
        _("image credit"),
        max_length=200,
        blank=True,
        help_text=_("Photographer, collection or rights holder, e.g. “Photo: NMRK archive”."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        has_image = getattr(self, f"{self.image_field}_id", None) is not None
        if has_image and not self.image_decorative and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for visitors who cannot see it, or tick “decorative”.")}
            )

    @property
    def image_alt_text(self):
        return "" if self.image_decorative else self.image_alt

    @property
    def main_image(self):
        return getattr(self, self.image_field)


def image_panel(field_name, heading):
    """The image chooser with its alt text and the decorative box, as one group in the editor."""
    return MultiFieldPanel(
        [
            FieldPanel(field_name),
            FieldPanel("image_alt"),
            FieldPanel("image_decorative"),
            FieldPanel("image_credit"),
        ],
        heading=heading,
    )


IMAGE_SYNCHRONISED = [SynchronizedField("image_decorative")]


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
