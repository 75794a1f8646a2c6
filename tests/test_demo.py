"""The demo loader: idempotent, complete, and translated through wagtail-localize from the PO files."""

import os

from django.core.management import call_command

from wagtail.models import Page, Site
from wagtail_localize.models import StringTranslation, Translation

import polib
import pytest

from demo.loader import DemoLoader, MissingDemoTranslation, load_data, read_catalogue
from home.models import HomePage, StandardPage
from museums.models import Museum, MuseumSiteSettings

# The loader runs as `manage.py load_demo` does, with real commits: wagtail-localize publishes
# translations on commit, and deferring those callbacks to the end of a test transaction would
# publish home pages after their children were added (with a stale child count).
pytestmark = pytest.mark.django_db(transaction=True)


def counts():
    return {
        "sites": Site.objects.count(),
        "pages": Page.objects.count(),
        "home pages": HomePage.objects.count(),
        "standard pages": StandardPage.objects.count(),
        "museums": Museum.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
        "site settings": MuseumSiteSettings.objects.count(),
    }


@pytest.fixture(autouse=True)
def _pristine(request):
    if request.node.get_closest_marker("django_db").kwargs.get("transaction"):
        request.getfixturevalue("pristine_db")


def load_demo():
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)


@pytest.fixture
def demo():
    load_demo()


def test_the_demo_loaded_twice_gives_the_same_counts(demo):
    first = counts()
    load_demo()

    assert counts() == first
    assert first["sites"] == 2
    assert first["home pages"] == 6  # two museums x three languages
    assert first["standard pages"] == 12  # About and International relations, x3, x2
    assert first["museums"] == 6
    assert first["translations"] == 2 * 4 * 2  # (museum, home, 2 pages) x (kk, ru) x 2 museums


def test_the_demo_shows_its_progress(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "[1/6] Locales" in out
    assert "[6/6] CSM RK: translations" in out
    assert "Demo ready: " in out


@pytest.mark.parametrize("code", ["nmrk", "csm"])
def test_each_museum_has_its_pages_in_three_languages(demo, client, code):
    site = Site.objects.get(root_page__slug=code)
    host = {"HTTP_HOST": site.hostname}
    english = {}
    for language in ("en", "kk", "ru"):
        for path in ("", "about/", "international-relations/"):
            response = client.get(f"/{language}/{path}", **host)
            assert response.status_code == 200, (language, path)
            page = response.context["page"]
            assert page.locale.language_code == language
            assert page.live
            if language == "en":
                english[path] = page
            else:
                # A real translation: a different title and body, not a copy of the English.
                assert page.title != english[path].title
                assert page.translation_key == english[path].translation_key
                if path:
                    assert str(page.body) != str(english[path].body)


def test_translations_came_through_wagtail_localize_from_the_repository_po_files(demo):
    kazakh = read_catalogue("kk")
    page = StandardPage.objects.get(
        slug="international-relations", locale__language_code="kk", url_path__startswith="/nmrk"
    )
    translation = Translation.objects.get(
        target_locale__language_code="kk", source__object_id=page.translation_key
    )

    total, done = translation.get_progress()
    assert total == done > 10
    assert page.title == kazakh["International relations"]
    table = next(block for block in page.body if block.block_type == "table")
    assert list(table.value["header"]) == [kazakh["Year"], kazakh["City"], kazakh["Country"]]
    assert table.value["rows"][0][1] == kazakh["Minsk"]


def test_each_site_is_wired_to_its_museum_and_theme(demo):
    themes = {
        setting.site.root_page.slug: (setting.museum.code, setting.theme)
        for setting in MuseumSiteSettings.objects.select_related("site__root_page", "museum")
    }
    assert themes == {"nmrk": ("nmrk", "steppe-gold"), "csm": ("csm", "almaty-azure")}


def test_wagtails_welcome_site_is_gone_so_unknown_hosts_get_a_404(demo, client):
    assert not Site.objects.filter(is_default_site=True).exists()
    assert client.get("/en/", HTTP_HOST="localhost").status_code == 404


def test_the_identities_are_translated(demo):
    names = dict(Museum.objects.filter(code="csm").values_list("locale__language_code", "name"))
    assert names["en"] == "Central State Museum of the Republic of Kazakhstan"
    assert names["kk"] == "Қазақстан Республикасының Орталық мемлекеттік музейі"
    assert names["ru"] == "Центральный государственный музей Республики Казахстан"


def test_a_string_missing_from_the_catalogue_stops_the_loader_with_a_clear_message():
    loader = DemoLoader()
    del loader.catalogues["ru"]["About the museum"]

    with pytest.raises(MissingDemoTranslation, match=r"demo/translations/ru.po.*update_demo_po"):
        loader.run()
    assert not StandardPage.objects.filter(locale__language_code="ru", slug="about").exists()


@pytest.mark.django_db(False)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_demo_catalogues_are_complete_real_translations(language):
    po = polib.pofile(f"demo/translations/{language}.po")
    assert len(po) > 50
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    copies = [entry.msgid for entry in po if entry.msgstr == entry.msgid and not entry.msgid.isdigit()]
    assert copies == []


@pytest.mark.django_db(False)
def test_the_data_file_invents_no_contacts():
    for museum in load_data()["museum"]:
        assert museum["phone"] == "" and museum["email"] == ""  # the seeds give none
