from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import path
from wagtail.models import Site

from home.languages import live_versions, versions_of
from home.models import RoutablePage, SectionPage
from home.querystrings import filter_query
from home.site_cache import page_cached
from home.sitemaps import sitemap_entry
from home.widgets import ListSelect
from museums.context_processors import site_settings_for
from museums.countries import country_name
from museums.localization import attach_shown, shown_queryset
from museums.models import Agreement, AgreementKind, Partner, PartnerKind

from .base import EventPage, involving_partner, partners_in
from .index import InOrder


class PartnerFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False, widget=ListSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=ListSelect)

    def __init__(self, data, partners, countries=None):
        """``countries`` are the partners' country codes when the caller keeps them
        (``PartnerIndexPage.partner_countries``); else they are read from ``partners``."""
        super().__init__(data)
        everything = [("", _("All"))]
        if countries is None:
            countries = {code for code in partners.values_list("country", flat=True) if code}
        self.fields["country"].choices = everything + sorted(
            ((code, country_name(code)) for code in countries), key=lambda item: item[1]
        )
        self.fields["kind"].choices = everything + list(PartnerKind.choices)

    def filter(self, partners):
        if self.cleaned_data.get("country"):
            partners = partners.filter(country=self.cleaned_data["country"])
        if self.cleaned_data.get("kind"):
            partners = partners.filter(kind=self.cleaned_data["kind"])
        return partners


class PartnerIndexPage(RoutablePage, SectionPage):
    """The partners of *this* site's museum, from the registry both museums share.

    A partner belongs here when this museum signed an agreement with it or holds events with it.
    Each partner has its own address below this page (``<slug>/``) with its agreements and the joint
    exhibitions, conferences and fairs.
    """

    subpage_types = []
    template = "pages/events/partner_index_page.html"
    per_page = 24

    class Meta:
        verbose_name = _("partners page")
        verbose_name_plural = _("partners pages")

    def site_events(self):
        """The live, public events under this page's home page (its parent, known from the path)."""
        home_path = self.path[: -self.steplen]
        return EventPage.objects.filter(path__startswith=home_path, depth__gt=self.depth - 1).live().public()

    def museum(self, request):
        site_settings = site_settings_for(request) if request is not None else None
        return site_settings.museum if site_settings else None

    def listed_slugs(self, request):
        """``{slug: id}``, by name, of this museum's partners as visitors see them
        (``museums.localization``), in this page's own language whatever the request's: each in that
        language when its translation is live, else in the source language, else left out.

        Partners come through this site's live events in this language, and through live agreements
        with this museum; both are matched by translation key, whatever record a key points to.

        Finding them joins every event of the site, so the answer is kept in the shared cache under
        this page's address token, which every change of a partner, an agreement or an event naming
        a partner renews (``home.cache_invalidation``). The listing, a partner's page, the language
        switcher, the ``hreflang`` links and the sitemap all read it, at no query.
        """

        def find():
            with translation.override(self.locale.language_code):
                involved = partners_in(self.site_events())
                museum = self.museum(request)
                if museum is not None:
                    involved |= Q(
                        agreements__museum__translation_key=museum.translation_key, agreements__live=True
                    )
                shown = shown_queryset(Partner.objects.filter(involved)).order_by("name", "pk")
                return dict(shown.values_list("slug", "pk"))

        return page_cached(request, self, "listed-partners", find)

    def partner_ids(self, request):
        """The ids of the partners this page lists, by name (``listed_slugs``)."""
        return list(self.listed_slugs(request).values())

    def partners(self, request):
        """This museum's partners as visitors see them, by name (``partner_ids``)."""
        ids = self.partner_ids(request)
        return Partner.objects.filter(pk__in=ids).select_related("locale").order_by("name", "pk")

    def partner_countries(self, request):
        """The countries of the partners listed, for the filter: kept with their ids."""

        def find():
            codes = self.partners(request).order_by().values_list("country", flat=True).distinct()
            return sorted(code for code in codes if code)

        return page_cached(request, self, "partner-countries", find)

    @classmethod
    def figures_for(cls, request):
        """What the "Partner figures" block shows on the requesting site, in its language: the number
        of partners its partners page lists, the countries they are in, and the written agreements
        (not cooperation without one) the museum has with them. ``None`` off a museum site."""
        site = Site.find_for_request(request) if request is not None else None
        home = site.root_page.localized if site is not None else None
        if home is None:
            return None
        # Counted again only when the site's home page address is renewed, which every change of an
        # event, a partner or an agreement does (home.cache_invalidation), or the site's museum.
        return page_cached(request, home, "partner-figures", lambda: cls.count_figures(request, home))

    @classmethod
    def count_figures(cls, request, home):
        index = cls.objects.live().descendant_of(home).first()
        museum = index.museum(request) if index is not None else None
        if museum is None:
            return None
        partners = index.partners(request)
        agreements = (
            Agreement.objects.filter(
                museum__translation_key=museum.translation_key,
                partner__translation_key__in=partners.values("translation_key"),
                live=True,
            )
            .exclude(kind=AgreementKind.INFORMAL)
            .values("translation_key")
            .distinct()
        )
        countries = partners.exclude(country="").values("country").distinct()
        return {
            "partners": partners.count(),
            "countries": countries.count(),
            "agreements": agreements.count(),
            "url": index.url,
        }

    def get_cached_paths(self):
        """The listing and a page for every partner in the registry (those it does not list are a
        404, which costs a purge nothing)."""
        slugs = Partner.objects.order_by().values_list("slug", flat=True).distinct()
        return [*super().get_cached_paths(), *(f"{slug}/" for slug in slugs)]

    @path("")
    def index_route(self, request):
        partners = self.partners(request)
        form = PartnerFilterForm(request.GET or None, partners, countries=self.partner_countries(request))
        status = 200
        if form.is_bound and form.is_valid():
            partners = form.filter(partners)
        elif form.is_bound:
            partners, status = partners.none(), 400
        if form.is_bound:
            listed = partners.select_related("logo").prefetch_related("logo__renditions")
        else:  # the kept ids, in order: no query counts or sorts every partner
            cards = Partner.objects.select_related("locale", "logo").prefetch_related("logo__renditions")
            listed = InOrder(self.partner_ids(request), cards)
        partners_page = Paginator(listed, self.per_page).get_page(request.GET.get("page"))
        response = self.render(
            request,
            context_overrides={
                "partners": partners,  # all that match, for counts; the template shows one page
                "partners_page": partners_page,
                "filter_form": form,
                "filter_query": filter_query(request),
            },
        )
        response.status_code = status
        return response

    def listed_partners(self, request):
        """``{slug: partner shown}`` of the partners this page lists, in its own language whatever the
        request's, read once per page and request (for the sitemap's entries)."""
        listed = request.__dict__.setdefault("_listed_partners", {})
        if self.pk not in listed:
            with translation.override(self.locale.language_code):
                listed[self.pk] = {partner.slug: partner for partner in self.partners(request)}
        return listed[self.pk]

    def partner_alternates(self, request, partner):
        """The partner's page in each language, as ``(partners page, "<slug>/")`` pairs for the
        language switcher, the ``hreflang`` links and the sitemap (``home.languages``).

        A language counts where this partners page is live in it and lists the partner there, by the
        rule of ``museums.localization`` in that language (its translation, or the English record
        while the translation is not live). Slugs are synchronised, so the address is the same
        ``<slug>/`` under each language's partners page. Costs one query for the translations and
        one listing per other language, however many partners there are.
        """
        subpath = self.reverse_subpage("partner", kwargs={"slug": partner.slug})
        alternates = [(self, subpath)]
        for version in live_versions(self):
            if version.pk != self.pk and partner.slug in version.listed_slugs(request):
                alternates.append((version, subpath))
        return alternates

    def sitemap_subpages(self, request):
        """The slugs of the partners this page lists, for the sitemap (``home.sitemaps``)."""
        return list(self.listed_slugs(request))

    def sitemap_subpage_entry(self, request, slug):
        """A partner's page, with its versions in the other languages; its lastmod is the later of
        this page's publication and the partner's."""
        partner = self.listed_partners(request)[slug]
        versions = versions_of(request, self.partner_alternates(request, partner), self)
        published = [date for date in (self.last_published_at, partner.last_published_at) if date]
        return sitemap_entry(versions, max(published, default=None))

    @path("<slug:slug>/", name="partner")
    def partner_route(self, request, slug):
        partner = self.routed_partner(request)
        if partner is None:
            raise Http404
        # The partner's events join every event of the site: their ids are kept under this page's
        # address token, renewed whenever an event names or stops naming a partner.
        joint = page_cached(
            request,
            self,
            f"joint-events:{partner.translation_key}",
            lambda: list(
                self.site_events()
                .filter(involving_partner(translation_key=partner.translation_key))
                .order_by()
                .values_list("pk", flat=True)
                .distinct()
            ),
        )
        agreements = shown_queryset(
            Agreement.objects.filter(partner__translation_key=partner.translation_key)
        )
        records = attach_shown(agreements.select_related("document"), "museum")
        return self.render(
            request,
            template="pages/events/partner_page.html",
            context_overrides={
                "partner": partner,
                "language_alternates": self.partner_alternates(request, partner),
                "agreements": [record for record in records if record.kind != AgreementKind.INFORMAL],
                "cooperation": [record for record in records if record.kind == AgreementKind.INFORMAL],
                "joint_events": attach_shown(
                    EventPage.objects.filter(pk__in=joint)
                    .select_related("hero_image")
                    .prefetch_related("hero_image__renditions")
                    .order_by("-start_date"),
                    "venue_partner",
                ),
            },
        )

    # --- What <head> says about a partner's page (home.templatetags.seo_tags) -----------------------
    def routed_partner(self, request):
        """The partner a ``<slug>/`` request shows, found as ``partner_route`` finds it, or ``None``
        on the listing; once per request (one query, by the id ``listed_slugs`` keeps)."""
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name != "partner":
            return None
        if "_routed_partner" not in request.__dict__:
            pk = self.listed_slugs(request).get(match.kwargs["slug"])
            found = Partner.objects.select_related("locale").filter(pk=pk) if pk else Partner.objects.none()
            request._routed_partner = found.first()
        return request._routed_partner

    def route_meta(self, request):
        """A partner's page is described by the partner: its description (or what it is and where),
        and its logo for link previews."""
        partner = self.routed_partner(request)
        if partner is None:
            return None
        where = ", ".join(part for part in (partner.country_name, partner.city) if part)
        summary = " · ".join(str(part) for part in (partner.get_kind_display(), where) if part)
        return {
            "description": partner.description or f"{partner.name}: {summary}",
            "image": partner.logo if partner.logo_id else None,
            "image_alt": partner.name,
        }

    def structured_data(self, request):
        """The breadcrumb trail, which on a partner's page ends with the partner."""
        from home.structured_data import breadcrumb_list

        partner = self.routed_partner(request)
        if partner is None:
            return super().structured_data(request)
        subpath = self.reverse_subpage("partner", kwargs={"slug": partner.slug})
        return [breadcrumb_list(request, self, extra=[(partner.name, self.get_full_url(request) + subpath)])]
