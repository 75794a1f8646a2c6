"""Editors who choose Kazakh get Wagtail's and wagtail-localize's admin in Kazakh.

Neither package ships Kazakh; ``locale/admin/kk`` (the second entry of LOCALE_PATHS) does. These
tests pin what an editor sees, how much of the daily screens the catalogue covers, and that the
catalogue is well formed (placeholders kept, terms consistent).
"""

import io
import json
import re
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail.users.models import UserProfile

import polib
import pytest

from editorial import admin_locale
from editorial.management.commands.admin_translation_coverage import Command

pytestmark = pytest.mark.django_db

ADMIN_CATALOGUE = settings.BASE_DIR / "locale" / "admin" / "kk" / "LC_MESSAGES"
PROJECT_CATALOGUE = settings.BASE_DIR / "locale" / "kk" / "LC_MESSAGES" / "django.po"
# What the measured coverage must stay at: every screen group, and all of them together.
GROUP_THRESHOLD = 98.0
TOTAL_THRESHOLD = 99.0


def editor(client, language):
    user = get_user_model().objects.create_superuser(
        f"editor-{language}", f"{language}@museum.example", "unused"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def kazakh_client(client):
    return editor(client, "kk")


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def js_catalogue(response):
    """The translations a JavaScriptCatalog view hands to the browser."""
    script = text(response)
    start = script.index("const newcatalog = ") + len("const newcatalog = ")
    return json.JSONDecoder().raw_decode(script, start)[0]


def sidebar_labels(html):
    """The main menu is drawn by JavaScript from JSON props; read its labels from them."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    labels = set()

    def walk(node):
        if isinstance(node, dict):
            labels.update([node["label"]] if isinstance(node.get("label"), str) else [])
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                walk(child)

    walk(json.loads(props.group(1)))
    return labels


# --- What an editor sees -------------------------------------------------------------------------


def test_the_dashboard_and_main_menu_are_in_kazakh(kazakh_client, network):
    html = text(kazakh_client.get("/admin/"))

    assert "Басқару тақтасы" in html  # Dashboard
    menu = sidebar_labels(html)
    assert {"Беттер", "Суреттер", "Құжаттар", "Есептер", "Баптаулар", "Анықтама"} <= menu
    assert "Images" not in menu


def test_the_page_explorer_is_in_kazakh(kazakh_client, network):
    home = network["nmrk"]["home"]["en"]
    html = text(kazakh_client.get(f"/admin/pages/{home.pk}/"))

    assert "Ішкі бет қосу" in html  # Add child page
    assert "Сүзгілерді көрсету" in html  # Show filters
    assert "Add child page" not in html


def test_the_page_editor_is_in_kazakh(kazakh_client, network):
    about = network["nmrk"]["about"]["en"]
    html = text(kazakh_client.get(f"/admin/pages/{about.pk}/edit/"))

    for kazakh in ("Жобаны сақтау", "Жариялау", "Мазмұны", "Ілгерілету", "Алдын ала қарау"):
        assert kazakh in html
    assert "Save draft" not in html
    assert "Promote" not in html


def test_the_image_listing_is_in_kazakh(kazakh_client, network):
    html = text(kazakh_client.get("/admin/images/"))

    assert "Суреттер" in html
    assert "Сурет қосу" in html  # Add an image
    assert "Add an image" not in html


def test_the_snippets_listing_is_in_kazakh(kazakh_client, network):
    html = text(kazakh_client.get("/admin/snippets/museums/museum/"))

    assert "Музей қосу" in html  # "Add %(model_name)s", with the project's name of the model
    assert "Сүзу белгісі" in html  # Filter by
    assert "Add museum" not in html


def test_the_workflow_tasks_are_in_kazakh(kazakh_client, network):
    html = text(kazakh_client.get("/admin/workflows/tasks/index/"))

    assert "Жұмыс ағынының тапсырмалары" in html  # Workflow tasks
    assert "Өшірілгендерін көрсету" in html  # Show disabled
    assert "Workflow tasks" not in html


def test_the_translation_editor_takes_its_strings_from_the_kazakh_catalogue(kazakh_client, network):
    """wagtail-localize's React editor reads /admin/localize/jsi18n/, a JavaScriptCatalog of its
    own package; Django adds LOCALE_PATHS to it, so the Kazakh djangojs catalogue reaches it."""
    localize = js_catalogue(kazakh_client.get("/admin/localize/jsi18n/"))
    wagtail = js_catalogue(kazakh_client.get("/admin/jsi18n/"))

    assert localize["Not translated"] == "Аударылмаған"
    assert localize["Download PO file"] == "PO файлын жүктеп алу"
    assert wagtail["Main menu"] == "Басты мәзір"


def test_a_translated_page_opens_the_translation_editor_in_kazakh(kazakh_client, network):
    """The Kazakh about page is a wagtail-localize translation; its editor says so in Kazakh."""
    from wagtail_localize.models import Translation, TranslationSource

    about = network["nmrk"]["about"]
    source, _created = TranslationSource.get_or_create_from_instance(about["en"])
    Translation.objects.get_or_create(
        source=source, target_locale=about["kk"].locale, defaults={"enabled": True}
    )
    html = text(kazakh_client.get(f"/admin/pages/{about['kk'].pk}/edit/"))

    assert "Аудармалар" in html  # Translations
    assert "тіліне аударма" in html  # "Translation of %(instance)s into %(locale)s"
    assert "Translation of" not in html


def test_an_editor_who_prefers_russian_keeps_wagtails_russian(client, network):
    """The Kazakh catalogue is loaded for Kazakh only."""
    about = network["nmrk"]["about"]["en"]
    html = text(editor(client, "ru").get(f"/admin/pages/{about.pk}/edit/"))

    assert "Сохранить черновик" in html
    assert "Жобаны сақтау" not in html


# --- Choosing the language -----------------------------------------------------------------------


def account_form_data(response):
    """What the account form posts as it stands, so that a test changes one field only."""
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name in form.fields:
                value = form[name].value()
                if value in (None, False, "") or name.endswith("password1") or name == "avatar":
                    continue
                data[f"{form.prefix}-{name}"] = value
    return data


def test_an_editor_picks_kazakh_in_the_account_settings_and_gets_the_admin_in_kazakh(client, network):
    english = editor(client, "en")
    account = english.get("/admin/account/")
    html = text(account)
    # Wagtail names each permitted language in itself, from Django's language data.
    assert '<option value="kk">Қазақ</option>' in html
    assert "Save draft" in text(english.get(f"/admin/pages/{network['nmrk']['about']['en'].pk}/edit/"))

    data = account_form_data(account)
    data.update({"name_email-first_name": "Айгерім", "name_email-last_name": "Нұрланова"})
    data["locale-preferred_language"] = "kk"
    response = english.post("/admin/account/", data, follow=True)

    assert UserProfile.objects.get(user__username="editor-en").preferred_language == "kk"
    # The account page it returns to is already in Kazakh.
    assert "<title>Тіркелгі - Wagtail</title>" in text(response)
    assert "Жобаны сақтау" in text(english.get(f"/admin/pages/{network['nmrk']['about']['en'].pk}/edit/"))


def test_the_admin_offers_exactly_the_sites_three_languages():
    from wagtail.admin.localization import get_available_admin_languages

    assert [code for code, _name in get_available_admin_languages()] == ["kk", "ru", "en"]


# --- Coverage ------------------------------------------------------------------------------------


# wagtail-localize's translations report paginates an unordered queryset.
@pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning")
def test_the_listed_screens_are_covered_in_kazakh(network):
    groups = admin_locale.measure_coverage()
    by_name = {group.name: group for group in groups}

    for group in groups:
        assert group.used, f"{group.name}: no strings measured"
        assert group.percent >= GROUP_THRESHOLD, (group.name, sorted(group.missing)[:20])
    assert admin_locale.total(groups)[2] >= TOTAL_THRESHOLD
    # The measure sees the editor's real screens, not an empty set of strings.
    assert (None, "Save draft") in by_name["Page editor"].used
    assert (None, "Images") in by_name["Main menu and dashboard"].used


def test_the_command_prints_each_group_and_a_total_that_counts_each_string_once(monkeypatch):
    """Two screens that use the same msgid count it once in the total; the JavaScript catalogue
    is counted apart, since its msgids are another catalogue's."""
    shared, other, script = (None, "Publish"), (None, "Unpublish"), (None, "Publish")
    groups = [
        admin_locale.GroupCoverage("Page editor", "rendered", {shared, other}, {shared, other}),
        admin_locale.GroupCoverage("Page explorer", "rendered", {shared}, {shared}),
        admin_locale.GroupCoverage("Admin JavaScript", admin_locale.SCRIPT_METHOD, {script}, set()),
    ]
    monkeypatch.setattr(Command, "measure", lambda self: groups)
    out = io.StringIO()

    call_command("admin_translation_coverage", missing=True, stdout=out)
    with pytest.raises(CommandError, match=r"66\.7% is below 90"):
        call_command("admin_translation_coverage", fail_under=90, stdout=io.StringIO())

    assert admin_locale.total(groups) == (3, 2, pytest.approx(66.67, abs=0.01))
    lines = out.getvalue().splitlines()
    assert any(line.startswith("Admin JavaScript") and line.endswith("0.0%") for line in lines)
    assert lines[-2].split()[-3:] == ["3", "2", "66.7%"]
    # --missing names what is left, with Wagtail's Russian as the translator's hint.
    assert lines[-1] == "Admin JavaScript: 'Publish' (ru: Опубликовать)"


def test_an_untranslated_string_counts_as_missing():
    """The measure can fail: a Wagtail msgid the catalogue leaves out is reported missing."""
    untranslated = (None, "Promoted search results")  # search promotions: not an editor's screen
    assert untranslated in admin_locale.wagtail_strings()
    catalogue = admin_locale.runtime_catalogue()

    assert not admin_locale.is_translated(untranslated, catalogue)
    assert admin_locale.is_translated((None, "Save draft"), catalogue)


def test_recording_sees_template_and_python_lookups():
    from django.template import Context, Template

    with admin_locale.recording_lookups() as seen:
        Template(
            '{% load i18n %}{% translate "Publish" %}{% blocktranslate %}Live{% endblocktranslate %}'
        ).render(Context())
        translation.pgettext("month name", "May")

    assert {(None, "Publish"), (None, "Live"), ("month name", "May")} <= seen


# --- The catalogue itself ------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdif]|\{[A-Za-z_0-9]*\}")


def catalogue_entries():
    for name in ("django.po", "djangojs.po"):
        for entry in polib.pofile(str(ADMIN_CATALOGUE / name)):
            yield name, entry


def forms_of(entry):
    """(source, translation) pairs: the plural's first form answers the msgid, the second the
    msgid_plural (Kazakh has nplurals=2 like the project's own catalogue)."""
    if entry.msgid_plural:
        return [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
    return [(entry.msgid, entry.msgstr)]


def test_every_translation_keeps_the_placeholders_of_its_msgid():
    broken = []
    for name, entry in catalogue_entries():
        for source, translated in forms_of(entry):
            expected, found = Counter(PLACEHOLDER.findall(source)), Counter(PLACEHOLDER.findall(translated))
            # A singular form may spell out "1" instead of the count ("Delete 1 page").
            singular_without_count = entry.msgid_plural and source == entry.msgid and not expected
            if expected != found and not singular_without_count:
                broken.append((name, source, translated))
    assert broken == []


def test_the_catalogue_is_complete_kazakh_with_the_projects_plural_rule():
    project = polib.pofile(str(PROJECT_CATALOGUE))
    for name in ("django.po", "djangojs.po"):
        po = polib.pofile(str(ADMIN_CATALOGUE / name))
        assert po.metadata["Language"] == "kk"
        assert po.metadata["Plural-Forms"] == project.metadata["Plural-Forms"]
        assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    kazakh_letters = re.compile("[әғқңөұүһі]", re.IGNORECASE)
    sentences = [e.msgstr for _name, e in catalogue_entries() if len(e.msgstr.split()) >= 4]
    assert sum(bool(kazakh_letters.search(s)) for s in sentences) / len(sentences) > 0.95


# The terms of docs/terminology.md: an English word in a msgid, and the Kazakh stems its
# translation must use. One term, one rendering, across the whole catalogue.
TERMS = {
    r"\bpages?\b": ("бет",),
    r"\bdrafts?\b": ("жоба",),
    r"\bpublish": ("жариял",),
    r"\bunpublish": ("жариялаудан", "жарияланбаған"),
    r"\bworkflows?\b": ("жұмыс ағын",),
    r"\bmoderation\b": ("модерация",),
    r"\bsnippets?\b": ("үзінді",),
    r"\bimages?\b": ("сурет",),
    r"\bdocuments?\b": ("құжат",),
    r"\btranslat": ("аудар",),
    r"\brevisions?\b": ("нұсқа",),
    # The schedule itself is a "кесте"; to schedule (a publication) is "жоспарлау".
    r"\bschedul": ("жоспар", "кесте"),
    r"\bcollections?\b": ("жинақ",),
    r"\bslugs?\b": ("url идентификатор",),
    r"\baliase?s?\b": ("бүркеншік",),
    r"\bcomments?\b": ("пікір",),
    r"\btasks?\b": ("тапсырма",),
    r"\block(ed|ing)?\b": ("құлып", "құлпы"),
}
# Not words to translate: placeholders, markup and example addresses.
NOT_WORDS = re.compile(r'href="[^"]*"|<[^>]+>|https?://\S+')


@pytest.mark.parametrize(("english", "kazakh"), TERMS.items())
def test_each_term_is_translated_the_same_way_everywhere(english, kazakh):
    words = re.compile(english, re.IGNORECASE)
    stray = [
        (source, translated)
        for _name, entry in catalogue_entries()
        for source, translated in forms_of(entry)
        if words.search(PLACEHOLDER.sub("", NOT_WORDS.sub("", source)))
        and not any(stem in translated.lower() for stem in kazakh)
    ]
    assert stray == []


def test_the_projects_own_strings_win_over_the_admin_catalogue():
    """Where both catalogues have a msgid, the project's translation is the one shown."""
    project = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(PROJECT_CATALOGUE)) if e.msgstr}
    admin = {(e.msgctxt, e.msgid) for _name, e in catalogue_entries() if _name == "django.po"}
    shared = sorted(key for key in project if key in admin and key[0] is None)
    assert shared, "the catalogues no longer share a msgid; this test would prove nothing"
    with translation.override("kk"):
        assert {msgid: translation.gettext(msgid) for _ctx, msgid in shared} == {
            msgid: project[(None, msgid)] for _ctx, msgid in shared
        }
