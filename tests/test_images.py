"""Images as visitors get them: responsive renditions in modern formats, sizes set, lazy below the fold,
alt text in the page's language or an explicit "decorative"; and the demo's generated artwork."""

import io
import re

from django.core.exceptions import ValidationError

import pytest
import wagtail_factories
from PIL import Image as PILImage

from demo.artwork import ornament_png
from home.models import StandardPage
from tests.event_factories import EventIndexPageFactory, ExhibitionPageFactory
from tests.factories import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    return wagtail_factories.ImageFactory(title="Gold plaque", file__width=1600, file__height=900)


def test_an_image_needs_alt_text_or_an_explicit_decorative(network, photo):
    page = StandardPage(title="Gold", slug="gold", image=photo)
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert "image_alt" in raised.value.message_dict
    StandardPage(title="Gold", slug="gold", image=photo, image_decorative=True).clean()
    StandardPage(title="Gold", slug="gold", image=photo, image_alt="A gold plaque with a stag").clean()


@pytest.mark.parametrize(
    ("language", "alt"),
    [
        ("en", "A gold plaque with a stag"),
        ("kk", "Бұғы бейнеленген алтын тақта"),
        ("ru", "Золотая бляха с оленем"),
    ],
)
def test_the_page_image_is_responsive_and_described_in_the_pages_language(network, get, photo, language, alt):
    home = network["nmrk"]["home"]["en"]
    page = home.add_child(
        instance=StandardPage(
            title="Gold", slug="gold", image=photo, image_alt=alt, image_credit="Photo: NMRK"
        )
    )
    page.save_revision().publish()
    if language != "en":
        translate_page(page, language, title=f"Gold ({language})", image_alt=alt)

    html = get("nmrk", f"/{language}/gold/").content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group()
    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    assert re.search(r'srcset="[^"]+avif[^"]+ 480w, [^"]+ 800w, [^"]+ 1200w"', picture)
    img = re.search(r"<img [^>]+>", picture).group()
    assert f'alt="{alt}"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)  # nothing jumps
    assert 'loading="lazy"' not in img  # the first image is above the fold
    assert '<p class="image-credit">Photo: NMRK</p>' in html


def test_cards_are_lazy_and_decorative(network, get, photo):
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    ExhibitionPageFactory(parent=index, title="Steppe gold", hero_image=photo, image_decorative=True)

    html = get("nmrk", "/en/events/").content.decode()
    card = re.search(r'<li class="card event-card.*?</li>', html, re.S).group()
    img = re.search(r"<img [^>]+>", card).group()
    assert 'loading="lazy"' in img and 'alt=""' in img
    assert "image/webp" in card


def test_a_gallery_block_renders_each_image_with_its_alt_text(network, get, photo):
    second = wagtail_factories.ImageFactory(title="Felt", file__width=800, file__height=600)
    home = network["nmrk"]["home"]["en"]
    images = [
        {
            "image": {"image": photo, "alt_text": "A gold plaque", "decorative": False},
            "caption": "",
            "credit": "",
        },
        {"image": {"image": second, "alt_text": "", "decorative": True}, "caption": "Felt", "credit": ""},
    ]
    page = home.add_child(
        instance=StandardPage(
            title="Hall", slug="hall", body=[("gallery", {"heading": "The hall", "images": images})]
        )
    )
    page.save_revision().publish()

    html = get("nmrk", "/en/hall/").content.decode()
    gallery = re.search(r'<section class="gallery".*?</section>', html, re.S).group()
    assert gallery.count("<picture>") == 2
    assert 'alt="A gold plaque"' in gallery and 'alt=""' in gallery
    assert gallery.count('loading="lazy"') == 2


def test_the_demo_artwork_is_a_deterministic_ornament_in_the_sites_colours():
    first, again = ornament_png("golden-man", "steppe-gold"), ornament_png("golden-man", "steppe-gold")
    assert first == again  # the same page gets the same image on every load
    image = PILImage.open(io.BytesIO(first))
    assert image.size == (1600, 900)
    colours = {colour for _count, colour in image.convert("RGB").getcolors(maxcolors=100_000)}
    assert (0x10, 0x23, 0x3F) in colours  # the NMRK header blue as its ground
    assert ornament_png("golden-man", "almaty-azure") != first
