"""The Kazakh admin catalogue and Wagtail's strings: what exists, what is translated, what is asked for."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

import wagtail
import wagtail_localize

import polib

LANGUAGE = "kk"
ADMIN_LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "admin"
CATALOGUES = {
    "django": ADMIN_LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / "django.po",
    "djangojs": ADMIN_LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / "djangojs.po",
}
# Whose strings the catalogue translates: a msgid is "Wagtail's" when one of these packages' source
# (en) or Russian catalogues lists it.
PACKAGES = (wagtail, wagtail_localize)

# A msgid as gettext sees it: (context or None, msgid).
Key = tuple[str | None, str]


# --- Wagtail's strings ---------------------------------------------------------------------------


@dataclass
class Reference:
    """One of Wagtail's msgids: where it is used, and the Russian translation that helps."""

    key: Key
    plural: str = ""
    occurrences: set[str] = field(default_factory=set)
    russian: list[str] = field(default_factory=list)


@functools.cache
def wagtail_strings(domain: str = "django") -> dict[Key, Reference]:
    """Every msgid of Wagtail's and wagtail-localize's ``domain`` catalogues.

    Occurrences come from the source (en) catalogues, as paths from the site-packages directory
    (``wagtail/admin/views/pages/edit.py``); the Russian catalogues add the msgids the source
    catalogues have dropped and the Russian text.
    """
    strings: dict[Key, Reference] = {}
    for package in PACKAGES:
        package_dir = Path(package.__file__).parent
        site_packages = package_dir.parent
        for language in ("en", "ru"):
            for path in sorted(package_dir.glob(f"**/locale/{language}/LC_MESSAGES/{domain}.po")):
                app_dir = path.parent.parent.parent.parent.relative_to(site_packages).as_posix()
                for entry in polib.pofile(str(path)):
                    if entry.obsolete:
                        continue
                    key = (entry.msgctxt or None, entry.msgid)
                    reference = strings.setdefault(key, Reference(key, entry.msgid_plural))
                    reference.occurrences.update(f"{app_dir}/{where}" for where, _line in entry.occurrences)
                    if language == "ru":
                        reference.russian = (
                            [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
                            if entry.msgid_plural
                            else [entry.msgstr]
                        )
    return strings


def used_in(paths: tuple[str, ...], domain: str = "django") -> set[Key]:
    """Wagtail's msgids that the source catalogues place in one of ``paths`` (files or folders)."""
    return {
        key
        for key, reference in wagtail_strings(domain).items()
        if any(occurrence.startswith(path) for occurrence in reference.occurrences for path in paths)
    }


def runtime_catalogue(domain: str = "django"):
    """The Kazakh catalogue Django has loaded: what an editor actually sees."""
    if domain == "django":
        return trans_real.translation(LANGUAGE)._catalog
    return trans_real.DjangoTranslation(LANGUAGE, domain=domain)._catalog


def is_translated(key: Key, catalogue, plural: bool = False) -> bool:
    """Whether ``catalogue`` answers the msgid, keyed as Django's merged catalogues key it."""
    context, msgid = key
    lookup = f"{context}\x04{msgid}" if context else msgid
    return ((lookup, 0) if plural else lookup) in catalogue


# --- Recording what the screens ask gettext for --------------------------------------------------


@contextlib.contextmanager
def recording_lookups() -> Iterator[set[Key]]:
    """Record every msgid looked up while the block runs, whatever the active language.

    Every route to a translation (``gettext``, the lazy variants once rendered, ``{% translate %}``
    and ``{% blocktranslate %}``) goes through the four functions of ``translation._trans``, so
    wrapping them sees everything a screen displays.
    """
    seen: set[Key] = set()
    trans = translation._trans
    originals = {name: getattr(trans, name) for name in ("gettext", "ngettext", "pgettext", "npgettext")}

    def gettext(message):
        seen.add((None, str(message)))
        return originals["gettext"](message)

    def ngettext(singular, plural, number):
        seen.add((None, str(singular)))
        return originals["ngettext"](singular, plural, number)

    def pgettext(context, message):
        seen.add((str(context), str(message)))
        return originals["pgettext"](context, message)

    def npgettext(context, singular, plural, number):
        seen.add((str(context), str(singular)))
        return originals["npgettext"](context, singular, plural, number)

    wrappers = {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}
    for name, wrapper in wrappers.items():
        setattr(trans, name, wrapper)
    try:
        yield seen
    finally:
        for name, original in originals.items():
            setattr(trans, name, original)
