"""Wagtail's API v2 endpoints (pages, images, documents), narrowed to what one museum site publishes.

Wagtail's viewsets are used as they are, with five changes that make them safe for a public,
per-site API:

- **One site, the requesting host's.** Wagtail's ``?site=`` parameter would let csm.localhost list
  NMRK's pages; it is not accepted (400), and the base queryset is built from the request's own site
  (its home page and the home page's translations), for the listing and the detail view alike.
- **Live and public only.** ``live().public()``: drafts, and every page in a section with a view
  restriction (password, login, groups), are absent whoever asks; the API has no sessions.
- **Media of this museum.** Images and documents come from the site's museum collection (and the
  collections below it) plus those in the root collection, which only the network's administrators
  can upload to and which holds what both sites share; never the other museum's collection. Wagtail
  itself leaves out collections under a view restriction the request has not passed; here they are
  left out for everyone.
- **Known languages.** ``?locale=`` outside ``WAGTAIL_CONTENT_LANGUAGES`` is a 400, not Wagtail's 404,
  and each page is serialised in its own language (its display strings: dates, labels).
- **Bad parameters are 400s.** What Wagtail hands to the database unchecked is checked first: a
  field filter's value that is no date or time, a search with a NUL or an operator other than
  ``and``/``or``; and an offset past the last item is an empty page, never a query with an offset
  the database cannot hold.

Answers are JSON only; every error is ``{"message": ...}`` (``api/openapi.json``, ``Error``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise

from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, Site

from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from editorial.roles import MUSEUMS, site_museum_code
from home import page_cache


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def requested_locale(request, default=None):
    """The Locale ``?locale=`` names, ``default`` without the parameter; a 400 for any other code."""
    code = request.GET.get("locale")
    if code is None:
        return default
    locale = Locale.objects.filter(language_code=code).first() if code in content_languages() else None
    if locale is None:
        raise BadRequestError(f"unknown locale {code!r}: use one of {', '.join(content_languages())}")
    return locale


def site_roots(site):
    """The site's home page in every language, as a page queryset (none without a site)."""
    if site is None:
        return Page.objects.none()
    return site.root_page.get_translations(inclusive=True)


def site_collections(site):
    """The collections whose media the site shows: its museum's own (with the collections below it)
    and the root collection, less every collection under a view restriction, whoever asks (like
    ``public()`` for pages: the answer never depends on a session that entered a password). Looked
    up, never created: a GET changes nothing."""
    root = Collection.get_first_root_node()
    if site is None or root is None:
        return Collection.objects.none()
    wanted = Q(pk=root.pk)
    code = site_museum_code(site)
    own = root.get_children().filter(name=MUSEUMS[code]).first() if code in MUSEUMS else None
    if own is not None:
        wanted |= Q(path__startswith=own.path)
    collections = Collection.objects.filter(wanted)
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        collections = collections.exclude(path__startswith=path)
    return collections


def _plain(value):
    """Lazy translations as text now, while the item's language is active (not at rendering)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class SitePagination(WagtailPagination):
    """Wagtail's ``limit``/``offset``, with an offset at or past the total answered by an empty page
    without reading the items: PostgreSQL refuses an offset beyond a bigint (a 500 otherwise)."""

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        if int(request.GET.get("offset", 0)) >= self.total_count:  # validated by Wagtail above
            return []
        return page


class PublicEndpointMixin:
    """What every endpoint of the public API shares: anonymous (no session, and no password guessing
    through Basic authentication), JSON only, listing and detail (no ``find/``), one error shape."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = SitePagination

    @classmethod
    def get_urlpatterns(cls):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "find"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Past the throttle: an answer may be kept by the page cache (home.page_cache).
        page_cache.mark_cacheable(request._request)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        # DRF's own answers (405, 429) say {"detail": ...}; Wagtail's say {"message": ...}: one shape.
        if isinstance(response.data, dict) and set(response.data) == {"detail"}:
            response.data = {"message": str(response.data["detail"])}
        return response


class KnownLocaleFilter(BaseFilterBackend):
    """``?locale=kk|ru|en``: the pages in that language. Replaces Wagtail's ``LocaleFilter``, which
    answers an unknown code with a 404."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        queryset = queryset.filter(locale=requested_locale(request))
        if child_of:
            queryset._filtered_by_child_of = child_of
        return queryset


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (``?title=``, ``?date=``), with a value the field cannot hold (a date
    that is no date, a time that is no time) a 400 like Wagtail's for a number that is none; Wagtail
    checks numbers and booleans, and Django raises the others' errors while building the query."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as error:
            raise BadRequestError(f"field filter error. {' '.join(error.messages)}") from error


class CheckedSearchFilter(SearchFilter):
    """Wagtail's ``?search=``, with what it passes on unchecked refused with a 400: a NUL, which
    PostgreSQL cannot take in a string, and an operator the search backend does not know."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            if "\x00" in request.GET["search"]:
                raise BadRequestError("search error. null characters are not allowed")
            if request.GET.get("search_operator", "and") not in ("and", "or"):
                raise BadRequestError("search_operator must be 'and' or 'or'")
        return super().filter_queryset(request, queryset, view)


CHECKED_FILTERS = {
    FieldsFilter: CheckedFieldsFilter,
    SearchFilter: CheckedSearchFilter,
    LocaleFilter: KnownLocaleFilter,
}


def checked(filter_backends):
    """Wagtail's filter backends, each replaced by its checked version above where it has one."""
    return [CHECKED_FILTERS.get(backend, backend) for backend in filter_backends]


class PageInItsLanguageSerializer(PageSerializer):
    """A page with its display strings (``dates_display``...) in the page's own language."""

    def to_representation(self, instance):
        with translation.override(instance.locale.language_code):
            return _plain(super().to_representation(instance))


class SitePagesEndpoint(PublicEndpointMixin, PagesAPIViewSet):
    base_serializer_class = PageInItsLanguageSerializer
    filter_backends = checked(PagesAPIViewSet.filter_backends)
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"site"}

    def get_base_queryset(self):
        site = Site.find_for_request(self.request)
        queryset = Page.objects.live().public()
        in_site = Q()
        for root in site_roots(site):
            in_site |= Q(path__startswith=root.path)
        return queryset.filter(in_site) if in_site else queryset.none()

    def get_queryset(self):
        return super().get_queryset().select_related("locale")

    def get_root_page(self):
        """``child_of=root`` and the like: the site's home page (Wagtail's fails on a host with no site)."""
        site = Site.find_for_request(self.request)
        if site is None:
            raise Http404("no museum site is served on this host name")
        return site.root_page


class SiteImagesEndpoint(PublicEndpointMixin, ImagesAPIViewSet):
    filter_backends = checked(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        collections = site_collections(Site.find_for_request(self.request))
        return super().get_queryset().filter(collection__in=collections)


class SiteDocumentsEndpoint(PublicEndpointMixin, DocumentsAPIViewSet):
    filter_backends = checked(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        collections = site_collections(Site.find_for_request(self.request))
        return super().get_queryset().filter(collection__in=collections)
