"""The forms of the form pages: the editors' page form in the admin, and the visitors' form.

Visitors' forms are built by Wagtail's form builder from the page's fields, in the page's language.
Django (5.2) already marks an invalid input ``aria-invalid`` and points its ``aria-describedby`` at
``<id>_helptext`` and ``<id>_error``; the templates (``pages/submissions/``) give those elements
these ids and add the error summary.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from home.forms import PageForm

# The spam trap's input (``pages/submissions/form_page.html``). The words are what bots look for;
# the hyphen keeps it apart from every editor-made field, whose names are snake_case.
HONEYPOT_FIELD = "website-url"


class FormPageForm(PageForm, WagtailAdminFormPageForm):
    """The admin form of every form page: the project's tolerant page form (``home.forms``) with the
    form builder's check that no two fields share a name.

    A new field gets its name (``clean_name``, from the label) here, when the page is saved, rather
    than on its first publication as Wagtail does: the draft revision, a preview and a translation
    made from the draft then all carry the name that submissions will be stored under.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is not None:
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if data.get("DELETE") or not data.get("label"):
                    continue
                if not form.instance.clean_name:
                    form.instance.clean_name = form.instance.get_field_clean_name()
        return cleaned_data


class VisitorForm(BaseForm):
    """A form as visitors fill it. Browser validation is off in the template (``novalidate``) so that
    every message comes from here, in the page's language, with the typed data kept."""

    required_css_class = "form__field--required"
    error_css_class = "form__field--error"


class VisitorFormBuilder(FormBuilder):
    def create_dropdown_field(self, field, options):
        # An empty choice first, so a required drop-down is never answered with its first item unread.
        form_field = super().create_dropdown_field(field, options)
        form_field.choices = [("", _("Choose…")), *form_field.choices]
        return form_field

    def get_form_class(self):
        return type("VisitorForm", (VisitorForm,), self.formfields)
