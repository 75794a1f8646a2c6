"""Every public page type, in both museums' themes and all three languages, at phone and desktop width:
no axe-core violation of WCAG 2.0/2.1/2.2 A and AA, no sideways scrolling at 360 px, no request to any
host but the museum's own, and Kazakh headings drawn in the site's own font.

That is 2 themes × 3 languages × 11 pages, each loaded once: axe runs at 360 px, the viewport is
widened to 1280 px and axe runs again. One test makes the walk over one live network (a live-server
test empties the database after it, which costs more than a page) and checks what it found in
subtests, so that one run reports every violation of every kind at once, not only the first.

axe-core is the vendored ``vendor/axe.min.js`` (why: ``vendor/README.md``), loaded through
Playwright's init script, which the pages' Content-Security-Policy (``script-src 'self'``) does not
block.
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from events.models import ExhibitionVenue
from home.models import VisitPage
from tests.event_factories import (
    AgreementFactory,
    ConferencePageFactory,
    CraftsFairPageFactory,
    EventIndexPageFactory,
    EventPartnerFactory,
    ExhibitionPageFactory,
    FairExhibitorFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
)
from tests.factories import locale, translate_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
THEMES = {"steppe-gold": "nmrk", "almaty-azure": "csm"}
LANGUAGES = ("kk", "ru", "en")

# Words as long as the museums' real ones: a title that cannot break between words must still fit.
TEXT = {
    "events": {
        "en": "Exhibitions and events",
        "kk": "Көрмелер мен іс-шаралар",
        "ru": "Выставки и мероприятия",
    },
    "partners": {"en": "Partners", "kk": "Серіктестер", "ru": "Партнёры"},
    "news": {"en": "News", "kk": "Жаңалықтар", "ru": "Новости"},
    "exhibition": {
        "en": "Treasures of the Saka: goldwork from the Kazakhstan steppe",
        "kk": "Сақ қазыналары: мемлекеттіктендірілмегендіктеріңізден зергерлік өнер",
        "ru": "Сокровища саков: высокохудожественное золото достопримечательностей",
    },
    "conference": {
        "en": "Museums of Central Asia in the twenty-first century",
        "kk": "Орталық Азия музейлері: ұйымдастырушылардың халықаралықтандырылуы",
        "ru": "Музеи Центральной Азии: интернационализирующиеся исследовательские программы",
    },
    "fair": {
        "en": "Crafts fair of the peoples of Central Asia",
        "kk": "Орталық Азия халықтарының қолөнершілер жәрмеңкесі",
        "ru": "Ярмарка ремесленников народов Центральной Азии",
    },
    "item": {
        "en": "The Golden Man returns to the Hall of Gold",
        "kk": "Алтын адам Алтын залына қайта оралды: қалпына келтірушілердің жұмысы",
        "ru": "Золотой человек вернулся в Золотой зал после реставрационно-консервационных работ",
    },
    "partner": {
        "en": "State Hermitage Museum",
        "kk": "Мемлекеттік Эрмитаж мұражайы",
        "ru": "Государственный Эрмитаж",
    },
}


def about_body(language):
    """Every block of the body stream, with a table wider than a phone."""
    word = TEXT["exhibition"][language].split()[-1]
    return [
        ("heading", {"text": TEXT["conference"][language], "level": "h2"}),
        ("paragraph", f"<p>{TEXT['exhibition'][language]}. <a href='/{language}/'>{word}</a></p>"),
        ("quote", {"text": TEXT["item"][language], "attribution": TEXT["partner"][language]}),
        (
            "call_to_action",
            {"heading": TEXT["fair"][language], "text": word, "link": {"url": "/", "label": word}},
        ),
        (
            "table",
            {
                "caption": TEXT["events"][language],
                "header": [TEXT["partners"][language], "2014", "2015", "2016", "2017", "2018"],
                "rows": [[word, "Астана", "Алматы", "Санкт-Петербург", "Минск", "Бішкек"]],
            },
        ),
        ("registry_figures", None),
    ]


def build_sections(network):
    """Each museum's events, partners and news sections, with one page of each kind, in kk, ru and en.

    Returns {code: {page type: path without the language prefix}}.
    """
    paths = {}
    for code, museum in network.items():
        home, about = museum["home"]["en"], museum["about"]["en"]
        about.body = about_body("en")
        about.intro = TEXT["conference"]["en"]
        about.save_revision().publish()
        events = EventIndexPageFactory(parent=home, title=TEXT["events"]["en"], show_in_menus=True)
        partners = PartnerIndexPageFactory(parent=home, title=TEXT["partners"]["en"], show_in_menus=True)
        news = NewsIndexPageFactory(parent=home, title=TEXT["news"]["en"], show_in_menus=True)
        partner = PartnerFactory(
            name=TEXT["partner"]["en"],
            slug=f"hermitage-{code}",
            website="https://hermitagemuseum.example/ru/web/guest/about-the-museum",
        )
        agreements = [
            AgreementFactory(partner=partner, museum=museum["museum"], title="Agreement on cooperation"),
            AgreementFactory(
                partner=partner, museum=museum["museum"], kind="cooperation", title="Restoration"
            ),
        ]
        exhibition = ExhibitionPageFactory(
            parent=events,
            slug="saka-gold",
            title=TEXT["exhibition"]["en"],
            start_date=datetime.date(2019, 3, 1),
            end_date=datetime.date(2019, 9, 1),
            venue_kind="tour",
            curators="Aigerim Sadykova, Daniyar Nurlanov",
            highlights="<p>The Golden Man.</p>",
            registration_url="https://tickets.example/saka-gold",
            price="2 000 ₸",
            audience="Everyone",
        )
        ExhibitionVenue.objects.create(
            page=exhibition,
            locale=exhibition.locale,
            city="Saint Petersburg",
            country="RU",
            start_date=datetime.date(2019, 3, 1),
            start_precision="day",
            visitors=12000,
            note="Hall 12",
        )
        EventPartnerFactory(page=exhibition, partner=partner, role="organiser")
        exhibition.save_revision().publish()
        conference = ConferencePageFactory(
            parent=events,
            slug="seminar",
            title=TEXT["conference"]["en"],
            working_languages=["kk", "ru", "en"],
            programme=[
                (
                    "session",
                    {
                        "date": datetime.date(2019, 4, 2),
                        "title": TEXT["conference"]["en"],
                        "speakers": "A. Sadykova",
                        "room": "Hall 1",
                    },
                )
            ],
            speakers=[
                (
                    "speaker",
                    {
                        "name": "Aigerim Sadykova",
                        "affiliation": TEXT["partner"]["en"],
                        "biography": "Curator.",
                    },
                )
            ],
        )
        fair = CraftsFairPageFactory(
            parent=events,
            slug="crafts-fair",
            title=TEXT["fair"]["en"],
            edition="5th",
            application_url="https://tickets.example/crafts-fair",
            application_opens=datetime.date(2019, 1, 10),
            application_closes=datetime.date(2019, 2, 10),
        )
        FairExhibitorFactory(page=fair, description="Felt carpets from Naryn.")
        fair.save_revision().publish()
        item = NewsPageFactory(parent=news, slug="golden-man", title=TEXT["item"]["en"])
        visit = home.add_child(
            instance=VisitPage(
                title="Plan your visit",
                slug="visit",
                intro="Hours and directions.",
                admission=[("price", {"label": "Adults", "price": "1 500 ₸", "note": "Free on Sundays"})],
                tickets_url="https://tickets.example/visit",
                accessibility="<p>Step-free entrance from the north side.</p>",
            )
        )
        visit.save_revision().publish()
        for language in ("kk", "ru"):
            translate_page(visit, language, title=f"{TEXT['item'][language]} ({language})")
            about_kk = about.get_translation(locale(language))
            about_kk.body = about_body(language)
            about_kk.intro = TEXT["conference"][language]
            about_kk.save_revision().publish()
            for section, key in ((events, "events"), (partners, "partners"), (news, "news")):
                translate_page(section, language, title=TEXT[key][language])
            for page, key in (
                (exhibition, "exhibition"),
                (conference, "conference"),
                (fair, "fair"),
                (item, "item"),
            ):
                translate_page(page, language, title=TEXT[key][language])
            translated = partner.copy_for_translation(locale(language))
            translated.name = TEXT["partner"][language]
            translated.live = True
            translated.save()
            for agreement in agreements:
                copy = agreement.copy_for_translation(locale(language))
                copy.live = True
                copy.save()
        paths[code] = {
            "home": "/",
            "standard page": "/about/",
            "events index": "/events/",
            "exhibition": "/events/saka-gold/",
            "conference": "/events/seminar/",
            "crafts fair": "/events/crafts-fair/",
            "partners index": "/partners/",
            "partner page": f"/partners/hermitage-{code}/",
            "news index": "/news/",
            "news item": "/news/golden-man/",
            "visit page": "/visit/",
            "search results": "/search/?q=gold",
            "404": "/no-such-page/",
        }
    return paths


RUN_AXE = """async (tags) => {
    await document.fonts.ready;
    const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
    const results = await axe.run(document, options);
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary.replace(/\\s+/g, " ")),
    }));
}"""

# The innermost elements that reach past the viewport's right edge, or whose text overflows them,
# to say what to fix.
TOO_WIDE = """(width) => {
    const wide = e => e.getBoundingClientRect().right > width + 0.5
        || (e.scrollWidth > e.clientWidth + 0.5 && getComputedStyle(e).overflowX === "visible");
    return [...document.body.querySelectorAll("*")]
        .filter(e => wide(e) && ![...e.children].some(wide))
        .slice(0, 5)
        .map(e => [e.tagName.toLowerCase(), ...String(e.className || "").split(" ").filter(Boolean)].join(".")
            + " " + Math.round(e.getBoundingClientRect().right) + "px");
}"""


KAZAKH = "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі"
# A bold heading and a quote (the heading face at 400) holding every Kazakh letter, added to the page.
KAZAKH_PROBE = """(letters) => {
    const main = document.querySelector("main");
    main.insertAdjacentHTML("beforeend", `<h2 id="probe-700">${letters}</h2>
        <figure class="block-quote"><blockquote id="probe-400">${letters}</blockquote></figure>`);
    return document.fonts.ready.then(() => true);
}"""


def fonts_drawing(page, selector):
    """The fonts Chromium really drew ``selector``'s text with: (family, from a web font)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return sorted({(font["familyName"], font["isCustomFont"]) for font in fonts})
    finally:
        cdp.detach()


def walk(browser, live_network):
    """Loads every page once and returns what the tests assert on."""
    paths = build_sections(live_network["network"])
    found = {"axe": [], "sideways": [], "foreign": [], "status": [], "fonts": {}}
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    context.add_init_script(path=str(AXE))
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    try:
        for theme, code in THEMES.items():
            for language in LANGUAGES:
                for kind, path in paths[code].items():
                    url = live_network["url"](code, f"/{language}{path}")
                    where = f"{theme} {language} {kind} ({url})"
                    requests.clear()
                    page.set_viewport_size(PHONE)
                    response = page.goto(url)
                    if response.status != (404 if kind == "404" else 200):
                        found["status"].append(f"{where}: {response.status}")
                    phone = page.evaluate(RUN_AXE, AXE_TAGS)
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > PHONE["width"]:
                        culprits = ", ".join(page.evaluate(TOO_WIDE, PHONE["width"]))
                        found["sideways"].append(
                            f"{where}: {width} px wide at {PHONE['width']} px ({culprits})"
                        )
                    page.set_viewport_size(DESKTOP)
                    desktop = page.evaluate(RUN_AXE, AXE_TAGS)
                    for viewport, violations in (("360 px", phone), ("1280 px", desktop)):
                        for violation in violations:
                            found["axe"].append(
                                {"theme": theme, "where": where, "viewport": viewport, **violation}
                            )
                    if kind == "home":
                        page.evaluate(KAZAKH_PROBE, KAZAKH)
                        found["fonts"][(theme, language)] = {
                            weight: fonts_drawing(page, f"#probe-{weight}") for weight in ("400", "700")
                        }
                    own = urlsplit(url).netloc
                    found["foreign"] += [
                        f"{where}: {request}" for request in requests if urlsplit(request).netloc != own
                    ]
    finally:
        context.close()
    return found


def report(violations):
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} — {v['where']} at {v['viewport']}")
        lines += [f"      {node}" for node in v["nodes"][:5]]
    return "\n".join(lines)


def test_every_page_type_in_both_themes_three_languages_and_two_widths(live_network, browser, subtests):
    found = walk(browser, live_network)

    with subtests.test("every page answers as expected"):
        assert not found["status"], "\n".join(found["status"])
    for theme in THEMES:
        with subtests.test("axe finds no WCAG 2.2 A or AA violation", theme=theme):
            violations = [v for v in found["axe"] if v["theme"] == theme]
            assert not violations, "\n" + report(violations)
    with subtests.test("no page scrolls sideways on a phone"):
        assert not found["sideways"], "\n".join(found["sideways"])
    with subtests.test("no request leaves the museum's own host"):
        assert not found["foreign"], "\n".join(found["foreign"])
    for language in LANGUAGES:
        # The National Museum's headings in PT Serif from static/fonts/, both weights, and no
        # fallback font for any Kazakh letter.
        with subtests.test("every Kazakh letter is drawn in the site's own PT Serif", language=language):
            expected = {"400": [("PT Serif", True)], "700": [("PT Serif", True)]}
            assert found["fonts"][("steppe-gold", language)] == expected
