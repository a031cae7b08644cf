"""Event times as the data states them: ``02:10``, ``~02:00``, ``between 01:50 and 02:10``,
``24 October 1917, evening`` or just the day, in English and Russian.

An event's precision says how much of its time the sources support; these labels say no
more than that, so a screen never shows a minute the sources do not give.
"""

from __future__ import annotations

from . import calendar as cal
from .model import Event

# The four parts of a day an event of precision "part_of_day" may start at (loader rule).
PARTS_OF_DAY = {0: ("night", "ночью"), 6: ("morning", "утром"), 12: ("afternoon", "днём"),
                18: ("evening", "вечером")}
BETWEEN = {"en": ("between", "and"), "ru": ("между", "и")}


def day_text(minutes: int, calendar: str = cal.JULIAN, lang: str = "en", short: bool = False,
             year: bool = True) -> str:
    """The day in the scenario's calendar alone: ``25 October 1917`` (short: ``25 Oct``)."""
    date = cal.from_day_number(minutes // cal.MINUTES_PER_DAY, calendar)
    month = (cal.MONTHS_RU if lang == "ru" else cal.MONTHS_EN)[date.month - 1]
    if short:
        return f"{date.day} {month[:3]}"
    return f"{date.day} {month} {date.year}" if year else f"{date.day} {month}"


def _clock(minutes: int, day_start: int) -> str:
    """The clock, with the midnight that ends ``day_start``'s day written 24:00."""
    return "24:00" if minutes == day_start + cal.MINUTES_PER_DAY else cal.clock(minutes)


def event_when(event: Event, calendar: str = cal.JULIAN, lang: str = "en",
               short: bool = False) -> str:
    """When ``event`` happened, to the precision its data gives.

    ``25 October 1917, 21:40`` (minute), ``25 October 1917, ~02:00`` (hour),
    ``24 October 1917, evening`` (part of day), ``24 October 1917`` (day), and for a
    window ``25 October 1917, between 01:50 and 02:10`` or, across midnight,
    ``between 24 October, 20:00 and 25 October 1917, 02:00``. ``short`` gives ``25 Oct``.
    """
    lang = "ru" if lang == "ru" else "en"
    day = day_text(event.time, calendar, lang, short)
    precision = event.precision
    if precision == "day":
        return day
    if precision == "part_of_day":
        hour = (event.time % cal.MINUTES_PER_DAY) // 60
        part = PARTS_OF_DAY.get(hour)
        return f"{day}, {part[lang == 'ru']}" if part else f"{day}, ~{cal.clock(event.time)}"
    if precision == "window" and event.latest > event.earliest:
        first, last = event.earliest, event.latest
        between, and_ = BETWEEN[lang]
        day_start = first - first % cal.MINUTES_PER_DAY
        if last <= day_start + cal.MINUTES_PER_DAY:
            return (f"{day_text(first, calendar, lang, short)}, {between} {cal.clock(first)} "
                    f"{and_} {_clock(last, day_start)}")
        a = day_text(first, calendar, lang, short, year=False)
        b = day_text(last, calendar, lang, short)
        return f"{between} {a}, {cal.clock(first)} {and_} {b}, {cal.clock(last)}"
    approx = "" if precision == "minute" else "~"
    return f"{day}, {approx}{cal.clock(event.time)}"
