"""Wagtail's InlinePanel, with child forms that read malformed data calmly (see home.forms).

Wagtail builds the child form of an inline panel whose fields are only required on publishing
from ``WagtailAdminModelForm`` itself, whatever the page's ``base_form_class``; this passes the
project's form instead. Every inline panel of the project is this one.
"""

from wagtail.admin.panels import InlinePanel as WagtailInlinePanel
from wagtail.admin.panels.base import get_form_for_model

from home.forms import ModelForm


class InlinePanel(WagtailInlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        if "form" in formset:
            defer = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
            formset["form"] = get_form_for_model(
                self.db_field.related_model, form_class=ModelForm, defer_required_on_fields=defer
            )
        return options
