from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_unicode_re
from django.db import models
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.models import EventPage
from home.blocks import BodyStreamBlock
from home.dates import DatePrecision, format_partial_date, validate_year_in_range
from home.forms import ModelForm
from home.models import IMAGE_SYNCHRONISED, BasePage, PageImageMixin, RoutablePage, SectionPage, image_panel
from home.panels import InlinePanel
from museums.localization import (
    ShownLanguageMixin,
    attach_shown,
    best_shown,
    display_languages,
    shown_queryset,
)


class Topic(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    ShownLanguageMixin,
    index.Indexed,
    models.Model,
):
    """A subject news items are filed under ("Travelling exhibitions", "Crafts"), shared by the news
    of both museums.

    It replaces free tags, which could not be translated. Communications editors create topics in
    English; translators translate the name through wagtail-localize; the museums' moderators
    publish, as for partners (``editorial.roles``). The slug is synchronised and cannot be
    overridden, so the filter link ``<news index>?topic=<slug>`` is the same in every language. News
    items name topics with ``NewsPageTopic`` rows, which wagtail-localize re-points to the topic's
    translation; visitors see a topic by the policy of ``museums.localization`` (in their language
    when that translation is live, else in English marked ``lang="en"``, else not at all). No
    locking: a topic is one name, edited in a moment.
    """

    name = models.CharField(
        _("name"), max_length=100, help_text=_("As visitors read it under a news item, e.g. “Crafts”.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_(
            "The topic's part of the news filter address (news/?topic=crafts); the same in every language."
        ),
    )

    base_form_class = ModelForm
    panels = [FieldPanel("name"), FieldPanel("slug"), PublishingPanel()]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The form leaves the locale out, so Django does not check the constraint above; say it here
        # rather than fail on saving.
        super().clean()
        if self.locale_id is None or not self.slug:
            return
        taken = Topic.objects.filter(locale_id=self.locale_id, slug=self.slug).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError({"slug": _("Another topic in this language has this slug.")})

    @classmethod
    def shown_by_slug(cls, slug):
        """The topic a filter link names, as visitors see it (``museums.localization``), or ``None``
        for a slug no live topic has. One query, none for a string that cannot be a slug."""
        if not slug or len(slug) > 100 or not slug_unicode_re.match(slug):
            return None
        return shown_queryset(cls.objects.filter(slug=slug)).first()


class NewsIndexPage(RoutablePage, SectionPage):
    """A museum's news, newest first, with an RSS feed per site and language at ``feed/``.

    ``?topic=<slug>`` lists the news filed under one topic; the slug is the same in every language.
    ``?tag=<slug>`` is read the same way, so links from before topics (whose tags became topics with
    the same slugs) keep working.
    """

    per_page = 10
    subpage_types = ["news.NewsPage"]
    template = "pages/news/news_index_page.html"

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")
        )

    @path("")
    def index_route(self, request):
        items = self.news()
        slug = request.GET.get("topic") or request.GET.get("tag") or ""
        topic = Topic.shown_by_slug(slug) if slug else None
        if topic is not None:
            # By translation key: a row may name the topic in any language.
            filed = NewsPageTopic.objects.filter(topic__translation_key=topic.translation_key)
            items = items.filter(pk__in=filed.values("page_id"))
        elif slug:
            items = items.none()
        news_page = Paginator(items, self.per_page).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "news_page": news_page,
                "topic": topic,
                "topic_slug": slug,
                "filter_query": urlencode({"topic": topic.slug}) if topic else "",
            },
        )

    @path("feed/", name="feed")
    def feed_route(self, request):
        from news.feeds import NewsFeed

        return NewsFeed()(request, index=self)


class NewsPage(PageImageMixin, BasePage):
    """One news item, written by a museum's communications editors.

    Topics, related events and related partners are shown in the visitor's language, each by the
    policy of ``museums.localization``.
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

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("date_precision")], heading=_("Date")),
        FieldPanel("summary"),
        image_panel("image", _("Image")),
        FieldPanel("body"),
        InlinePanel("topics", heading=_("Topics"), label=_("Topic")),
        InlinePanel("related_events", heading=_("Related events"), label=_("Event")),
        InlinePanel("related_partners", heading=_("Related partners"), label=_("Partner")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("date"),
        SynchronizedField("date_precision"),
        SynchronizedField("image"),
        *IMAGE_SYNCHRONISED,
    ]
    # The public API's pages endpoint (api/): the date with its precision and as read in the item's
    # language, and the summary.
    api_fields = [
        APIField("date"),
        APIField("date_precision"),
        APIField("date_display"),
        APIField("summary"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "pages/news/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    og_type = "article"  # Open Graph's type for link previews (home.templatetags.seo_tags)

    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)

    def structured_data(self, request):
        """The item as a schema.org ``NewsArticle`` and its breadcrumb trail (``news.structured_data``)."""
        from news.structured_data import news_structured_data

        return news_structured_data(request, self)

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

    def shown_topics(self):
        """The item's topics as visitors see them (``museums.localization``), in the editor's order,
        each once: two queries whatever their number."""
        shown = {}
        for row in attach_shown(self.topics.all(), "topic"):
            if row.shown_topic is not None:
                shown.setdefault(row.shown_topic.translation_key, row.shown_topic)
        return list(shown.values())


class NewsPageTopic(TranslatableMixin, Orderable):
    """A topic a news item is filed under; a translated item's row names the topic's translation."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+")
    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("news topic")


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
