"""Exhibitions, conferences and crafts fairs as schema.org events.

Types: an exhibition is an ``ExhibitionEvent``. A lecture, seminar or workshop is an
``EducationEvent``, schema.org's type for an event where people learn; a conference or a forum is a
meeting of specialists rather than teaching, so it stays a plain ``Event``, as does a crafts fair
(artisans show and sell, but the fair is not one seller's ``SaleEvent``).

Partners' roles (``PartnerRole``) map to the property that says the same thing: an organiser is an
``organizer`` (beside the museum itself); a co-sponsor and an institution under whose auspices the
event is held are a ``sponsor`` (schema.org: support "through a pledge, promise, or financial
contribution"); any other partner is a ``contributor``. No role says that a partner paid for the
event or performs in it, so none becomes a ``funder`` or a ``performer``; a conference's speakers,
who present, are its ``performer``s.

Dates are as precise as known (``home.structured_data.iso_partial``): "2019" or "2019-03" for an
event known to the year or the month. Prices are text written for visitors ("2,000 tenge; students
1,000"), so an offer carries that text, never a number read out of it.
"""

from home.dates import DatePrecision
from home.structured_data import (
    SCHEMA,
    breadcrumb_list,
    home_of,
    image_url,
    iso_partial,
    share_rendition,
)
from museums.context_processors import shown_museum
from museums.structured_data import organization, place

from .models import (
    ConferenceKind,
    ConferencePage,
    EventStatus,
    ExhibitionPage,
    PartnerRole,
    VenueKind,
    VenueStatus,
)

EVENT_STATUS = {
    EventStatus.SCHEDULED: f"{SCHEMA}/EventScheduled",
    EventStatus.PLANNED: f"{SCHEMA}/EventScheduled",
    EventStatus.CANCELLED: f"{SCHEMA}/EventCancelled",
    EventStatus.POSTPONED: f"{SCHEMA}/EventPostponed",
    EventStatus.RESCHEDULED: f"{SCHEMA}/EventRescheduled",
}
ROLE_PROPERTIES = {
    PartnerRole.ORGANISER: "organizer",
    PartnerRole.CO_SPONSOR: "sponsor",
    PartnerRole.AUSPICES: "sponsor",
    PartnerRole.PARTNER: "contributor",
}
EDUCATION_KINDS = {ConferenceKind.LECTURE, ConferenceKind.SEMINAR, ConferenceKind.WORKSHOP}
FREE_CURRENCY = "KZT"  # a free offer still names a currency; nothing is charged in it


def event_type(page):
    if isinstance(page, ExhibitionPage):
        return "ExhibitionEvent"
    if isinstance(page, ConferencePage) and page.conference_kind in EDUCATION_KINDS:
        return "EducationEvent"
    return "Event"


def partner_organization(partner):
    data = {"@type": "Organization", "name": partner.name}
    if partner.website:
        data["url"] = partner.website
    return data


def address(city, country):
    data = {"@type": "PostalAddress"}
    if city:
        data["addressLocality"] = city
    if country:
        data["addressCountry"] = country
    return data


def tour_places(page):
    """One ``Place`` per venue where the travelling exhibition has been shown (planned stops are not
    places it is held in), named after its host when the registry has one."""
    places = []
    for venue in page.tour():
        if venue.status != VenueStatus.HELD:
            continue
        host = venue.shown_partner
        data = {
            "@type": "Place",
            "name": host.name if host is not None else venue.place_name,
            "address": address(venue.city, venue.country),
        }
        if venue.has_coordinates:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": venue.latitude,
                "longitude": venue.longitude,
            }
        places.append(data)
    return places


def locations(page, museum):
    """Where the event is held, as the page says it; nothing when it does not say (an unknown venue)."""
    kind = page.venue_kind
    found = []
    if kind == VenueKind.MUSEUM and museum is not None:
        found.append(place(museum))
    elif kind == VenueKind.PARTNER and page.shown_venue_partner is not None:
        host = page.shown_venue_partner
        found.append({"@type": "Place", "name": host.name, "address": address(host.city, host.country)})
    elif kind == VenueKind.PLACE:
        found.append(
            {
                "@type": "Place",
                "name": page.venue_name or page.venue_city,
                "address": address(page.venue_city, page.venue_country),
            }
        )
    if isinstance(page, ExhibitionPage) and (kind == VenueKind.TOUR or page.is_travelling):
        found.extend(tour_places(page))
    return found


def dates(page):
    data = {}
    day = DatePrecision.DAY
    start = iso_partial(
        page.start_date, page.start_precision, page.start_time if page.start_precision == day else None
    )
    if start:
        data["startDate"] = start
    if page.end_date:
        end_time = page.end_time if page.end_precision == day else None
        data["endDate"] = iso_partial(page.end_date, page.end_precision, end_time)
    elif page.start_date and page.start_precision == day and page.end_time:
        data["endDate"] = iso_partial(page.start_date, day, page.end_time)
    return data


def offers(page, url):
    """Admission, when the page says it: free, or the price as written."""
    if page.is_free:
        offer = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": FREE_CURRENCY,
            "url": page.registration_url or url,
        }
        return {"isAccessibleForFree": True, "offers": offer}
    if page.price.strip():
        offer = {"@type": "Offer", "description": page.price.strip(), "url": page.registration_url or url}
        return {"isAccessibleForFree": False, "offers": offer}
    return {}


def speakers(page):
    people = []
    for block in page.speakers:
        if block.block_type != "speaker" or not block.value.get("name"):
            continue
        person = {"@type": "Person", "name": block.value["name"]}
        if block.value.get("affiliation"):
            person["affiliation"] = {"@type": "Organization", "name": block.value["affiliation"]}
        people.append(person)
    return people


def event_json_ld(request, page):
    """The page's event, in its language: what it is, when, where, who organises and supports it."""
    museum = shown_museum(request)
    home = home_of(page)
    url = page.get_full_url(request)
    data = {
        "@context": SCHEMA,
        "@type": event_type(page),
        "name": page.title,
        "description": " ".join((page.search_description or page.summary).split()),
        "url": url,
        **dates(page),
        "eventStatus": EVENT_STATUS.get(page.status, f"{SCHEMA}/EventScheduled"),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
    }
    where = locations(page, museum)
    if where:
        data["location"] = where[0] if len(where) == 1 else where
    image = image_url(request, share_rendition(request, page))
    if image:
        data["image"] = [image]
    roles = {
        "organizer": [organization(request, museum, home)] if museum is not None and home is not None else []
    }
    for row in page.partners_with_roles():
        roles.setdefault(ROLE_PROPERTIES.get(row.role, "contributor"), []).append(
            partner_organization(row.shown_partner)
        )
    for name, parties in roles.items():
        if parties:
            data[name] = parties
    if isinstance(page, ConferencePage):
        people = speakers(page)
        if people:
            data["performer"] = people
        if page.working_languages:
            data["inLanguage"] = list(page.working_languages)
    data.update(offers(page, url))
    return data


def event_structured_data(request, page):
    """What an event page says to search engines: the event, then its breadcrumb trail."""
    return [event_json_ld(request, page), breadcrumb_list(request, page)]
