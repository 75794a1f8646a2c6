"""Ornament artwork for the demo's images, drawn by the project itself.

The demo cannot fetch photographs, and a made-up photograph of a real object would mislead
visitors. So the demo's images are plainly artwork: a field of the ram's-horn curl (*qoshqar müiz*)
that runs through Kazakh felt and embroidery, drawn from arcs in the site's colours. Every page that
uses one marks it decorative (``PageImageMixin.image_decorative``), and its title in the image
library says it is generated artwork, so editors replace it with a real photograph.

Drawn with Pillow (already needed by Wagtail) from a seed, so the same page gets the same image on
every load and the files never need to be kept in the repository.
"""

import io
import math
import random

from PIL import Image, ImageDraw

# Background, ornament and accent colours of each theme (static/css/site.css).
PALETTES = {
    "steppe-gold": ("#10233f", "#c9a45a", "#f3ead4"),
    "almaty-azure": ("#005f8f", "#9fd3ee", "#f4f9fc"),
}
SIZE = (1600, 900)


def _curl(draw, centre, radius, direction, colour, width):
    """One ram's-horn curl: a spiral of three shrinking half-turns, mirrored by ``direction``."""
    x, y = centre
    for turn in range(3):
        r = radius * (0.62**turn)
        start = 180 if (turn + direction) % 2 else 0
        box = [x - r, y - r, x + r, y + r]
        draw.arc(box, start, start + 180, fill=colour, width=width)
        x += direction * (r - r * 0.62) * (1 if turn % 2 == 0 else -1)


def _motif(draw, centre, radius, colour, width):
    """Four curls around a lozenge: the motif repeated across the field."""
    x, y = centre
    for dx, dy, direction in ((-1, -1, 1), (1, -1, -1), (-1, 1, -1), (1, 1, 1)):
        _curl(draw, (x + dx * radius, y + dy * radius), radius * 0.8, direction, colour, width)
    lozenge = [(x, y - radius * 0.7), (x + radius * 0.7, y), (x, y + radius * 0.7), (x - radius * 0.7, y)]
    draw.polygon(lozenge, outline=colour, width=width)


def ornament_png(seed, theme):
    """A PNG of the ornament field for ``seed`` (a page's slug) in ``theme``'s colours, as bytes."""
    background, ornament, accent = PALETTES.get(theme, PALETTES["steppe-gold"])
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    radius = rng.choice([60, 75, 90, 110])
    step = radius * 3.2
    width = max(4, radius // 12)
    offset = rng.random() * step
    rows = math.ceil(SIZE[1] / step) + 2
    columns = math.ceil(SIZE[0] / step) + 2
    for row in range(-1, rows):
        for column in range(-1, columns):
            shift = step / 2 if row % 2 else 0
            centre = (offset + column * step + shift, offset / 2 + row * step)
            colour = accent if rng.random() < 0.12 else ornament
            _motif(draw, centre, radius, colour, width)
    # A border band, as on a tus kiiz (wall hanging).
    band = radius // 2
    draw.rectangle([0, 0, SIZE[0] - 1, SIZE[1] - 1], outline=ornament, width=band // 3)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
