"""The museum in schema.org terms: a ``Museum`` on its home and visit pages, an ``Organization`` where
it organises events and publishes news, a ``Place`` where its events are held.

Everything comes from the museum's own record (``Museum``) in the visitor's language, by the policy
of ``museums.localization``. While an editor has not confirmed the address and the opening hours
(``visit_details_confirmed``), the site shows them marked as unconfirmed; search engines have no such
mark, so the street address, the coordinates and the hours are left out of the data until then.
"""

from home.structured_data import LOGO_SPEC, SCHEMA, image_url, rendition, share_rendition
from museums.context_processors import shown_museum
from museums.models.museum import HOME_COUNTRY

# schema.org's days, Monday first as the opening-hours blocks number them.
DAYS_OF_WEEK = [
    f"{SCHEMA}/{day}"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
]
# schema.org says a day closed all day by opening and closing at midnight.
CLOSED = {"opens": "00:00", "closes": "00:00"}


def postal_address(museum):
    """The museum's ``PostalAddress``: the street address only once confirmed; the city always."""
    address = {"@type": "PostalAddress", "addressLocality": museum.city, "addressCountry": HOME_COUNTRY}
    street = ", ".join(line.strip() for line in museum.address.splitlines() if line.strip())
    if street and museum.visit_details_confirmed:
        address["streetAddress"] = street
    return address


def logo_url(request, museum):
    return image_url(request, rendition(request, museum.logo, LOGO_SPEC)) if museum.logo_id else ""


def organization(request, museum, home):
    """The museum as the ``Organization`` behind an event or a news item."""
    data = {"@type": "Organization", "name": museum.name, "url": home.get_full_url(request)}
    logo = logo_url(request, museum)
    if logo:
        data["logo"] = logo
    return data


def place(museum):
    """The museum's building as the ``Place`` of an event held there."""
    data = {"@type": "Place", "name": museum.name, "address": postal_address(museum)}
    if museum.has_coordinates and museum.visit_details_confirmed:
        data["geo"] = geo(museum)
    return data


def geo(record):
    return {"@type": "GeoCoordinates", "latitude": record.latitude, "longitude": record.longitude}


def hours_specification(opens, closes, closed):
    if closed:
        return dict(CLOSED)
    if opens is None or closes is None:
        return None
    return {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}


def opening_hours(museum):
    """``openingHoursSpecification``: one item per line of the weekly hours that names its weekdays
    (a line with only a free-text label says nothing a machine can read, and is left out)."""
    items = []
    for line in museum.hours.lines:
        times = hours_specification(line.get("opens"), line.get("closes"), bool(line.get("closed")))
        if line.weekday_numbers and times:
            days = [DAYS_OF_WEEK[number] for number in line.weekday_numbers]
            items.append({"@type": "OpeningHoursSpecification", "dayOfWeek": days, **times})
    return items


def special_opening_hours(museum):
    """``specialOpeningHoursSpecification``: the dated exceptions of the coming weeks (holidays)."""
    items = []
    for _label, day in museum.hours.upcoming_exceptions():
        times = hours_specification(day.opens, day.closes, day.closed)
        if times:
            date = day.date.isoformat()
            items.append(
                {"@type": "OpeningHoursSpecification", "validFrom": date, "validThrough": date, **times}
            )
    return items


def museum_json_ld(request, home, page=None):
    """The ``Museum`` of the request's site, in the active language, or ``None`` off a museum site.

    ``home`` is the home page in that language (the museum's ``url``); ``page``, when it has an image
    of its own (the home page's hero image), gives the ``image``, else the logo does.
    """
    museum = shown_museum(request)
    if museum is None or home is None:
        return None
    url = home.get_full_url(request)
    data = {
        "@context": SCHEMA,
        "@type": "Museum",
        "@id": f"{url}#museum",
        "name": museum.name,
        "alternateName": museum.short_name,
        "url": url,
        "address": postal_address(museum),
    }
    if museum.phone:
        data["telephone"] = museum.phone
    if museum.email:
        data["email"] = museum.email
    if museum.visit_details_confirmed:
        if museum.has_coordinates:
            data["geo"] = geo(museum)
        hours = opening_hours(museum)
        if hours:
            data["openingHoursSpecification"] = hours
        special = special_opening_hours(museum)
        if special:
            data["specialOpeningHoursSpecification"] = special
    links = [
        block.value["url"]
        for block in museum.social_links
        if block.block_type == "link" and block.value["url"]
    ]
    if links:
        data["sameAs"] = links
    logo = logo_url(request, museum)
    if logo:
        data["logo"] = logo
    image = image_url(request, share_rendition(request, page)) if page is not None else ""
    if image or logo:
        data["image"] = image or logo
    return data
