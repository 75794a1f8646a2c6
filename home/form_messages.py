"""Django's own form messages that a visitor can meet on the sites' forms and that Django's Kazakh
catalogue does not translate (it has "This field is required." but not these).

Naming them here makes ``makemessages`` keep them in ``locale/kk`` (and ``ru``, whose entries repeat
Django's), and the project's catalogues come before Django's (``LOCALE_PATHS``), so a Kazakh visitor
reads them in Kazakh. Nothing imports this module: it exists for the extractor.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = (
    gettext_noop("Enter a valid email address."),
    gettext_noop("Null characters are not allowed."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
)
