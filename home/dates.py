"""Dates known only to the year or the month, shown as precisely as they are known.

The seeds know many events only as "2018" or "March 2019"; a page must never invent the day. A date
is stored as a real ``date`` (the first day of the period, so it sorts and filters) plus its
precision, and formatted in the active language with Babel's CLDR patterns.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from babel.dates import format_date

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


def format_partial_date(value, precision, language=None):
    """``12 March 2019``, ``March 2019`` or ``2019`` in the active (or given) language."""
    if value is None:
        return ""
    language = language or translation.get_language() or "en"
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return format_date(value, "LLLL y", locale=language)
    return format_date(value, "long", locale=language)


def format_partial_range(start, start_precision, end, end_precision):
    """A start and an optional end, each as precise as known; one date when both read the same."""
    first = format_partial_date(start, start_precision)
    if end is None:
        return first
    last = format_partial_date(end, end_precision)
    return first if last == first else f"{first} – {last}"


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
