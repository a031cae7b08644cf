"""Dates of 1917 Russia: Julian (Old Style) and Gregorian (New Style) calendars.

Times are held as integer *minutes* counted from the start of Julian Day Number 0, in local
wall-clock time. A day number is the same day whatever the calendar, so one integer serves
both calendars and no date before 1970 (or any negative epoch) can trip us up. Python's
``datetime`` is proleptic Gregorian and would silently mislabel Old Style dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

JULIAN = "julian"
GREGORIAN = "gregorian"
CALENDARS = (JULIAN, GREGORIAN)
MINUTES_PER_DAY = 1440

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
# Russian month names in the genitive, as dates are written ("25 октября").
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_RU = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
               "воскресенье")

_TIME_RE = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2}))?"
    r"\s*(?P<cal>O\.?S\.?|N\.?S\.?)?\s*\Z",
    re.IGNORECASE | re.ASCII,   # the digits 0-9 only
)


@dataclass(frozen=True)
class Date:
    """A day as year, month and day (the calendar it counts in is given beside it)."""

    year: int
    month: int
    day: int


def _is_leap(year: int, calendar: str) -> bool:
    if calendar == JULIAN:
        return year % 4 == 0
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int, calendar: str) -> int:
    if month == 2:
        return 29 if _is_leap(year, calendar) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def to_day_number(date: Date, calendar: str) -> int:
    """Julian Day Number of a date in the given calendar (Richards' algorithm)."""
    a = (14 - date.month) // 12
    y = date.year + 4800 - a
    m = date.month + 12 * a - 3
    jdn = date.day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    if calendar == GREGORIAN:
        jdn += -(y // 100) + y // 400 + 38
    return jdn


def from_day_number(jdn: int, calendar: str) -> Date:
    """The date in the given calendar of a Julian Day Number."""
    if calendar == GREGORIAN:
        a = jdn + 32044
        b = (4 * a + 3) // 146097
        c = a - 146097 * b // 4
    else:
        b = 0
        c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return Date(year, month, day)


def weekday(minutes: int) -> int:
    """0 = Monday … 6 = Sunday."""
    return (minutes // MINUTES_PER_DAY) % 7


def parse_time(text: str, calendar: str = JULIAN) -> int:
    """Parse ``YYYY-MM-DD[THH:MM]`` in ``calendar`` into minutes.

    A trailing ``O.S.`` or ``N.S.`` marker overrides ``calendar``. Raises ``ValueError``
    with a readable message for malformed or impossible dates (``1917-02-30``).
    """
    if calendar not in CALENDARS:
        raise ValueError(f"unknown calendar {calendar!r} (use 'julian' or 'gregorian')")
    match = _TIME_RE.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not a time of the form YYYY-MM-DDTHH:MM")
    marker = (match["cal"] or "").upper().replace(".", "")
    if marker:
        calendar = JULIAN if marker == "OS" else GREGORIAN
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    hour, minute = int(match["H"] or 0), int(match["M"] or 0)
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: month {month} does not exist")
    if not 1 <= day <= days_in_month(year, month, calendar):
        raise ValueError(f"{text!r}: day {day} does not exist in {MONTHS_EN[month - 1]} {year}"
                         f" ({calendar} calendar)")
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise ValueError(f"{text!r}: {hour:02d}:{minute:02d} is not a time of day")
    return to_day_number(Date(year, month, day), calendar) * MINUTES_PER_DAY + hour * 60 + minute


def iso(minutes: int, calendar: str = JULIAN) -> str:
    """``YYYY-MM-DDTHH:MM`` in ``calendar`` (the form scenarios are written in)."""
    date = from_day_number(minutes // MINUTES_PER_DAY, calendar)
    hh, mm = divmod(minutes % MINUTES_PER_DAY, 60)
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}T{hh:02d}:{mm:02d}"


def clock(minutes: int) -> str:
    hh, mm = divmod(minutes % MINUTES_PER_DAY, 60)
    return f"{hh:02d}:{mm:02d}"


def _other(calendar: str) -> str:
    return GREGORIAN if calendar == JULIAN else JULIAN


def format_day(minutes: int, calendar: str = JULIAN, lang: str = "en",
               short: bool = False) -> str:
    """``25 October 1917 (7 November N.S.)`` — the scenario's calendar first.

    ``short`` gives ``25 Oct (7 Nov)`` for tight spaces such as the time ruler.
    """
    if short:
        return f"{short_day(minutes, calendar, lang)} " \
               f"({short_day(minutes, _other(calendar), lang)})"
    main_text, other_text = day_parts(minutes, calendar, lang)
    return f"{main_text} ({other_text})"


def short_day(minutes: int, calendar: str = JULIAN, lang: str = "en") -> str:
    """``25 Oct``: the day in one calendar, for tight spaces."""
    date = from_day_number(minutes // MINUTES_PER_DAY, calendar)
    months = MONTHS_RU if lang == "ru" else MONTHS_EN
    return f"{date.day} {months[date.month - 1][:3]}"


def day_parts(minutes: int, calendar: str = JULIAN, lang: str = "en") -> tuple[str, str]:
    """(``25 October 1917``, ``7 November N.S.``): the day in each calendar, ours first."""
    day = minutes // MINUTES_PER_DAY
    main, other = from_day_number(day, calendar), from_day_number(day, _other(calendar))
    months = MONTHS_RU if lang == "ru" else MONTHS_EN
    if lang == "ru":
        tag = "н. ст." if calendar == JULIAN else "ст. ст."
    else:
        tag = "N.S." if calendar == JULIAN else "O.S."
    other_text = f"{other.day} {months[other.month - 1]}"
    if other.year != main.year:
        other_text += f" {other.year}"
    return f"{main.day} {months[main.month - 1]} {main.year}", f"{other_text} {tag}"


def format_long(minutes: int, calendar: str = JULIAN, lang: str = "en") -> str:
    """``Wednesday 25 October 1917 (7 November N.S.), 21:40``."""
    names = WEEKDAYS_RU if lang == "ru" else WEEKDAYS_EN
    name = names[weekday(minutes)]
    if lang == "ru":
        name = name.capitalize() + ","
    return f"{name} {format_day(minutes, calendar, lang)}, {clock(minutes)}"
