"""The editors' and translators' guides, walked through in a real browser.

Each walk is made once per admin language (Kazakh, Russian, English), as people who chose that
language in their account settings, and takes the screenshots of ``docs/editors.md`` and
``docs/translators.md``. They are written to ``docs/img/<language>/`` only when asked
(``GUIDE_SCREENSHOTS=1 ./scripts/test tests/browser/test_guides.py``), so that an ordinary test run
leaves the working tree as it was; otherwise to a temporary folder.
"""

import datetime
import io
import json
import os
import tempfile
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import trans_real

from wagtail.images import get_image_model
from wagtail.models import Locale, WorkflowState
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

import polib
import pytest
from freezegun import freeze_time
from PIL import Image as PILImage
from PIL import ImageDraw

from editorial import roles
from events.models import ExhibitionPage
from news.models import NewsPage
from tests.event_factories import EventIndexPageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.factories import translate_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMG = (
    Path(settings.BASE_DIR) / "docs" / "img"
    if os.environ.get("GUIDE_SCREENSHOTS")
    else Path(tempfile.mkdtemp(prefix="museum-guide-screenshots-"))
)
PASSWORD = "steppe-2026-guide"
LANGUAGES = ["kk", "ru", "en"]
SECTIONS = {
    "news": {"en": "News", "kk": "Жаңалықтар", "ru": "Новости"},
    "events": {
        "en": "Exhibitions and events",
        "kk": "Көрмелер мен іс-шаралар",
        "ru": "Выставки и мероприятия",
    },
}


def _(language, message):
    """``message`` as the admin shows it in ``language``."""
    with translation.override(language):
        return translation.gettext(message)


class Guide:
    """One person's browser, in one admin language, saving the guide's pictures as it goes."""

    def __init__(self, page, language, url):
        self.page = page
        self.language = language
        self.url = url
        self.folder = IMG / language
        self.folder.mkdir(parents=True, exist_ok=True)

    def shot(self, name, locator=None):
        """The viewport, or only one element of it."""
        path = self.folder / f"{name}.png"
        if locator is None:
            self.page.screenshot(path=path)
        else:
            locator.screenshot(path=path)
        return path

    def go(self, path):
        self.page.goto(self.url("nmrk", path))

    def sign_in(self, username):
        self.go("/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")

    def status_panel(self):
        """Opens the editor's status side panel (Wagtail remembers whether it was open)."""
        toggle = self.page.locator("[data-side-panel-toggle=status]")
        self.page.wait_for_timeout(300)
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        self.page.wait_for_timeout(600)  # it slides in

    def actions(self):
        """Opens the menu of the editor's footer button (Save draft ▴)."""
        self.page.click(".w-dropdown-button .w-dropdown__toggle")
        self.page.wait_for_timeout(400)  # it unfolds

    def modal(self):
        self.page.wait_for_selector(".modal textarea[name=comment]")
        self.page.wait_for_timeout(500)  # it fades in

    def sign_out(self):
        self.page.context.clear_cookies()


def person(username, first_name, last_name, group_name, language):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=first_name, last_name=last_name
    )
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def sections(network):
    """News and Exhibitions and events under each museum's home page, in every language."""
    found = {}
    for code, museum in network.items():
        home = museum["home"]["en"]
        news = NewsIndexPageFactory(parent=home, title=SECTIONS["news"]["en"], slug="news")
        events = EventIndexPageFactory(parent=home, title=SECTIONS["events"]["en"], slug="events")
        for language in ("kk", "ru"):
            translate_page(news, language, title=SECTIONS["news"][language])
            translate_page(events, language, title=SECTIONS["events"][language])
        found[code] = {"news": news, "events": events}
    return found


def picture():
    """A photograph stand-in: the steppe at dusk, with a golden disc."""
    image = PILImage.new("RGB", (1200, 800))
    draw = ImageDraw.Draw(image)
    for y in range(800):
        t = y / 800
        draw.line([(0, y), (1200, y)], fill=(int(30 + 200 * t), int(40 + 120 * t), int(90 - 40 * t)))
    draw.ellipse([480, 260, 720, 500], fill=(232, 184, 60))
    draw.rectangle([0, 600, 1200, 800], fill=(120, 100, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@pytest.fixture
def guide(live_network, browser, request):
    language = request.param

    def open_guide():
        context = browser.new_context(
            locale={"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}[language],
            viewport={"width": 1280, "height": 800},
        )
        return Guide(context.new_page(), language, live_network["url"])

    return open_guide


@pytest.mark.parametrize("guide", LANGUAGES, indirect=True)
def test_editors_guide(live_network, guide):
    g = guide()
    language = g.language
    network = live_network["network"]
    section = sections(network)
    person("aigerim", "Aigerim", "Sadykova", roles.group_name("nmrk", roles.EDITOR), language)
    person("daniyar", "Daniyar", "Nurlanov", roles.group_name("nmrk", roles.MODERATOR), language)
    page = g.page

    # 1. Sign in.
    g.go("/admin/login/")
    g.shot("editors-01-sign-in", page.locator("main"))
    g.sign_in("aigerim")
    g.go("/admin/pages/")
    g.shot("editors-02-explorer")
    text = page.inner_text("main")
    assert "National Museum of the Republic of Kazakhstan" in text
    assert "Central State Museum" not in text

    # 2. The museum's English tree: its sections.
    home = network["nmrk"]["home"]["en"]
    page.click(f"main a[href='/admin/pages/{home.pk}/']")
    page.wait_for_url(f"**/admin/pages/{home.pk}/")
    g.shot("editors-03-sections")
    text = page.inner_text("main")
    assert "News" in text and "Exhibitions and events" in text

    # 3. An image into the museum's collection.
    page.click("a[href='/admin/images/']")
    page.wait_for_url("**/admin/images/")
    page.click("a[href='/admin/images/multiple/add/']")
    page.wait_for_url("**/admin/images/multiple/add/")
    page.set_input_files(
        "#fileupload", files=[{"name": "golden-man.jpg", "mimeType": "image/jpeg", "buffer": picture()}]
    )
    page.wait_for_selector("#upload-list li.upload-success", timeout=30_000)
    page.fill("#upload-list li input[name$=title]", "The Golden Man in the Hall of Gold")
    page.fill("#upload-list li input[name$=description]", "A golden sun setting over the steppe")
    g.shot("editors-04-image")
    page.click("#upload-list li button[type=submit]")
    page.wait_for_selector("#upload-list li", state="detached")
    image = get_image_model().objects.get()
    assert image.collection.name == "NMRK"
    assert image.title == "The Golden Man in the Hall of Gold"

    # 4. A news item under News.
    news = section["nmrk"]["news"]
    g.go(f"/admin/pages/{news.pk}/")
    page.click(f"a[href='/admin/pages/{news.pk}/add_subpage/']")
    page.wait_for_url(f"**/admin/pages/add/news/newspage/{news.pk}/")
    page.fill("#id_title", "The Golden Man returns to Astana")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.fill("#id_summary", "After a year abroad the Golden Man is back in the Hall of Gold.")
    page.click("#id_image-chooser .unchosen [data-chooser-action-choose]")
    page.click("a[data-chooser-modal-choice]")
    page.wait_for_selector("#id_image-chooser:not(.blank)")
    page.wait_for_selector(".modal", state="detached")
    # The admin refuses an image without a description unless it is marked decorative.
    page.fill("#id_image_alt", "The Golden Man, a warrior's costume of gold plaques, in the Hall of Gold")
    centre(page.locator("#id_summary"))
    g.shot("editors-05-news-form")
    page.click("button.action-save")
    page.wait_for_url("**/admin/pages/*/edit/")
    page.evaluate("window.scrollTo(0, 0)")
    item = NewsPage.objects.get(title="The Golden Man returns to Astana")
    assert item.live is False and item.has_unpublished_changes
    assert item.image == image
    g.shot("editors-06-news-draft")

    # 5. Submit it for moderation.
    g.actions()
    g.shot("editors-07-submit-menu")
    page.click("button[name=action-submit]")
    page.wait_for_url(f"**/admin/pages/{news.pk}/")
    g.shot("editors-08-news-submitted")
    state = WorkflowState.objects.get(object_id=str(item.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert _(language, "In Moderation").lower() in page.inner_text("main").lower()
    assert any("daniyar@example.org" in message.to for message in mail.outbox)  # the moderator hears

    # 6. An exhibition under Exhibitions and events, to go live on a chosen day.
    events = section["nmrk"]["events"]
    g.go(f"/admin/pages/{events.pk}/")
    page.click(f"a[href='/admin/pages/{events.pk}/add_subpage/']")
    page.wait_for_url(f"**/admin/pages/{events.pk}/add_subpage/")
    g.shot("editors-09-event-type")
    page.click(f"a[href^='/admin/pages/add/events/exhibitionpage/{events.pk}/']")
    page.wait_for_url("**/admin/pages/add/events/exhibitionpage/**")
    page.fill("#id_title", "Gold of the Great Steppe")
    page.fill(
        "#id_summary", "Saka gold from the Berel and Issyk burial mounds, shown together for the first time."
    )
    go_live = (timezone.localtime() + datetime.timedelta(days=30)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    opening = go_live.date() + datetime.timedelta(days=14)
    page.fill("#id_start_date", opening.isoformat())
    page.fill("#id_end_date", (opening + datetime.timedelta(days=110)).isoformat())
    g.status_panel()
    page.click("[data-a11y-dialog-show=schedule-publishing-dialog]")
    page.fill("#schedule-publishing-dialog #id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    g.shot("editors-10-schedule")
    # The calendar stays open over the button; a person would close it first.
    page.locator("#schedule-publishing-dialog button[type=submit]").dispatch_event("click")
    page.wait_for_url("**/admin/pages/*/edit/")
    exhibition = ExhibitionPage.objects.get(title="Gold of the Great Steppe")
    assert exhibition.live is False
    assert exhibition.get_latest_revision().as_object().go_live_at == go_live
    g.actions()
    page.click("button[name=action-submit]")
    page.wait_for_url(f"**/admin/pages/{events.pk}/")
    assert WorkflowState.objects.get(object_id=str(exhibition.pk)).status == WorkflowState.STATUS_IN_PROGRESS

    # 7. The other museum is out of sight: not in the explorer, not in search, not by its address.
    csm_home = network["csm"]["home"]["en"]
    g.go("/admin/pages/search/?q=museum")
    assert "Central State Museum" not in page.inner_text("main")
    g.go(f"/admin/pages/{csm_home.pk}/edit/")
    assert f"/admin/pages/{csm_home.pk}/edit/" not in page.url
    assert _(language, "Sorry, you do not have permission to access this area.") in page.inner_text("body")
    g.sign_out()

    # 8. The museum's moderator: the dashboard lists what waits for them.
    g.sign_in("daniyar")
    main = page.inner_text("main")
    assert "The Golden Man returns to Astana" in main and "Gold of the Great Steppe" in main
    g.shot("editors-11-moderator-dashboard")

    # 9. Approve the news item: it is live at once.
    g.go(f"/admin/pages/{item.pk}/edit/")
    g.actions()
    g.shot("editors-12-moderator-actions")
    page.click("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    page.wait_for_load_state()
    page.wait_for_function(
        "id => !location.pathname.endsWith(`/pages/${id}/edit/`)", arg=item.pk, timeout=30_000
    )
    item.refresh_from_db()
    assert item.live
    page.goto(g.url("nmrk", "/en/news/the-golden-man-returns-to-astana/"))
    assert page.text_content("h1") == "The Golden Man returns to Astana"
    g.shot("editors-13-news-live")

    # 10. Request changes on the exhibition, with a comment.
    g.go(f"/admin/pages/{exhibition.pk}/edit/")
    g.actions()
    page.click("button[data-workflow-action-name=reject]")
    g.modal()
    page.fill(".modal textarea[name=comment]", "Please name the curators.")
    g.shot("editors-14-request-changes")
    page.click(".modal button[type=submit]")
    page.wait_for_selector(".modal", state="detached")
    state = WorkflowState.objects.get(object_id=str(exhibition.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_editor = [message for message in mail.outbox if "aigerim@example.org" in message.to]
    assert any("Please name the curators." in message.body for message in to_editor)
    g.sign_out()

    # 11. The editor sees it on their dashboard, reads the comment, makes the change and resubmits.
    g.sign_in("aigerim")
    assert _(language, "Your pages and snippets in a workflow") in page.inner_text("main")
    g.shot("editors-15-editor-dashboard")
    g.go(f"/admin/pages/{exhibition.pk}/edit/")
    g.status_panel()
    page.click("[data-a11y-dialog-show=workflow-status-dialog]")
    page.wait_for_timeout(500)
    assert "Please name the curators." in page.inner_text("#workflow-status-dialog")
    g.shot("editors-16-changes-requested")
    page.click("#workflow-status-dialog .w-dialog__close-button")
    page.fill("#id_curators", "Arman Zhumabekov, Gulnara Kassymova")
    g.actions()
    page.click("button[name=action-submit]")
    page.wait_for_url(f"**/admin/pages/{events.pk}/")
    exhibition.refresh_from_db()
    assert exhibition.get_latest_revision().as_object().curators == "Arman Zhumabekov, Gulnara Kassymova"
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_IN_PROGRESS
    g.sign_out()

    # 12. Approved, the exhibition waits for its go-live date.
    g.sign_in("daniyar")
    g.go(f"/admin/pages/{exhibition.pk}/edit/")
    g.actions()
    page.click("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    page.wait_for_function(
        "id => !location.pathname.endsWith(`/pages/${id}/edit/`)", arg=exhibition.pk, timeout=30_000
    )
    exhibition.refresh_from_db()
    assert exhibition.live is False
    scheduled = exhibition.revisions.get(approved_go_live_at__isnull=False)
    assert scheduled.approved_go_live_at == go_live
    g.go(f"/admin/pages/{events.pk}/")
    g.shot("editors-17-scheduled")
    assert page.goto(g.url("nmrk", "/en/events/gold-of-the-great-steppe/")).status == 404

    # The day comes: publish_scheduled (run every minute on the server) publishes it.
    with freeze_time(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert page.goto(g.url("nmrk", "/en/events/gold-of-the-great-steppe/")).status == 200


# --- The translators' guide ------------------------------------------------------------------------

NEWS = {
    "title": "The Golden Man returns to Astana",
    "summary": "After a year abroad the Golden Man is back in the Hall of Gold.",
    "heading": "Where to see him",
    "paragraph": "The Golden Man is on show in the Hall of Gold, open Tuesday to Sunday.",
    "changed": "The Golden Man is back in the Hall of Gold, with two new finds.",
}
TRANSLATED = {
    "kk": {
        NEWS["title"]: "Алтын адам Астанаға оралды",
        NEWS["summary"]: "Шетелде бір жыл болған Алтын адам Алтын залына қайта оралды.",
        NEWS["heading"]: "Оны қайдан көруге болады",
        NEWS["paragraph"]: "Алтын адам сейсенбіден жексенбіге дейін ашық Алтын залында қойылған.",
        NEWS["changed"]: "Алтын адам Алтын залына екі жаңа олжамен бірге оралды.",
    },
    "ru": {
        NEWS["title"]: "Золотой человек вернулся в Астану",
        NEWS["summary"]: "После года за рубежом Золотой человек снова в Зале золота.",
        NEWS["heading"]: "Где его увидеть",
        NEWS["paragraph"]: "Золотой человек выставлен в Зале золота, открытом со вторника по воскресенье.",
        NEWS["changed"]: "Золотой человек вернулся в Зал золота вместе с двумя новыми находками.",
    },
}


class LibreTranslateStandIn(BaseHTTPRequestHandler):
    """A LibreTranslate server on loopback that knows the guide's strings."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        known = TRANSLATED[body["target"]]
        answer = json.dumps({"translatedText": [known.get(text, text) for text in body["q"]]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def machine_translator(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslateStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # As sites/settings/base.py builds it from MACHINE_TRANSLATOR=libretranslate.
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": f"http://127.0.0.1:{server.server_port}",
            "API_KEY": "",
            "TIMEOUT": 10,
        },
    }
    yield
    server.shutdown()
    server.server_close()


def news_item(index):
    item = NewsPageFactory(
        parent=index,
        title=NEWS["title"],
        slug="the-golden-man-returns-to-astana",
        date=datetime.date(2026, 3, 12),
        summary=NEWS["summary"],
        body=[
            ("heading", {"text": NEWS["heading"], "level": "h2"}),
            ("paragraph", RichText(f"<p>{NEWS['paragraph']}</p>")),
        ],
    )
    item.save_revision().publish()
    return NewsPage.objects.get(pk=item.pk)


def centre(locator):
    locator.evaluate("element => element.scrollIntoView({block: 'center'})")


def translation_of(source, locale):
    return Translation.objects.get(source__object_id=source.translation_key, target_locale=locale)


def submit_button(page, source, locale):
    """The project's "Submit translation for review" button in the translation editor."""
    url = f"/admin/translations/{translation_of(source, locale).pk}/submit-for-review/"
    return page.locator(f"form[action='{url}'] button")


def js_(language, message):
    """``message`` as the admin's scripts (the translation editor) show it in ``language``."""
    return trans_real.DjangoTranslation(language, domain="djangojs").gettext(message)


@pytest.mark.parametrize("guide", LANGUAGES, indirect=True)
def test_translators_guide(live_network, guide, machine_translator):
    g = guide()
    language = g.language
    network = live_network["network"]
    section = sections(network)
    item = news_item(section["nmrk"]["news"])
    kazakh, russian = Locale.objects.get(language_code="kk"), Locale.objects.get(language_code="ru")
    TranslationCreator(None, [kazakh, russian]).create_translations(item)
    person("aliya", "Aliya", "Bekova", roles.TRANSLATORS, language)
    person("daniyar", "Daniyar", "Nurlanov", roles.group_name("nmrk", roles.MODERATOR), language)
    site = network["nmrk"]["site"]
    page = g.page

    def target(locale):
        return NewsPage.objects.get(translation_key=item.translation_key, locale=locale)

    # 1. The translation status dashboard.
    g.sign_in("aliya")
    page.click("a[href='/admin/translation-status/']")
    page.wait_for_url("**/admin/translation-status/")
    row = page.locator("tr", has=page.locator(f"a[href='/admin/translation-status/{site.pk}/kk/']"))
    assert row.locator("td[data-status=draft]").inner_text() == "1"
    assert row.locator("td[data-status=missing]").inner_text() == "0"
    g.shot("translators-01-status")

    # 2. What the National Museum's site needs in Kazakh.
    row.locator("a").first.click()
    page.wait_for_url(f"**/admin/translation-status/{site.pk}/kk/")
    line = page.locator("tr", has_text=NEWS["title"])
    assert _(language, "Draft").lower() in line.inner_text().lower()
    g.shot("translators-02-site-language")

    # 3. The translation editor; translators submit, they never publish.
    line.locator("a.button").click()
    page.wait_for_url(f"**/admin/pages/{target(kazakh).pk}/edit/**")
    page.wait_for_selector("li.incomplete")
    submit = submit_button(page, item, kazakh)
    assert submit.inner_text().strip() == _(language, "Submit translation for review")
    assert page.locator("button[value=publish]").count() == 0
    g.shot("translators-03-editor")

    # 4. Translate a string by hand.
    title = page.locator("li.incomplete", has_text=NEWS["title"])
    title.locator("button").last.click()
    page.fill("li textarea", TRANSLATED["kk"][NEWS["title"]])
    g.shot("translators-04-string")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"li.complete:has-text('{TRANSLATED['kk'][NEWS['title']]}')")

    # 5. Machine translation fills the rest, as a draft to review.
    machine = page.locator("form[action*=machine_translate] button[type=submit]").first
    offered = (js_(language, "Translate with ") + "LibreTranslate").replace(" ", "")
    assert machine.inner_text().replace(" ", "").strip() == offered
    machine.click()
    page.wait_for_selector("li.complete")
    page.wait_for_load_state("networkidle")
    assert page.locator("li.incomplete").count() == 0
    strings = StringTranslation.objects.filter(locale=kazakh, context__object_id=item.translation_key)
    kinds = {s.data: s.translation_type for s in strings}
    assert kinds[TRANSLATED["kk"][NEWS["title"]]] == StringTranslation.TRANSLATION_TYPE_MANUAL
    assert kinds[TRANSLATED["kk"][NEWS["summary"]]] == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert target(kazakh).live is False  # nothing was saved or published
    centre(page.locator("li.complete", has_text=NEWS["summary"]))
    g.shot("translators-05-machine")

    # 6. Submit the translation for review.
    centre(submit)
    g.shot("translators-06-submit")
    submit.click()
    page.wait_for_url(f"**/admin/pages/{target(kazakh).pk}/edit/**")
    page.wait_for_selector("li.complete")
    page.wait_for_selector(".messages .success")
    page.wait_for_timeout(500)  # it slides in
    g.shot("translators-07-submitted")
    assert any("daniyar@example.org" in message.to for message in mail.outbox)  # the moderator hears
    state = WorkflowState.objects.get(object_id=str(target(kazakh).pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert target(kazakh).live is False
    public = g.url("nmrk", "/kk/news/the-golden-man-returns-to-astana/")
    assert page.goto(public).status == 404
    g.sign_out()

    # 7. The museum's moderator approves it: now it is live.
    g.sign_in("daniyar")
    review = page.locator("tr", has=page.locator(f"a[href='/admin/pages/{target(kazakh).pk}/edit/']"))
    assert review.count() == 1
    g.shot("translators-08-review")
    review.locator(".w-dropdown__toggle").click()
    review.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])").click()
    review.wait_for(state="detached")
    assert target(kazakh).live
    assert page.goto(public).status == 200
    assert page.text_content("h1") == TRANSLATED["kk"][NEWS["title"]]
    g.sign_out()

    # 8. Russian in bulk: PO files out, translated, back in.
    g.sign_in("aliya")
    g.go(f"/admin/translation-status/{site.pk}/ru/")
    with page.expect_download() as download:
        page.click(f"form[action='/admin/translation-status/{site.pk}/ru/export/'] button")
    archive = zipfile.ZipFile(download.value.path())
    names = archive.namelist()
    assert len(names) == 1 and names[0].endswith(".po")
    po = polib.pofile(archive.read(names[0]).decode())
    assert {entry.msgid for entry in po} >= {NEWS["title"], NEWS["summary"]}
    for entry in po:
        entry.msgstr = TRANSLATED["ru"].get(entry.msgid, entry.msgid)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as translated:
        translated.writestr(names[0], str(po))
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "nmrk-ru.zip", "mimeType": "application/zip", "buffer": buffer.getvalue()}],
    )
    page.click("form[enctype='multipart/form-data'] button[type=submit]")
    page.wait_for_load_state()
    assert _(language, "Saved as a draft") in page.inner_text("main")
    centre(page.locator("main table").last)
    g.shot("translators-09-po-files")
    draft = target(russian).get_latest_revision().as_object()
    assert draft.title == TRANSLATED["ru"][NEWS["title"]]
    assert target(russian).live is False
    # Uploaded translations are drafts: each is sent for review from its editor.
    page.locator("tr", has_text=NEWS["title"]).locator("a.button").click()
    page.wait_for_url(f"**/admin/pages/{target(russian).pk}/edit/**")
    page.wait_for_selector("li.complete")
    assert page.locator("li.incomplete").count() == 0
    submit_button(page, item, russian).click()
    page.wait_for_url(f"**/admin/pages/{target(russian).pk}/edit/**")
    russian_state = WorkflowState.objects.get(object_id=str(target(russian).pk))
    assert russian_state.status == WorkflowState.STATUS_IN_PROGRESS

    # 9. The English changes: the Kazakh translation is out of date until synced.
    item.summary = NEWS["changed"]
    item.save_revision().publish()
    g.go(f"/admin/translation-status/{site.pk}/kk/")
    line = page.locator("tr", has_text=NEWS["title"])
    assert _(language, "Out of date").lower() in line.inner_text().lower()
    assert _(language, "Sync with the English") in line.inner_text()
    g.shot("translators-10-out-of-date")
    line.locator("a.button").click()
    page.wait_for_url("**/admin/localize/update/**")
    g.shot("translators-11-sync")
    page.click("main form button[type=submit], main form input[type=submit]")
    page.wait_for_url(f"**/admin/translation-status/{site.pk}/kk/")
    line = page.locator("tr", has_text=NEWS["title"])
    line.locator("a.button").click()
    page.wait_for_url(f"**/admin/pages/{target(kazakh).pk}/edit/**")
    changed = page.locator("li.incomplete")
    assert changed.count() == 1
    assert NEWS["changed"] in changed.inner_text()
    centre(changed)
    g.shot("translators-12-changed-string")

    # Translated again and submitted: the live Kazakh page keeps its text until a moderator approves.
    changed.locator("button").last.click()
    page.fill("li textarea", TRANSLATED["kk"][NEWS["changed"]])
    page.keyboard.press("Enter")
    page.wait_for_selector(f"li.complete:has-text('{TRANSLATED['kk'][NEWS['changed']]}')")
    submit.click()
    page.wait_for_url(f"**/admin/pages/{target(kazakh).pk}/edit/**")
    assert WorkflowState.objects.get(
        object_id=str(target(kazakh).pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    page.goto(public)
    assert TRANSLATED["kk"][NEWS["summary"]] in page.inner_text("main")
    assert TRANSLATED["kk"][NEWS["changed"]] not in page.inner_text("main")
