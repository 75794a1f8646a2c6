"""Data safety: every published state is kept as a revision, and a sync of translations after the
English changes never overwrites what a translator wrote or chose instead of the English (their
strings and their overrides). The backup's round trip is tests/test_backup.py; an interrupted PO
import is tests/test_translation_po.py."""

import json
from urllib.parse import urlencode

from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
)
from wagtail_localize.operations import TranslationCreator

import pytest

from editorial import roles
from home.models import StandardPage
from tests.factories import StandardPageFactory, locale, staff_member

pytestmark = pytest.mark.django_db


def test_every_published_state_is_a_revision_that_gives_it_back(network, client):
    page = StandardPageFactory(parent=network["nmrk"]["home"]["en"], slug="hours", title="Hours", body=[])
    titles = ("Opening hours", "Opening hours in summer", "Opening hours in winter")
    published = []
    for title in titles:
        page = StandardPage.objects.get(pk=page.pk)
        page.title = title
        revision = page.save_revision()
        revision.publish()
        published.append(revision.pk)

    page = StandardPage.objects.get(pk=page.pk)
    assert page.live_revision_id == published[-1]
    kept = {revision.pk: revision.as_object().title for revision in page.revisions.filter(pk__in=published)}
    assert kept == dict(zip(published, titles, strict=True))
    logged = PageLogEntry.objects.filter(page=page, action="wagtail.publish").values_list(
        "revision", flat=True
    )
    assert set(logged) == set(published)

    # An editor can go back to any of them: the revisions' compare view shows the first beside the last.
    client.force_login(staff_member("aruzhan", roles.group_name("nmrk", roles.MODERATOR)))
    compare = client.get(f"/admin/pages/{page.pk}/revisions/compare/{published[0]}...{published[-1]}/")
    assert compare.status_code == 200
    assert "Opening hours in winter" in compare.content.decode()


LINK = "https://museum.example/en/tickets"


@pytest.fixture
def translated(network, django_capture_on_commit_callbacks):
    """An English page sent into Kazakh, whose translator typed every string and chose their own
    link instead of the English one (an override), through wagtail-localize's editor, published."""
    page = StandardPageFactory(
        parent=network["nmrk"]["home"]["en"],
        slug="tickets",
        title="Tickets",
        body=[("paragraph", RichText(f'<p>Buy them <a href="{LINK}">online</a>.</p>'))],
    )
    kazakh = locale("kk")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [kazakh]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=kazakh)
    return page, translation


def save(client, url, value):
    """What wagtail-localize's editor sends as a translator types: a form-encoded PUT of the value."""
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    ).status_code


def test_a_sync_keeps_the_translators_strings_and_overrides(
    client, translated, get, django_capture_on_commit_callbacks
):
    page, translation = translated
    client.force_login(staff_member("aliya", roles.TRANSLATORS))
    typed = {"Tickets": "Билеттер", 'Buy them <a id="a1">online</a>.': 'Оларды <a id="a1">онлайн</a> алыңыз.'}
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        value = typed.get(segment.string.data, f"ҚАЗ {segment.string.data}")
        url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
        assert save(client, url, value) in (200, 201)
    link = OverridableSegment.objects.get(source=translation.source, data_json=json.dumps(LINK))
    url = f"/admin/localize/translate/{translation.pk}/overrides/{link.pk}/edit/"
    kazakh_link = "https://museum.example/kk/tickets"
    assert save(client, url, kazakh_link) in (200, 201)
    before = dict(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_of__data", "data"
        )
    )

    # The English changes: a sentence is added, the rest stays; a moderator syncs and publishes.
    page = StandardPage.objects.get(pk=page.pk)
    page.body.append(
        ("paragraph", RichText("<p>Children go free.</p>"))
    )  # the first block kept, as in the editor
    page.save_revision().publish()
    client.force_login(staff_member("daniyar", roles.group_name("nmrk", roles.MODERATOR)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/update/{translation.source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302

    after = dict(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_of__data", "data"
        )
    )
    assert {key: after.get(key) for key in before} == before
    kept = SegmentOverride.objects.get(locale=translation.target_locale, context=link.context)
    assert json.loads(kept.data_json) == kazakh_link
    html = get("nmrk", "/kk/tickets/").content.decode()
    assert "Оларды" in html and "онлайн" in html
    assert f'href="{kazakh_link}"' in html and f'href="{LINK}"' not in html
    assert "Children go free." in html  # not translated yet: the English, until the translator comes
