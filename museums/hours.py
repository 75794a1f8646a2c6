"""A museum's hours as visitors need them: the week, the dated exceptions, and whether it is open now.

Computed from ``Museum.opening_hours`` (weekdays and times) and ``Museum.hours_exceptions`` (dates),
always in Kazakhstan time (``TIME_ZONE``), so "open now" is right for a visitor in Astana or Almaty
whatever the server's clock says. Weekday names come from Babel's CLDR data in the active language.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import pgettext

from babel.dates import get_day_names

from home.dates import format_full_date


def weekdays_label(numbers, language=None):
    """``[1, 2, 3, 4, 5, 6]`` -> "Tuesday – Sunday"; runs of consecutive days are joined by a dash,
    separate ones by commas, in the active (or given) language."""
    if not numbers:
        return ""
    language = language or translation.get_language() or "en"
    names = get_day_names("wide", context="stand-alone", locale=language)
    runs = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]} – {names[run[-1]]}")
        else:
            parts.extend(names[number] for number in run)
    label = ", ".join(parts)
    return label[:1].upper() + label[1:]


def day_name(date, today):
    """ "today", "tomorrow" or the weekday's name, as a label before a time ("Wednesday, 10:00")."""
    if date == today:
        return pgettext("opening day", "today")
    if date == today + datetime.timedelta(days=1):
        return pgettext("opening day", "tomorrow")
    return get_day_names("wide", context="stand-alone", locale=translation.get_language() or "en")[
        date.weekday()
    ]


@dataclass(frozen=True)
class Day:
    """One date's hours: ``opens``/``closes`` or closed; ``known`` is False when no line covers it."""

    date: datetime.date
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    closed: bool = False
    known: bool = True
    note: str = ""

    @property
    def is_open_day(self):
        return self.known and not self.closed and self.opens is not None and self.closes is not None


class MuseumHours:
    def __init__(self, museum):
        self.lines = [block.value for block in museum.opening_hours if block.block_type == "hours"]
        self.exceptions = {
            block.value["date"]: block.value
            for block in getattr(museum, "hours_exceptions", None) or []
            if block.block_type == "exception" and block.value.get("date")
        }

    @property
    def is_known(self):
        """Whether the hours say which weekdays they cover (an older free-text label does not)."""
        return any(line.weekday_numbers for line in self.lines)

    def day(self, date):
        exception = self.exceptions.get(date)
        if exception is not None:
            return Day(
                date,
                opens=exception.get("opens"),
                closes=exception.get("closes"),
                closed=bool(exception.get("closed")),
                note=exception.get("note") or "",
            )
        for line in self.lines:
            if date.weekday() in line.weekday_numbers:
                return Day(
                    date, opens=line.get("opens"), closes=line.get("closes"), closed=bool(line.get("closed"))
                )
        return Day(date, known=False)

    def status(self, now=None):
        """Today's hours and whether the museum is open at ``now`` (Kazakhstan time); ``None`` when the
        hours do not say which weekdays they cover."""
        if not self.is_known:
            return None
        now = timezone.localtime(now)
        today = self.day(now.date())
        is_open = today.is_open_day and today.opens <= now.time() < today.closes
        following = None if is_open else self.next_opening(now)
        if is_open:
            changes = datetime.datetime.combine(today.date, today.closes, now.tzinfo)
        elif following is not None:
            changes = datetime.datetime.combine(following.date, following.opens, now.tzinfo)
        else:
            changes = None
        return {
            "today": today,
            "is_open": is_open,
            "next_opening": following,
            "next_day": day_name(following.date, now.date()) if following else "",
            # When "Open now" / "Closed now" turns: a page showing it is not cached past then.
            "changes_at": changes,
        }

    def next_opening(self, now):
        """The next (day, time) the museum opens after ``now``, within two weeks."""
        for offset in range(15):
            day = self.day(now.date() + datetime.timedelta(days=offset))
            if day.is_open_day and (offset > 0 or now.time() < day.opens):
                return day
        return None

    def upcoming_exceptions(self, today=None, days=60):
        """The exceptions of the coming ``days``, soonest first, each as a ``Day`` with its date label."""
        today = today or timezone.localdate()
        dates = sorted(date for date in self.exceptions if today <= date <= today + datetime.timedelta(days))
        return [(format_full_date(date), self.day(date)) for date in dates]
