"""Builds the demo: two museum sites in English, translated into Kazakh and Russian.

Idempotent: every step looks for what it would create and creates only what is missing, so a second
run changes no counts. Translations go through wagtail-localize exactly as in the admin: the source is
submitted with ``TranslationCreator``, the strings come from ``demo/translations/<lang>.po`` through
``Translation.import_po`` and the target is published with ``save_target``.
"""

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.functional import cached_property

from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

import polib

from editorial import roles
from events.models import ConferencePage, CraftsFairPage, ExhibitionPage
from home.models import HomePage, StandardPage, VisitPage
from museums.models import Agreement, Museum, MuseumSiteSettings, Partner
from news.models import NewsPage, Topic

from . import network
from .artwork import SIZE as ARTWORK_SIZE
from .artwork import ornament_png
from .paths import DATA_DIR, TRANSLATIONS_DIR
from .streams import stream_value

TOOL_NAME = "museum demo loader"
# The page types that get a generated ornament as their image, and the credit it carries.
ILLUSTRATED = (HomePage, ExhibitionPage, ConferencePage, CraftsFairPage, NewsPage)
ARTWORK_CREDIT = "Ornament: artwork drawn for this website"


class MissingDemoTranslation(Exception):
    """A demo string has no translation in the repository's PO file."""


def load_data():
    with open(DATA_DIR / "museums.toml", "rb") as data_file:
        return tomllib.load(data_file)


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.SOURCE_LANGUAGE_CODE]


def catalogue_path(language_code):
    return TRANSLATIONS_DIR / f"{language_code}.po"


def read_catalogue(language_code):
    """The repository's demo strings for one language: English msgid -> translation."""
    path = catalogue_path(language_code)
    if not path.exists():
        return {}
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}


def attach_rows(page, rows):
    """Give an unsaved page its inline rows, numbered as the admin's inline panels would."""
    for relation, items in (rows or {}).items():
        for position, item in enumerate(items):
            item.sort_order = position
        setattr(page, relation, items)


@dataclass
class Report:
    created: list = field(default_factory=list)
    kept: list = field(default_factory=list)

    def note(self, created, label):
        (self.created if created else self.kept).append(label)


class DemoLoader:
    def __init__(self, user=None, progress=None):
        self.user = user
        self.progress = progress or (lambda message: None)
        self.report = Report()
        self.data = load_data()
        self.catalogues = {code: read_catalogue(code) for code in target_languages()}

    # --- The plan ------------------------------------------------------------------------------
    def run(self):
        museums = self.data["museum"]
        steps = [
            ("Catalogues", self.check_all_catalogues),
            ("Locales", self.ensure_locales),
            ("Default site", self.remove_wagtail_welcome),
        ]
        for museum in museums:
            steps.append((f"{museum['short_name']}: museum, site and pages", self.museum_step(museum)))
        steps.append(("Partner registry and news topics", self.ensure_registry))
        for museum in museums:
            steps.append(
                (f"{museum['short_name']}: events, partners page, news and forms", self.sections_step(museum))
            )
        steps.append(("Partner registry: translations", self.translate_partners))
        for museum in museums:
            steps.append((f"{museum['short_name']}: translations", self.translation_step(museum)))
        for number, (label, step) in enumerate(steps, start=1):
            self.progress(f"[{number}/{len(steps)}] {label}")
            step()
        return self.report

    def ensure_registry(self):
        network.ensure_partners(self.report.note, self.user)
        network.ensure_topics(self.report.note, self.user)

    def museum_step(self, museum):
        def step():
            self.museum = museum
            with transaction.atomic():
                self.ensure_museum_site(museum)

        return step

    def sections_step(self, museum):
        def step():
            self.museum = museum
            home = self.source_home(museum)
            sections = network.ensure_sections(home, self.ensure_child)
            events = network.ensure_events(museum["code"], sections["events"], self.ensure_child)
            network.ensure_news(museum["code"], sections["news"], self.ensure_child)
            network.ensure_forms(home, events, self.ensure_child)

        return step

    def translate_partners(self):
        """Partners, agreements and news topics, each translated as an object of its own (an
        agreement is no longer part of its partner); before the pages, so that translated pages
        find them."""
        for instance in self.registry_records():
            self.ensure_translations(instance)

    def registry_records(self):
        partners = Partner.objects.filter(locale=self.source_locale).order_by("pk")
        agreements = Agreement.objects.filter(locale=self.source_locale).order_by("pk")
        topics = Topic.objects.filter(locale=self.source_locale).order_by("pk")
        return [*partners, *agreements, *topics]

    def translation_step(self, museum):
        def step():
            for instance in self.objects_to_translate(museum):
                self.ensure_translations(instance)

        return step

    # --- Structure ----------------------------------------------------------------------------
    def ensure_locales(self):
        for code, _name in settings.LANGUAGES:
            _locale, created = Locale.objects.get_or_create(language_code=code)
            self.report.note(created, f"locale {code}")

    @cached_property
    def source_locale(self):
        return network.source_locale()

    @cached_property
    def target_locales(self):
        return list(Locale.objects.filter(language_code__in=target_languages()))

    def remove_wagtail_welcome(self):
        """Drop the site and page Wagtail's first migration creates: on a network of museum sites a
        default site would answer for every unknown host name."""
        for site in Site.objects.filter(is_default_site=True).select_related("root_page"):
            root = site.root_page
            if root.specific_class is Page and root.depth == 2 and not root.get_children().exists():
                site.delete()
                root.delete()
                self.report.note(True, "removed Wagtail's welcome site")

    def ensure_museum_site(self, data):
        museum = self.ensure_museum(data)
        home = self.ensure_home(data)
        site, created = Site.objects.update_or_create(
            root_page=home,
            defaults={
                "hostname": getattr(settings, data["hostname_setting"]),
                "port": settings.SITES_PORT,
                "site_name": data["name"],
                "is_default_site": False,
            },
        )
        self.report.note(created, f"site {site.hostname}")
        site_settings = MuseumSiteSettings.for_site(site)
        site_settings.museum = museum
        site_settings.theme = data["theme"]
        site_settings.save()

        pages = {}
        for page_data in data["pages"]:
            fields = self.standard_page_fields(page_data, pages)
            pages[page_data["slug"]] = self.ensure_child(home, StandardPage, page_data["slug"], fields)
        self.ensure_child(home, VisitPage, data["visit"]["slug"], self.visit_page_fields(data))
        if not home.body:
            home.body = stream_value(data["home"].get("body", []), pages)
            home.save_revision(user=self.user).publish()

    def ensure_museum(self, data):
        museum = Museum.objects.filter(code=data["code"], locale=self.source_locale).first()
        if museum is not None:
            self.report.note(False, f"museum {data['code']}")
            return museum
        museum = self.museum_from(data, self.source_locale)
        museum.logo = self.ensure_logo(data)
        museum.save()
        museum.save_revision(user=self.user).publish()
        self.report.note(True, f"museum {data['code']}")
        return museum

    @staticmethod
    def museum_from(data, locale):
        """The unsaved English museum record the data describes (without its logo)."""
        return Museum(
            code=data["code"],
            locale=locale,
            name=data["name"],
            short_name=data["short_name"],
            city=data["city"],
            address=data["unverified_address"],
            phone=data["phone"],
            email=data["email"],
            reuse_notice=data["reuse_notice"],
            latitude=data.get("latitude", data.get("unverified_latitude")),
            longitude=data.get("longitude", data.get("unverified_longitude")),
            # The data marks the street address and hours it could not check as unverified_*: the
            # site shows them as "not yet confirmed" until an editor has checked them.
            visit_details_confirmed=not any(key.startswith("unverified_") for key in data),
            opening_hours=[
                ("hours", {**hours, "closed": hours.get("closed", False)})
                for hours in data["unverified_opening_hours"]
            ],
            live=False,
        )

    def ensure_logo(self, data):
        title = f"{data['short_name']} logo"
        logo = Image.objects.filter(title=title).order_by("pk").first()
        if logo is None:
            path = DATA_DIR / data["logo"]
            with open(path, "rb") as logo_file:
                logo = Image(title=title)
                logo.file.save(path.name, File(logo_file), save=False)
                logo.save()
            self.report.note(True, f"image {title}")
        return logo

    def ensure_artwork(self, slug):
        """The generated ornament for a page of the current museum (``demo.artwork``), in the museum's
        collection; titled as artwork so editors know to replace it with a photograph."""
        museum = self.museum
        title = f"{museum['short_name']}: ornament for “{slug}” (generated artwork, not a photograph)"
        image = Image.objects.filter(title=title).order_by("pk").first()
        if image is None:
            image = Image(title=title, collection=roles.museum_collection(museum["code"]))
            png = ContentFile(ornament_png(slug, museum["theme"]))
            image.file.save(f"ornament-{museum['code']}-{slug}.png", png, save=False)
            image.width, image.height = ARTWORK_SIZE  # the file is ours: no need to read it back
            image.save()
            self.report.note(True, f"image {title}")
        return image

    @staticmethod
    def home_fields(data):
        return {"title": data["home"]["title"], "intro": data["home"]["intro"]}

    @staticmethod
    def standard_page_fields(page_data, pages):
        return {
            "title": page_data["title"],
            "intro": page_data["intro"],
            "show_in_menus": True,
            "body": stream_value(page_data["body"], pages),
        }

    @staticmethod
    def visit_page_fields(data):
        visit = data["visit"]
        return {"title": visit["title"], "intro": visit["intro"], "show_in_menus": True}

    def ensure_home(self, data):
        fields = self.home_fields(data)
        return self.ensure_child(Page.get_first_root_node(), HomePage, data["home"]["slug"], fields)

    def ensure_child(self, parent, model, slug, fields, rows=None):
        """The English child page ``slug`` of ``parent``, created and published if missing.

        The locale matters under the tree root, where the translated home pages are siblings.
        """
        page = model.objects.child_of(parent).filter(slug=slug, locale=self.source_locale).first()
        if page is not None:
            self.report.note(False, f"page {parent.slug}/{slug}")
            return page
        page = model(slug=slug, locale=self.source_locale, **fields)
        if model in ILLUSTRATED:
            # Decorative: the ornament says nothing a visitor needs (demo.artwork).
            setattr(page, model.image_field, self.ensure_artwork(slug))
            page.image_decorative = True
            page.image_credit = ARTWORK_CREDIT
        attach_rows(page, rows)
        # One unit: a load interrupted here leaves no page without its published revision.
        with transaction.atomic():
            parent.add_child(instance=page)
            page.save_revision(user=self.user).publish()
        self.report.note(True, f"page {parent.slug}/{slug}")
        return page

    # --- Translation --------------------------------------------------------------------------
    def objects_to_translate(self, data):
        """The museum's English records, parents before children so translated pages find their
        translated parent."""
        museum = Museum.objects.get(code=data["code"], locale=self.source_locale)
        home = self.source_home(data)
        return [museum, home, *[page.specific for page in home.get_descendants().order_by("path")]]

    def source_home(self, data):
        return HomePage.objects.get(slug=data["home"]["slug"], locale=self.source_locale, depth=2)

    def ensure_translations(self, instance):
        source = TranslationSource.objects.get_for_instance_or_none(instance)
        missing = [
            locale
            for locale in self.target_locales
            if source is None or not self.translation_is_complete(source, locale)
        ]
        if not missing:
            self.report.note(False, f"translations of {instance}")
            return
        # Refuse before anything is created: wagtail-localize would publish an English fallback.
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        for locale in missing:
            self.check_catalogue(source, locale.language_code)
        # What the admin's "Translate" action does: submit the source, create the targets. Not the
        # partners a page names: they were translated and published in their own step, and
        # submitting them again would save them as drafts, taking them off the site
        # (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is off). The page still points to them.
        # One unit per record: a load interrupted here leaves no half-imported translation behind;
        # one interrupted while publishing (on commit) leaves a draft, which the next run completes.
        with transaction.atomic():
            creator = TranslationCreator(self.user, missing)
            creator.create_translations(instance, include_related_objects=False)
            for locale in missing:
                translation = Translation.objects.get(source=source, target_locale=locale)
                self.import_catalogue(translation)
                translation.save_target(user=self.user, publish=True)
        for locale in missing:
            self.report.note(True, f"{locale.language_code} translation of {instance}")

    # --- Catalogues -----------------------------------------------------------------------------
    def planned_instances(self):
        """Every English record and page the data describes, built in memory and never saved: what
        the loader will submit for translation, for checking the catalogues before anything exists.

        Built by the same functions the loader saves through, so the strings are the same ones.
        """
        locale = Locale(language_code=settings.SOURCE_LANGUAGE_CODE)  # unsaved: no query
        any_page = defaultdict(lambda: Page(pk=None))  # call-to-action links: only their labels count
        instances = []
        for data in self.data["museum"]:
            instances.append(self.museum_from(data, locale))
            home_body = stream_value(data["home"].get("body", []), any_page)
            instances.append(HomePage(locale=locale, body=home_body, **self.home_fields(data)))
            for page_data in data["pages"]:
                instances.append(
                    StandardPage(locale=locale, **self.standard_page_fields(page_data, any_page))
                )
            instances.append(VisitPage(locale=locale, **self.visit_page_fields(data)))
        instances += network.planned_instances(locale)
        for instance in instances:
            if type(instance) in ILLUSTRATED:
                instance.image_credit = ARTWORK_CREDIT
        return instances

    def planned_strings(self):
        """The source strings of ``planned_instances``, in order, once each."""
        strings = {}
        for instance in self.planned_instances():
            for model_field in instance._meta.fields:
                if isinstance(model_field, StreamField):  # give blocks their ids, as saving would
                    model_field.stream_block.get_prep_value(model_field.value_from_object(instance))
            for segment in extract_segments(instance):
                if isinstance(segment, StringSegmentValue):
                    strings.setdefault(segment.string.data, None)
        return list(strings)

    def check_all_catalogues(self):
        """Refuse to start while any catalogue lacks a string: the database is not touched."""
        strings = self.planned_strings()
        for language, catalogue in self.catalogues.items():
            missing = [string for string in strings if not catalogue.get(string)]
            if missing:
                raise MissingDemoTranslation(
                    f"{len(missing)} demo string(s) have no translation in {catalogue_path(language)}; "
                    f"run `manage.py update_demo_po` and translate them. First: {missing[0]!r}"
                )

    def check_catalogue(self, source, language):
        catalogue = self.catalogues[language]
        strings = source.stringsegment_set.values_list("string__data", flat=True)
        missing = [string for string in strings if not catalogue.get(string)]
        if missing:
            raise MissingDemoTranslation(
                f"{len(missing)} string(s) of {source.get_source_instance()} have no translation in "
                f"{catalogue_path(language)}; run `manage.py update_demo_po` and translate them. "
                f"First: {missing[0]!r}"
            )

    @staticmethod
    def translation_is_complete(source, locale):
        """Translated and published: a draft left behind (by an earlier loader, which let page
        translations re-save the partners they name as drafts) is translated again and published."""
        translation = Translation.objects.filter(source=source, target_locale=locale).first()
        if translation is None:
            return False
        try:
            translated = source.get_translated_instance(locale)
        except ObjectDoesNotExist:
            return False
        total, done = translation.get_progress()
        return total == done and getattr(translated, "live", True)

    def import_catalogue(self, translation):
        """Fill the translation's PO file from the repository's catalogue and import it.

        Strings are matched by their English text, as gettext does; ``check_catalogue`` has made
        sure there is one for each, so the demo never shows English under /kk/ or /ru/.
        """
        catalogue = self.catalogues[translation.target_locale.language_code]
        po = translation.export_po()
        for entry in po:
            entry.msgstr = catalogue[entry.msgid]
        translation.import_po(po, user=self.user, tool_name=TOOL_NAME)


def update_catalogues():
    """Write every demo source string into the repository's PO files, keeping translations made.

    Run after changing the data files (no database content needed: the strings come from the data
    as ``planned_strings`` reads it); translators then fill the new, empty entries. Returns
    {language: number of untranslated entries}.
    """
    strings = DemoLoader().planned_strings()
    untranslated = {}
    for language in target_languages():
        existing = read_catalogue(language)
        po = polib.POFile(wrapwidth=0)
        po.metadata = {
            "Project-Id-Version": "museum network demo",
            "Language": language,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Transfer-Encoding": "8bit",
        }
        for msgid in strings:
            po.append(polib.POEntry(msgid=msgid, msgstr=existing.get(msgid, "")))
        po.save(str(catalogue_path(language)))
        untranslated[language] = sum(1 for msgid in strings if not existing.get(msgid))
    return untranslated
