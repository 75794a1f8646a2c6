"""How an event, a partner and an agreement read in the API, in the language the request chose.

The listings serialise inside ``translation.override(<language>)``, so every label and display string
(``kind_label``, ``dates_display``, country names) is in that language, formatted by ``home.dates``
and ``museums.countries`` like the pages themselves. Codes (``kind``, ``status``, ``precision``,
country codes) never change with the language; clients filter and compare on them.
"""

from collections import defaultdict

from rest_framework import serializers

from events.filters import KINDS
from events.models import CraftsFairPage, EventPage, EventPartner, ExhibitionVenue, VenueKind
from home.dates import format_partial_date
from museums.countries import country_name

KIND_CODES = {model: code for code, model in KINDS.items()}


class PartialDateField(serializers.Field):
    """A date known to the day, month or year: ``{"date", "precision", "display"}``, or ``null``."""

    def __init__(self, date_attr, precision_attr, **kwargs):
        self.date_attr, self.precision_attr = date_attr, precision_attr
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        value = getattr(instance, self.date_attr)
        if value is None:
            return None
        precision = getattr(instance, self.precision_attr)
        return {
            "date": value.isoformat(),
            "precision": precision,
            "display": format_partial_date(value, precision),
        }


def event_countries(events):
    """``{page id: [country codes]}``: where each event is held, its tour, its partners' and a fair's
    participating countries; the relations the listing's country filter looks at
    (``events.filters.country_query``). Four queries for any number of events."""
    pks = [event.pk for event in events]
    codes = defaultdict(set)
    rows = [(event.pk, event.venue_country) for event in events]
    rows += EventPage.objects.filter(pk__in=pks).values_list("pk", "venue_partner__country")
    rows += ExhibitionVenue.objects.filter(page__in=pks).values_list("page_id", "country")
    rows += EventPartner.objects.filter(page__in=pks).values_list("page_id", "partner__country")
    for pk, countries in CraftsFairPage.objects.filter(pk__in=pks).values_list(
        "pk", "participating_countries"
    ):
        rows += [(pk, code) for code in countries or []]
    for pk, code in rows:
        if code:
            codes[pk].add(code)
    return {pk: sorted(codes[pk]) for pk in pks}


def venue_text(event, museum):
    """Where the event is, as the events listing's cards say it; ``None`` for a tour (each venue has
    its own place) or an unknown venue. ``museum`` is the site's museum as visitors see it."""
    if event.venue_kind == VenueKind.MUSEUM:
        return museum.name if museum is not None else None
    if event.venue_kind == VenueKind.PARTNER:
        partner = event.shown_venue_partner
        parts = [partner.name, partner.city, partner.country_name] if partner is not None else []
    elif event.venue_kind == VenueKind.PLACE:
        parts = [event.venue_name, event.venue_city, event.venue_country_name]
    else:
        parts = []
    return ", ".join(str(part) for part in parts if part) or None


class EventSerializer(serializers.Serializer):
    """One event. Context: ``request``, ``museum`` (shown record or ``None``) and ``countries``
    (from :func:`event_countries`); the events carry ``shown_venue_partner`` (``attach_shown``)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.SerializerMethodField()
    kind_label = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    summary = serializers.CharField()
    start = PartialDateField("start_date", "start_precision")
    end = PartialDateField("end_date", "end_precision")
    start_time = serializers.TimeField(format="%H:%M")
    end_time = serializers.TimeField(format="%H:%M")
    dates_display = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    venue = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    locale = serializers.CharField(source="locale.language_code")
    last_published_at = serializers.DateTimeField()

    def get_kind(self, event):
        return KIND_CODES[event.specific_class]

    def get_kind_label(self, event):
        return str(event.specific_class._meta.verbose_name)

    def get_url(self, event):
        return event.get_full_url(self.context["request"])

    def get_venue(self, event):
        return {"kind": event.venue_kind, "text": venue_text(event, self.context["museum"])}

    def get_countries(self, event):
        return self.context["countries"][event.pk]


class AgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    signed = PartialDateField("signed_on", "signed_precision")
    valid_until = serializers.DateField()
    scope = serializers.CharField()
    locale = serializers.CharField(source="locale.language_code")


class PartnerSerializer(serializers.Serializer):
    """One partner as visitors see it (``museums.localization``). Context: ``request``,
    ``index`` (the partners page the partner's own page is under) and ``agreements``
    (``{partner translation key: [agreements shown]}``, this museum's only)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    slug = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    country = serializers.SerializerMethodField()
    city = serializers.CharField()
    website = serializers.SerializerMethodField()
    description = serializers.CharField()
    locale = serializers.CharField(source="locale.language_code")
    agreements = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_country(self, partner):
        if not partner.country:
            return None
        return {"code": partner.country, "name": country_name(partner.country)}

    def get_website(self, partner):
        return partner.website or None

    def get_agreements(self, partner):
        records = self.context["agreements"].get(partner.translation_key, [])
        return AgreementSerializer(records, many=True).data

    def get_url(self, partner):
        index = self.context["index"]
        subpath = index.reverse_subpage("partner", kwargs={"slug": partner.slug})
        return index.get_full_url(self.context["request"]) + subpath
