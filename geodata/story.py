"""The story told by a scenario: its events in order, the current one(s) and the caption.

Events are in time order, several at one minute in file order (the loader's stable sort),
so an event's index is its place in the story. A cursor is such an index: stepping moves it
by one, so every event — also the third of three at one minute — can be reached, selected
and captioned. Views (the Qt window, snapshots, video, the HTML page) only draw what this
module answers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np

from .disagreements import DIFFER, kind_of
from .disagreements import label as dispute_label
from .eventtime import event_when
from .model import Event, Scenario
from .timeline import Timeline


@dataclass(frozen=True)
class Caption:
    """What the caption banner shows for one event."""

    event: int            # index into scenario.events
    title: str            # "25 October 1917, ~02:00 · Winter Palace"
    text: str             # the event's caption in the language asked for
    colour: str | None    # the control the event gives, as a colour; None if no change
    dispute: str = ""     # "accounts differ: 01:50–02:10" where they do, else empty


class Story:
    """Questions about the order of events, asked of one scenario (Qt-free)."""

    def __init__(self, scenario: Scenario, timeline: Timeline | None = None):
        self.scenario = scenario
        self.timeline = timeline or Timeline(scenario)
        self.events: list[Event] = scenario.events
        self.times = np.array([e.time for e in scenario.events], dtype=np.int64)
        self._times = self.times.tolist()   # bisect on a list: a scalar query in < 1 µs

    def __len__(self) -> int:
        return len(self.events)

    def latest(self, t: int) -> int:
        """Index of the last event at or before ``t`` (-1 before the first)."""
        return bisect_right(self._times, t) - 1

    def current(self, t: int) -> range:
        """The events of the latest event minute at or before ``t`` (empty before any)."""
        last = self.latest(t)
        if last < 0:
            return range(0)
        return range(bisect_left(self._times, self._times[last]), last + 1)

    def holds(self, index: int, t: int) -> bool:
        """Whether event ``index`` is one of the current events at ``t``."""
        return index in self.current(t)

    def passed(self, before: int, after: int) -> range:
        """The events a move forward from ``before`` to ``after`` goes over (``before`` <
        time <= ``after``); empty for a move back or none."""
        if after <= before:
            return range(0)
        return range(self.latest(before) + 1, self.latest(after) + 1)

    def cursor_at(self, t: int, cursor: int | None = None) -> int:
        """The event selected at ``t``: ``cursor`` while it is current, else the latest."""
        last = self.latest(t)
        if cursor is not None and 0 <= cursor <= last and \
                self._times[cursor] == self._times[last]:
            return cursor
        return last

    def when(self, index: int, lang: str = "en", short: bool = False) -> str:
        """The time of event ``index`` as its data states it (see :func:`event_when`)."""
        return event_when(self.events[index], self.scenario.calendar, lang, short)

    def caption(self, index: int, lang: str = "en") -> Caption:
        """The caption of event ``index``: when, where and what."""
        e = self.events[index]
        site = self.scenario.site(e.site)
        colour = self.scenario.controls[e.control].colour if e.control else None
        dispute = dispute_label(e, self.scenario.calendar, lang) if kind_of(e) == DIFFER else ""
        return Caption(index, f"{self.when(index, lang)} · {site.name(lang)}", e.text(lang),
                       colour, dispute)

    def caption_at(self, t: int, lang: str = "en", cursor: int | None = None) -> Caption | None:
        """The caption shown at ``t``: the cursor's event while current, else the latest."""
        k = self.cursor_at(t, cursor)
        return self.caption(k, lang) if k >= 0 else None

    def site_events(self, site_id: str) -> list[int]:
        """Indices of the events at one site, in story order."""
        return [k for k, e in enumerate(self.events) if e.site == site_id]
