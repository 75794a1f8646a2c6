"""A visitor sends the contact form in Russian in a real browser; the museum downloads it as CSV."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail.contrib.forms.utils import get_form_types

import pytest

from submissions.models import Submission
from tests.test_forms import make_form, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_corrects_and_sends_the_form_and_the_museum_exports_it(
    live_network, page, django_capture_on_commit_callbacks
):
    cache.clear()  # the rate limit's counts
    # The database was flushed for this test (pristine_db), which renumbers the content types; Wagtail
    # keeps the form page types' content types in a cache of its own for the whole process.
    ContentType.objects.clear_cache()
    get_form_types.cache_clear()
    contact = make_form(live_network["network"]["nmrk"]["home"]["en"])
    russian = translate(contact, "ru", django_capture_on_commit_callbacks)
    url = live_network["url"]

    # Sent empty: the errors come back in Russian, announced, and each linked to its field.
    page.goto(url("nmrk", "/ru/contact/"))
    page.click("form.form--visitor button[type=submit]")
    summary = page.locator(".form__summary[role=alert]")
    summary.wait_for()
    assert "Ваше имя: Обязательное поле." in summary.text_content()
    assert page.get_attribute("#id_your_name", "aria-invalid") == "true"
    summary.locator("a[href='#id_message']").click()
    assert page.evaluate("() => document.activeElement.id") == "id_message"
    assert not Submission.objects.exists()

    # Filled in: the thank-you message, in Russian.
    page.fill("#id_your_name", "Айгерим")
    page.fill("#id_e_mail", "aigerim@example.org")
    page.select_option("#id_subject", "Групповое посещение")
    page.fill("#id_message", "Можно ли прийти классом из 25 человек в пятницу?")
    page.check("#id_i_agree_that_the_museum_keeps_my_message_to_answer_it")
    page.click("form.form--visitor button[type=submit]")
    page.wait_for_selector(".form-page__thanks")
    assert page.text_content(".form-page__thanks").strip() == "Спасибо, мы ответим в течение недели."

    # The museum's administrator downloads what was sent.
    get_user_model().objects.create_superuser("chief", "chief@example.org", "steppe-2026")
    page.goto(url("nmrk", "/admin/login/"))
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", "steppe-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(url("nmrk", f"/admin/forms/submissions/{russian.pk}/"))
    page.click("header [data-w-dropdown-target=toggle]")  # the header's "Actions" menu
    with page.expect_download() as download:
        page.click("a[href*='export=csv']")
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        header, *rows = list(csv.reader(io.StringIO(exported.read())))

    assert header[2:4] == ["Ваше имя", "Электронная почта"]  # the Russian form's labels
    [row] = rows
    assert row[1:6] == [
        "ru",
        "Айгерим",
        "aigerim@example.org",
        "Групповое посещение",
        "Можно ли прийти классом из 25 человек в пятницу?",
    ]
