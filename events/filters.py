"""The events listing's filters: kind, year, country and partner, combinable, each a plain GET URL."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.widgets import ListSelect, PlainChoices
from museums.countries import country_name
from museums.localization import shown_queryset
from museums.models import Partner

from .models.base import EventPage, EventPartner, event_years, involving_partner, partners_in, running_in
from .models.conference import ConferencePage
from .models.crafts_fair import CraftsFairPage
from .models.exhibition import ExhibitionPage, ExhibitionVenue

KINDS = {"exhibition": ExhibitionPage, "conference": ConferencePage, "fair": CraftsFairPage}


def country_query(code):
    """Events in or with a country: where they are held, their tour, their partners, their fair."""
    return (
        Q(venue_country=code)
        | Q(venue_partner__country=code)
        | Q(exhibitionpage__venues__country=code)
        | Q(event_partners__partner__country=code)
        # A JSON list of codes; matching its text works the same on SQLite and PostgreSQL.
        | Q(craftsfairpage__participating_countries__icontains=f'"{code}"')
    )


def filter_options(events):
    """The years (newest first), country codes and ``(slug, name)`` partners that ``events`` offer
    as choices, as plain values that a cache can keep."""
    return {
        "years": sorted(event_years(events), reverse=True),
        "countries": sorted(countries_of(events)),
        "partners": partner_options(events),
    }


def partner_options(events):
    """``(slug, name)`` of the partners ``events`` involve, by name, named as visitors see them
    elsewhere (``museums.localization``): never a draft translation."""
    partners = shown_queryset(Partner.objects.filter(partners_in(events))).order_by("name")
    return [(partner.slug, partner.name) for partner in partners]


def countries_of(events):
    """Each source's distinct codes, de-duplicated by the database: the choices cost the same few
    short answers whether the museum has ten events or ten thousand."""
    pages = events.values("pk")

    def distinct(queryset, field):
        return set(queryset.order_by().values_list(field, flat=True).distinct())

    codes = distinct(events, "venue_country")
    codes |= distinct(events, "venue_partner__country")
    codes |= distinct(ExhibitionVenue.objects.filter(page__in=pages), "country")
    codes |= distinct(EventPartner.objects.filter(page__in=pages), "partner__country")
    fairs = CraftsFairPage.objects.filter(pk__in=pages).order_by()
    for countries in fairs.values_list("participating_countries", flat=True).distinct():
        codes |= set(countries)
    return {code for code in codes if code}


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=ListSelect)
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=ListSelect
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=ListSelect)
    partner = forms.ChoiceField(label=_("Partner"), required=False, widget=ListSelect)

    def __init__(self, data, events, options=None):
        """``options`` is what :func:`filter_options` returns for ``events``, when the caller keeps
        it (``EventIndexPage.filter_options`` does, per listing and language)."""
        super().__init__(data)
        options = options if options is not None else filter_options(events)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + [
            (code, model._meta.verbose_name_plural) for code, model in KINDS.items()
        ]
        self.fields["year"].choices = everything + [(str(year), str(year)) for year in options["years"]]
        # Countries and partners grow with the museum's events: their choices are named only when
        # read (the listing shows them, a filter names one), not for a calendar feed without them.
        self.fields["country"].choices = PlainChoices(
            lambda: (
                everything
                + sorted(
                    ((code, country_name(code)) for code in options["countries"]), key=lambda item: item[1]
                )
            )
        )
        self.fields["partner"].choices = PlainChoices(lambda: everything + list(options["partners"]))

    def others_chosen(self):
        """The filters other than the partner that are chosen, ``{name: value}``."""
        return {name: value for name, value in self.cleaned_data.items() if value and name != "partner"}

    def narrow_partners(self, partners):
        """Offers only ``partners``, those of the events the other filters select, and the partner
        already chosen: the list a visitor picks from has no partner that would show nothing."""
        chosen = self.cleaned_data.get("partner")
        if chosen and chosen not in {slug for slug, _name in partners}:
            named = [(slug, name) for slug, name in self.fields["partner"].choices if slug == chosen]
            partners = [*partners, *named]
        self.fields["partner"].choices = PlainChoices(lambda: [("", _("All")), *partners])

    def filter(self, events, without=()):
        """``events`` that the chosen filters select, those named in ``without`` left aside."""
        data = {name: value for name, value in self.cleaned_data.items() if name not in without}
        if data.get("kind"):
            events = events.type(KINDS[data["kind"]])
        if data.get("year"):
            events = events.filter(running_in(data["year"]))
        if data.get("country"):
            events = events.filter(
                pk__in=EventPage.objects.filter(country_query(data["country"])).values("pk")
            )
        if data.get("partner"):
            events = events.filter(
                pk__in=EventPage.objects.filter(involving_partner(slug=data["partner"])).values("pk")
            )
        return events
