"""Build ``museums/data/world_110m.json``, the country outlines ``museums.maps`` draws, from Natural Earth.

Source: the npm package ``world-atlas`` 2.0.2 by Mike Bostock, file ``countries-110m.json`` (TopoJSON,
sha256 2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8), licence ISC; its
geometry is Natural Earth's 1:110m "Admin 0 – Countries", which is in the public domain
(https://www.naturalearthdata.com/about/terms-of-use/). ``museums/data/LICENSE.md`` says the same beside
the data.

Run once by hand when the data should change; nothing downloads anything at run time::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_world_map.py /tmp/package/countries-110m.json

What it does, in pure Python (no geopandas or shapely, here or at run time):
- decodes the TopoJSON arcs (quantised, delta-encoded) into lon/lat rings, one list of rings per country
  (outer rings and holes alike: the map fills them with ``fill-rule: evenodd``);
- keys each country by its ISO 3166-1 alpha-2 code, translated from the numeric id through CLDR's
  territory aliases in Babel (already a dependency); Kosovo, which has no ISO code, is ``XK`` as in CLDR;
  the two shapes without any code (Northern Cyprus, Somaliland) are kept as unnamed land so the map has no
  holes, but cannot be highlighted;
- leaves out Antarctica, which no museum map shows;
- rounds to hundredths of a degree (about a kilometre, finer than the 1:110m source) and stores each ring
  as integers: the first point, then differences from the previous point, [lon, lat, dlon, dlat, ...].
"""

import itertools
import json
import sys
from pathlib import Path

from babel.core import get_global

SCALE = 100  # hundredths of a degree
LEFT_OUT = {"AQ"}
OUTPUT = Path(__file__).resolve().parent.parent / "museums" / "data" / "world_110m.json"


def decode_arcs(topology):
    (scale_x, scale_y), (translate_x, translate_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def encode(points):
    """Integers in hundredths of a degree, delta-encoded; consecutive duplicates dropped."""
    rounded = []
    for lon, lat in points:
        point = (round(lon * SCALE), round(lat * SCALE))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()  # rings are closed by the path's "Z"
    flat = list(rounded[0])
    for (x0, y0), (x1, y1) in itertools.pairwise(rounded):
        flat.extend((x1 - x0, y1 - y0))
    return flat


def main(source):
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    aliases = get_global("territory_aliases")
    countries, unnamed = {}, []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [encode(ring(arcs, indexes)) for polygon in polygons for indexes in polygon]
        rings = [item for item in rings if len(item) >= 6]  # at least a triangle
        code = "XK" if name == "Kosovo" else (aliases.get(geometry.get("id") or "") or [None])[0]
        if code in LEFT_OUT:
            continue
        if code is None:
            unnamed.extend(rings)
        else:
            countries.setdefault(code, []).extend(rings)
    data = {
        "source": "world-atlas 2.0.2 countries-110m.json (ISC); Natural Earth 1:110m, public domain",
        "scale": SCALE,
        "countries": dict(sorted(countries.items())),
        "unnamed": unnamed,
    }
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"{OUTPUT}: {len(countries)} countries, {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
