"""Factories for every page type, snippet and block, and the two-museum tree the tests share."""

import datetime

from django.conf import settings

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

import factory
import wagtail_factories
from wagtail_factories.blocks import BlockFactory

from home import blocks
from home.models import HomePage, StandardPage
from museums import blocks as museum_blocks
from museums.models import Museum, MuseumSiteSettings

# --- Blocks --------------------------------------------------------------------------------------


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Sequence(lambda n: f"Section {n}")
    level = "h2"

    class Meta:
        model = blocks.HeadingBlock


class ParagraphBlockFactory(BlockFactory):
    class Meta:
        model = blocks.ParagraphBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs.get("value", "<p>A paragraph about the museum.</p>"))


class CaptionedImageBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(wagtail_factories.ImageChooserBlockFactory)
    caption = "The Golden Man"
    credit = "Photo: museum archive"

    class Meta:
        model = blocks.CaptionedImageBlock


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    text = "Museums are bridges between cultures."
    attribution = "A museum director"

    class Meta:
        model = blocks.QuoteBlock


class DocumentLinkBlockFactory(wagtail_factories.StructBlockFactory):
    document = factory.SubFactory(wagtail_factories.DocumentChooserBlockFactory)
    label = "Download the agreement"

    class Meta:
        model = blocks.DocumentLinkBlock


class LinkBlockFactory(wagtail_factories.StructBlockFactory):
    page = None
    url = "https://example.org/"
    label = "Read more"

    class Meta:
        model = blocks.LinkBlock


class CallToActionBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Visit the exhibition"
    text = "Open every day but Monday."
    link = factory.SubFactory(LinkBlockFactory)

    class Meta:
        model = blocks.CallToActionBlock


class TableBlockFactory(wagtail_factories.StructBlockFactory):
    caption = "Venues"
    header = factory.LazyFunction(lambda: ["City", "Country"])
    rows = factory.LazyFunction(lambda: [["Minsk", "Belarus"], ["Baku", "Azerbaijan"]])

    class Meta:
        model = blocks.TableBlock


class OpeningHoursBlockFactory(wagtail_factories.StructBlockFactory):
    days = "Tuesday to Sunday"
    opens = datetime.time(10, 0)
    closes = datetime.time(18, 0)
    closed = False

    class Meta:
        model = museum_blocks.OpeningHoursBlock


class SocialLinkBlockFactory(wagtail_factories.StructBlockFactory):
    network = "instagram"
    url = "https://www.instagram.com/museum/"

    class Meta:
        model = museum_blocks.SocialLinkBlock


class BodyStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    image = factory.SubFactory(CaptionedImageBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)
    document = factory.SubFactory(DocumentLinkBlockFactory)
    call_to_action = factory.SubFactory(CallToActionBlockFactory)
    table = factory.SubFactory(TableBlockFactory)

    class Meta:
        model = blocks.BodyStreamBlock


# --- Snippets and pages --------------------------------------------------------------------------


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


class MuseumFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"museum{n}")
    name = factory.Sequence(lambda n: f"Museum number {n}")
    short_name = factory.Sequence(lambda n: f"M{n}")
    city = "Astana"
    address = "54 Tauelsizdik Avenue, Astana"
    phone = "+7 7172 00 00 00"
    email = "info@museum.example"
    reuse_notice = "Please link to the source when you reuse material."
    opening_hours = wagtail_factories.StreamFieldFactory({"hours": OpeningHoursBlockFactory})
    social_links = wagtail_factories.StreamFieldFactory({"link": SocialLinkBlockFactory})

    @factory.post_generation
    def with_instagram(museum, create, extracted, **kwargs):
        """Every factory museum has one social link unless the test gave its own."""
        if not museum.social_links:
            museum.social_links = [("link", SocialLinkBlockFactory.build())]
            if create:
                museum.save()

    locale = factory.LazyFunction(lambda: locale(settings.SOURCE_LANGUAGE_CODE))
    live = True

    class Meta:
        model = Museum
        skip_postgeneration_save = True


class HomePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Museum home {n}")
    slug = factory.Sequence(lambda n: f"museum-home-{n}")
    intro = "Welcome to the museum."
    locale = factory.LazyFunction(lambda: locale(settings.SOURCE_LANGUAGE_CODE))

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A short summary."
    show_in_menus = True
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = StandardPage


# --- The two-museum tree -------------------------------------------------------------------------

MUSEUMS = {
    "nmrk": {
        "hostname": "nmrk.localhost",
        "theme": "steppe-gold",
        "name": {
            "en": "National Museum of the Republic of Kazakhstan",
            "kk": "Қазақстан Республикасының Ұлттық музейі",
            "ru": "Национальный музей Республики Казахстан",
        },
        "short": {"en": "NMRK", "kk": "ҚР ҰМ", "ru": "НМРК"},
        "days": {
            "en": "Tuesday to Sunday",
            "kk": "Сейсенбі – жексенбі",
            "ru": "Вторник – воскресенье",
        },
        "about": {"en": "About the museum", "kk": "Музей туралы", "ru": "О музее"},
    },
    "csm": {
        "hostname": "csm.localhost",
        "theme": "almaty-azure",
        "name": {
            "en": "Central State Museum of the Republic of Kazakhstan",
            "kk": "Қазақстан Республикасының Орталық мемлекеттік музейі",
            "ru": "Центральный государственный музей Республики Казахстан",
        },
        "short": {"en": "CSM RK", "kk": "ҚР ОММ", "ru": "ЦГМ РК"},
        "days": {
            "en": "Wednesday to Monday",
            "kk": "Сәрсенбі – дүйсенбі",
            "ru": "Среда – понедельник",
        },
        "about": {"en": "About us", "kk": "Біз туралы", "ru": "О нас"},
    },
}


def translate_page(page, language, **fields):
    """A published translation of ``page`` in ``language`` (Wagtail's copy_for_translation)."""
    translated = page.copy_for_translation(locale(language), copy_parents=False)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated.specific_class.objects.get(pk=translated.pk)


def translate_museum(museum, language, **fields):
    translated = museum.copy_for_translation(locale(language))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.live = True
    translated.save()
    return translated


def build_network():
    """Both museums, each with a site, a home page and an About page in en, kk and ru.

    Returns {code: {"site", "museum", "home": {lang: page}, "about": {lang: page}}}.
    """
    for code, _name in settings.LANGUAGES:
        locale(code)
    Site.objects.filter(is_default_site=True).delete()
    root = Page.get_first_root_node()
    network = {}
    for code, data in MUSEUMS.items():
        museum = MuseumFactory(
            code=code,
            name=data["name"]["en"],
            short_name=data["short"]["en"],
            opening_hours=[
                (
                    "hours",
                    {
                        "days": data["days"]["en"],
                        "opens": datetime.time(10),
                        "closes": datetime.time(18),
                        "closed": False,
                    },
                )
            ],
        )
        for language in ("kk", "ru"):
            hours = [
                (
                    "hours",
                    {
                        "days": data["days"][language],
                        "opens": datetime.time(10),
                        "closes": datetime.time(18),
                        "closed": False,
                    },
                )
            ]
            translate_museum(
                museum,
                language,
                name=data["name"][language],
                short_name=data["short"][language],
                opening_hours=hours,
                reuse_notice=f"{language}: {data['short'][language]}",
            )
        home = HomePageFactory(parent=root, title=data["name"]["en"], slug=code)
        site = Site.objects.create(
            hostname=data["hostname"], port=80, root_page=home, site_name=data["name"]["en"]
        )
        MuseumSiteSettings.objects.create(site=site, museum=museum, theme=data["theme"])
        about = StandardPageFactory(parent=home, title=data["about"]["en"], slug="about", body=[])
        homes, abouts = {"en": home}, {"en": about}
        for language in ("kk", "ru"):
            homes[language] = translate_page(home, language, title=data["name"][language])
            abouts[language] = translate_page(about, language, title=data["about"][language])
        network[code] = {"site": site, "museum": museum, "home": homes, "about": abouts}
    return network


def staff_member(username, *group_names):
    """A user in the named groups (editorial.roles creates them: "NMRK editors", "Translators"...)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user
