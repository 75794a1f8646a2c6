"""Each museum's /sitemap.xml, /robots.txt and /favicon.ico, checked with the programs that read them:
lxml against the sitemaps.org schema, urllib's robots.txt parser, Pillow."""

import io
import re
import urllib.robotparser
from pathlib import Path
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localdate

from wagtail.models import PageViewRestriction

import pytest
from lxml import etree
from PIL import Image

from home.models import StandardPage
from home.sitemaps import SiteSitemap
from tests.conftest import host
from tests.event_factories import AgreementFactory, PartnerFactory, PartnerIndexPageFactory
from tests.factories import StandardPageFactory, translate_page
from tests.shared_data import module_data
from tests.test_public_navigation import alternates as head_alternates

pytestmark = pytest.mark.django_db

VENDOR = Path(__file__).parent / "vendor" / "sitemap"
STATIC = Path(__file__).parent.parent / "static"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGES = ("kk", "ru", "en")


def with_translations(page, **titles):
    return {
        "en": page,
        **{language: translate_page(page, language, title=titles[language]) for language in titles},
    }


def build_extras(network):
    """NMRK's partners page in three languages listing one partner (by an agreement, in English in
    every language), a page never published, and a private page in three languages."""
    home = network["nmrk"]["home"]["en"]
    partners = with_translations(PartnerIndexPageFactory(parent=home), kk="Серіктестер", ru="Партнёры")
    hermitage = PartnerFactory(name="State Hermitage Museum", slug="hermitage")
    AgreementFactory(partner=hermitage, museum=network["nmrk"]["museum"])
    StandardPageFactory(parent=home, slug="plans", title="Plans", body=[], live=False)
    members = with_translations(
        StandardPageFactory(parent=home, slug="members", title="Members", body=[]), kk="Мүшелер", ru="Члены"
    )
    PageViewRestriction.objects.create(page=members["en"], restriction_type=PageViewRestriction.LOGIN)
    return {"partners": partners, "hermitage": hermitage}


extras_data = module_data(build_extras, used_by="extras")


@pytest.fixture
def extras(extras_data, db):
    """The module's extra pages (built once, see tests/shared_data.py), read afresh for this test."""
    return extras_data.fetch()


def fetch(client, url, **kwargs):
    """GET an absolute URL on its own host."""
    parts = urlsplit(url)
    return client.get(
        parts.path + (f"?{parts.query}" if parts.query else ""), headers={"host": parts.netloc}, **kwargs
    )


def sitemap_index(client, code):
    response = client.get("/sitemap.xml", headers={"host": host(code)})
    assert response.status_code == 200
    return response


def sitemap_files(client, code):
    """The addresses the site's sitemap index (``/sitemap.xml``) names, in its order."""
    response = sitemap_index(client, code)
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]


def sitemap(client, code):
    """Each file of the site's sitemap, as the response a crawler gets."""
    responses = []
    for url in sitemap_files(client, code):
        assert urlsplit(url).netloc == host(code)
        response = fetch(client, url)
        assert response.status_code == 200, url
        responses.append(response)
    return responses


def site_entries(client, code):
    """The entries of every file of the site's sitemap; an address is listed once."""
    found = {}
    for response in sitemap(client, code):
        listed = entries(response)
        assert not set(listed) & set(found)
        found.update(listed)
    return found


def entries(response):
    """{loc: {"lastmod": text, "alternates": {hreflang: href}}} of a sitemap response."""
    root = etree.fromstring(response.content)
    found = {}
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        found[url.findtext("s:loc", namespaces=NS)] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": alternates,
        }
    return found


# --- The sitemap -----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nmrk", "csm"])
def test_the_sitemap_is_valid_by_the_sitemaps_org_schema(extras, client, code):
    index = sitemap_index(client, code)
    assert index["Content-Type"].startswith("application/xml")
    etree.XMLSchema(etree.parse(str(VENDOR / "siteindex.xsd"))).assertValid(etree.fromstring(index.content))

    schema = etree.XMLSchema(etree.parse(str(VENDOR / "sitemap-with-alternates.xsd")))
    files = sitemap(client, code)
    # NMRK has a partners page: its pages, then its partners' pages; CSM RK lists its pages only.
    assert len(files) == {"nmrk": 2, "csm": 1}[code]
    for response in files:
        assert response["Content-Type"].startswith("application/xml")
        document = etree.fromstring(response.content)
        schema.assertValid(document)
        assert document.findall("s:url/xhtml:link", NS)  # the alternates were there to validate


def test_the_schema_rejects_a_malformed_alternate():
    """The wrapper schema does check the xhtml links, so the test above can fail."""
    schema = etree.XMLSchema(etree.parse(str(VENDOR / "sitemap-with-alternates.xsd")))
    document = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        b'<url><loc>http://nmrk.localhost/en/</loc><xhtml:link rel="alternate" href="/kk/"/></url></urlset>'
    )
    assert not schema.validate(document)


def test_the_sitemap_lists_every_live_public_page_of_its_own_site_in_every_language(extras, client):
    nmrk = set(site_entries(client, "nmrk"))
    csm = set(site_entries(client, "csm"))

    paths = ["", "about/", "partners/", "partners/hermitage/"]
    assert nmrk == {f"http://nmrk.localhost/{language}/{path}" for language in LANGUAGES for path in paths}
    # Neither the draft (plans) nor the private page (members), nor anything of the other museum.
    assert csm == {
        f"http://csm.localhost/{language}/{path}" for language in LANGUAGES for path in ["", "about/"]
    }


def test_each_page_names_its_language_versions_as_its_head_does(extras, client):
    found = site_entries(client, "nmrk")

    for loc, entry in found.items():
        response = fetch(client, loc)
        assert response.status_code == 200, loc
        assert entry["alternates"] == head_alternates(response.content.decode()), loc
    assert found["http://nmrk.localhost/ru/partners/hermitage/"]["alternates"] == {
        "kk": "http://nmrk.localhost/kk/partners/hermitage/",
        "ru": "http://nmrk.localhost/ru/partners/hermitage/",
        "en": "http://nmrk.localhost/en/partners/hermitage/",
        "x-default": "http://nmrk.localhost/en/partners/hermitage/",
    }
    assert found["http://nmrk.localhost/kk/"]["alternates"]["x-default"] == "http://nmrk.localhost/"


@pytest.mark.parametrize("code", ["nmrk", "csm"])
def test_every_alternate_is_listed_reciprocally_and_answers_on_its_own_site(extras, client, code):
    found = site_entries(client, code)

    for loc, entry in found.items():
        languages = {
            hreflang: href for hreflang, href in entry["alternates"].items() if hreflang != "x-default"
        }
        assert loc in languages.values()
        for href in languages.values():
            # Listed itself, with the same versions: so each of them names this one back.
            assert found[href]["alternates"] == entry["alternates"]
        for href in entry["alternates"].values():
            assert urlsplit(href).netloc == host(code)
            response = fetch(client, href, follow=True)  # a home page's x-default is the bare /
            assert response.status_code == 200, href


def test_a_language_a_page_is_not_published_in_is_not_named(network, client):
    # A fresh copy: the session's page objects must not remember this test's changes.
    StandardPage.objects.get(pk=network["csm"]["about"]["ru"].pk).unpublish()

    found = site_entries(client, "csm")

    assert "http://csm.localhost/ru/about/" not in found
    assert set(found["http://csm.localhost/kk/about/"]["alternates"]) == {"kk", "en", "x-default"}


def test_an_address_is_wagtails_own_however_its_slug_is_written(network, client):
    """The sitemap works addresses out from each language's home page (``home.sitemaps.ListedPage``):
    a Kazakh slug, and a page two levels down, come out as Wagtail writes them, percent-encoded."""
    home = network["nmrk"]["home"]["kk"]
    about = StandardPageFactory(parent=home, slug="біз-туралы", title="Біз туралы", body=[])
    history = StandardPageFactory(parent=about, slug="тарих", title="Тарих", body=[])

    found = site_entries(client, "nmrk")

    for page in (about, history):
        assert page.get_full_url() in found
    assert "http://nmrk.localhost/kk/%D0%B1%D1%96%D0%B7-%D1%82%D1%83%D1%80%D0%B0%D0%BB%D1%8B/" in found
    assert found[history.get_full_url()]["alternates"] == {"kk": history.get_full_url()}


def test_lastmod_is_the_last_publication(extras, client):
    """Dates as the museums' time zone has them (Almaty is UTC+5: from 19:00 UTC it is tomorrow)."""
    found = site_entries(client, "nmrk")

    about = extras["partners"]["ru"].get_siblings().get(slug="about")
    assert (
        found["http://nmrk.localhost/ru/about/"]["lastmod"] == localdate(about.last_published_at).isoformat()
    )
    partners = extras["partners"]["kk"]
    assert found["http://nmrk.localhost/kk/partners/hermitage/"]["lastmod"] == (
        localdate(partners.last_published_at).isoformat()
    )


def test_each_sitemap_file_costs_the_same_queries_however_many_pages_and_partners(
    extras, network, client, django_assert_max_num_queries
):
    def count():
        counts = []
        for path in ["/sitemap.xml", *(urlsplit(url).path for url in sitemap_files(client, "nmrk"))]:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path, headers={"host": host("nmrk")}).status_code == 200
            counts.append(len(queries))
        return counts

    site_entries(client, "nmrk")  # warm Wagtail's site root paths
    before = count()
    home = network["nmrk"]["home"]["en"]
    for slug in ("history", "collections"):
        with_translations(StandardPageFactory(parent=home, slug=slug, body=[]), kk=slug, ru=slug)
    AgreementFactory(partner=PartnerFactory(slug="louvre"), museum=network["nmrk"]["museum"])

    assert len(site_entries(client, "nmrk")) == 12 + 2 * 3 + 3
    assert count() == before
    with django_assert_max_num_queries(15):
        for response in sitemap(client, "nmrk"):
            assert response.status_code == 200


def test_a_sitemap_in_many_files_still_names_every_version_once(extras, client, monkeypatch):
    whole = site_entries(client, "nmrk")
    monkeypatch.setattr(SiteSitemap, "limit", 4)  # addresses per file, in both sections
    cache.clear()  # the answers kept with the former limit

    files = sitemap_files(client, "nmrk")
    pieces = site_entries(client, "nmrk")

    # 12 pages in 3 files of at most 4, and the partner's page in 3 languages in 1 file.
    assert [url.removeprefix("http://nmrk.localhost") for url in files] == [
        "/sitemap-pages.xml",
        "/sitemap-pages.xml?p=2",
        "/sitemap-pages.xml?p=3",
        "/sitemap-subpages.xml",
    ]
    assert all(len(entries(response)) <= 4 for response in sitemap(client, "nmrk"))
    assert pieces == whole
    host_header = {"host": host("nmrk")}
    assert client.get("/sitemap-pages.xml?p=4", headers=host_header).status_code == 404
    assert client.get("/sitemap-events.xml", headers=host_header).status_code == 404


def test_the_index_counts_a_new_partners_pages_on_the_next_request(extras, network, client, monkeypatch):
    """The index's count of partners' pages is kept (``SubpageSitemap.paginator``) until a change."""
    monkeypatch.setattr(SiteSitemap, "limit", 1)  # a file per address: the files count the addresses
    cache.clear()  # the answers kept with the former limit

    def partner_files():
        return [url for url in sitemap_files(client, "nmrk") if "/sitemap-subpages.xml" in url]

    assert len(partner_files()) == 3  # the Hermitage, under the partners page in three languages
    tang = PartnerFactory(name="Tang West Market Museum", slug="tang-west-market")
    AgreementFactory(partner=tang, museum=network["nmrk"]["museum"])

    files = partner_files()
    assert len(files) == 6
    listed = {loc for url in files for loc in entries(fetch(client, url))}
    assert "http://nmrk.localhost/ru/partners/tang-west-market/" in listed


def test_a_host_that_is_no_museums_has_no_sitemap(network, client):
    for path in ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-subpages.xml"):
        assert client.get(path, headers={"host": "elsewhere.localhost"}).status_code == 404


# --- robots.txt and the icons ----------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nmrk", "csm"])
def test_robots_txt_names_the_sites_own_sitemap_and_keeps_crawlers_from_the_admin(network, get, code):
    response = get(code, "/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    assert robots.site_maps() == [f"http://{host(code)}/sitemap.xml"]
    for path in ("/admin/", "/admin/pages/", "/django-admin/"):
        assert not robots.can_fetch("Googlebot", f"http://{host(code)}{path}")
    for path in ("/", "/en/about/", "/sitemap.xml"):
        assert robots.can_fetch("Googlebot", f"http://{host(code)}{path}")
    # Search results are left out with a wildcard, which Python's parser does not read but crawlers do.
    assert re.search(r"^Disallow: /\*/search/$", response.content.decode(), re.M)


def test_favicon_ico_is_an_icon_answered_at_the_root(network, get):
    response = get("csm", "/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_the_static_icons_are_what_their_links_promise():
    svg = etree.parse(str(STATIC / "favicon.svg")).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 32 32"
    touch = Image.open(STATIC / "apple-touch-icon.png")
    assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")
