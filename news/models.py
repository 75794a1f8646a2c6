from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.models import EventPage
from home.blocks import BodyStreamBlock
from home.dates import DatePrecision, format_partial_date, validate_year_in_range
from home.models import BasePage, SectionPage
from home.panels import InlinePanel
from museums.localization import attach_shown, best_shown, display_languages


class NewsIndexPage(RoutablePageMixin, SectionPage):
    """A museum's news, newest first, with an RSS feed per site and language at ``feed/``."""

    per_page = 10
    subpage_types = ["news.NewsPage"]
    template = "pages/news/news_index_page.html"

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        return (
            NewsPage.objects.child_of(self).live().public().select_related("image").order_by("-date", "-pk")
        )

    @path("")
    def index_route(self, request):
        items = self.news()
        tag = request.GET.get("tag")
        if tag:
            items = items.filter(tags__slug=tag)
        news_page = Paginator(items, self.per_page).get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"news_page": news_page, "tag": tag})

    @path("feed/", name="feed")
    def feed_route(self, request):
        from news.feeds import NewsFeed

        return NewsFeed()(request, index=self)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(BasePage):
    """One news item, written by a museum's communications editors.

    Tags are shared words for grouping (they are not translated, like keywords); related events and
    partners link to their translations in the visitor's language.
    """

    date = models.DateField(_("date"), validators=[validate_year_in_range])
    date_precision = models.CharField(
        _("date known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences for the listing and the feed.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("date_precision")], heading=_("Date")),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("related_events", heading=_("Related events"), label=_("Event")),
        InlinePanel("related_partners", heading=_("Related partners"), label=_("Partner")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("date"),
        SynchronizedField("date_precision"),
        SynchronizedField("image"),
        SynchronizedField("tags"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "pages/news/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)

    def related_event_pages(self):
        """The related events to show, in a fixed number of queries: each in this item's language
        when that translation is live, else its live source-language page (templates mark its
        language), else left out. A draft is never linked, as for partners (``museums.localization``)."""
        chosen = list(self.related_events.select_related("event").order_by("sort_order"))
        keys = [item.event.translation_key for item in chosen]
        found = best_shown(
            EventPage.objects.filter(translation_key__in=keys, locale__language_code__in=display_languages())
            .live()
            .public()
            .select_related("locale")
        )
        return [found[key] for key in dict.fromkeys(keys) if key in found]

    def shown_related_partners(self):
        """The related partners to show (``museums.localization``), each row with ``shown_partner``."""
        rows = attach_shown(self.related_partners.all(), "partner")
        return [row for row in rows if row.shown_partner is not None]


class NewsRelatedEvent(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_events")
    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("event")]


class NewsRelatedPartner(TranslatableMixin, Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_partners")
    partner = models.ForeignKey(
        "museums.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    panels = [FieldPanel("partner")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("related partner")
