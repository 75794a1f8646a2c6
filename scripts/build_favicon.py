"""Draw the museums' network mark and write it as the sites' icons, all from one set of curves.

The mark is a ram's-horn ornament (қошқар мүйіз), the commonest motif of Kazakh ornament: a stem
that parts into two horns curling outwards, with a smaller pair at its foot. It is drawn in warm
cream on a charcoal tile (the neutral header colour of static/css/site.css), so it reads on light
and dark browser tabs alike: the tile stands out on a light tab, the cream horns on a dark one.

Writes, under static/:
- ``favicon.svg``: the icon modern browsers use (``<link rel="icon" type="image/svg+xml">``);
- ``favicon.ico``: 16, 32 and 48 pixel PNG images in one ICO file, for ``/favicon.ico``
  (``home.root_files.favicon``) and the clients that ask for nothing else;
- ``apple-touch-icon.png``: 180 by 180, opaque and square (iOS rounds the corners itself).

Run by hand when the mark changes, and commit the three files; nothing draws them at run time::

    .venv/bin/python scripts/build_favicon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "static"

SIZE = 32  # the drawing's own units: a 32 by 32 square
TILE = "#2b2b2b"
INK = "#f1e3c0"
STROKE = 2.6
CORNER = 6  # the tile's corner radius in the SVG and the ICO (not the touch icon)

# The ornament as cubic Bézier strokes, each a start point and (control, control, end) triples.
STROKES = [
    # The stem.
    ((16, 26.5), [((16, 22), (16, 19), (16, 15.5))]),
    # The left horn: up and out from the stem, then curling down and in.
    (
        (16, 15.5),
        [
            ((16, 8.5), (5.5, 6), (5.5, 12)),
            ((5.5, 16), (11, 16.5), (11, 13)),
            ((11, 11), (8.5, 11), (8.5, 12.8)),
        ],
    ),
    # The right horn, its mirror image.
    (
        (16, 15.5),
        [
            ((16, 8.5), (26.5, 6), (26.5, 12)),
            ((26.5, 16), (21, 16.5), (21, 13)),
            ((21, 11), (23.5, 11), (23.5, 12.8)),
        ],
    ),
    # The small pair at the foot.
    ((16, 26.5), [((16, 22.5), (10, 21), (9.5, 24)), ((9.3, 25.5), (11.5, 26), (12, 24.5))]),
    ((16, 26.5), [((16, 22.5), (22, 21), (22.5, 24)), ((22.7, 25.5), (20.5, 26), (20, 24.5))]),
]


def svg():
    def number(value):
        return f"{value:g}"

    paths = []
    for (x, y), segments in STROKES:
        d = f"M{number(x)} {number(y)}"
        for controls in segments:
            d += "C" + " ".join(f"{number(px)} {number(py)}" for px, py in controls)
        paths.append(f'<path d="{d}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{CORNER}" fill="{TILE}"/>'
        f'<g fill="none" stroke="{INK}" stroke-width="{STROKE}" stroke-linecap="round" '
        f'stroke-linejoin="round">{"".join(paths)}</g></svg>\n'
    )


def bezier(start, controls, steps=24):
    (x0, y0), ((x1, y1), (x2, y2), (x3, y3)) = start, controls
    points = []
    for step in range(1, steps + 1):
        t = step / steps
        u = 1 - t
        points.append(
            (
                u**3 * x0 + 3 * u**2 * t * x1 + 3 * u * t**2 * x2 + t**3 * x3,
                u**3 * y0 + 3 * u**2 * t * y1 + 3 * u * t**2 * y2 + t**3 * y3,
            )
        )
    return points


def raster(pixels, rounded=True, margin=0.0):
    """The mark at ``pixels`` square, drawn eight times larger and scaled down for smooth edges.
    ``margin`` (in drawing units) shrinks the ornament inside the tile."""
    big = pixels * 8
    scale = big / SIZE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * scale, fill=TILE)
    else:
        draw.rectangle((0, 0, big - 1, big - 1), fill=TILE)
    inner = (SIZE - 2 * margin) / SIZE

    def place(point):
        return ((margin + point[0] * inner) * scale, (margin + point[1] * inner) * scale)

    width = STROKE * inner * scale
    for start, segments in STROKES:
        points = [start]
        for controls in segments:
            points += bezier(points[-1], controls)
        placed = [place(point) for point in points]
        draw.line(placed, fill=INK, width=round(width), joint="curve")
        for x, y in (placed[0], placed[-1]):  # round caps
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=INK)
    return image.resize((pixels, pixels), Image.Resampling.LANCZOS)


def main():
    (STATIC / "favicon.svg").write_text(svg(), encoding="utf-8")
    icons = [raster(pixels) for pixels in (48, 32, 16)]
    icons[0].save(
        STATIC / "favicon.ico", format="ICO", sizes=[(48, 48), (32, 32), (16, 16)], append_images=icons[1:]
    )
    touch = raster(180, rounded=False, margin=3).convert("RGB")
    touch.save(STATIC / "apple-touch-icon.png", format="PNG", optimize=True)


if __name__ == "__main__":
    main()
