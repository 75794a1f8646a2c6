"""The Kazakh admin: where its catalogue lives and how much of the editors' screens it covers.

Neither Wagtail nor wagtail-localize ships Kazakh, so ``locale/admin/kk`` (the second entry of
``LOCALE_PATHS``) carries a Kazakh catalogue of their strings. It lives apart from the project's
own ``locale/kk`` because ``makemessages --no-obsolete`` rewrites that file from the project's
sources and would drop every msgid it does not find there. ``docs/terminology.md`` lists its terms.

Coverage is measured, not estimated (``manage.py admin_translation_coverage``):

* the screens editors and translators use every day are rendered with the test client, as a
  superuser who prefers Kazakh, while every msgid gettext is asked for is recorded; of those that
  belong to Wagtail or wagtail-localize, the share the Kazakh catalogue answers is the coverage;
* messages shown after an action (published, submitted, approved...) and the workflow e-mails are
  not met by rendering a screen, so they are counted from the modules and templates that send them,
  as listed in Wagtail's own source catalogues;
* the strings of the admin's JavaScript (Wagtail's and the translation editor's) are counted from
  their whole ``djangojs`` catalogues.

"Translated" means what an editor sees: the Kazakh catalogue Django has loaded at run time (the
project's, this one, or Django's own) has an entry for the msgid, so compile before measuring.
"""

from .catalogue import is_translated, recording_lookups, runtime_catalogue, wagtail_strings
from .coverage import GroupCoverage, measure_coverage, total
from .screens import SCRIPT_METHOD

__all__ = [
    "SCRIPT_METHOD",
    "GroupCoverage",
    "is_translated",
    "measure_coverage",
    "recording_lookups",
    "runtime_catalogue",
    "total",
    "wagtail_strings",
]
