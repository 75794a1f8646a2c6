"""Maps drawn on the server as inline SVG, from country outlines kept in the repository.

Why hand-written: the sites may reach no tile server or other host at run time, and the map libraries
(Leaflet, OpenLayers, MapLibre) need tiles or JavaScript, or both. What the museums need is small: a
region of the world, some countries picked out, a few places marked. The outlines are Natural Earth's
1:110m countries (``museums/data/world_110m.json``, built by ``scripts/build_world_map.py``, which
names the source, version and licence), read once per process. Drawing costs no database query: callers
pass what they already hold.

The map is an ``<svg role="img">`` named and described by its ``<title>`` and ``<desc>`` (in the
active language; the caller writes them, listing every marked place, so a screen reader gets what the
eye gets), scales to its container (``viewBox``, ``width="100%"``) and takes its colours from the site's
theme through CSS classes (``static/css/site.css``, "Maps"): nothing here names a colour.

The projection is equirectangular with its standard parallel at the middle of the region, so
Kazakhstan or Europe-to-Korea keep roughly their familiar proportions without any trigonometry beyond
one cosine.

API::

    BBox(west, south, east, north)          # a region in degrees; BBox.around(points), .expanded()
    country_bbox("KZ")                      # a country's extent, or None
    has_country("KZ"); country_in_view("US", bbox)
    Marker(lon, lat, label, kind="place")  # kind becomes the CSS modifier map__marker--<kind>
    Projection(bbox, width=800)             # (lon, lat) -> (x, y) in the viewBox; .viewbox, .height
    render_map(bbox=..., title=..., description=..., highlights={"KZ": "home"},
               markers=[...], id_prefix="visit-map") -> SafeString
"""

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import mark_safe

DATA = Path(__file__).resolve().parent / "data" / "world_110m.json"
WIDTH = 800  # viewBox units; the map is scaled to its container anyway
MAX_LATITUDE = 85


@cache
def _world():
    """({code: (ring, ...)}, (unnamed ring, ...)); a ring is a tuple of (lon, lat)."""
    data = json.loads(DATA.read_text())
    scale = data["scale"]

    def decode(flat):
        points, x, y = [], 0, 0
        for index in range(0, len(flat), 2):
            x, y = x + flat[index], y + flat[index + 1]
            points.append((x / scale, y / scale))
        return tuple(points)

    countries = {code: tuple(decode(ring) for ring in rings) for code, rings in data["countries"].items()}
    return countries, tuple(decode(ring) for ring in data["unnamed"])


@dataclass(frozen=True)
class BBox:
    """A region in degrees of longitude (west, east) and latitude (south, north)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, points):
        """The smallest box holding every (lon, lat) in ``points`` (at least one)."""
        points = list(points)
        lons = [lon for lon, _lat in points]
        lats = [lat for _lon, lat in points]
        return cls(min(lons), min(lats), max(lons), max(lats))

    def union(self, other):
        return BBox(
            min(self.west, other.west),
            min(self.south, other.south),
            max(self.east, other.east),
            max(self.north, other.north),
        )

    def expanded(self, margin=0.12, min_span=8.0):
        """Wider by ``margin`` of its span on each side, and at least ``min_span`` degrees each way, so
        that one point still gets a map around it; kept within the world."""
        lon_pad = max((self.east - self.west) * margin, (min_span - (self.east - self.west)) / 2)
        lat_pad = max((self.north - self.south) * margin, (min_span - (self.north - self.south)) / 2)
        return BBox(
            max(self.west - lon_pad, -180),
            max(self.south - lat_pad, -MAX_LATITUDE),
            min(self.east + lon_pad, 180),
            min(self.north + lat_pad, MAX_LATITUDE),
        )

    def intersects(self, other):
        return not (
            other.east < self.west
            or other.west > self.east
            or other.north < self.south
            or other.south > self.north
        )

    def contains(self, lon, lat):
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def has_country(code):
    return code in _world()[0]


@cache
def _ring_boxes(code):
    return tuple(BBox.around(ring) for ring in _world()[0][code])


def country_bbox(code):
    """The extent of country ``code`` (ISO 3166-1 alpha-2), or ``None`` if the data has no such country."""
    if not has_country(code):
        return None
    boxes = _ring_boxes(code)
    box = boxes[0]
    for other in boxes[1:]:
        box = box.union(other)
    return box


def country_in_view(code, bbox):
    """Whether any part of country ``code`` lies within ``bbox``."""
    return has_country(code) and any(bbox.intersects(box) for box in _ring_boxes(code))


class Projection:
    """Equirectangular, standard parallel at the box's middle latitude, fitted to ``width`` units."""

    def __init__(self, bbox, width=WIDTH):
        self.bbox = bbox
        self.width = width
        self.k = math.cos(math.radians((bbox.north + bbox.south) / 2))
        self.scale = width / ((bbox.east - bbox.west) * self.k)
        self.height = round((bbox.north - bbox.south) * self.scale, 1)

    def __call__(self, lon, lat):
        return (lon - self.bbox.west) * self.k * self.scale, (self.bbox.north - lat) * self.scale

    @property
    def viewbox(self):
        return f"0 0 {self.width:g} {self.height:g}"


@dataclass(frozen=True)
class Marker:
    """A place to mark: its label is drawn beside it when there is room, and is its tooltip."""

    lon: float
    lat: float
    label: str
    kind: str = "place"


def _path(rings, project):
    """SVG path data in whole viewBox units (finer than the 1:110m outlines at any size a page shows),
    consecutive repeats dropped, rings too small to see left out."""
    parts = []
    for ring in rings:
        points = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            point = f"{round(x)} {round(y)}"
            if not points or point != points[-1]:
                points.append(point)
        if len(points) >= 3:
            parts.append(f"M{points[0]}L{' '.join(points[1:])}Z")
    return "".join(parts)


@lru_cache(maxsize=32)
def _outlines(bbox, width):
    """{code: path data} of the countries that reach into ``bbox``, and the unnamed land's path data.

    Cached: the same region is drawn for every visitor of a page.
    """
    countries, unnamed = _world()
    project = Projection(bbox, width)
    paths = {}
    for code, rings in countries.items():
        visible = [ring for ring, box in zip(rings, _ring_boxes(code), strict=True) if bbox.intersects(box)]
        if visible:
            paths[code] = _path(visible, project)
    other = [ring for ring in unnamed if bbox.intersects(BBox.around(ring))]
    return paths, _path(other, project)


LABEL_SIZE = 18  # viewBox units, as in site.css's .map__label
MARKER_RADIUS = 6


def _overlaps(a, b):
    return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])


def _label_positions(points, labels, width, height):
    """Where each label fits without covering another label or another marker: right, left, above or
    below its marker, else ``None`` (the label then stays in the title and the description only)."""
    r = MARKER_RADIUS
    markers = [(x - r, y - r, x + r, y + r) for x, y in points]
    placed, positions = [], []
    for index, ((x, y), label) in enumerate(zip(points, labels, strict=True)):
        half_width, gap, size = len(label) * LABEL_SIZE * 0.3, r + 4, LABEL_SIZE
        candidates = [  # (text x, text y, anchor, box the text covers)
            (
                x + gap,
                y + size * 0.35,
                "start",
                (x + gap, y - size / 2, x + gap + 2 * half_width, y + size / 2),
            ),
            (
                x - gap,
                y + size * 0.35,
                "end",
                (x - gap - 2 * half_width, y - size / 2, x - gap, y + size / 2),
            ),
            (x, y - gap - 2, "middle", (x - half_width, y - gap - size, x + half_width, y - gap)),
            (x, y + gap + size * 0.8, "middle", (x - half_width, y + gap, x + half_width, y + gap + size)),
        ]
        others = placed + markers[:index] + markers[index + 1 :]
        chosen = None
        for tx, ty, anchor, box in candidates:
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if inside and not any(_overlaps(box, other) for other in others):
                chosen = (tx, ty, anchor)
                placed.append(box)
                break
        positions.append(chosen)
    return positions


def render_map(
    *, bbox, title, description, highlights=None, markers=(), id_prefix="map", width=WIDTH, css_class=""
):
    """An accessible inline SVG of ``bbox``.

    ``highlights`` maps country codes to a kind (``"home"``, ``"held"``, ``"planned"``...), drawn with
    the class ``map__country--<kind>``; ``"planned"`` is hatched as well as tinted, so it differs from the
    others by more than its colour. ``markers`` outside the box are left out. ``id_prefix`` must be
    unique within the page (it names the title, the description and the hatching pattern).
    """
    highlights = highlights or {}
    project = Projection(bbox, width)
    paths, unnamed = _outlines(bbox, width)
    hatch_id = f"{id_prefix}-hatch"

    land = [format_html('<path class="map__land" d="{}"/>', unnamed)] if unnamed else []
    land += [
        format_html('<path class="map__land" d="{}"/>', paths[code])
        for code in sorted(paths)
        if code not in highlights
    ]
    picked = []
    for code, kind in sorted(highlights.items()):
        if code not in paths:
            continue
        fill = format_html(' fill="url(#{})"', hatch_id) if kind == "planned" else ""
        picked.append(
            format_html(
                '<path class="map__country map__country--{}" data-country="{}" d="{}"{}/>',
                kind,
                code,
                paths[code],
                fill,
            )
        )

    shown = [marker for marker in markers if bbox.contains(marker.lon, marker.lat)]
    points = [project(marker.lon, marker.lat) for marker in shown]
    positions = _label_positions(points, [marker.label for marker in shown], width, project.height)
    marks, labels = [], []
    for marker, (x, y), position in zip(shown, points, positions, strict=True):
        marks.append(
            format_html(
                '<g class="map__marker map__marker--{}"><title>{}</title>'
                '<circle cx="{}" cy="{}" r="{}"/></g>',
                marker.kind,
                marker.label,
                f"{x:.1f}",
                f"{y:.1f}",
                MARKER_RADIUS,
            )
        )
        if position:
            tx, ty, anchor = position
            labels.append(
                format_html(
                    '<text class="map__label" x="{}" y="{}" text-anchor="{}">{}</text>',
                    f"{tx:.1f}",
                    f"{ty:.1f}",
                    anchor,
                    marker.label,
                )
            )

    defs = format_html(
        '<defs><pattern id="{}" patternUnits="userSpaceOnUse" width="8" height="8" '
        'patternTransform="rotate(45)"><rect class="map__hatch-ground" width="8" height="8"/>'
        '<line class="map__hatch" x1="0" y1="0" x2="0" y2="8"/></pattern></defs>',
        hatch_id,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="map{}" viewBox="{}" width="100%" '
        'preserveAspectRatio="xMidYMid meet" role="img" '
        'aria-labelledby="{}-title" aria-describedby="{}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}'
        '<rect class="map__sea" width="{}" height="{}"/>'
        '<g class="map__countries">{}{}</g><g class="map__markers">{}</g><g class="map__labels">{}</g></svg>',
        f" {css_class}" if css_class else "",
        project.viewbox,
        id_prefix,
        id_prefix,
        id_prefix,
        title,
        id_prefix,
        description,
        defs,
        f"{width:g}",
        f"{project.height:g}",
        mark_safe("".join(land)),
        mark_safe("".join(picked)),
        mark_safe("".join(marks)),
        mark_safe("".join(labels)),
    )


def openstreetmap_url(lat, lon, zoom=17):
    """A link to the place on openstreetmap.org (a link, not an embed: nothing loads from there)."""

    def number(value):
        return f"{value:.6f}".rstrip("0").rstrip(".")

    lat, lon = number(lat), number(lon)
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"


__all__ = [
    "BBox",
    "Marker",
    "Projection",
    "country_bbox",
    "country_in_view",
    "has_country",
    "openstreetmap_url",
    "render_map",
]
