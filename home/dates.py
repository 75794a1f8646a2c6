"""Dates known only to the year or the month, shown as precisely as they are known.

The seeds know many events only as "2018" or "March 2019"; a page must never invent the day. A date
is stored as a real ``date`` (the first day of the period, so it sorts and filters) plus its
precision, and formatted in the active language with Babel's CLDR patterns.
"""

import calendar
import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton

# The years an event, a news item or an agreement of these museums can fall in. Wider bounds only
# let a typo (0001, 9999) show an event as current forever and stretch every year filter.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def validate_year_in_range(value):
    """A model field validator: the date's year lies between EARLIEST_YEAR and LATEST_YEAR."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(earliest)s and %(latest)s."),
            code="year_out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


# English dates follow the day-month order of British and international usage ("12 March 2019"), as
# the README promises; CLDR's "en" is the American month-day order. Kazakh and Russian use their own.
FORMAT_LOCALES = {"en": "en_GB"}


def _locale(language=None):
    language = language or translation.get_language() or "en"
    return FORMAT_LOCALES.get(language, language)


def format_partial_date(value, precision, language=None):
    """``12 March 2019``, ``March 2019`` or ``2019`` in the active (or given) language.

    Month-only dates use CLDR's ``yMMMM`` skeleton, so each language keeps its own order and case:
    «2019 ж. наурыз» in Kazakh, «март 2019 г.» in Russian, "March 2019" in English.
    """
    if value is None:
        return ""
    locale = _locale(language)
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return format_skeleton("yMMMM", value, locale=locale)
    return format_date(value, "long", locale=locale)


def format_full_date(value, language=None):
    """A date known to the day, as visitors read it (``{{ value|full_date }}`` in templates)."""
    return format_partial_date(value, DatePrecision.DAY, language)


def _day_interval(start, end, locale):
    """CLDR's interval pattern for day ranges with the month written out.

    CLDR has interval patterns only for the abbreviated month (``yMMMd``); a visitor page spells the
    month out, as the single dates beside it do, so the same patterns are used with ``MMMM``. Babel
    picks the pattern by the largest field that differs and keeps each language's dash and spacing.
    """
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = Locale.parse(locale).interval_formats["yMMMd"][greatest]
    first, second = (re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern) for pattern in (first, second))
    return format_date(start, first, locale=locale) + format_date(end, second, locale=locale)


def format_partial_range(start, start_precision, end, end_precision, language=None):
    """A start and an optional end, each as precise as known; one date when both read the same.

    Two dates of the same precision use CLDR's interval formats ("2010–2012", «2019 ж. наурыз –
    сәуір», "12–20 March 2019"); dates of different precision are joined by a spaced en dash.
    """
    first = format_partial_date(start, start_precision, language)
    if end is None or start is None:
        return first
    last = format_partial_date(end, end_precision, language)
    if last == first:
        return first
    locale = _locale(language)
    if start_precision == end_precision == DatePrecision.YEAR:
        return format_interval(start, end, "y", locale=locale)
    if start_precision == end_precision == DatePrecision.MONTH:
        return format_interval(start, end, "yMMMM", locale=locale)
    if start_precision == end_precision == DatePrecision.DAY:
        return _day_interval(start, end, locale)
    return f"{first} \u2013 {last}"


def period_end(value, precision):
    """The last day a partial date can mean: 31 December for a year, the month's last day."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def parse_partial_date(text):
    """``"2019"``, ``"2019-03"`` or ``"2019-03-12"`` -> (date, precision); ``""`` -> (None, year)."""
    if not text:
        return None, DatePrecision.YEAR
    parts = [int(part) for part in str(text).split("-")]
    precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][len(parts) - 1]
    return datetime.date(*(parts + [1] * (3 - len(parts)))), precision
