"""The search form: the words, and the kind and year filters of the events listing."""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from events.filters import KINDS as EVENT_KINDS
from museums.models import Partner
from news.models import NewsPage

# Longer queries are cut, not refused: a pasted paragraph still finds something.
MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


class QueryField(forms.CharField):
    """What the visitor typed, made safe to search and to show again.

    Control characters (a NUL byte is one) and lone surrogates are dropped rather than refused, so
    odd input gets an answer instead of an error; whitespace runs become one space. The value is
    cut to ``MAX_QUERY_LENGTH`` characters; the form says when it was.
    """

    def to_python(self, value):
        value = super().to_python(value)
        value = "".join(
            " " if char.isspace() else char
            for char in value
            if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn")
        )
        return " ".join(value.split())


def kind_choices():
    """The kinds a visitor can ask for, with the events listing's codes for the three event kinds."""
    return [
        *((code, model._meta.verbose_name_plural) for code, model in EVENT_KINDS.items()),
        ("news", NewsPage._meta.verbose_name_plural),
        ("partner", Partner._meta.verbose_name_plural),
        ("page", _("Pages")),
    ]


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search this site"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, years):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + kind_choices()
        self.fields["year"].choices = everything + [(str(year), str(year)) for year in years]
        self.was_cut = False

    def clean_q(self):
        query = self.cleaned_data["q"]
        if len(query) > MAX_QUERY_LENGTH:
            self.was_cut = True
            # At a word's end: half a word would find nothing, or something else.
            query = query[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0] if " " in query else query
            query = query[:MAX_QUERY_LENGTH].rstrip()
        # The field shows the words as searched, not the raw input (control characters, a pasted page).
        self.data = self.data.copy()
        self.data["q"] = query
        return query

    @property
    def words(self):
        """The query as words, for the backend: no operators, quotes or markup reach it."""
        if not self.is_valid():
            return []
        return WORD.findall(self.cleaned_data["q"])
