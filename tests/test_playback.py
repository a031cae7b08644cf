import weakref

import pytest
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.playback import SPEEDS, Playback
from petrograd1917.geodata.timeline import Timeline


@pytest.fixture
def playback(mini):
    return Playback(Timeline(mini), speed=60)


def test_play_for_n_ticks_advances_by_speed_times_n(playback):
    seen = []
    playback.time_changed.connect(seen.append)
    playback.playing = True
    for _ in range(10):
        playback.tick(0.5)
    assert playback.time == playback.timeline.start + 60 * 0.5 * 10
    assert len(seen) == 10


def test_paused_playback_does_not_move(playback):
    playback.tick(100)
    assert playback.time == playback.timeline.start


def test_loop_wraps_and_no_loop_stops_at_the_end(playback):
    tl = playback.timeline
    playback.time = tl.end - 30
    playback.loop = True
    playback.playing = True
    playback.tick(1)  # 60 minutes of history
    assert playback.time == tl.start + 30 and playback.playing
    playback.loop = False
    playback.time = tl.end - 30
    playback.tick(1)
    assert playback.time == tl.end and not playback.playing


def test_step_lands_exactly_on_the_next_event(playback):
    playback.time = at("1917-10-25T03:00")
    playback.step_next()
    assert playback.time == at("1917-10-25T21:40")
    playback.step_previous()
    assert playback.time == at("1917-10-25T02:00")


def test_speed_range_is_ten_minutes_to_six_hours(playback):
    assert SPEEDS[0] == 10 and SPEEDS[-1] == 360
    for _ in range(10):
        playback.faster()
    assert playback.speed == 360
    for _ in range(10):
        playback.slower()
    assert playback.speed == 10


def test_signals_hold_bound_methods_weakly_and_functions_strongly():
    from petrograd1917.geodata.signal import Signal

    class Listener:
        def __init__(self):
            self.seen = []

        def on(self, value):
            self.seen.append(value)

    signal, listener, kept = Signal(), Listener(), []
    signal.connect(listener.on)
    signal.connect(listener.on)              # connecting twice calls once
    signal.connect(lambda v: kept.append(v))
    signal.emit(1)
    assert listener.seen == [1] and kept == [1]
    alive = weakref.ref(listener)
    del listener
    assert alive() is None                   # the signal did not keep it
    signal.emit(2)
    assert kept == [1, 2]
    signal.disconnect(signal._live()[0])
    signal.emit(3)
    assert kept == [1, 2]
