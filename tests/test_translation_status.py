"""The translation status of each site's content: what it counts, when a translation falls out of
date, what the dashboard shows and to whom, and that counting costs the same few queries at any size."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

import pytest

from editorial.translations.status import SNIPPET_MODELS, Status, site_status
from home.models import StandardPage
from museums.models import Agreement, Museum, Partner
from news.models import NewsIndexPage, NewsPage, Topic
from tests.event_factories import (
    EventIndexPageFactory,
    ExhibitionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    TopicFactory,
)
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def translate(instance, language, capture, text="{language}: {msgid}"):
    """Submit ``instance`` through wagtail-localize, fill every string, publish: a full translation."""
    target = Locale.objects.get(language_code=language)
    with capture(execute=True):
        TranslationCreator(None, [target]).create_translations(instance)
    record = Translation.objects.get(source__object_id=instance.translation_key, target_locale=target)
    fill(record, text.format(language=language, msgid="{msgid}"))
    with capture(execute=True):
        record.save_target(publish=True)
    return record


def fill(record, text="kk: {msgid}"):
    """Translate every untranslated string of ``record`` as ``text``."""
    po = record.export_po()
    for entry in po:
        if not entry.obsolete and not entry.msgstr:
            entry.msgstr = text.format(msgid=entry.msgid)
    record.import_po(po)


def agreement(partner, museum, title="Agreement on cooperation"):
    return Agreement.objects.create(partner=partner, museum=museum, title=title, locale=partner.locale)


def item_for(status, instance):
    return next(
        item
        for item in status.items
        if item.source_pk == instance.pk and issubclass(item.model, instance._meta.concrete_model)
    )


def publish_edit(instance, **fields):
    """Edit and publish the English ``instance``, read afresh: the session's tree is shared."""
    instance = type(instance).objects.get(pk=instance.pk)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save_revision().publish()
    return instance


@pytest.fixture
def visiting(network):
    """A new English page on the National Museum's site."""
    return StandardPageFactory(
        parent=network["nmrk"]["home"]["en"], slug="visiting", title="Visiting", body=[]
    )


# --- Statuses -------------------------------------------------------------------------------------
def test_a_new_page_is_missing_then_a_draft_then_translated(
    network, visiting, django_capture_on_commit_callbacks
):
    site = network["nmrk"]["site"]
    before = site_status(site, "kk").counts
    assert item_for(site_status(site, "kk"), visiting).status == Status.MISSING

    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [Locale.objects.get(language_code="kk")]).create_translations(visiting)
    draft = item_for(site_status(site, "kk"), visiting)
    assert draft.status == Status.DRAFT
    assert draft.untranslated > 0  # every string still in English

    record = Translation.objects.get(source__object_id=visiting.translation_key)
    fill(record)
    with django_capture_on_commit_callbacks(execute=True):
        record.save_target(publish=True)
    after = site_status(site, "kk")
    assert item_for(after, visiting).status == Status.TRANSLATED
    assert after.counts[Status.TRANSLATED] == before[Status.TRANSLATED] + 1
    assert after.counts[Status.MISSING] == before[Status.MISSING] - 1
    # Only Kazakh was translated.
    assert item_for(site_status(site, "ru"), visiting).status == Status.MISSING


def test_a_source_edit_puts_the_translation_out_of_date_until_the_changed_string_is_translated(
    network, visiting, django_capture_on_commit_callbacks
):
    site = network["nmrk"]["site"]
    translate(visiting, "kk", django_capture_on_commit_callbacks)
    before = site_status(site, "kk").counts

    publish_edit(visiting, title="Visiting the museum")

    after_edit = site_status(site, "kk")
    item = item_for(after_edit, visiting)
    assert item.status == Status.OUT_OF_DATE
    assert item.needs_sync
    assert after_edit.counts[Status.TRANSLATED] == before[Status.TRANSLATED] - 1
    assert after_edit.counts[Status.OUT_OF_DATE] == before[Status.OUT_OF_DATE] + 1
    assert item.url().startswith(
        reverse("wagtail_localize:update_translations", args=[item.translation_source_pk])
    )

    # "Sync translated pages": wagtail-localize reads the English again; exactly one string changed.
    TranslationSource.update_or_create_from_instance(StandardPage.objects.get(pk=visiting.pk))
    synced = item_for(site_status(site, "kk"), visiting)
    assert synced.status == Status.OUT_OF_DATE
    assert not synced.needs_sync
    assert synced.untranslated == 1
    assert synced.url() == reverse("wagtailadmin_pages:edit", args=[synced.target_pk])

    record = Translation.objects.get(pk=synced.translation_pk)
    fill(record)
    with django_capture_on_commit_callbacks(execute=True):
        record.save_target(publish=True)
    assert site_status(site, "kk").counts == before


def test_a_draft_edit_of_the_source_does_not_put_translations_out_of_date(
    network, visiting, django_capture_on_commit_callbacks
):
    translate(visiting, "kk", django_capture_on_commit_callbacks)
    visiting.title = "Not yet published"
    visiting.save_revision()
    assert item_for(site_status(network["nmrk"]["site"], "kk"), visiting).status == Status.TRANSLATED


def test_an_alias_counts_as_missing(network, visiting):
    alias = visiting.copy_for_translation(Locale.objects.get(language_code="ru"), alias=True)
    item = item_for(site_status(network["nmrk"]["site"], "ru"), visiting)
    assert item.target_pk == alias.pk
    assert item.status == Status.MISSING
    assert "submit/page" in item.url()


def test_translations_made_outside_wagtail_localize_fall_out_of_date_when_the_english_is_published(network):
    site, about = network["nmrk"]["site"], network["nmrk"]["about"]["en"]
    item = item_for(site_status(site, "kk"), about)
    assert (item.status, item.is_managed) == (Status.TRANSLATED, False)

    publish_edit(about, title="About the National Museum")
    assert item_for(site_status(site, "kk"), about).status == Status.OUT_OF_DATE
    assert item_for(site_status(site, "ru"), about).status == Status.OUT_OF_DATE


# --- What a site shows ----------------------------------------------------------------------------
@pytest.fixture
def partners(network):
    """Partners of the National Museum by each rule, one of the Central State Museum, one of no one."""
    home = network["nmrk"]["home"]["en"]
    exhibition = ExhibitionPageFactory(parent=EventIndexPageFactory(parent=home))
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home))
    found = {
        "event": PartnerFactory(name="Event partner"),
        "agreement": PartnerFactory(name="Agreement partner"),
        "news": PartnerFactory(name="News partner"),
        "other museum": PartnerFactory(name="Partner of the other museum"),
        "nobody": PartnerFactory(name="Partner of no one"),
    }
    exhibition.event_partners.create(partner=found["event"], locale=exhibition.locale)
    exhibition.save_revision().publish()
    news.related_partners.create(partner=found["news"], locale=news.locale)
    news.save_revision().publish()
    agreement(found["agreement"], network["nmrk"]["museum"], title="Memorandum")
    agreement(found["other museum"], network["csm"]["museum"])
    return found


def test_a_site_counts_its_pages_its_museum_and_the_partners_it_shows(network, partners):
    status = site_status(network["nmrk"]["site"], "kk")
    names = {item.title for item in status.items if item.model is Partner}
    assert names == {"Event partner", "Agreement partner", "News partner"}
    assert {item.title for item in status.items if item.model is Agreement} == {"Memorandum"}
    titles = {item.title for item in status.items}
    assert network["nmrk"]["museum"].name in titles
    assert network["csm"]["museum"].name not in titles
    assert "About the museum" in titles
    assert "About us" not in titles  # the other museum's About page
    assert {item.language for item in status.items} == {"kk"}

    event_partner = next(item for item in status.items if item.title == "Event partner")
    submit = "wagtail_localize:submit_snippet_translation"
    assert event_partner.url().startswith(reverse(submit, args=["museums", "partner", partners["event"].pk]))
    museum = next(item for item in status.items if item.model is Museum)
    assert museum.url() == reverse("wagtailsnippets_museums_museum:edit", args=[museum.target_pk])
    assert all(item.url() for item in status.items)

    other = site_status(network["csm"]["site"], "kk")
    assert {item.title for item in other.items if item.model is Partner} == {"Partner of the other museum"}
    assert {item.title for item in other.items if item.model is Agreement} == {"Agreement on cooperation"}


def test_a_site_counts_the_topics_its_news_names_and_names_untitled_agreements_by_partner(network, partners):
    news = NewsPage.objects.child_of(NewsIndexPage.objects.get(locale__language_code="en")).get()
    crafts = TopicFactory(name="Crafts", slug="crafts")
    TopicFactory(name="Unused", slug="unused")
    news.topics.create(topic=crafts, locale=news.locale)
    news.save_revision().publish()
    agreement(partners["event"], network["nmrk"]["museum"], title="")

    status = site_status(network["nmrk"]["site"], "kk")
    assert {item.title for item in status.items if item.model is Topic} == {"Crafts"}
    assert {item.title for item in status.items if item.model is Agreement} == {"Memorandum", "Event partner"}
    assert site_status(network["csm"]["site"], "kk").total < status.total


def test_every_translatable_snippet_has_a_decided_place_in_the_status():
    """A new translatable snippet fails here until status.py says which sites show it."""
    translatable = {model for model in get_snippet_models() if issubclass(model, TranslatableMixin)}
    assert translatable == set(SNIPPET_MODELS)


def test_counting_costs_the_same_queries_for_fifteen_objects_and_for_forty_five(
    network, django_capture_on_commit_callbacks
):
    site, home = network["nmrk"]["site"], network["nmrk"]["home"]["en"]

    def grow(count):
        for number in range(count):
            page = StandardPageFactory(parent=home, body=[])
            partner = PartnerFactory()
            agreement(partner, network["nmrk"]["museum"])
            if number % 3 == 0:
                translate(page, "kk", django_capture_on_commit_callbacks)
            if number % 3 == 1:
                translate(partner, "kk", django_capture_on_commit_callbacks)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            status = site_status(site, "kk")
            assert status.counts  # the counts are computed from what was fetched
        return len(queries), status.total

    grow(5)
    small, small_total = count_queries()
    grow(10)
    large, large_total = count_queries()
    assert large_total == small_total + 30
    assert small == large
    assert large <= 7  # locales, root path, and one per kind: pages, museum, partners, agreements, topics


# --- The dashboard --------------------------------------------------------------------------------
def make_user(username, *permissions):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    group = Group.objects.create(name=f"{username} group")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *(
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in (permission.split(".") for permission in permissions)
        ),
    )
    user.groups.add(group)
    return user


DASHBOARD = "/admin/translation-status/"


def test_the_dashboard_shows_counts_per_site_and_language_and_links_into_the_editor(
    client, network, visiting, django_capture_on_commit_callbacks
):
    user = make_user("translator", "wagtail_localize.submit_translation")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin's default language is Kazakh
    with translation.override("en"):
        response = client.get(DASHBOARD)
        assert response.status_code == 200
        rows = {
            (row["status"].site.pk, row["status"].language): row["counts"] for row in response.context["rows"]
        }
        assert set(rows) == {
            (network[code]["site"].pk, lang) for code in ("nmrk", "csm") for lang in ("kk", "ru")
        }
        assert rows[(network["nmrk"]["site"].pk, "kk")][Status.MISSING] >= 1
        assert b"Translation status" in response.content

        translate(visiting, "kk", django_capture_on_commit_callbacks)
        publish_edit(visiting, title="Visiting the museum")
        detail = client.get(f"{DASHBOARD}{network['nmrk']['site'].pk}/kk/")
    assert detail.status_code == 200
    content = detail.content.decode()
    item = item_for(detail.context["status"], visiting)
    assert item.status == Status.OUT_OF_DATE
    assert reverse("wagtail_localize:update_translations", args=[item.translation_source_pk]) in content
    assert "Visiting the museum" in content
    ru = client.get(f"{DASHBOARD}{network['nmrk']['site'].pk}/ru/").content.decode()
    submit = reverse("wagtail_localize:submit_page_translation", args=[visiting.pk])
    assert f"{submit}?next=" in ru


def test_the_dashboard_is_only_for_those_who_may_submit_translations(client, network):
    client.force_login(make_user("editor"))
    # Wagtail answers a refusal in its admin with a redirect to the dashboard and a message.
    for response in (
        client.get(DASHBOARD),
        client.get(f"{DASHBOARD}{network['nmrk']['site'].pk}/kk/"),
        client.post(f"{DASHBOARD}{network['nmrk']['site'].pk}/kk/export/"),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    home = client.get("/admin/").content.decode()
    assert DASHBOARD not in home

    client.force_login(get_user_model().objects.create_superuser("chief", "chief@example.org", "pw"))
    assert client.get(DASHBOARD).status_code == 200
    assert DASHBOARD in client.get("/admin/").content.decode()


def test_an_unknown_language_or_the_source_language_is_not_found(admin_client, network):
    site = network["nmrk"]["site"].pk
    assert admin_client.get(f"{DASHBOARD}{site}/de/").status_code == 404
    assert admin_client.get(f"{DASHBOARD}{site}/en/").status_code == 404
