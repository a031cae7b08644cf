"""Playback of the story: current time, speed, looping (Qt-free).

One :class:`Playback` drives the window's timer, presentation mode and the video export,
so what is seen is what is exported (the spirit of QGIS' QgsTemporalNavigationObject).
Besides the time it holds the event cursor of :mod:`geodata.story`: the selected event,
which stepping moves one event at a time, also between events of one minute.
"""

from __future__ import annotations

from .signal import Signal
from .story import Caption, Story
from .timeline import Timeline

# Minutes of history per second of playback offered to users, from 10 minutes to 6 hours.
SPEEDS = (10, 20, 30, 60, 120, 180, 360)
# The model accepts a wider range, for cues that must play in a set number of seconds.
SPEED_LIMITS = (0.5, 1440.0)


class Playback:
    def __init__(self, timeline: Timeline, speed: float = 60, loop: bool = False):
        self.timeline = timeline
        self.story = Story(timeline.scenario, timeline)
        self._time = float(timeline.start)
        self._event = self.story.latest(timeline.start)
        self._speed = float(speed)
        self._playing = False
        self.loop = loop
        self.stop_at: int | None = None   # pause when reaching this time (end of a cue)
        self.time_changed = Signal()      # (int minutes)
        self.playing_changed = Signal()   # (bool)
        self.speed_changed = Signal()     # (float minutes per second)
        self.event_changed = Signal()     # (int index of the selected event, -1 for none)
        self.events_passed = Signal()     # (first, stop): events a move forward went over

    # -- time ---------------------------------------------------------------------------
    @property
    def time(self) -> int:
        return int(self._time)

    @time.setter
    def time(self, value: float) -> None:
        self._move(value)

    def _move(self, value: float, event: int | None = None) -> None:
        """Go to time ``value`` selecting ``event`` (default: keep the selected event while
        it is current, else the latest); emit what changed, time first."""
        value = min(max(float(value), self.timeline.start), self.timeline.end)
        old_time, old_event = self.time, self._event
        self._time = value
        self._event = self.story.cursor_at(self.time, old_event if event is None else event)
        if self.time != old_time:
            self.time_changed.emit(self.time)
        if self._event != old_event:
            self.event_changed.emit(self._event)
            if self._event > old_event:
                self.events_passed.emit(old_event + 1, self._event + 1)

    # -- events -------------------------------------------------------------------------
    @property
    def event(self) -> int:
        """Index of the selected event in ``scenario.events`` (-1 before the first)."""
        return self._event

    def go_to_event(self, index: int) -> None:
        """Select event ``index`` and go to its time."""
        if 0 <= index < len(self.story):
            self._move(self.story.events[index].time, index)

    def caption(self, lang: str = "en") -> Caption | None:
        """The caption of the selected event, None before the first."""
        return self.story.caption(self._event, lang) if self._event >= 0 else None

    # -- playing ------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._playing

    @playing.setter
    def playing(self, value: bool) -> None:
        if value and self._time >= self.timeline.end and not self.loop:
            self.time = self.timeline.start   # play again from the start
        if value != self._playing:
            self._playing = bool(value)
            self.playing_changed.emit(self._playing)

    def toggle(self) -> None:
        """The user's play/pause: plays freely, past any cue's end."""
        self.stop_at = None
        self.playing = not self._playing

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        value = min(max(float(value), SPEED_LIMITS[0]), SPEED_LIMITS[1])
        if value != self._speed:
            self._speed = value
            self.speed_changed.emit(value)

    def faster(self) -> None:
        self.speed = next((s for s in SPEEDS if s > self._speed), max(SPEEDS[-1], self._speed))

    def slower(self) -> None:
        self.speed = next((s for s in reversed(SPEEDS) if s < self._speed),
                          min(SPEEDS[0], self._speed))

    def tick(self, seconds: float) -> None:
        """Advance by ``seconds`` of wall time when playing; wrap or stop at the end."""
        if not self._playing:
            return
        start, end = self.timeline.start, self.timeline.end
        target = self._time + self._speed * seconds
        if self.stop_at is not None and self._time < self.stop_at <= target:
            self.time = self.stop_at
            self.stop_at = None
            self.playing = False
            return
        if target >= end:
            if self.loop:
                target = start + (target - end) % (end - start)
            else:
                target = end
                self.time = target
                self.playing = False
                return
        self.time = target

    # -- jumps --------------------------------------------------------------------------
    def step_next(self) -> None:
        """Select the next event (the next of several at one minute, too)."""
        self.go_to_event(self._event + 1)

    def step_previous(self) -> None:
        """Back to the selected event if the time has moved on from it, else the one before."""
        k = self._event
        if k >= 0 and self.time > self.story.events[k].time:
            self.go_to_event(k)
        else:
            self.go_to_event(k - 1)

    def to_start(self) -> None:
        self.time = self.timeline.start

    def to_end(self) -> None:
        self.time = self.timeline.end
