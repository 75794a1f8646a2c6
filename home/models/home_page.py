from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyStreamBlock

from .base import IMAGE_SYNCHRONISED, BasePage, PageImageMixin, image_panel


class HomePage(PageImageMixin, BasePage):
    """The root of one museum's site in one language.

    Each Wagtail Site points at its English home page; the Kazakh and Russian home pages are its
    wagtail-localize translations (siblings under the tree root), so there is one home page per
    site and locale. Communications editors edit the introduction and the body.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the museum's name at the top of the home page."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide photograph of the museum or a highlight of the collection."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        image_panel("hero_image", _("Hero image")),
        FieldPanel("body"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("hero_image"),
        *IMAGE_SYNCHRONISED,
    ]

    parent_page_types = ["wagtailcore.Page"]
    # Dotted names only: home imports nothing from the apps that add sections under it.
    subpage_types = [
        "home.StandardPage",
        "home.VisitPage",
        "events.EventIndexPage",
        "events.PartnerIndexPage",
        "news.NewsIndexPage",
        "submissions.ContactFormPage",
    ]
    template = "pages/home/home_page.html"
    image_field = "hero_image"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    # How many current and upcoming events, and news items, the home page shows.
    on_now_count = 4
    news_count = 3

    def route(self, request, path_components):
        """Every page below in two queries instead of two per level (``home.routing``)."""
        if not path_components:
            return super().route(request, path_components)
        from home.routing import route

        return route(self, request, path_components)

    def sections(self, request):
        """The live, public pages under this home page, as their own types. They change only with a
        page of the menu's level, which renews the whole site's cache (``home.site_cache``)."""
        from home.site_cache import site_cached

        return site_cached(
            request, f"home-sections:{self.pk}", lambda: list(self.get_children().live().public().specific())
        )

    def section(self, request, model):
        """The first of :meth:`sections` that is a ``model`` page, or ``None``."""
        return next((page for page in self.sections(request) if isinstance(page, model)), None)

    def get_context(self, request, *args, **kwargs):
        """What is on now and next, the latest news and the visit page, all in this page's language.

        The events and news models live in apps that add sections under the home page; they are
        imported here, not at the top, so that ``home`` does not depend on them at import time.
        """
        from events.models import EventIndexPage, EventPage
        from events.models.index import InOrder
        from home.site_cache import page_cached
        from museums.localization import attach_shown
        from news.models import NewsPage

        from .visit_page import VisitPage

        context = super().get_context(request, *args, **kwargs)
        sections = self.sections(request)
        today = timezone.localdate()

        # Which events and news items the page shows is kept under this page's address token, which
        # every change of a page below it renews (``home.cache_invalidation``), and per day for the
        # events: picking them sorts every event or news item of the museum, the one part of the
        # page that grew with them (about 20 ms at 5,000 events and 2,000 news items).
        def on_now_ids():
            events = EventPage.objects.descendant_of(self).live().public()
            on_now = events.filter(start_date__isnull=False, last_day__gte=today)
            soonest = on_now.order_by("start_date", "title").values_list("pk", flat=True)
            return list(soonest[: self.on_now_count])

        def news_ids():
            news = NewsPage.objects.descendant_of(self).live().public().order_by("-date", "-pk")
            return list(news.values_list("pk", flat=True)[: self.news_count])

        on_now = page_cached(request, self, f"home-on-now:{today.isoformat()}", on_now_ids)
        news = page_cached(request, self, "home-news", news_ids)
        cards = EventPage.objects.select_related("hero_image").prefetch_related("hero_image__renditions")
        context.update(
            on_now=attach_shown(InOrder(on_now, cards)[:], "venue_partner"),
            latest_news=InOrder(news, NewsPage.objects.select_related("image"))[:],
            sections=sections,
            events_index=self.section(request, EventIndexPage),
            visit_page=self.section(request, VisitPage),
        )
        return context

    def structured_data(self, request):
        """The museum (schema.org ``Museum``) and nothing else: a home page has no breadcrumb trail.
        Built in ``museums``, imported here for the reason ``get_context`` gives."""
        from museums.structured_data import museum_json_ld

        museum = museum_json_ld(request, self, page=self)
        return [museum] if museum else []
