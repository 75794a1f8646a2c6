"""Form widgets the public pages share."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe


def escaped(text):
    """``conditional_escape`` without its per-call overhead, which a thousand options add up."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


class ListSelect(forms.Select):
    """A ``<select>`` of flat choices, one selected, written in one pass of Python.

    Why not Django's ``Select`` as it is: it renders every ``<option>`` through a template
    (``django/forms/widgets/select_option.html``). The events listing's partner filter has an option
    for each of the museum's partners, and at a thousand partners those templates took about 140 ms
    of each request, more than the rest of the page together. The markup is the same: the field's
    attributes (``id``, ``aria-*``) on the ``<select>``, each option's value and label escaped.
    Option groups and multiple selection are not supported; the filters use neither.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        selected = set(self.format_value(value))
        options = []
        for choice, label in self.choices:
            option = str(choice)
            flag = " selected" if option in selected else ""
            options.append(f'<option value="{escape(option)}"{flag}>{escaped(label)}</option>')
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(options)}</select>')


class PlainChoices(BaseChoiceIterator):
    """Flat ``(value, label)`` choices worked out when first read, then kept for the form's life.

    Why not a list or a callable: Django normalises a list of choices item by item when it is set
    on a field, and a callable's result again each time the choices are read (the widget, the
    ``required`` check and validation each read them); at a thousand partners that was a few
    milliseconds of every listing and calendar feed. Django takes a choice iterator as it is.
    Only for choices already flat, as the filters' are: no option groups."""

    def __init__(self, compute):
        self.compute = compute
        self.choices = None

    def __iter__(self):
        if self.choices is None:
            self.choices = list(self.compute())
        return iter(self.choices)
