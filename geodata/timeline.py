"""The state rule: which control holds each site at time t.

The control of site S at time t is decided by the latest event of S (with a control) whose
uncertainty window starts at or before t: inside the window the site shows the event's
``during`` control (default: the scenario's transition control), after it the event's
``control``. Before its first event a site has its initial control.

:class:`Timeline` answers that for every site at once with numpy (counting from the last
query's answer: scrubbing asks about nearby times), so the Qt view, the HTML export and the
video export share one vectorised implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

import numpy as np

from .model import Event, Scenario


@dataclass(frozen=True)
class State:
    """Every site's state at one time; arrays are indexed like ``scenario.sites`` and
    read-only (the timeline answers its next query from them)."""

    time: int
    control: np.ndarray   # index into Timeline.control_ids
    event: np.ndarray     # index into scenario.events of the deciding event, -1 if none
    pending: np.ndarray   # True inside the deciding event's uncertainty window


@dataclass(frozen=True)
class ChangePoints:
    """Every control change after the start: parallel arrays ordered by time, then site."""

    initial: np.ndarray   # every site's control index at the start
    time: np.ndarray      # minutes, start < time <= end
    site: np.ndarray      # index into scenario.sites
    new: np.ndarray       # control index from that time on
    old: np.ndarray       # control index until then


@dataclass(frozen=True)
class Span:
    """One stretch of a site's history: ``control`` from ``start`` until ``end``."""

    start: int
    end: int
    control: str


def _column(values, dtype) -> np.ndarray:
    """An array of ``values`` (an iterator; faster through a list than np.fromiter)."""
    return np.array(list(values), dtype=dtype)


class Timeline:
    """Vectorised state queries and event navigation over one scenario."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.control_ids = list(scenario.controls)
        index = {c: i for i, c in enumerate(self.control_ids)}
        n_sites = len(scenario.sites)
        self.initial = np.array(
            [index[s.initial_control or scenario.default_control] for s in scenario.sites],
            dtype=np.int16)
        events = scenario.events
        # Whole columns at C speed (attrgetter and dict lookups mapped over the events): an
        # event is touched by Python bytecode only through these maps.
        self.times = _column(map(attrgetter("time"), events), np.int64)
        controls = list(map(attrgetter("control"), events))
        changing = [i for i, c in enumerate(controls) if c]
        if len(changing) < len(events):
            controls = [controls[i] for i in changing]
            events = [events[i] for i in changing]
        where = {s.id: i for i, s in enumerate(scenario.sites)}
        site = _column(map(where.__getitem__, map(attrgetter("site"), events)), np.int64)
        earliest = _column(map(attrgetter("earliest"), events), np.int64)
        latest = _column(map(attrgetter("latest"), events), np.int64)
        after = _column(map(index.__getitem__, controls), np.int16)
        shown = {**index, None: index[scenario.transition_control]}   # None, "": transition
        shown[""] = shown[None]
        during = _column(map(shown.__getitem__, map(attrgetter("during"), events)), np.int16)
        # Sort by site, then window start; stable, so file order breaks ties.
        order = np.lexsort((earliest, site))
        self._origin = scenario.start - 1
        self._stride = scenario.end - scenario.start + 3
        self._site = site[order]
        self._keys = self._site * self._stride + (earliest[order] - self._origin)
        self._event = np.array(changing, dtype=np.int64)[order]
        self._latest = latest[order]
        self._after = after[order]
        self._during = during[order]
        self._site_base = np.arange(n_sites, dtype=np.int64) * self._stride
        # The keys by their offset within a site's stretch: what moving from one time to
        # another passes over, so a query near the last one counts keys instead of searching.
        by_offset = np.argsort(self._keys % self._stride, kind="stable")
        self._offsets = (self._keys % self._stride)[by_offset]
        self._offset_site = (self._keys // self._stride)[by_offset]
        by_latest = np.argsort(self._latest, kind="stable")   # windows by their end
        self._latest_sorted = self._latest[by_latest]
        self._latest_site = self._site[by_latest]
        self._last: tuple[int, np.ndarray, State] | None = None   # time, positions, answer

    @property
    def start(self) -> int:
        return self.scenario.start

    @property
    def end(self) -> int:
        return self.scenario.end

    def state_at(self, t: int) -> State:
        """The state of every site at time ``t`` (minutes).

        From the last answer when there is one: the keys passed over on the way to ``t``
        (counted per site) move those sites' last keys, and a window ending on the way
        may flip a site's pending; only those sites are decided again. The same answer as
        searching ``_keys`` for every site's needle ``site_base + t - origin``."""
        t = int(min(max(t, self._origin), self.scenario.end))
        n, last = len(self.initial), self._last
        if not len(self._keys):
            return State(t, self.initial.copy(), np.full(n, -1), np.zeros(n, bool))
        if last is None:
            pos = np.searchsorted(self._keys, self._site_base + (t - self._origin), "right") - 1
            state = State(t, *self._decide(t, np.arange(n), pos))
        else:
            before, pos, state = last
            a, b = min(before, t), max(before, t)
            lo, hi = np.searchsorted(self._offsets, [a - self._origin, b - self._origin],
                                     "right")
            passed = self._offset_site[lo:hi]
            passed = passed[(passed >= 0) & (passed < n)]
            counts = np.bincount(passed, minlength=n)
            pos = pos + counts if t >= before else pos - counts
            lo, hi = np.searchsorted(self._latest_sorted, [a, b], "right")
            touched = np.zeros(n, bool)
            touched[passed] = True
            touched[self._latest_site[lo:hi]] = True
            sites = np.flatnonzero(touched)
            control, event = state.control.copy(), state.event.copy()
            pending = state.pending.copy()
            control[sites], event[sites], pending[sites] = self._decide(t, sites, pos[sites])
            state = State(t, control, event, pending)
        for kept in (state.control, state.event, state.pending):
            kept.flags.writeable = False   # kept for the next query: never changed
        self._last = (t, pos, state)
        return state

    def _decide(self, t: int, sites: np.ndarray, pos: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Control, deciding event and pending of ``sites`` whose last keys at or before
        ``t`` are ``pos`` (a site with none has the index before its first)."""
        safe = np.maximum(pos, 0)
        found = (pos >= 0) & (self._site[safe] == sites)
        pending = found & (t < self._latest[safe])
        control = np.where(found, np.where(pending, self._during[safe], self._after[safe]),
                           self.initial[sites])
        return control.astype(np.int16), np.where(found, self._event[safe], -1), pending

    def control_of(self, site_id: str, t: int) -> str:
        """The control id of one site at ``t`` (convenience for tests and the CLI)."""
        state = self.state_at(t)
        return self.control_ids[state.control[self.scenario.site_index(site_id)]]

    # -- changes -------------------------------------------------------------------------
    def change_points(self) -> ChangePoints:
        """Every control change in the span (computed once, in one vectorised pass).

        The same changes as evaluating :meth:`state_at` at every window start and end and
        diffing consecutive states. Each site's control is piecewise constant: the event
        deciding it from its window start ``e`` until the next window start ``n`` of that
        site shows ``during`` on ``[e, min(latest, n))`` and ``after`` on
        ``[max(latest, e), n)``, so it switches only at a window start, or at its end when
        that comes before ``n``. A breakpoint whose control equals the previous one is no
        change.
        """
        return self._change_points

    @cached_property
    def _change_points(self) -> ChangePoints:
        start, end = self.scenario.start, self.scenario.end
        initial = self.state_at(start).control.astype(np.int64)
        site = self._site
        empty = np.zeros(0, dtype=np.int64)
        if not len(site):
            return ChangePoints(initial, empty, empty, empty, empty)
        earliest = self._keys - site * self._stride + self._origin
        latest = self._latest
        after = self._after.astype(np.int64)
        during = self._during.astype(np.int64)
        same = np.zeros(len(site), dtype=bool)
        same[:-1] = site[1:] == site[:-1]
        following = np.where(same, np.roll(earliest, -1), np.iinfo(np.int64).max)
        valid = earliest < following          # else superseded at its own window start
        pending = latest > earliest
        ends = valid & pending & (latest < following)
        # Breakpoints in (site, time) order: each valid window start, then its end if it counts.
        first, second = np.flatnonzero(valid), np.flatnonzero(ends)
        key = np.concatenate([2 * first, 2 * second + 1])
        b_time = np.concatenate([earliest[first], latest[second]])
        b_site = np.concatenate([site[first], site[second]])
        b_new = np.concatenate([np.where(pending[first], during[first], after[first]),
                                after[second]])
        order = np.argsort(key, kind="stable")
        b_time, b_site, b_new = b_time[order], b_site[order], b_new[order]
        b_old = np.empty_like(b_new)
        b_old[1:] = b_new[:-1]
        starts = np.ones(len(b_site), dtype=bool)
        starts[1:] = b_site[1:] != b_site[:-1]
        b_old[starts] = self.initial[b_site[starts]]
        keep = (b_time > start) & (b_time <= end) & (b_new != b_old)
        b_time, b_site, b_new, b_old = b_time[keep], b_site[keep], b_new[keep], b_old[keep]
        order = np.lexsort((b_site, b_time))
        return ChangePoints(initial, b_time[order], b_site[order], b_new[order], b_old[order])

    @cached_property
    def _by_site(self) -> tuple[np.ndarray, np.ndarray]:
        """The change points' order by site (then time), and their sites in that order."""
        points = self.change_points()
        order = np.lexsort((points.time, points.site))
        return order, points.site[order]

    def site_history(self, site_id: str) -> list[Span]:
        """One site's control over the whole span, as consecutive stretches."""
        i = self.scenario.site_index(site_id)
        points = self.change_points()
        order, sites = self._by_site
        mine = order[np.searchsorted(sites, i, "left"):np.searchsorted(sites, i, "right")]
        bounds = [self.start, *points.time[mine].tolist(), self.end]
        controls = [int(points.initial[i]), *points.new[mine].tolist()]
        return [Span(a, b, self.control_ids[c])
                for a, b, c in zip(bounds[:-1], bounds[1:], controls, strict=True) if a < b]

    # -- event navigation ----------------------------------------------------------------
    def events_until(self, t: int) -> list[Event]:
        """Events at or before ``t``, oldest first."""
        return self.scenario.events[: int(np.searchsorted(self.times, t, "right"))]

    def latest_event(self, t: int) -> int:
        """Index of the latest event at or before ``t`` (-1 if none)."""
        return int(np.searchsorted(self.times, t, "right")) - 1

    def next_event_time(self, t: int) -> int | None:
        i = int(np.searchsorted(self.times, t, "right"))
        return int(self.times[i]) if i < len(self.times) else None

    def previous_event_time(self, t: int) -> int | None:
        i = int(np.searchsorted(self.times, t, "left")) - 1
        return int(self.times[i]) if i >= 0 else None

    def site_events(self, site_id: str) -> list[Event]:
        return [e for e in self.scenario.events if e.site == site_id]

    def control_setter(self, site_id: str, t: int) -> int:
        """The event (index into ``scenario.events``) that set the control a site shows at
        ``t``, or -1 if it has held since the start. Events that only confirm the control
        the site already had are passed over, back to the event that brought it."""
        i = self.scenario.site_index(site_id)
        state = self.state_at(t)
        control, k = int(state.control[i]), int(state.event[i])
        index = {c: n for n, c in enumerate(self.control_ids)}
        while k >= 0:
            e = self.scenario.events[k]
            during = index[e.during or self.scenario.transition_control]
            if not (during == control or e.earliest == e.latest):
                return k                    # the site changed hands inside this window
            before = self.state_at(e.earliest - 1)
            previous = int(before.event[i])
            brought = index[self.scenario.events[previous].control] if previous >= 0 else \
                int(self.initial[i])
            if brought != control:
                return k
            k = previous
        return -1

    def control_since(self, site_id: str, t: int) -> int | None:
        """When the control a site shows at ``t`` began: the start of the window of the event
        that set it (the earliest moment the sources allow), or None if it has held since
        the start (see :meth:`control_setter`)."""
        k = self.control_setter(site_id, t)
        return self.scenario.events[k].earliest if k >= 0 else None
