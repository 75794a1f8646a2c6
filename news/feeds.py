from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed


class NewsFeed(Feed):
    """RSS 2.0 of one museum's news in one language: ``/<lang>/<news>/feed/`` on the museum's host.

    The index page it is given is already the one in the request's language, and Django's Feed
    declares the active language in the channel.
    """

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, index):
        return index

    def title(self, index):
        return f"{index.get_site().site_name} — {index.title}"

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.intro or index.title

    def items(self, index):
        return index.news()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        # A date without a time: publish it at the start of the museum's working day, in Kazakhstan.
        return timezone.make_aware(datetime.combine(item.date, time(9)))
