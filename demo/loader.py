"""Builds the demo: two museum sites in English, translated into Kazakh and Russian.

Idempotent: every step looks for what it would create and creates only what is missing, so a second
run changes no counts. Translations go through wagtail-localize exactly as in the admin: the source is
submitted with ``TranslationCreator``, the strings come from ``demo/translations/<lang>.po`` through
``Translation.import_po`` and the target is published with ``save_target``.
"""

import tomllib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.db import transaction
from django.utils.functional import cached_property

from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

import polib

from home.models import HomePage, StandardPage
from museums.models import Agreement, Museum, MuseumSiteSettings, Partner

from . import network
from .paths import DATA_DIR, TRANSLATIONS_DIR
from .streams import stream_value

TOOL_NAME = "museum demo loader"


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
        steps = [("Locales", self.ensure_locales), ("Default site", self.remove_wagtail_welcome)]
        for museum in museums:
            steps.append((f"{museum['short_name']}: museum, site and pages", self.museum_step(museum)))
        steps.append(("Partner registry", lambda: network.ensure_partners(self.report.note, self.user)))
        for museum in museums:
            steps.append(
                (f"{museum['short_name']}: events, partners page and news", self.sections_step(museum))
            )
        steps.append(("Partner registry: translations", self.translate_partners))
        for museum in museums:
            steps.append((f"{museum['short_name']}: translations", self.translation_step(museum)))
        for number, (label, step) in enumerate(steps, start=1):
            self.progress(f"[{number}/{len(steps)}] {label}")
            step()
        return self.report

    def museum_step(self, museum):
        def step():
            with transaction.atomic():
                self.ensure_museum_site(museum)

        return step

    def sections_step(self, museum):
        def step():
            home = self.source_home(museum)
            sections = network.ensure_sections(home, self.ensure_child)
            network.ensure_events(museum["code"], sections["events"], self.ensure_child)
            network.ensure_news(museum["code"], sections["news"], self.ensure_child)

        return step

    def translate_partners(self):
        """Partners, then agreements, each translated as an object of its own (an agreement is no
        longer part of its partner); before the pages, so that translated pages find them."""
        for instance in self.registry_records():
            self.ensure_translations(instance)

    def registry_records(self):
        partners = Partner.objects.filter(locale=self.source_locale).order_by("pk")
        agreements = Agreement.objects.filter(locale=self.source_locale).order_by("pk")
        return [*partners, *agreements]

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
            fields = {
                "title": page_data["title"],
                "intro": page_data["intro"],
                "show_in_menus": True,
                "body": stream_value(page_data["body"], pages),
            }
            pages[page_data["slug"]] = self.ensure_child(home, StandardPage, page_data["slug"], fields)
        if not home.body:
            home.body = stream_value(data["home"].get("body", []), pages)
            home.save_revision(user=self.user).publish()

    def ensure_museum(self, data):
        museum = Museum.objects.filter(code=data["code"], locale=self.source_locale).first()
        if museum is not None:
            self.report.note(False, f"museum {data['code']}")
            return museum
        museum = Museum(
            code=data["code"],
            locale=self.source_locale,
            name=data["name"],
            short_name=data["short_name"],
            logo=self.ensure_logo(data),
            city=data["city"],
            address=data["unverified_address"],
            phone=data["phone"],
            email=data["email"],
            reuse_notice=data["reuse_notice"],
            opening_hours=[
                ("hours", {**hours, "closed": hours.get("closed", False)})
                for hours in data["unverified_opening_hours"]
            ],
            live=False,
        )
        museum.save()
        museum.save_revision(user=self.user).publish()
        self.report.note(True, f"museum {data['code']}")
        return museum

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

    def ensure_home(self, data):
        home = data["home"]
        fields = {"title": home["title"], "intro": home["intro"]}
        return self.ensure_child(Page.get_first_root_node(), HomePage, home["slug"], fields)

    def ensure_child(self, parent, model, slug, fields, rows=None, tags=()):
        """The English child page ``slug`` of ``parent``, created and published if missing.

        The locale matters under the tree root, where the translated home pages are siblings.
        """
        page = model.objects.child_of(parent).filter(slug=slug, locale=self.source_locale).first()
        if page is not None:
            self.report.note(False, f"page {parent.slug}/{slug}")
            return page
        page = model(slug=slug, locale=self.source_locale, **fields)
        for relation, items in (rows or {}).items():
            for position, item in enumerate(items):
                item.sort_order = position  # what the admin's inline panel would number them
            setattr(page, relation, items)
        if tags:
            page.tags.add(*tags)
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
        TranslationCreator(self.user, missing).create_translations(instance, include_related_objects=False)
        for locale in missing:
            translation = Translation.objects.get(source=source, target_locale=locale)
            self.import_catalogue(translation)
            translation.save_target(user=self.user, publish=True)
            self.report.note(True, f"{locale.language_code} translation of {instance}")

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

    Run after changing the data files (with the English demo loaded): translators then fill the new,
    empty entries. Returns {language: number of untranslated entries}.
    """
    loader = DemoLoader()
    strings = []
    instances = loader.registry_records()
    for museum in loader.data["museum"]:
        instances += loader.objects_to_translate(museum)
    for instance in instances:
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        for segment in source.stringsegment_set.select_related("string").order_by("order"):
            if segment.string.data not in strings:
                strings.append(segment.string.data)
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
