"""Dates and clock times stated in prose (chapter narrations, descriptions): days of October
in English and Russian, clock times in English.

The consistency checker compares what a text says ("At about 3.30 a.m.", "on 24 October",
"soon after Kerensky had driven south") with the events. This module only reads the text:
it finds each sentence's stated days of October, its clock times with their qualifiers,
and the clauses that a sentence orders before or after its stated time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import calendar as cal

WEEKDAY_RE = "|".join(cal.WEEKDAYS_EN)
# "Saturday 21 October", "24 October", "24-25 October", "the night of 24–25 October"
DATE_RE = re.compile(
    rf"\b(?:(?P<weekday>{WEEKDAY_RE})\s+)?(?P<night>[Вв] ночь на\s+)?(?P<day>\d{{1,2}})"
    r"(?:\s*[-–]\s*(?P<day2>\d{1,2}))?\s+(?:October|октября)\b(?:,?\s+(?P<year>\d{4}))?")
_CLOCK = r"(?:(?P<h{n}>\d{{1,2}})(?:[.:](?P<m{n}>\d{{2}}))?\s*(?P<ap{n}>a\.m\.|p\.m\.)" \
         r"|\b(?P<word{n}>noon|midday)\b)"
CLOCK_RE = re.compile(
    r"(?P<qual>\b(?:at about|about|around|at|soon after|shortly after|after|just after|"
    r"before|shortly before|by|towards|until|between|from)\s+)?" + _CLOCK.format(n=1)
    + r"(?:\s+(?:and|to|–|-)\s+" + _CLOCK.format(n=2) + ")?", re.I)
ORDER_RE = re.compile(r"\b(soon after|shortly after|just after|after|shortly before|before)"
                      r"\s+(?!\d|noon|midday|dawn|midnight)(?P<clause>[^,.;:]+)", re.I)
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ0-9\"'«(])")
STOP_NAMES = frozenset(cal.WEEKDAYS_EN) | frozenset(cal.MONTHS_EN) | {
    "The", "At", "On", "In", "By", "From", "During", "After", "Before", "Soon", "That", "This",
    "Its", "His", "Her", "Their", "With", "While", "Late", "Old", "Style", "New", "Accounts"}

# How far from a stated time an event may lie and still be what the text speaks of.
SLACK = {"": 15, "at": 15, "about": 45, "at about": 45, "around": 45, "towards": 60,
         "soon after": 90, "shortly after": 90, "just after": 30, "after": 180,
         "before": 180, "shortly before": 90, "by": 180, "until": 60, "between": 0,
         "from": 0}


@dataclass(frozen=True)
class StatedTime:
    """A clock time (or range) in a sentence: minutes after midnight, and the words."""

    first: int
    last: int
    qualifier: str
    text: str

    def span(self, day: int) -> tuple[int, int]:
        """(earliest, latest) minutes on ``day`` (minutes of its midnight) the text allows."""
        q = self.qualifier
        start, end = day + self.first, day + self.last
        if q in ("after", "soon after", "shortly after", "just after"):
            return start, end + SLACK[q]
        if q in ("before", "shortly before", "by"):
            return start - SLACK[q], end
        slack = SLACK.get(q, 15)
        return start - slack, end + slack


@dataclass(frozen=True)
class StatedOrder:
    """A clause the sentence puts before (``after`` is False) or after its stated time."""

    connective: str
    clause: str

    @property
    def after(self) -> bool:
        """True when the clause happened before the stated time ("soon after X")."""
        return "after" in self.connective


@dataclass(frozen=True)
class Sentence:
    text: str
    days: tuple[int, ...]          # days of October named in the sentence
    spans: tuple[tuple[int, int], ...]  # each date as (first, last) day: "24-25 October"
    weekdays: tuple[tuple[str, int], ...]  # (weekday named, day of October) pairs
    times: tuple[StatedTime, ...]
    orders: tuple[StatedOrder, ...]
    main: str                      # the sentence without its ordered clauses


def _clock(match: re.Match, n: int) -> int | None:
    if match.group(f"word{n}"):
        return 12 * 60
    if match.group(f"h{n}") is None:
        return None
    hour, minute = int(match.group(f"h{n}")), int(match.group(f"m{n}") or 0)
    if not (1 <= hour <= 12 and minute < 60):
        return None
    hour %= 12
    if match.group(f"ap{n}").lower() == "p.m.":
        hour += 12
    return hour * 60 + minute


def sentences(text: str, year: int = 1917) -> list[Sentence]:
    """The sentences of ``text`` with what each states about time (dates of October of
    ``year``; a date of another year is left out)."""
    out = []
    for raw in SENTENCE_RE.split(text.strip()):
        days: list[int] = []
        spans: list[tuple[int, int]] = []
        weekdays: list[tuple[str, int]] = []
        for m in DATE_RE.finditer(raw):
            if m.group("year") and int(m.group("year")) != year:
                continue                        # another year's October: context only
            last = int(m.group("day2") or m.group("day"))
            # "в ночь на 25 октября": the night before the 25th, so the 24th too
            first = int(m.group("day")) - (1 if m.group("night") else 0)
            days.extend(range(first, last + 1))
            spans.append((first, last))
            if m.group("weekday"):
                weekdays.append((m.group("weekday"), first))
        times = []
        for m in CLOCK_RE.finditer(raw):
            first = _clock(m, 1)
            if first is None:
                continue
            second = _clock(m, 2)
            qual = (m.group("qual") or "").strip().lower()
            last = second if second is not None and second >= first else first
            times.append(StatedTime(first, last, qual, m.group(0).strip()))
        orders = tuple(StatedOrder(m.group(1).lower(), m.group("clause").strip())
                       for m in ORDER_RE.finditer(raw))
        main = ORDER_RE.sub("", raw) if orders else raw
        out.append(Sentence(raw, tuple(days), tuple(spans), tuple(weekdays), tuple(times),
                            orders, main))
    return out


def proper_names(text: str, first: bool = False) -> set[str]:
    """Capitalised words (names of people, places, bodies); the first word only if
    ``first`` (it is capitalised anyway at the start of a sentence)."""
    words = re.findall(r"[A-Za-zА-Яа-яЁё][\w'’-]*", text)
    return {w for i, w in enumerate(words)
            if (first or i > 0) and w[0].isupper() and len(w) >= 3 and w not in STOP_NAMES}


def weekday_name(day_minutes: int) -> str:
    return cal.WEEKDAYS_EN[cal.weekday(day_minutes)]
