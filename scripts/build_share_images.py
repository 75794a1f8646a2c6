"""Draw each theme's default share image: the card link previews show for a page without an image.

A page with an image of its own is shared with it (``home.templatetags.seo_tags``); without one, with
its museum's logo; a museum without a logo is shared with this: the ram's-horn ornament of the demo's
artwork (``demo.artwork``) in its site's colours, at the 1200 by 630 pixels (1.91:1) that Open Graph
and Twitter cards use. No text is drawn on it: one image serves all three languages, and the card's
title beside it names the page.

Writes ``static/images/share/<theme>.png`` for each theme of ``demo.artwork.PALETTES``. Run by hand
when a theme's colours change, and commit the files; nothing draws them at run time::

    .venv/bin/python scripts/build_share_images.py
"""

import io
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from demo.artwork import PALETTES, ornament_png  # noqa: E402 - after the project is on the path

WIDTH, HEIGHT = 1200, 630


def share_image(theme):
    """The ornament scaled to the card's width and cut to its height around the middle."""
    image = Image.open(io.BytesIO(ornament_png(f"share-{theme}", theme)))
    scaled = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
    top = (scaled.height - HEIGHT) // 2
    # A few flat colours: a palette keeps each file near 40 kB.
    return scaled.crop((0, top, WIDTH, top + HEIGHT)).convert("P", palette=Image.ADAPTIVE, colors=64)


def main():
    folder = ROOT / "static" / "images" / "share"
    folder.mkdir(parents=True, exist_ok=True)
    for theme in PALETTES:
        share_image(theme).save(folder / f"{theme}.png", optimize=True)


if __name__ == "__main__":
    main()
