"""Who may see and do what: translations stay drafts, privacy holds in every language, logins are
throttled, and every response carries a Content-Security-Policy."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from wagtail.models import Page, PageViewRestriction

import pytest

from news.models import NewsPage
from tests.event_factories import NewsIndexPageFactory, NewsPageFactory
from tests.factories import StandardPageFactory, locale, translate_page

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru", "en")


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("chief", "chief@example.org", "right-password")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


# --- Translations are drafts until translated -----------------------------------------------------
@pytest.fixture
def newsroom(network):
    """A news section in en and ru on the National Museum's site, and one English item."""
    index = NewsIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    translate_page(index, "ru", title="Новости")
    item = NewsPageFactory(parent=index, slug="opening", title="The opening")
    return {"index": index, "item": item}


def test_the_translate_action_creates_a_draft_that_is_not_public(
    admin_client, newsroom, get, django_capture_on_commit_callbacks
):
    item = newsroom["item"]

    # wagtail-localize publishes on commit, which a test's transaction never reaches by itself.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/localize/submit/page/{item.pk}/", {"locales": [locale("ru").pk]}
        )

    assert response.status_code == 302
    russian = NewsPage.objects.get(translation_key=item.translation_key, locale=locale("ru"))
    assert russian.live is False
    assert get("nmrk", "/ru/news/opening/").status_code == 404
    assert "The opening" not in get("nmrk", "/ru/news/").content.decode()
    assert b"The opening" not in get("nmrk", "/ru/news/feed/").content
    # The English original is untouched.
    assert get("nmrk", "/en/news/opening/").status_code == 200


# --- Privacy in every language --------------------------------------------------------------------
def set_privacy(client, page, **data):
    response = client.post(f"/admin/pages/{page.pk}/privacy/", data)
    assert response.status_code == 200, response.content.decode()[:500]
    assert response.json()["step"] == "set_privacy_done"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_password_on_the_english_page_protects_every_language(admin_client, client, network, language):
    about = network["nmrk"]["about"]
    set_privacy(admin_client, about["en"], restriction_type="password", password="steppe")
    client.logout()

    response = client.get(f"/{language}/about/", headers={"host": "nmrk.localhost"})

    assert response.status_code == 200
    assert response.templates[0].name == "pages/password_required.html"
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert network["nmrk"]["museum"].localized.short_name in html or "brand__short" in html
    assert f"<h1>{about[language].title}</h1>" not in html
    assert 'name="password"' in html


def test_the_right_password_opens_the_translation(admin_client, client, network):
    set_privacy(admin_client, network["csm"]["about"]["en"], restriction_type="password", password="steppe")
    client.logout()
    form = client.get("/ru/about/", headers={"host": "csm.localhost"})
    action = form.context["action_url"]

    client.post(action, {"password": "steppe", "return_url": "/ru/about/"}, headers={"host": "csm.localhost"})
    response = client.get("/ru/about/", headers={"host": "csm.localhost"})

    assert response.status_code == 200
    assert "<h1>О нас</h1>" in response.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_login_restriction_sends_every_language_to_a_login_page_in_that_language(
    admin_client, client, network, language
):
    set_privacy(admin_client, network["nmrk"]["about"]["en"], restriction_type="login")
    client.logout()

    response = client.get(f"/{language}/about/", headers={"host": "nmrk.localhost"})

    assert response.status_code == 302
    assert response["Location"].startswith(f"/{language}/_util/login/?next=/{language}/about/")
    login = client.get(response["Location"], headers={"host": "nmrk.localhost"})
    assert login.status_code == 200
    assert f'<html lang="{language}"' in login.content.decode()
    assert "site-header" in login.content.decode()


def test_making_the_page_public_again_opens_every_language(admin_client, client, network):
    about = network["nmrk"]["about"]
    set_privacy(admin_client, about["ru"], restriction_type="password", password="steppe")
    assert PageViewRestriction.objects.filter(page__translation_key=about["en"].translation_key).count() == 3

    set_privacy(admin_client, about["kk"], restriction_type="none")
    client.logout()

    for language in LANGUAGES:
        response = client.get(f"/{language}/about/", headers={"host": "nmrk.localhost"})
        assert f"<h1>{about[language].title}</h1>" in response.content.decode()


def test_a_translation_made_after_the_restriction_is_private_too(network, get):
    page = StandardPageFactory(parent=network["csm"]["home"]["en"], slug="members", body=[])
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="steppe")

    translate_page(page, "kk", title="Мүшелерге")

    response = get("csm", "/kk/members/")
    assert response.templates[0].name == "pages/password_required.html"


def test_an_alias_in_another_language_shares_the_privacy(admin_client, client, network):
    page = StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="library", title="Library", body=[])
    alias = page.copy_for_translation(locale("kk"), copy_parents=False, alias=True)

    set_privacy(admin_client, page, restriction_type="login")
    client.logout()

    assert client.get("/kk/library/", headers={"host": "nmrk.localhost"}).status_code == 302
    # Listings, menus and feeds ask Wagtail's public(), which now leaves the alias out too.
    assert not Page.objects.public().filter(pk=alias.pk).exists()


def test_private_translations_are_left_out_of_listings_and_feeds(newsroom, get):
    item = newsroom["item"]
    translate_page(item, "ru", title="Открытие")
    PageViewRestriction.objects.create(page=item, restriction_type="login")

    assert "Открытие" not in get("nmrk", "/ru/news/").content.decode()
    assert "Открытие" not in get("nmrk", "/ru/news/feed/").content.decode()


def test_deleting_the_english_page_leaves_its_translations_private(network, get):
    page = StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="board", body=[])
    russian = translate_page(page, "ru", title="Совет")
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    Page.objects.get(pk=page.pk).delete()

    assert PageViewRestriction.objects.filter(page=russian).exists()
    assert get("nmrk", "/ru/board/").status_code == 302


# --- Login throttling ----------------------------------------------------------------------------
LIMIT = 3


def admin_login(client, username, password, address="192.0.2.10", language="en"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers={"accept-language": language},
    )


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_wrong_passwords_lock_the_account_even_for_the_right_one(client, superuser):
    for attempt in range(LIMIT):
        # From a different address each time: the account itself is what gets locked.
        admin_login(client, "chief", "wrong", address=f"192.0.2.{attempt + 1}")

    response = admin_login(client, "chief", "right-password", address="198.51.100.7", language="ru")

    assert response.status_code == 429
    assert "Слишком много неудачных попыток" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_wrong_passwords_for_many_accounts_lock_the_address(client, superuser):
    for attempt in range(LIMIT):
        admin_login(client, f"guess{attempt}", "wrong", address="203.0.113.5")

    locked = admin_login(client, "chief", "right-password", address="203.0.113.5", language="kk")
    elsewhere = admin_login(client, "chief", "right-password", address="198.51.100.8")

    assert locked.status_code == 429
    assert "Сәтсіз әрекеттер тым көп" in locked.content.decode()
    assert elsewhere.status_code == 302  # the account itself is not locked


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_a_right_password_before_the_limit_still_logs_in(client, superuser):
    for _attempt in range(LIMIT - 1):
        admin_login(client, "chief", "wrong")

    assert admin_login(client, "chief", "right-password").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_page_passwords_are_throttled_in_the_visitors_language(network, client):
    page = network["csm"]["about"]["ru"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="steppe"
    )
    url = f"/ru/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    answers = [
        client.post(url, {"password": "wrong", "return_url": "/ru/about/"}, headers={"host": "csm.localhost"})
        for _attempt in range(LIMIT + 1)
    ]
    right = client.post(
        url, {"password": "steppe", "return_url": "/ru/about/"}, headers={"host": "csm.localhost"}
    )

    assert [answer.status_code for answer in answers[: LIMIT - 1]] == [200] * (LIMIT - 1)
    assert right.status_code == 429
    html = right.content.decode()
    assert "Слишком много неудачных попыток" in html
    assert "site-header" in html  # in the museum's look


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_password_reset_requests_are_throttled(client, superuser):
    answers = [
        client.post("/admin/password_reset/", {"email": "chief@example.org"}, REMOTE_ADDR="192.0.2.20")
        for _attempt in range(LIMIT + 1)
    ]

    assert [answer.status_code for answer in answers] == [302] * (LIMIT - 1) + [429, 429]
    assert len(mail.outbox) == LIMIT - 1


# --- Content-Security-Policy ---------------------------------------------------------------------
def policy(response):
    parts = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {part[0]: part[1:] for part in parts if part}


def test_public_pages_forbid_inline_script(network, get):
    directives = policy(get("nmrk", "/en/about/"))

    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_the_admin_has_its_own_policy(client):
    directives = policy(client.get("/admin/login/"))

    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["object-src"] == ["'none'"]


def test_public_pages_deny_the_browser_features_the_sites_never_use(network, get):
    response = get("nmrk", "/en/about/")

    features = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    assert features["camera"] == "()"
    assert features["geolocation"] == "()"
    assert "fullscreen" not in features  # the embed block's video players may still go fullscreen
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
