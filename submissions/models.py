import datetime
import logging
from smtplib import SMTPException

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import F
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    FormSubmission,
    validate_to_address,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Site, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.dates import format_full_date
from home.models import BasePage
from home.panels import InlinePanel
from museums.models import MuseumSiteSettings

from .forms import HONEYPOT_FIELD, FormPageForm, VisitorFormBuilder
from .spam import filled_honeypot, over_rate_limit

logger = logging.getLogger(__name__)

FORM_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class FormPage(AbstractEmailForm, BasePage):
    """What the museums' public forms share: questions built by editors, submissions stored and
    e-mailed to the museum, spam kept out, and every text translated.

    A concrete base, never created itself (``is_creatable = False``): the questions (``FormField``)
    of all the kinds hang off this one table, and "the live form under this page" is one query
    whatever its kind. The kinds differ only in where they may stand.

    **Translation.** Intro, thank-you text, subject and each question's label, help text, choices
    and default value are translated through wagtail-localize; a question's name (``clean_name``),
    type and "required" are synchronised, so the Kazakh, Russian and English versions of a form
    store their answers under the same names, and the submissions list and its CSV export (on any
    language version) show all three languages' submissions in the same columns, with a language
    column. Answers to a drop-down arrive in the language the visitor chose it in.

    **E-mail.** Every valid submission is stored; it is also e-mailed when an address is known: the
    page's own "to address", else the museum's e-mail (its ``Museum`` record, chosen by the site's
    ``MuseumSiteSettings``). The mail comes from ``DEFAULT_FROM_EMAIL`` (a sender editors could type
    would fail the receiving server's checks), in the language of the form the visitor used, and
    lists the answers by their labels; "reply" goes to the visitor's e-mail address, if asked for.

    **Caching and CSRF.** A form page's response carries the visitor's CSRF token (in the form and
    in the cookie that sets it). Served from a shared cache it would hand one visitor's token to
    the next, whose post would then be refused, so form pages always answer
    ``Cache-Control: private, no-cache, no-store`` while other pages stay cacheable.

    **Spam**: a honeypot and a rate limit per address (``submissions.spam``).
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=FORM_TEXT_FEATURES,
        help_text=_("Shown above the form: what the form is for and what happens after sending."),
    )
    thank_you_text = RichTextField(
        _("thank-you message"),
        blank=True,
        features=FORM_TEXT_FEATURES,
        help_text=_("Shown after sending, e.g. when the museum will answer."),
    )
    to_address = models.CharField(
        _("send to"),
        max_length=255,
        blank=True,
        validators=[validate_to_address],
        help_text=_(
            "E-mail addresses that receive each submission, separated by commas. Leave empty to use "
            "the museum's e-mail address."
        ),
    )
    subject = models.CharField(
        _("e-mail subject"),
        max_length=255,
        blank=True,
        help_text=_("The subject of the e-mail to the museum; the form's title when left empty."),
    )
    from_address = None  # always DEFAULT_FROM_EMAIL, see the class docstring

    content_panels = BasePage.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", heading=_("Form fields"), label=_("Form field")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("to_address"), FieldPanel("subject")], heading=_("E-mail")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("to_address", overridable=False),
    ]
    base_form_class = FormPageForm
    form_builder = VisitorFormBuilder

    is_creatable = False
    subpage_types = []
    # Wagtail names a template after each page class unless the class names one: the kinds repeat it.
    template = "pages/submissions/form_page.html"
    landing_page_template = "pages/submissions/form_page_landing.html"

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    # --- Serving ------------------------------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        return context

    def is_open(self, today=None, event=None):
        """Whether the form takes submissions today; the event forms close (``EventFormMixin``)."""
        return True

    def serve(self, request, *args, **kwargs):
        if not self.is_open():
            # Nothing to fill in: the page says so, and a post sent from a page opened earlier is
            # answered 410 Gone with the same words rather than stored for an event that is over.
            status = 410 if request.method == "POST" else 200
            return self.render_form_page(request, status, form=None, closed=True)
        status, rate_limited = 200, False
        if request.method == "POST":
            if filled_honeypot(request):
                return self.render_landing_page(request)
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            if form.is_valid():
                site = Site.find_for_request(request)
                if not over_rate_limit(request, site.pk if site else None):
                    submission = self.process_form_submission(form)
                    return self.render_landing_page(request, submission, *args, **kwargs)
                status, rate_limited = 429, True
        else:
            form = self.get_form(page=self, user=request.user)
        return self.render_form_page(request, status, form=form, rate_limited=rate_limited)

    def render_form_page(self, request, status, **extra):
        """The form page itself, never cached (see the class docstring)."""
        context = self.get_context(request)
        context.update(extra)
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        add_never_cache_headers(response)
        return response

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    # --- Submissions --------------------------------------------------------------------------------
    def get_submissions_list_view_class(self):
        # Imported here: Wagtail's form views load the page model, which is not ready while models load.
        from .views import SubmissionsListView  # its CSV export never writes a formula

        return SubmissionsListView

    def get_submission_class(self):
        return Submission

    def get_submissions(self):
        """The submissions of every language version of this form, each with its language."""
        return Submission.objects.filter(page__in=self.get_translations(inclusive=True)).annotate(
            language_code=F("page__locale__language_code")
        )

    def get_data_fields(self):
        submit_time, *questions = super().get_data_fields()
        return [submit_time, ("language", _("Language")), *questions]

    def process_form_submission(self, form):
        submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        recipients = self.recipients()
        if recipients:
            try:
                self.send_mail(form, recipients)
            except (OSError, SMTPException):
                # Stored all the same, and the visitor is thanked: staff read it in the admin.
                logger.exception("The submission %s of %s could not be e-mailed", submission.pk, self.pk)
        return submission

    # --- E-mail -------------------------------------------------------------------------------------
    def museum(self):
        site = self.get_site()
        if site is None:
            return None
        return MuseumSiteSettings.for_site(site).museum

    def recipients(self):
        """The page's own addresses, else the museum's; empty when neither is known."""
        own = [address.strip() for address in self.to_address.split(",") if address.strip()]
        if own:
            return own
        museum = self.museum()
        return [museum.email] if museum is not None and museum.email else []

    def send_mail(self, form, addresses):
        reply_to = [
            form.cleaned_data[name]
            for name, field in form.fields.items()
            if isinstance(field, forms.EmailField) and form.cleaned_data.get(name)
        ][:1]
        with translation.override(self.locale.language_code):
            subject = self.subject or gettext("Form “%(title)s”: a new submission") % {"title": self.title}
            body = self.render_email(form)
        send_mail(subject, body, addresses, settings.DEFAULT_FROM_EMAIL, reply_to=reply_to or None)

    def render_email(self, form):
        """The answers, one "label: value" line each, in the form's language; then where it was sent."""
        lines = []
        for name, field in form.fields.items():
            lines.append(f"{field.label}: {display_value(form.cleaned_data.get(name))}")
        lines += ["", gettext("Sent from %(url)s") % {"url": self.get_full_url() or self.title}]
        return "\n".join(lines)


def display_value(value):
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return f"{format_full_date(value.date())} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return format_full_date(value)
    return "" if value is None else str(value)


class FormField(TranslatableMixin, AbstractFormField):
    """One question of a form page, edited with the page; translated with it (see ``FormPage``)."""

    page = ParentalKey(FormPage, on_delete=models.CASCADE, related_name="form_fields")

    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def save(self, *args, **kwargs):
        # A translation always stores its answers under the source question's name, never under one
        # made from its own (translated) label.
        if not self.clean_name and self.translation_key:
            self.clean_name = (
                FormField.objects.filter(translation_key=self.translation_key)
                .exclude(clean_name="")
                .values_list("clean_name", flat=True)
                .first()
                or ""
            )
        super().save(*args, **kwargs)


class Submission(FormSubmission):
    """Wagtail's stored submission (same table), which also tells the language it was sent in."""

    class Meta:
        proxy = True
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def get_data(self):
        language = getattr(self, "language_code", None) or self.page.locale.language_code
        return {**super().get_data(), "language": language}


class ContactFormPage(FormPage):
    """A museum's contact form, for visitors' questions, group visits, research and partnership
    enquiries. One per home page and language; communications editors edit it."""

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    template = FormPage.template

    class Meta:
        verbose_name = _("contact form")
        verbose_name_plural = _("contact forms")


class EventFormMixin:
    """A form for one event: it takes submissions until the event is over (an event whose date is
    not known is one from the archive, so its form is closed). The event's page links to it only
    while it is open."""

    def event(self):
        return self.get_parent().specific

    def is_open(self, today=None, event=None):
        """``event``: the parent page when the caller has it already (the event page's own link)."""
        today = today or timezone.localdate()
        return (event or self.event()).phase(today) != "past"


class RegistrationFormPage(EventFormMixin, FormPage):
    """Registration for a conference, seminar or lecture, as a speaker or a participant. One under
    each conference page and language; the conference's organisers edit it. Open until the
    conference is over."""

    parent_page_types = ["events.ConferencePage"]
    max_count_per_parent = 1
    template = FormPage.template

    class Meta:
        verbose_name = _("registration form")
        verbose_name_plural = _("registration forms")


class ExhibitorApplicationPage(EventFormMixin, FormPage):
    """Artisans' and workshops' applications to exhibit at a crafts fair. One under each crafts fair
    page and language; the fair's organisers edit it and choose the exhibitors from it. Open within
    the fair's application period when one is set, else until the fair is over."""

    def is_open(self, today=None, event=None):
        today = today or timezone.localdate()
        fair = event or self.event()
        if fair.application_opens and today < fair.application_opens:
            return False
        if fair.application_closes:
            return today <= fair.application_closes
        return super().is_open(today, fair)

    parent_page_types = ["events.CraftsFairPage"]
    max_count_per_parent = 1
    template = FormPage.template

    class Meta:
        verbose_name = _("exhibitor application form")
        verbose_name_plural = _("exhibitor application forms")
