"""The API's own listings: a site's events and its museum's partners, in one language.

They stand on Wagtail's ``BaseAPIViewSet`` rather than on a bare DRF viewset so that they answer like
the pages, images and documents endpoints beside them: the same ``limit``/``offset`` pagination with
``meta.total_count`` (``WagtailPagination``, at most ``WAGTAILAPI_LIMIT_MAX``), the same 400 for an
unknown query parameter, the same ``{"message": ...}`` errors and the same throttling. What they list
is what the site's events page and partners page list, by the same code: the pages' own querysets,
the listing's filter forms (``EventFilterForm``, ``PartnerFilterForm``), whose errors a 400 returns
as JSON, and the snippet policy of ``museums.localization``.
"""

from collections import defaultdict

from django.utils import translation

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from rest_framework import status
from rest_framework.response import Response

from events.filters import EventFilterForm
from events.models import EventIndexPage, EventPage, PartnerIndexPage
from events.models.index import InOrder
from events.models.partners import PartnerFilterForm
from home.routing import cached_site
from home.site_cache import site_cached
from museums.context_processors import shown_museum
from museums.localization import attach_shown, shown_queryset
from museums.models import Agreement, Partner

from .endpoints import PublicEndpointMixin, requested_locale, site_roots
from .serializers import EventSerializer, PartnerSerializer, event_countries


class InvalidFilter(Exception):
    def __init__(self, form):
        super().__init__("invalid filter")
        self.errors = {
            field: [str(message) for message in messages] for field, messages in form.errors.items()
        }


class ListingEndpoint(PublicEndpointMixin, BaseAPIViewSet):
    """A listing of one site in one language: ``?locale=`` (default ``LANGUAGE_CODE``), filters
    (``filter_parameters``), ``limit``/``offset``. Subclasses give ``items(site, home, request)``:
    the filtered queryset, with the context the serializer needs."""

    serializer_class = None
    filter_parameters = frozenset()

    def check_query_parameters(self, queryset=None):
        allowed = {"limit", "offset", "locale"} | self.filter_parameters
        unknown = set(self.request.GET) - allowed
        if unknown:
            names = ", ".join(sorted(unknown))
            raise BadRequestError(f"query parameter is not an operation or a recognised field: {names}")

    def handle_exception(self, exc):
        if isinstance(exc, InvalidFilter):
            return Response({"message": str(exc), "errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)

    def listing_view(self, request):
        self.check_query_parameters()
        locale = requested_locale(request, default=Locale.get_default())  # LANGUAGE_CODE's
        site = cached_site(request)
        home = (
            site_cached(
                request,
                f"api-home:{locale.pk}",
                lambda: getattr(site_roots(site).filter(locale=locale).live().first(), "specific", None),
            )
            if site is not None
            else None
        )
        with translation.override(locale.language_code):
            queryset, context = self.items(site, home, request)
            page = list(self.paginate_queryset(queryset))
            context = {"request": request, **context, **self.page_context(page, context)}
            data = self.serializer_class(page, many=True, context=context).data
        return self.get_paginated_response(data)

    def items(self, site, home, request):
        raise NotImplementedError

    def page_context(self, page, context):
        """What the serializer needs for one page of items, read for all of them at once."""
        return {}

    @staticmethod
    def filtered(form, queryset):
        if form.is_bound and not form.is_valid():
            raise InvalidFilter(form)
        return form.filter(queryset) if form.is_bound else queryset


class EventsEndpoint(ListingEndpoint):
    """``/api/v2/events/``: the events page's events (live, public, of this site in this language),
    in its order (current and upcoming soonest first, then past newest first, undated last), with its
    filters ``kind``, ``year``, ``country`` and ``partner``."""

    serializer_class = EventSerializer
    filter_parameters = frozenset(["kind", "year", "country", "partner"])

    def items(self, site, home, request):
        index = home.section(request, EventIndexPage) if home is not None else None
        events = index.events() if index is not None else EventPage.objects.none()
        options = index.filter_options(request) if index is not None else None
        form = EventFilterForm(request.GET or None, events=events, options=options)
        events = self.filtered(form, events)
        museum = shown_museum(request)
        if index is None:
            return events, {"museum": museum}
        # The listing's order, kept per day and filters: dated events, then the undated by title.
        dated, undated = index.listing_ids(request, form, events)
        return InOrder(dated + undated, EventPage.objects.select_related("locale")), {"museum": museum}

    def page_context(self, page, context):
        attach_shown(page, "venue_partner")
        return {"countries": event_countries(page)}


class PartnersEndpoint(ListingEndpoint):
    """``/api/v2/partners/``: the partners page's partners (those this museum has live agreements
    or this site's events with), each in the request's language when that translation is live,
    else in English, with this museum's agreements; filters ``country`` and ``kind``."""

    serializer_class = PartnerSerializer
    filter_parameters = frozenset(["country", "kind"])

    def items(self, site, home, request):
        index = home.section(request, PartnerIndexPage) if home is not None else None
        partners = index.partners(request) if index is not None else Partner.objects.none()
        partners = self.filtered(PartnerFilterForm(request.GET or None, partners=partners), partners)
        museum = index.museum(request) if index is not None else None
        return partners.order_by("name", "pk"), {"index": index, "museum": museum}

    def page_context(self, page, context):
        museum = context["museum"]
        if museum is None or not page:
            return {"agreements": {}}
        agreements = shown_queryset(
            Agreement.objects.filter(
                museum__translation_key=museum.translation_key,
                partner__translation_key__in=[partner.translation_key for partner in page],
            )
        ).select_related("partner")
        by_partner = defaultdict(list)
        for agreement in agreements.order_by("signed_on", "title", "pk"):
            by_partner[agreement.partner.translation_key].append(agreement)
        return {"agreements": by_partner}
