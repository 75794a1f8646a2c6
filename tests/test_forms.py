"""The museums' forms: where they stand, how editors build them, how they translate, and what happens
to what visitors send (validation in their language, storage, e-mail, spam, CSRF, who reads it)."""

import csv
import datetime
import io
import re
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.test import Client, TestCase

from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

import pytest
from freezegun import freeze_time

from editorial import roles
from events.models import ConferencePage, CraftsFairPage
from home.models import HomePage, VisitPage
from museums.models import Museum
from submissions.forms import HONEYPOT_FIELD
from submissions.models import (
    ContactFormPage,
    ExhibitorApplicationPage,
    FormField,
    FormPage,
    RegistrationFormPage,
    Submission,
)
from tests.base import AdminPageTestCase
from tests.event_factories import ConferencePageFactory, CraftsFairPageFactory, EventIndexPageFactory
from tests.factories import staff_member, translate_page
from tests.shared_data import module_data

ENGLISH = {"accept-language": "en"}
CONSENT = "I agree that the museum keeps my message to answer it"
QUESTIONS = [
    # label, field type, required, choices
    ("Your name", "singleline", True, ""),
    ("E-mail", "email", True, ""),
    ("Subject", "dropdown", True, "General question\nGroup visit"),
    ("Message", "multiline", True, ""),
    (CONSENT, "checkbox", True, ""),
]
# wagtail-localize shows a translator the line breaks of a plain text (the choices) as <br/>.
TEXTS = {
    "ru": {
        "Contact us": "Напишите нам",
        "Your name": "Ваше имя",
        "E-mail": "Электронная почта",
        "Subject": "Тема",
        "General question<br/>Group visit": "Общий вопрос<br/>Групповое посещение",
        "Message": "Сообщение",
        CONSENT: "Я согласен(на), чтобы музей сохранил моё сообщение для ответа",
        "Write to us.": "Напишите нам.",
        "Thank you, we will answer within a week.": "Спасибо, мы ответим в течение недели.",
    },
    "kk": {
        "Contact us": "Бізге жазыңыз",
        "Your name": "Сіздің атыңыз",
        "E-mail": "Электрондық пошта",
        "Subject": "Тақырып",
        "General question<br/>Group visit": "Жалпы сұрақ<br/>Топтық келу",
        "Message": "Хабарлама",
        CONSENT: "Жауап беру үшін музейдің хабарламамды сақтауына келісемін",
        "Write to us.": "Бізге жазыңыз.",
        "Thank you, we will answer within a week.": "Рақмет, бір апта ішінде жауап береміз.",
    },
}
VALID = {
    "your_name": "Aigerim",
    "e_mail": "aigerim@example.org",
    "subject": "Group visit",
    "message": "Can a class of 25 visit on Friday?",
    "i_agree_that_the_museum_keeps_my_message_to_answer_it": "on",
}


def make_form(parent, model=ContactFormPage, slug="contact", title="Contact us", **fields):
    page = model(
        title=title,
        slug=slug,
        intro="<p>Write to us.</p>",
        thank_you_text="<p>Thank you, we will answer within a week.</p>",
        **fields,
    )
    for index, (label, field_type, required, choices) in enumerate(QUESTIONS):
        field = FormField(label=label, field_type=field_type, required=required, choices=choices)
        field.sort_order = index
        page.form_fields.add(field)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, language, capture):
    """The page translated through wagtail-localize, every string filled from TEXTS, published."""
    target = Locale.objects.get(language_code=language)
    with capture(execute=True):
        TranslationCreator(None, [target]).create_translations(page)
    record = Translation.objects.get(source__object_id=page.translation_key, target_locale=target)
    po = record.export_po()
    for entry in po:
        entry.msgstr = TEXTS[language].get(entry.msgid, f"{language}: {entry.msgid}")
    record.import_po(po)
    with capture(execute=True):
        record.save_target(publish=True)
    return type(page).objects.get(translation_key=page.translation_key, locale=target)


@pytest.fixture(autouse=True)
def fresh_caches():
    """The rate limit counts in the cache, per address: each test starts with none used. Wagtail keeps
    the form page types' content types for the whole process, and a test that flushed the database
    (``pristine_db``) renumbered them."""
    cache.clear()
    ContentType.objects.clear_cache()
    get_form_types.cache_clear()
    yield
    cache.clear()


def build_contact(network):
    ContentType.objects.clear_cache()  # as fresh_caches does before each test
    get_form_types.cache_clear()
    return make_form(network["nmrk"]["home"]["en"])


def build_translations(contact_data):
    """The contact form's Russian and Kazakh pages (built on the shared contact form)."""
    contact = contact_data.fetch()
    return {
        "ru": translate(contact, "ru", TestCase.captureOnCommitCallbacks),
        "kk": translate(contact, "kk", TestCase.captureOnCommitCallbacks),
    }


contact_data = module_data(build_contact, used_by="contact")
translations_data = module_data(build_translations, used_by="contact_in_three")


@pytest.fixture
def contact(contact_data, db):
    """The module's contact form (built once, see tests/shared_data.py), read afresh for this test."""
    return contact_data.fetch()


@pytest.fixture
def contact_in_three(contact, translations_data):
    """The contact form in en, ru and kk: the shared translations, read afresh for this test."""
    return {"en": contact, **translations_data.fetch()}


def post(client, path, data, code="nmrk", **extra):
    return client.post(path, data, headers={"host": f"{code}.localhost"}, **extra)


def tag(html, name):
    """The opening tag of the input, select or textarea named ``name``."""
    return re.search(rf'<(?:input|select|textarea)[^>]*name="{re.escape(name)}"[^>]*>', html).group(0)


# --- The tree and the admin ----------------------------------------------------------------------


class FormPageTreeTests(AdminPageTestCase):
    def test_each_form_stands_under_its_page_once(self):
        self.assertAllowedParentPageTypes(ContactFormPage, {HomePage})
        self.assertAllowedParentPageTypes(RegistrationFormPage, {ConferencePage})
        self.assertAllowedParentPageTypes(ExhibitorApplicationPage, {CraftsFairPage})
        self.assertAllowedSubpageTypes(ConferencePage, {RegistrationFormPage})
        self.assertAllowedSubpageTypes(CraftsFairPage, {ExhibitorApplicationPage})
        self.assertAllowedSubpageTypes(ContactFormPage, set())
        self.assertCanNotCreateAt(HomePage, RegistrationFormPage)
        self.assertCanNotCreateAt(VisitPage, ContactFormPage)
        assert not FormPage.is_creatable

        assert ContactFormPage.can_create_at(self.home)
        make_form(self.home)
        assert not ContactFormPage.can_create_at(self.home)

        events = EventIndexPageFactory(parent=self.home)
        conference = ConferencePageFactory(parent=events)
        fair = CraftsFairPageFactory(parent=events)
        make_form(conference, RegistrationFormPage, slug="register")
        make_form(fair, ExhibitorApplicationPage, slug="apply")
        assert not RegistrationFormPage.can_create_at(conference)
        assert not ExhibitorApplicationPage.can_create_at(fair)
        assert RegistrationFormPage.can_create_at(ConferencePageFactory(parent=events))

    def test_created_through_the_admin_form_with_named_questions(self):
        self.assertCanCreate(
            self.home,
            ContactFormPage,
            nested_form_data(
                {
                    "title": "Contact us",
                    "slug": "contact",
                    "intro": rich_text("<p>Write to us.</p>"),
                    "thank_you_text": rich_text("<p>Thank you.</p>"),
                    "to_address": "visits@museum.example",
                    "subject": "A message from the website",
                    "form_fields": inline_formset(
                        [{"label": "Your name", "field_type": "singleline", "required": "on"}]
                    ),
                }
            ),
        )
        page = ContactFormPage.objects.child_of(self.home).get()
        assert [(f.clean_name, f.label) for f in page.form_fields.all()] == [("your_name", "Your name")]
        assert page.to_address == "visits@museum.example"

        # A question added in a draft is named at once, so a translation made from the draft agrees.
        [name] = page.form_fields.all()
        data = nested_form_data(
            {
                "title": "Contact us",
                "slug": "contact",
                "form_fields": inline_formset(
                    [
                        {"id": name.pk, "label": "Your name", "field_type": "singleline", "required": "on"},
                        {"label": "Group size", "field_type": "number", "help_text": "People"},
                    ],
                    initial=1,
                ),
            }
        )
        response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
        assert response.status_code == 302
        draft = ContactFormPage.objects.get(pk=page.pk).get_latest_revision().content["form_fields"]
        assert [field["clean_name"] for field in draft] == ["your_name", "group_size"]
        assert page.form_fields.count() == 1  # the live page is unchanged until published

    def test_the_admin_refuses_two_questions_with_one_name(self):
        data = nested_form_data(
            {
                "title": "Contact us",
                "slug": "contact",
                "form_fields": inline_formset(
                    [
                        {"label": "Name", "field_type": "singleline"},
                        {"label": "name", "field_type": "singleline"},
                    ]
                ),
            }
        )
        response = self.client.post(f"/admin/pages/add/submissions/contactformpage/{self.home.pk}/", data)
        assert response.status_code == 200
        assert response.context["form"].formsets["form_fields"].forms[1].errors["label"]
        assert not ContactFormPage.objects.exists()

    def test_malformed_admin_data_is_answered_with_a_message(self):
        page = make_form(self.home)
        data = nested_form_data(
            {
                "title": "Contact us",
                "slug": "contact",
                "intro": "{not json",
                "form_fields": inline_formset([]),
            }
        )
        response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
        assert response.status_code == 200
        assert response.context["form"].errors.as_data()["intro"][0].code == "malformed"

    def test_renderable_and_previewable(self):
        page = make_form(self.home)
        self.assertPageIsRenderable(page)
        form = page.make_preview_request(preview_mode="form")
        landing = page.make_preview_request(preview_mode="landing")
        assert 'name="your_name"' in form.render().content.decode()
        assert "Thank you, we will answer within a week." in landing.render().content.decode()


# --- Translation ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_translated_form_keeps_its_question_names_and_translates_the_rest(contact_in_three):
    names = {lang: [f.clean_name for f in page.form_fields.all()] for lang, page in contact_in_three.items()}
    labels = {lang: [f.label for f in page.form_fields.all()] for lang, page in contact_in_three.items()}

    assert names["ru"] == names["kk"] == names["en"] == list(VALID)
    assert labels["ru"][:2] == ["Ваше имя", "Электронная почта"]
    assert labels["kk"][0] == "Сіздің атыңыз"
    assert contact_in_three["ru"].form_fields.get(clean_name="subject").choices == (
        "Общий вопрос\nГрупповое посещение"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_form_renders_in_each_language(contact_in_three, get, language):
    response = get("nmrk", f"/{language}/contact/")
    html = response.content.decode()

    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    label = {"en": "Your name", "ru": "Ваше имя", "kk": "Сіздің атыңыз"}[language]
    assert f'<label for="id_your_name">{label}' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "novalidate" in html


@pytest.mark.django_db
def test_the_honeypot_is_out_of_sight_and_reach(contact, get):
    html = get("nmrk", "/en/contact/").content.decode()
    trap = html[html.index('class="form__trap"') :].split("</div>")[0]

    assert 'aria-hidden="true"' in trap
    assert f'name="{HONEYPOT_FIELD}"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap


# --- Validation ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_errors_are_in_the_visitors_language_announced_and_linked(contact_in_three, client):
    response = post(client, "/ru/contact/", {})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Обязательное поле." in html  # Django's own message, in Russian
    summary = html[html.index('class="form__summary"') :].split("</div>")[0]
    assert 'role="alert"' in summary
    assert '<a href="#id_your_name">Ваше имя: Обязательное поле.</a>' in summary
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_your_name_error"' in html
    assert 'id="id_your_name_error"' in html
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_what_the_visitor_typed_is_kept_on_error(contact_in_three, client):
    data = {**VALID, "e_mail": "not an address", "message": "Можно ли прийти группой?"}
    response = post(client, "/ru/contact/", {**data, "subject": "Групповое посещение"})
    html = response.content.decode()

    assert "Введите правильный адрес электронной почты." in html
    assert 'value="Aigerim"' in tag(html, "your_name")
    assert 'value="not an address"' in tag(html, "e_mail")
    assert 'aria-invalid="true"' in tag(html, "e_mail")
    assert "aria-invalid" not in tag(html, "your_name")
    assert "Можно ли прийти группой?</textarea>" in html
    assert '<option value="Групповое посещение" selected>' in html
    assert "checked" in tag(html, "i_agree_that_the_museum_keeps_my_message_to_answer_it")
    assert not Submission.objects.exists()


# --- Storing and e-mailing -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_submission_is_stored_and_mailed_to_the_museum(contact, client, network):
    response = post(client, "/en/contact/", VALID)

    assert response.status_code == 200
    assert "Thank you, we will answer within a week." in response.content.decode()
    submission = Submission.objects.get(page=contact)
    assert submission.form_data["your_name"] == "Aigerim"
    assert submission.form_data["i_agree_that_the_museum_keeps_my_message_to_answer_it"] is True
    [message] = mail.outbox
    assert message.to == [network["nmrk"]["museum"].email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.reply_to == ["aigerim@example.org"]
    assert message.subject == "Form “Contact us”: a new submission"
    assert "Your name: Aigerim\nE-mail: aigerim@example.org\nSubject: Group visit\n" in message.body
    assert f"{CONSENT}: Yes" in message.body


@pytest.mark.django_db
def test_a_russian_submission_is_mailed_with_the_russian_labels(contact_in_three, client):
    post(client, "/ru/contact/", {**VALID, "subject": "Общий вопрос"})

    [message] = mail.outbox
    assert "Ваше имя: Aigerim\nЭлектронная почта: aigerim@example.org\nТема: Общий вопрос\n" in message.body
    assert Submission.objects.get().page_id == contact_in_three["ru"].pk


@pytest.mark.django_db
def test_the_pages_own_address_wins_and_without_any_address_nothing_is_mailed(network, client):
    home = network["nmrk"]["home"]["en"]
    page = make_form(home, to_address="groups@museum.example, director@museum.example")
    post(client, "/en/contact/", VALID)
    assert mail.outbox[0].to == ["groups@museum.example", "director@museum.example"]

    mail.outbox.clear()
    page.to_address = ""
    page.save_revision().publish()
    Museum.objects.filter(code="nmrk").update(email="")
    post(client, "/en/contact/", VALID)
    assert mail.outbox == []
    assert Submission.objects.filter(page=page).count() == 2


@pytest.mark.django_db
def test_a_submission_the_mail_server_refuses_is_kept_and_thanked(contact, client, monkeypatch):
    def refuse(*args, **kwargs):
        raise SMTPException("451 try again later")

    monkeypatch.setattr("submissions.models.send_mail", refuse)
    response = post(client, "/en/contact/", VALID)

    assert response.status_code == 200
    assert "Thank you, we will answer within a week." in response.content.decode()
    assert Submission.objects.filter(page=contact).count() == 1


# --- Spam ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_filled_honeypot_thanks_the_bot_and_keeps_nothing(contact, client):
    response = post(client, "/en/contact/", {**VALID, HONEYPOT_FIELD: "http://spam.example"})

    assert response.status_code == 200
    assert "Thank you, we will answer within a week." in response.content.decode()
    assert not Submission.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_rate_limit_answers_429_with_the_form_kept(contact_in_three, client, network):
    with freeze_time("2026-03-02 10:00:00"):
        for _ in range(5):
            assert post(client, "/en/contact/", VALID).status_code == 200
        response = post(client, "/ru/contact/", {**VALID, "subject": "Общий вопрос"})
        html = response.content.decode()

        assert response.status_code == 429
        assert 'lang="ru"' in html
        assert 'value="Aigerim"' in html
        assert Submission.objects.count() == 5

        # Another site has its own allowance.
        csm_contact = make_form(network["csm"]["home"]["en"])
        assert post(client, "/en/contact/", VALID, code="csm").status_code == 200
        assert Submission.objects.filter(page=csm_contact).count() == 1

    with freeze_time("2026-03-02 10:25:00"):
        assert post(client, "/en/contact/", VALID).status_code == 200


# --- Caching and CSRF ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_form_pages_are_never_cached_and_other_pages_may_be(contact, get, client):
    response = get("nmrk", "/en/contact/")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-cache", "no-store"} <= cache_control

    thanks = post(client, "/en/contact/", VALID)
    assert "no-store" in thanks["Cache-Control"]

    about = get("nmrk", "/en/about/")
    assert "no-store" not in about.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(contact):
    browser = Client(enforce_csrf_checks=True)
    assert post(browser, "/en/contact/", VALID).status_code == 403

    browser.get("/en/contact/", headers={"host": "nmrk.localhost"})
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    assert post(browser, "/en/contact/", {**VALID, "csrfmiddlewaretoken": token}).status_code == 200
    assert Submission.objects.count() == 1


# --- Who reads the submissions -------------------------------------------------------------------


def outcome(response):
    """Wagtail's admin answers a refusal by sending the user back to the dashboard with a message."""
    if response.status_code == 200:
        return "allowed"
    if response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/"):
        return "denied"
    return response.status_code


def export_csv(client, page):
    response = client.get(f"/admin/forms/submissions/{page.pk}/?export=csv", headers=ENGLISH)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.django_db
def test_the_csv_export_lists_every_language_in_the_same_columns(contact_in_three, client):
    post(client, "/en/contact/", VALID)
    post(client, "/ru/contact/", {**VALID, "your_name": "Айгерим", "subject": "Общий вопрос"})
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))

    header, *rows = export_csv(client, contact_in_three["ru"])

    assert header[:4] == ["Submission date", "Language", "Ваше имя", "Электронная почта"]
    assert [row[1:4] for row in rows] == [
        ["en", "Aigerim", "aigerim@example.org"],
        ["ru", "Айгерим", "aigerim@example.org"],
    ]


@pytest.mark.django_db
def test_only_the_museums_own_staff_read_its_submissions(contact_in_three, client):
    """Translators may change the Russian page, yet what visitors send is not theirs to read."""
    post(client, "/ru/contact/", {**VALID, "subject": "Общий вопрос"})
    url = f"/admin/forms/submissions/{contact_in_three['ru'].pk}/"

    for group, expected in [
        (roles.group_name("nmrk", roles.EDITOR), "allowed"),
        (roles.group_name("nmrk", roles.MODERATOR), "allowed"),
        (roles.group_name("csm", roles.EDITOR), "denied"),
        (roles.TRANSLATORS, "denied"),
    ]:
        client.force_login(staff_member(group.replace(" ", "-").lower(), group))
        for response in (client.get(url), client.get(f"{url}?export=csv")):
            assert outcome(response) == expected, group
        listed = client.get("/admin/forms/").content.decode()
        assert ("Напишите нам" in listed) is (expected == "allowed"), group


# --- Links to the forms --------------------------------------------------------------------------


@pytest.mark.django_db
def test_conferences_and_fairs_link_to_their_form_in_the_same_language(network, get):
    home = network["nmrk"]["home"]["en"]
    events = EventIndexPageFactory(parent=home)
    conference = ConferencePageFactory(parent=events, slug="forum")
    fair = CraftsFairPageFactory(parent=events, slug="fair")
    registration = make_form(conference, RegistrationFormPage, slug="register", title="Register")
    make_form(fair, ExhibitorApplicationPage, slug="apply", title="Apply")
    translate_page(events, "ru")
    translate_page(conference, "ru")
    translate_page(registration, "ru", title="Регистрация")

    with freeze_time("2019-02-15"):  # the factories' events start on 1 March 2019
        assert 'href="/en/events/forum/register/"' in get("nmrk", "/en/events/forum/").content.decode()
        assert 'href="/ru/events/forum/register/"' in get("nmrk", "/ru/events/forum/").content.decode()
        assert 'href="/en/events/fair/apply/"' in get("nmrk", "/en/events/fair/").content.decode()

        registration.unpublish()
        assert "/register/" not in get("nmrk", "/en/events/forum/").content.decode()


@pytest.mark.django_db
def test_an_event_form_closes_when_the_event_is_over_or_its_applications_close(network, client):
    events = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    conference = ConferencePageFactory(parent=events, slug="forum")  # 1 March 2019, one day
    make_form(conference, RegistrationFormPage, slug="register", title="Register")
    fair = CraftsFairPageFactory(
        parent=events,
        slug="fair",
        application_opens=datetime.date(2019, 1, 10),
        application_closes=datetime.date(2019, 2, 1),
    )
    make_form(fair, ExhibitorApplicationPage, slug="apply", title="Apply")
    host = {"host": "nmrk.localhost"}

    def page(path):
        return client.get(path, headers=host).content.decode()

    with freeze_time("2019-01-20"):
        assert 'href="/en/events/fair/apply/"' in page("/en/events/fair/")
        assert "form--visitor" in page("/en/events/fair/apply/")
    with freeze_time("2019-02-15"):  # the fair's applications have closed, the conference is ahead
        assert "/apply/" not in page("/en/events/fair/")
        assert "form--visitor" not in page("/en/events/fair/apply/")
        assert "form--visitor" in page("/en/events/forum/register/")
    with freeze_time("2019-03-02"):  # the conference is over
        assert "/register/" not in page("/en/events/forum/")
        closed = client.get("/en/events/forum/register/", headers=host)
        assert closed.status_code == 200 and "form--visitor" not in closed.content.decode()
        assert "This form is closed" in closed.content.decode()
        late = client.post("/en/events/forum/register/", {"full-name": "A"}, headers=host)
        assert late.status_code == 410
        assert not Submission.objects.filter(page__slug="register").exists()


@pytest.mark.django_db
def test_the_visit_page_links_to_the_contact_form(network, get):
    home = network["nmrk"]["home"]["en"]
    home.add_child(instance=VisitPage(title="Visit", slug="visit"))
    assert "/en/contact/" not in get("nmrk", "/en/visit/").content.decode()

    make_form(home)
    assert 'href="/en/contact/"' in get("nmrk", "/en/visit/").content.decode()


# --- Careless and hostile input ------------------------------------------------------------------

# Markup, a right-to-left override, control characters, four scripts and an emoji, and a formula.
CARELESS_NAME = '<script>alert("x")</script> Айгерім Ли \u202eevil'
CARELESS_MESSAGE = (
    '=HYPERLINK("http://evil.example","click")\n'
    + "Сәлем! Здравствуйте! 你好 مرحبا 👋 \x07\x1b[31m<b>bold</b> &amp;\n"
    + "Long. " * 5000
).strip()


@pytest.mark.django_db
def test_careless_input_is_stored_exactly_shown_escaped_and_exported_as_text(contact, client):
    response = post(
        client, "/en/contact/", {**VALID, "your_name": CARELESS_NAME, "message": CARELESS_MESSAGE}
    )
    assert response.status_code == 200
    assert "Thank you, we will answer within a week." in response.content.decode()
    stored = Submission.objects.get(page=contact).form_data
    assert (stored["your_name"], stored["message"]) == (CARELESS_NAME, CARELESS_MESSAGE)
    assert CARELESS_NAME in mail.outbox[0].body  # plain text: nothing to escape

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))
    listing = client.get(f"/admin/forms/submissions/{contact.pk}/", headers=ENGLISH).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in listing
    assert '<script>alert("x")' not in listing
    header, row = export_csv(client, contact)
    assert row[header.index("Your name")] == CARELESS_NAME
    assert row[header.index("Message")] == f"'{CARELESS_MESSAGE}"  # a formula no spreadsheet runs


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "field", "value", "message"),
    [
        ("kk", "your_name", "Ә" * 300, "Бұл мән ең көбі 255 таңбадан тұруы керек (қазір 300)."),
        (
            "ru",
            "your_name",
            "Ә" * 300,
            "Убедитесь, что это значение содержит не более 255 символов (сейчас 300).",
        ),
        ("kk", "e_mail", "aigerim@", "Дұрыс электрондық пошта мекенжайын енгізіңіз."),
        ("kk", "message", "Сәлем\x00", "Мәтінде нөлдік таңба болмауы керек."),
    ],
)
def test_input_a_field_cannot_hold_is_an_error_in_the_visitors_language_with_the_rest_kept(
    contact_in_three, client, language, field, value, message
):
    response = post(client, f"/{language}/contact/", {**VALID, field: value})
    html = response.content.decode()

    assert response.status_code == 200
    assert message in html
    kept = "Aigerim" if field != "your_name" else "Can a class of 25 visit on Friday?"
    assert kept in html
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_body_beyond_what_the_server_reads_is_a_400_not_a_500(contact, client, settings):
    client.raise_request_exception = False
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = post(client, "/en/contact/", {**VALID, "message": "x" * 20_000})
    assert response.status_code == 400
    assert not Submission.objects.exists()
