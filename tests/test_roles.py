"""The permission matrix: each role against each site's pages, media, identity, settings and partners,
through the admin's own screens, choosers, search and direct URLs (real requests, not only the API)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.sql import emit_post_migrate_signal

from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page

import pytest
import wagtail_factories

from editorial import roles
from museums.models import Museum
from tests.event_factories import PartnerFactory
from tests.factories import StandardPageFactory, translate_page

pytestmark = pytest.mark.django_db

NMRK_EDITORS = roles.group_name("nmrk", roles.EDITOR)
NMRK_MODERATORS = roles.group_name("nmrk", roles.MODERATOR)
ROLES = [NMRK_EDITORS, NMRK_MODERATORS, roles.TRANSLATORS, roles.NETWORK_ADMINISTRATORS]


def member(*group_names):
    name = "-".join(group_names).replace(" ", "-").lower()
    user, _created = get_user_model().objects.get_or_create(
        username=name, defaults={"email": f"{name}@example.org"}
    )
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def as_role(client):
    def login(group_name):
        client.force_login(member(group_name))
        return client

    return login


def allowed(response):
    return response.status_code == 200


def test_the_migration_created_every_role():
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        "NMRK editors",
        "NMRK moderators",
        "CSM RK editors",
        "CSM RK moderators",
        "Translators",
        "Network administrators",
    } <= names
    assert not {"Editors", "Moderators"} & names  # Wagtail's defaults reached both museums


def test_a_migrate_completes_the_groups_once_after_the_last_apps_permissions(monkeypatch):
    """``editorial.signals.complete_groups``: Django sends post_migrate once per app; the groups are
    completed once, when every app's permissions (Wagtail's snippet ones among them) exist."""
    admins = Group.objects.get(name=roles.NETWORK_ADMINISTRATORS)
    admins.permissions.clear()
    completed = []
    ensure_roles = roles.ensure_roles
    monkeypatch.setattr(roles, "ensure_roles", lambda apps: (completed.append(apps), ensure_roles(apps)))

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert len(completed) == 1
    assert set(admins.permissions.all()) == set(Permission.objects.all())


def test_each_museums_groups_hold_rights_on_all_three_home_pages_of_their_site_only(network):
    for code in ("nmrk", "csm"):
        homes = {page.pk for page in network[code]["home"].values()}
        for role in (roles.EDITOR, roles.MODERATOR):
            granted = set(
                GroupPagePermission.objects.filter(group__name=roles.group_name(code, role)).values_list(
                    "page", flat=True
                )
            )
            assert granted == homes


def test_a_fourth_language_grants_itself(network, settings):
    from wagtail.models import Locale

    home = network["csm"]["home"]["en"]
    german = Locale.objects.create(language_code="de")
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [*settings.LANGUAGES, ("de", "German")]

    translated = home.copy_for_translation(german, copy_parents=False)

    holders = set(GroupPagePermission.objects.filter(page=translated).values_list("group__name", flat=True))
    assert {"CSM RK editors", "CSM RK moderators", "Translators"} <= holders
    assert not {"NMRK editors", "NMRK moderators"} & holders


# --- Pages ---------------------------------------------------------------------------------------
EDIT_MATRIX = [
    # role, site, language, may edit
    (NMRK_EDITORS, "nmrk", "en", True),
    (NMRK_EDITORS, "nmrk", "kk", True),
    (NMRK_EDITORS, "csm", "en", False),
    (NMRK_EDITORS, "csm", "ru", False),
    (NMRK_MODERATORS, "nmrk", "ru", True),
    (NMRK_MODERATORS, "csm", "en", False),
    (roles.TRANSLATORS, "nmrk", "kk", True),
    (roles.TRANSLATORS, "csm", "ru", True),
    (roles.TRANSLATORS, "csm", "en", False),  # the English source is the editors'
    (roles.NETWORK_ADMINISTRATORS, "csm", "en", True),
]


@pytest.mark.parametrize(("role", "code", "language", "may"), EDIT_MATRIX)
def test_who_may_open_a_page_in_the_editor(network, as_role, role, code, language, may):
    page = network[code]["about"][language]
    response = as_role(role).get(f"/admin/pages/{page.pk}/edit/")
    assert allowed(response) is may


def test_an_editor_cannot_add_copy_into_or_move_into_the_other_museum(network, as_role):
    client = as_role(NMRK_EDITORS)
    csm_home, nmrk_about = network["csm"]["home"]["en"], network["nmrk"]["about"]["en"]

    assert not allowed(client.get(f"/admin/pages/add/home/standardpage/{csm_home.pk}/"))
    assert not allowed(client.get(f"/admin/pages/{nmrk_about.pk}/move/{csm_home.pk}/"))
    copy = client.post(
        f"/admin/pages/{nmrk_about.pk}/copy/",
        {"new_title": "Copied", "new_slug": "copied", "new_parent_page": csm_home.pk},
    )
    assert not Page.objects.filter(slug="copied").exists(), copy.status_code


def test_an_editor_may_not_publish_but_a_moderator_may(network, as_role):
    page = StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="hours", title="Hours", body=[])
    form = {
        "title": "New hours",
        "slug": "hours",
        "intro": "",
        "body-count": "0",
        "action-publish": "publish",
    }

    as_role(NMRK_EDITORS).post(f"/admin/pages/{page.pk}/edit/", form)
    assert Page.objects.get(pk=page.pk).title == "Hours"  # saved as a draft at most

    as_role(NMRK_MODERATORS).post(f"/admin/pages/{page.pk}/edit/", form)
    assert Page.objects.get(pk=page.pk).title == "New hours"


def test_a_translator_never_publishes(network, as_role):
    page = network["nmrk"]["about"]["kk"]
    form = {
        "title": "Жаңа атау",
        "slug": "about",
        "intro": "",
        "body-count": "0",
        "action-publish": "publish",
    }

    as_role(roles.TRANSLATORS).post(f"/admin/pages/{page.pk}/edit/", form)

    assert Page.objects.get(pk=page.pk).title == page.title


def test_the_explorer_search_and_chooser_show_only_ones_own_site(network, as_role):
    client = as_role(NMRK_EDITORS)
    nmrk_about, csm_about = network["nmrk"]["about"]["en"], network["csm"]["about"]["en"]

    search = client.get("/admin/pages/search/", {"q": "About"}).content.decode()
    chooser = client.get("/admin/choose-page/search/", {"q": "About"}).content.decode()
    explorer = client.get("/admin/pages/").content.decode()

    assert f"/admin/pages/{nmrk_about.pk}/edit/" in search
    assert f"/admin/pages/{csm_about.pk}/edit/" not in search
    assert f'data-id="{nmrk_about.pk}"' in chooser or nmrk_about.title in chooser
    assert csm_about.title not in chooser
    assert f"/admin/pages/{network['nmrk']['home']['en'].pk}/" in explorer
    assert f"/admin/pages/{network['csm']['home']['en'].pk}/" not in explorer


def test_the_other_museums_pages_are_out_of_the_reports(network, as_role):
    csm_page = network["csm"]["about"]["en"]
    csm_page.save_revision(user=get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    client = as_role(NMRK_EDITORS)

    history = client.get("/admin/reports/site-history/").content.decode()
    locked = client.get("/admin/reports/locked/")

    assert csm_page.title not in history
    assert csm_page.title not in locked.content.decode()


# --- Media ---------------------------------------------------------------------------------------
@pytest.fixture
def museum_images(network):
    images = {}
    for code in ("nmrk", "csm"):
        collection = roles.museum_collection(code)
        images[code] = wagtail_factories.ImageFactory(title=f"{code} felt", collection=collection)
    return images


def test_editors_see_choose_and_edit_only_their_museums_images(museum_images, as_role):
    client = as_role(NMRK_EDITORS)

    listing = client.get("/admin/images/").content.decode()
    chooser = client.get("/admin/images/chooser/").content.decode()

    for html in (listing, chooser):
        assert "nmrk felt" in html
        assert "csm felt" not in html
    assert allowed(client.get(f"/admin/images/{museum_images['nmrk'].pk}/"))
    assert not allowed(client.get(f"/admin/images/{museum_images['csm'].pk}/"))
    assert not allowed(client.post(f"/admin/images/{museum_images['csm'].pk}/delete/"))
    assert get_image_model().objects.filter(pk=museum_images["csm"].pk).exists()


def test_an_editor_uploads_into_their_museums_collection_only(museum_images, as_role):
    from tests.test_uploads import png_bytes

    client = as_role(NMRK_EDITORS)
    upload = SimpleUploadedFile("yurt.png", png_bytes())
    response = client.post("/admin/images/add/", {"title": "Yurt", "file": upload})

    assert response.status_code == 302
    assert get_image_model().objects.get(title="Yurt").collection == roles.museum_collection("nmrk")
    refused = client.post(
        "/admin/images/add/",
        {
            "title": "Elsewhere",
            "file": SimpleUploadedFile("y.png", png_bytes()),
            "collection": roles.museum_collection("csm").pk,
        },
    )
    assert not get_image_model().objects.filter(title="Elsewhere", collection__name="CSM RK").exists(), (
        refused
    )


# --- Identity, settings, partners ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "code", "may"),
    [
        (NMRK_EDITORS, "nmrk", True),
        (NMRK_EDITORS, "csm", False),
        (NMRK_MODERATORS, "csm", False),
        (roles.NETWORK_ADMINISTRATORS, "csm", True),
    ],
)
def test_who_may_edit_a_museums_identity(network, as_role, role, code, may):
    museum = network[code]["museum"]
    client = as_role(role)

    assert allowed(client.get(f"/admin/snippets/museums/museum/edit/{museum.pk}/")) is may
    assert allowed(client.get(f"/admin/snippets/museums/museum/history/{museum.pk}/")) is may


def test_the_identity_listing_and_chooser_show_only_ones_own_museum(network, as_role):
    client = as_role(NMRK_EDITORS)
    csm_name = network["csm"]["museum"].name

    listing = client.get("/admin/snippets/museums/museum/").content.decode()
    chooser = client.get("/admin/snippets/choose/museums/museum/").content.decode()

    for html in (listing, chooser):
        assert network["nmrk"]["museum"].name in html
        assert csm_name not in html


def test_translators_reach_only_the_translations_of_identities(network, as_role):
    client = as_role(roles.TRANSLATORS)
    english = network["csm"]["museum"]
    kazakh = Museum.objects.get(translation_key=english.translation_key, locale__language_code="kk")

    assert not allowed(client.get(f"/admin/snippets/museums/museum/edit/{english.pk}/"))
    assert allowed(client.get(f"/admin/snippets/museums/museum/edit/{kazakh.pk}/"))


@pytest.mark.parametrize(
    ("role", "may"),
    [(NMRK_EDITORS, False), (NMRK_MODERATORS, False), (roles.NETWORK_ADMINISTRATORS, True)],
)
def test_only_network_administrators_change_site_settings(network, as_role, role, may):
    client = as_role(role)
    for code in ("nmrk", "csm"):
        site = network[code]["site"]
        response = client.get(f"/admin/settings/museums/museumsitesettings/{site.pk}/")
        assert allowed(response) is may


def test_editors_of_both_museums_edit_the_shared_partners_but_never_delete_them(network, as_role):
    partner = PartnerFactory(name="State Hermitage Museum", slug="hermitage")
    for group_name in (NMRK_EDITORS, "CSM RK editors"):
        client = as_role(group_name)
        assert allowed(client.get(f"/admin/snippets/museums/partner/edit/{partner.pk}/"))
        client.post(f"/admin/snippets/museums/partner/delete/{partner.pk}/")
        assert type(partner).objects.filter(pk=partner.pk).exists()


def test_translator_groups_edit_translations_on_both_sites(network):
    granted = set(
        GroupPagePermission.objects.filter(group__name=roles.TRANSLATORS).values_list(
            "page__locale__language_code", flat=True
        )
    )
    assert granted == {"kk", "ru"}


def test_a_translated_page_is_reachable_by_the_museums_editors_in_every_language(network, as_role):
    page = StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="shop", title="Shop", body=[])
    russian = translate_page(page, "ru", title="Магазин")

    assert allowed(as_role(NMRK_EDITORS).get(f"/admin/pages/{russian.pk}/edit/"))


# --- Agreements ----------------------------------------------------------------------------------
@pytest.fixture
def agreements(network):
    from museums.models import Agreement

    partner = PartnerFactory(name="Hermitage", slug="hermitage-agreements")
    return {
        code: Agreement.objects.create(
            partner=partner, museum=network[code]["museum"], title=f"{code} memorandum", kind="memorandum"
        )
        for code in ("nmrk", "csm")
    }


def test_editors_see_and_edit_only_their_museums_agreements(agreements, as_role):
    client = as_role(NMRK_EDITORS)

    listing = client.get("/admin/snippets/museums/agreement/").content.decode()

    assert "nmrk memorandum" in listing
    assert "csm memorandum" not in listing
    assert allowed(client.get(f"/admin/snippets/museums/agreement/edit/{agreements['nmrk'].pk}/"))
    assert not allowed(client.get(f"/admin/snippets/museums/agreement/edit/{agreements['csm'].pk}/"))
    client.post(f"/admin/snippets/museums/agreement/delete/{agreements['csm'].pk}/")
    assert type(agreements["csm"]).objects.filter(pk=agreements["csm"].pk).exists()


def test_an_editor_cannot_move_an_agreement_to_the_other_museum(network, agreements, as_role):
    client = as_role(NMRK_EDITORS)
    edit = client.get(f"/admin/snippets/museums/agreement/edit/{agreements['nmrk'].pk}/")

    museum_field = edit.context["form"].fields["museum"]

    assert set(museum_field.queryset.values_list("code", flat=True)) == {"nmrk"}


def test_editors_see_only_their_museums_documents(network, as_role):
    from wagtail.documents import get_document_model

    from wagtail_factories import DocumentFactory

    documents = {
        code: DocumentFactory(title=f"{code} annual report", collection=roles.museum_collection(code))
        for code in ("nmrk", "csm")
    }
    client = as_role(NMRK_EDITORS)

    listing = client.get("/admin/documents/").content.decode()
    chooser = client.get("/admin/documents/chooser/").content.decode()

    for html in (listing, chooser):
        assert "nmrk annual report" in html
        assert "csm annual report" not in html
    assert not allowed(client.get(f"/admin/documents/edit/{documents['csm'].pk}/"))
    client.post(f"/admin/documents/delete/{documents['csm'].pk}/")
    assert get_document_model().objects.filter(pk=documents["csm"].pk).exists()


def test_an_editor_cannot_delete_the_other_museums_pages(network, as_role):
    page = StandardPageFactory(parent=network["csm"]["home"]["en"], slug="old", title="Old", body=[])

    as_role(NMRK_EDITORS).post(f"/admin/pages/{page.pk}/delete/")

    assert Page.objects.filter(pk=page.pk).exists()


def test_the_dashboard_counts_only_ones_own_sites_pages(network, as_role):
    from wagtail.admin.site_summary import PagesSummaryItem

    from editorial.wagtail_hooks import count_only_ones_own_pages

    client = as_role(NMRK_EDITORS)
    request = client.get("/admin/").wsgi_request
    items = [PagesSummaryItem(request)]
    count_only_ones_own_pages(request, items)

    own = sum(home.get_descendants(inclusive=True).count() for home in network["nmrk"]["home"].values())
    assert items[0].get_context_data({})["total_pages"] == own
    assert own < Page.objects.filter(depth__gt=1).count()
