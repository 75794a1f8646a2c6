"""Each site shows its own museum's identity, in the visitor's language, from the translated snippet."""

import pytest

from museums.models import Museum, MuseumSiteSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "language", "name", "days"),
    [
        ("nmrk", "en", "National Museum of the Republic of Kazakhstan", "Tuesday to Sunday"),
        ("nmrk", "kk", "Қазақстан Республикасының Ұлттық музейі", "Сейсенбі – жексенбі"),
        ("nmrk", "ru", "Национальный музей Республики Казахстан", "Вторник – воскресенье"),
        ("csm", "en", "Central State Museum of the Republic of Kazakhstan", "Wednesday to Monday"),
        ("csm", "kk", "Қазақстан Республикасының Орталық мемлекеттік музейі", "Сәрсенбі – дүйсенбі"),
        ("csm", "ru", "Центральный государственный музей Республики Казахстан", "Среда – понедельник"),
    ],
)
def test_the_identity_renders_per_site_and_language(network, get, code, language, name, days):
    response = get(code, f"/{language}/about/")
    museum = response.context["museum"]
    html = response.content.decode()

    assert museum.name == name
    assert museum.locale.language_code == language
    footer = html[html.index('<footer class="site-footer">') :]
    assert name in footer
    assert days in footer
    assert "10:00" in footer and "18:00" in footer
    assert museum.reuse_notice in footer
    assert museum.reuse_notice.startswith(f"{language}: ") or language == "en"
    other = "csm" if code == "nmrk" else "nmrk"
    assert network[other]["museum"].name not in html


@pytest.mark.parametrize(("code", "theme"), [("nmrk", "steppe-gold"), ("csm", "almaty-azure")])
def test_each_site_renders_in_its_own_theme(network, get, code, theme):
    html = get(code, "/en/").content.decode()
    assert f'<body class="theme-{theme}' in html


def test_contacts_and_social_links_are_in_the_footer(network, get):
    html = get("nmrk", "/kk/").content.decode()
    assert '<a href="tel:+77172000000">+7 7172 00 00 00</a>' in html
    assert 'href="mailto:info@museum.example"' in html
    assert '<a href="https://www.instagram.com/museum/" rel="me noopener">Instagram</a>' in html


def test_an_untranslated_identity_falls_back_to_the_source_language(network, get):
    russian = Museum.objects.get(code="csm", locale__language_code="ru")
    russian.live = False
    russian.save()
    try:
        museum = get("csm", "/ru/").context["museum"]
        assert museum.locale.language_code == "en"
        assert museum.name == "Central State Museum of the Republic of Kazakhstan"
    finally:
        russian.live = True
        russian.save()


def test_the_site_setting_may_point_at_any_language_version_of_the_museum(network, get):
    site_settings = MuseumSiteSettings.objects.get(site=network["nmrk"]["site"])
    kazakh = Museum.objects.get(code="nmrk", locale__language_code="kk")
    original = site_settings.museum
    site_settings.museum = kazakh
    site_settings.save()
    try:
        assert get("nmrk", "/en/").context["museum"].name == original.name
        assert get("nmrk", "/ru/").context["museum"].locale.language_code == "ru"
    finally:
        site_settings.museum = original
        site_settings.save()


def test_the_museum_is_resolved_in_one_query(network, django_assert_num_queries):
    from django.utils import translation

    with translation.override("kk"), django_assert_num_queries(1):
        museum = Museum.in_active_language(network["csm"]["museum"].pk)
        assert museum.locale.language_code == "kk"
        assert museum.logo is None


def test_a_site_without_museum_settings_still_renders(network, get):
    site_settings = MuseumSiteSettings.objects.get(site=network["csm"]["site"])
    museum = site_settings.museum
    site_settings.museum = None
    site_settings.save()
    try:
        response = get("csm", "/en/")
        assert response.status_code == 200
        assert '<footer class="site-footer">' not in response.content.decode()
    finally:
        site_settings.museum = museum
        site_settings.save()


@pytest.mark.parametrize(
    ("language", "note"),
    [("en", "not yet confirmed"), ("kk", "әлі нақтыланбаған"), ("ru", "ещё не подтверждены")],
)
def test_unconfirmed_address_and_hours_are_marked(network, get, language, note):
    def footer():
        html = get("nmrk", f"/{language}/about/").content.decode()
        return html.split('<footer class="site-footer">')[1]

    assert note not in footer()

    # Synchronised: unticking it on the English record marks every language once translations sync.
    for museum in Museum.objects.filter(translation_key=network["nmrk"]["museum"].translation_key):
        museum.visit_details_confirmed = False
        museum.save()
    assert note in footer()
    assert "10:00" in footer()  # still shown, but marked
