"""``/<language>/search/``: one search page per site and language."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.http import urlencode

from wagtail.models import Locale, Site

from home.page_cache import cacheable
from home.site_cache import page_cached

from . import results
from .forms import MAX_QUERY_LENGTH, SearchForm

PER_PAGE = 10


@cacheable
def search(request):
    """The requesting site's pages in the active language, and the partners its partners page lists.

    A Django view rather than a route on the home page: the site comes from the host name
    (``Site.find_for_request``), the language from the URL prefix. A filter value that makes no sense
    (``kind=xyz``, ``year=abc``) answers 400 with the form's message, as the events listing does;
    odd words only find nothing. Results are never indexed by search engines.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No museum site is served on this host name.")
    locale = Locale.get_active()
    home = site.root_page
    if home.locale_id != locale.pk:
        home = home.get_translation_or_none(locale)
    if home is None or not home.live:
        raise Http404("This site has no published home page in this language.")

    pages = results.site_pages(home)
    years = page_cached(request, home, "search-years", lambda: results.years(pages))
    form = SearchForm(request.GET or None, years=years)
    status, hits = 200, results.Hits()
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        hits = results.search(
            request,
            pages,
            form.words,
            kind=form.cleaned_data["kind"],
            year=form.cleaned_data["year"],
            language=translation.get_language(),
        )
    hits_page = Paginator(hits, PER_PAGE).get_page(request.GET.get("page"))
    cleaned = getattr(form, "cleaned_data", {})
    # The pages' links repeat the search as it was understood: the words as cut, the valid filters.
    kept = {name: cleaned.get(name) for name in ("q", "kind", "year")}
    response = TemplateResponse(
        request,
        "pages/search.html",
        {
            "form": form,
            "search_query": cleaned.get("q", ""),
            "query_was_cut": form.was_cut,
            "max_query_length": MAX_QUERY_LENGTH,
            "hits_page": hits_page,
            "hits": results.describe(request, hits_page.object_list),
            "more_pages": hits.more_pages,
            "max_page_hits": results.MAX_PAGE_HITS,
            "filter_query": urlencode({name: value for name, value in kept.items() if value}),
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
