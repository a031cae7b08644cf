"""Where the sources disagree: which events' accounts differ, over what window, and why.

An event whose precision is ``window`` and that carries a note is an *uncertain* event: the
data gives the span the sources allow and says why. When the note records more than one
account ("Rabinowitch: about 5.30 a.m.; Soviet accounts: about 6 a.m.", "others say …",
"accounts differ …") the accounts *differ*; otherwise the sources are only vague ("hour not
recorded"). Both draw as a span on the time bar; only the first kind is called a
disagreement on screen ("accounts differ: 01:50–02:10") and listed in the "Where the sources
disagree" view, so the screen never claims a dispute that the note does not record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import calendar as cal
from .eventtime import day_text
from .model import Event, Scenario
from .texts import text

DIFFER, UNCERTAIN = "differ", "uncertain"

# Wording of a note that records more than one account.
_ACCOUNTS = re.compile(
    r"\b(?:differ\w*|disagree\w*|do not (?:all )?agree|not agreed|var(?:y|ies) between"
    r"|others|other (?:accounts|sources|memoirs|writers|historians|versions)"
    r"|some (?:accounts|memoirs|give|say|put|date|soviet|sources|writers|historians)"
    r"|most accounts|whereas|versus|a reading of|traditional|official history"
    r"|modern chronology)\b"
    # "Rabinowitch: about 5.30 a.m.; Soviet accounts: about 6 a.m."
    r"|\b[A-Z][\w.'’ -]{2,40}: [^;]+;\s*(?:[A-Za-z][\w.'’ -]{2,40}):"
    # "Trotsky and Rabinowitch put …; Miéville has …"
    r"|\b[A-Z]\w+(?: and [A-Z]\w+)? (?:puts?|has|have|gives?|says?|dates?|places?)\b[^;]*;"
    r"\s*[A-Z]\w+ (?:puts?|has|have|gives?|says?|dates?|places?)\b", re.I)


@dataclass(frozen=True)
class Disagreement:
    """One uncertain event: its index in ``scenario.events``, the window and the note."""

    index: int
    event: Event
    kind: str               # DIFFER (accounts differ) or UNCERTAIN (sources only vague)

    @property
    def earliest(self) -> int:
        return self.event.earliest

    @property
    def latest(self) -> int:
        return self.event.latest

    @property
    def differ(self) -> bool:
        return self.kind == DIFFER


def kind_of(event: Event) -> str | None:
    """DIFFER, UNCERTAIN, or None for an event whose time the data does not question."""
    if event.precision != "window" or not event.note:
        return None
    return DIFFER if _ACCOUNTS.search(event.note) else UNCERTAIN


def uncertain_events(scenario: Scenario) -> list[Disagreement]:
    """Every window event with a note, in time order (both kinds)."""
    out = []
    for i, e in enumerate(scenario.events):
        kind = kind_of(e)
        if kind:
            out.append(Disagreement(i, e, kind))
    return out


def disagreements(scenario: Scenario) -> list[Disagreement]:
    """The events whose accounts differ: the "Where the sources disagree" list."""
    return [d for d in uncertain_events(scenario) if d.differ]


def window_text(event: Event, calendar: str = cal.JULIAN, lang: str = "en",
                day: bool = False) -> str:
    """The window as the data states it: ``01:50–02:10`` (``day``: ``26 Oct 01:50–02:10``),
    with both days when it crosses midnight (``24 Oct 21:00 – 25 Oct 03:00``)."""
    a, b = event.earliest, event.latest

    def day_of(t: int) -> str:
        return day_text(t, calendar, lang, short=True)

    if a // cal.MINUTES_PER_DAY == (b - 1) // cal.MINUTES_PER_DAY or b == a:
        return f"{day_of(a) + ' ' if day else ''}{cal.clock(a)}–{cal.clock(b)}"
    return f"{day_of(a)} {cal.clock(a)} – {day_of(b)} {cal.clock(b)}"


def label(event: Event, calendar: str = cal.JULIAN, lang: str = "en") -> str:
    """"accounts differ: 01:50–02:10" or "time uncertain: …"; empty when neither."""
    kind = kind_of(event)
    if kind is None:
        return ""
    key = "accounts_differ" if kind == DIFFER else "time_uncertain"
    return f"{text(key, lang, 'disagreements')}: {window_text(event, calendar, lang)}"
