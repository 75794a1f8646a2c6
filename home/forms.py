"""Admin forms that answer malformed posted data with a validation message instead of a 500.

Wagtail reads each field's posted data through its widget, and several widgets trust what the
admin's JavaScript would send: a StreamField's ``body-count`` must be a number, a rich text field
must hold Draftail's JSON, a chooser's value must be an id. Posted by hand (or by a broken proxy,
or a stale browser tab) anything else raised inside Wagtail, after the form had been accepted as
bound, so the editor lost the page to a traceback. These forms catch the failure where Django
reads the field, show the field's last saved value again with a message, and keep every other
field as the editor typed it. Pages use :class:`PageForm` (through ``BasePage.base_form_class``),
snippets :class:`ModelForm`; their inline child forms are built from :class:`ModelForm` too.
Both also keep snippet choices within what the editor may reach (:class:`ChoicesInReachMixin`).
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.forms.models import WagtailAdminModelFormMetaclass
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.snippets.models import get_snippet_models

from home.admin_scope import scope_queryset

logger = logging.getLogger(__name__)

# What widgets raise on data they cannot read (json.JSONDecodeError is a ValueError).
READ_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError)


class TolerantInputMixin:
    malformed_message = _(
        "The data sent for this field could not be read, so its saved version is shown again. "
        "Check it and save once more."
    )

    def __init__(self, *args, **kwargs):
        self._malformed = set()
        super().__init__(*args, **kwargs)

    def _widget_data_value(self, widget, html_name):
        try:
            value = super()._widget_data_value(widget, html_name)
        except READ_ERRORS:
            logger.warning("Malformed admin form data for %s", html_name, exc_info=True)
            return self._saved_value(html_name)
        if isinstance(widget, BaseChooser) and value not in (None, ""):
            # The chooser would look the value up to render it again, and fail on a non-id.
            try:
                widget.model_class._meta.pk.to_python(value)
            except ValidationError:
                return self._saved_value(html_name)
        return value

    def _saved_value(self, html_name):
        self._malformed.add(html_name)
        for name, field in self.fields.items():
            if self.add_prefix(name) == html_name:
                return self.get_initial_for_field(field, name)
        return None

    def _clean_fields(self):
        super()._clean_fields()
        for name in self.fields:
            if self.add_prefix(name) in self._malformed:
                self.cleaned_data.pop(name, None)
                self.add_error(name, ValidationError(self.malformed_message, code="malformed"))


class ChoicesInReachMixin:
    """Fields that choose a snippet offer only the records the editor may reach.

    The chooser modal already lists only those (``home.admin_scope``); the form field must agree,
    or a hand-made POST could name another museum's record. Which records a user reaches is the
    snippet's registered permission policy's answer.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        snippet_models = set(get_snippet_models())
        for field in self.fields.values():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model in snippet_models:
                field.queryset = scope_queryset(field.queryset, user)


class TolerantFormMetaclass(WagtailAdminModelFormMetaclass):
    @classmethod
    def child_form(cls):
        return ModelForm


class ModelForm(
    ChoicesInReachMixin, TolerantInputMixin, WagtailAdminModelForm, metaclass=TolerantFormMetaclass
):
    """The admin form for snippets and inline child objects."""


class PageForm(
    ChoicesInReachMixin, TolerantInputMixin, WagtailAdminPageForm, metaclass=TolerantFormMetaclass
):
    """The admin form for every page type of the project."""
