from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from home.dates import DatePrecision
from museums.context_processors import shown_museum


class NewsFeed(Feed):
    """RSS 2.0 of one museum's news in one language: ``/<lang>/<news>/feed/`` on the museum's host.

    Everything is in the feed's language, the language of the index page it is given: the channel's
    ``<language>``, and its title, the museum's name in that language with the index's title (the
    title every page of the site advertises the feed under, ``home.templatetags.seo_tags``). Django
    adds the ``<atom:link rel="self">`` that feed readers and validators expect.

    Dates are as honest as the news: an item known to the day is published at the start of the
    museum's working day, in Kazakhstan; an item known only to the month or the year has no
    ``<pubDate>`` at all (RSS 2.0 makes it optional), rather than a first of January nobody wrote.
    """

    feed_type = Rss201rev2Feed
    working_day_starts = time(9)

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, index):
        self.language = index.locale.language_code
        return index

    def site_name(self, index):
        museum = shown_museum(self.request)
        return museum.name if museum is not None else index.get_site().site_name

    def title(self, index):
        return f"{self.site_name(index)} — {index.title}"

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.intro or index.title

    def items(self, index):
        return index.news()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS 2.0 reads an item's description as HTML (and only it: titles are plain text), so
        # the summary, plain text, is escaped for "<b>" or "&amp;" to read as typed.
        return escape(item.summary)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        if item.date_precision != DatePrecision.DAY:
            return None
        return timezone.make_aware(datetime.combine(item.date, self.working_day_starts))
