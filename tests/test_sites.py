"""Two sites from one install: routing by host name, language prefixes, and what the bare / does."""

import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["nmrk", "csm"])
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_each_site_serves_its_own_home_page_in_every_language(network, get, code, language):
    home = network[code]["home"][language]

    response = get(code, f"/{language}/")

    assert response.status_code == 200
    assert response.context["page"].pk == home.pk
    assert f'<html lang="{language}"' in response.content.decode()
    assert home.title in response.content.decode()


def test_the_kazakh_and_russian_home_pages_differ_from_the_english(network, get):
    bodies = {language: get("nmrk", f"/{language}/").content.decode() for language in ("kk", "ru")}
    assert "Қазақстан Республикасының Ұлттық музейі" in bodies["kk"]
    assert "Национальный музей Республики Казахстан" in bodies["ru"]


@pytest.mark.parametrize(("page_site", "other_site"), [("nmrk", "csm"), ("csm", "nmrk")])
def test_a_page_of_one_site_is_a_404_on_the_other_sites_host(network, get, page_site, other_site):
    # Both museums have an "about" page, so address one by a slug only the first museum has.
    page = network[page_site]["about"]["en"]
    only_here = StandardPageFactory(parent=page, slug=f"only-on-{page_site}", body=[])

    assert get(page_site, f"/en/about/only-on-{page_site}/").status_code == 200
    assert get(other_site, f"/en/about/only-on-{page_site}/").status_code == 404
    assert only_here.url_path.startswith(network[page_site]["home"]["en"].url_path)


def test_each_host_serves_its_own_page_at_the_same_path(network, get):
    nmrk = get("nmrk", "/en/about/")
    csm = get("csm", "/en/about/")

    assert nmrk.context["page"].pk == network["nmrk"]["about"]["en"].pk
    assert csm.context["page"].pk == network["csm"]["about"]["en"].pk


@pytest.mark.parametrize("path", ["/", "/en/", "/kk/about/"])
def test_a_host_that_is_no_museums_answers_404(network, client, path):
    response = client.get(path, headers={"host": "unknown.localhost"})
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/de/", "/de/about/", "/xx/", "/about/", "/kz/"])
def test_an_unknown_language_prefix_or_none_answers_404_without_redirecting(network, get, path):
    response = get("nmrk", path)
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/en/no-such-page/", "/kk/about/missing/", "/ru/%D0%B0/"])
def test_a_missing_page_answers_404_in_the_sites_look(network, get, path):
    response = get("csm", path)
    assert response.status_code == 404
    assert "theme-almaty-azure" in response.content.decode()


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("kk-KZ,kk;q=0.9,ru;q=0.8", "/kk/"),
        ("de-DE,fr;q=0.8,ru;q=0.5", "/ru/"),
        ("de-DE,fr;q=0.8", "/kk/"),
        ("", "/kk/"),
    ],
)
def test_the_bare_root_redirects_to_the_visitors_language(network, get, accept_language, expected):
    response = get("nmrk", "/", accept_language=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_a_language_chosen_before_wins_over_the_browser(network, client):
    client.cookies["django_language"] = "en"
    response = client.get("/", headers={"host": "csm.localhost", "accept-language": "ru"})
    assert response["Location"] == "/en/"


def test_the_root_only_offers_languages_the_home_page_is_published_in(network, get):
    russian_home = network["csm"]["home"]["ru"]
    russian_home.unpublish()
    try:
        response = get("csm", "/", accept_language="ru")
        assert response["Location"] == "/kk/"
        # Typed by hand, /ru/ falls back to the source page (Wagtail's behaviour), and says so.
        fallback = get("csm", "/ru/")
        assert fallback.context["page"].locale.language_code == "en"
        assert '<main id="main" class="site-main" tabindex="-1" lang="en">' in fallback.text
    finally:
        russian_home.save_revision().publish()


def test_the_admin_is_reachable_on_either_host_without_a_language_prefix(network, get):
    assert get("nmrk", "/admin/login/").status_code == 200
    assert get("csm", "/admin/login/").status_code == 200
