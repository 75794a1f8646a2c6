from django import forms
from django.db import models


class ChoiceListField(models.JSONField):
    """A list of codes (countries, languages) chosen with checkboxes, stored as a JSON list.

    Portable between SQLite and PostgreSQL. ``choice_list`` may be a callable, so country names follow
    the editor's language; it is not part of the migration state.
    """

    def __init__(self, *args, choice_list=None, **kwargs):
        self.choice_list = choice_list
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        choices = self.choice_list() if callable(self.choice_list) else self.choice_list
        return forms.MultipleChoiceField(
            choices=choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
