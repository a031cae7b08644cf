"""Playback of the story: current time, speed, looping (Qt-free).

One :class:`Playback` drives the window's timer, presentation mode and the video export,
so what is seen is what is exported (the spirit of QGIS' QgsTemporalNavigationObject).
"""

from __future__ import annotations

from .signal import Signal
from .timeline import Timeline

# Minutes of history per second of playback offered to users, from 10 minutes to 6 hours.
SPEEDS = (10, 20, 30, 60, 120, 180, 360)
# The model accepts a wider range, for cues that must play in a set number of seconds.
SPEED_LIMITS = (0.5, 1440.0)


class Playback:
    def __init__(self, timeline: Timeline, speed: float = 60, loop: bool = False):
        self.timeline = timeline
        self._time = float(timeline.start)
        self._speed = float(speed)
        self._playing = False
        self.loop = loop
        self.stop_at: int | None = None   # pause when reaching this time (end of a cue)
        self.time_changed = Signal()      # (int minutes)
        self.playing_changed = Signal()   # (bool)
        self.speed_changed = Signal()     # (float minutes per second)

    # -- time ---------------------------------------------------------------------------
    @property
    def time(self) -> int:
        return int(self._time)

    @time.setter
    def time(self, value: float) -> None:
        value = min(max(float(value), self.timeline.start), self.timeline.end)
        old = self.time
        self._time = value
        if self.time != old:
            self.time_changed.emit(self.time)

    @property
    def fraction(self) -> float:
        span = self.timeline.end - self.timeline.start
        return (self._time - self.timeline.start) / span

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
        t = self.timeline.next_event_time(self.time)
        if t is not None:
            self.time = t

    def step_previous(self) -> None:
        t = self.timeline.previous_event_time(self.time)
        if t is not None:
            self.time = t

    def to_start(self) -> None:
        self.time = self.timeline.start

    def to_end(self) -> None:
        self.time = self.timeline.end
