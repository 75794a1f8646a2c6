"""A news item as a schema.org ``NewsArticle``, published by its museum.

``datePublished`` is the item's date as precisely as it is known (``"2014"`` for news known only to
the year, ``home.structured_data.iso_partial``); ``dateModified`` is when the page was last published,
which the site does know to the second.
"""

from home.structured_data import SCHEMA, breadcrumb_list, home_of, image_url, iso_partial, share_rendition
from museums.context_processors import shown_museum
from museums.structured_data import organization


def news_article_json_ld(request, page):
    url = page.get_full_url(request)
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": page.title,
        "description": " ".join((page.search_description or page.summary).split()),
        "datePublished": iso_partial(page.date, page.date_precision),
        "inLanguage": page.locale.language_code,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    image = image_url(request, share_rendition(request, page))
    if image:
        data["image"] = [image]
    museum = shown_museum(request)
    home = home_of(page)
    if museum is not None and home is not None:
        data["publisher"] = organization(request, museum, home)
        data["author"] = data["publisher"]
    return data


def news_structured_data(request, page):
    """What a news item says to search engines: the article, then its breadcrumb trail."""
    return [news_article_json_ld(request, page), breadcrumb_list(request, page)]
