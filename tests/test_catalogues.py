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


# The rows of docs/terminology.md marked ✓: the words chosen after review, not the weak first drafts.
TERMS = [
    ("kk", "event status", "Cancelled", "Өтпейді"),
    ("kk", "crafts fair", "Edition", "Кезекті жәрмеңке"),
    ("ru", "crafts fair", "Edition", "Выпуск"),
    ("kk", None, "Current and upcoming", "Қазіргі және алдағы"),
    ("ru", None, "Current and upcoming", "Текущие и предстоящие"),
    ("kk", None, "From the archive", "Мұрағаттан"),
    ("kk", None, "Working together", "Бірлескен жұмыс"),
]


@pytest.mark.parametrize(("language", "context", "msgid", "expected"), TERMS)
def test_the_catalogues_use_the_reviewed_terms(language, context, msgid, expected):
    with translation.override(language):
        found = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    assert found == expected


@pytest.mark.parametrize("weak", ["Болдырылмады", "Маусымы", "Қазір және алда", "Сейчас и скоро"])
def test_the_weak_first_choices_are_gone(weak):
    for language in ("kk", "ru"):
        assert weak not in [entry.msgstr for entry in polib.pofile(ROOT_LOCALE.format(language))]
