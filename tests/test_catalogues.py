"""Template and interface strings are translated through gettext catalogues for kk, ru and en."""

from django.utils import translation

import polib
import pytest

ROOT_LOCALE = "locale/{}/LC_MESSAGES/django.po"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_catalogues_are_complete_and_not_copies_of_the_english(language):
    po = polib.pofile(ROOT_LOCALE.format(language))
    assert len(po) > 50
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po if entry.msgstr == entry.msgid] == []


def test_the_english_catalogue_has_the_same_strings():
    ids = {
        language: {e.msgid for e in polib.pofile(ROOT_LOCALE.format(language))}
        for language in ("kk", "ru", "en")
    }
    assert ids["kk"] == ids["ru"] == ids["en"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "Жұмыс уақыты"), ("ru", "Часы работы"), ("en", "Opening hours")],
)
def test_compiled_catalogues_are_used_at_run_time(language, expected):
    with translation.override(language):
        assert translation.gettext("Opening hours") == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "skip_link"),
    [
        ("kk", "Негізгі мазмұнға өту"),
        ("ru", "Перейти к основному содержанию"),
        ("en", "Skip to main content"),
    ],
)
def test_pages_show_the_interface_in_the_pages_language(network, get, language, skip_link):
    assert skip_link in get("nmrk", f"/{language}/about/").content.decode()
