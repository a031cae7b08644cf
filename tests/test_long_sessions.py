"""Long sessions: memory, warnings and the state shown while playing fast (issue 8)."""

import random

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QtMsgType, qInstallMessageHandler

from geodata.loader import default_scenario_path


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4


@pytest.fixture
def window(open_window):
    return open_window((1280, 800))


@pytest.fixture
def qt_warnings():
    messages = []

    def handler(kind, context, text):
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            messages.append(text)

    previous = qInstallMessageHandler(handler)
    yield messages
    qInstallMessageHandler(previous)


def flush(app) -> None:
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_ten_thousand_scrub_steps_do_not_grow_memory(window, qapp, qt_warnings):
    rng = random.Random(1917)
    tl = window.timeline
    for _ in range(500):
        window.playback.time = rng.randint(tl.start, tl.end)
    flush(qapp)
    before = rss_kib()
    for step in range(10_000):
        window.playback.time = rng.randint(tl.start, tl.end)
        if step % 250 == 0:
            flush(qapp)
    flush(qapp)
    assert rss_kib() < before * 1.10
    assert not [m for m in qt_warnings if "delet" in m.lower() or "destroy" in m.lower()]


def test_fifty_reloads_do_not_grow_memory(window, qapp, qt_warnings):
    for _ in range(5):
        assert window.open_scenario(default_scenario_path())
        flush(qapp)
    before = rss_kib()
    for _ in range(50):
        assert window.open_scenario(default_scenario_path())
        flush(qapp)
    assert rss_kib() < before * 1.10
    assert not [m for m in qt_warnings if "delet" in m.lower() or "destroy" in m.lower()]


def test_playing_at_full_speed_never_shows_a_stale_state(window, qapp):
    """60 s of playback at the top speed, frame by frame: screen state == model state."""
    window.playback.speed = 360
    window.playback.loop = True
    window.playback.playing = True
    scenario, tl = window.scenario, window.timeline
    for frame in range(60 * 60):
        window.playback.tick(1 / 60)
        shown = window.scene.state
        truth = tl.state_at(window.playback.time)
        assert shown.time == window.playback.time
        assert np.array_equal(shown.control, truth.control)
        if frame % 300 == 0:
            fills = [item.fill.name() for item in window.scene.sites]
            colours = [scenario.controls[tl.control_ids[c]].colour for c in truth.control]
            assert fills == colours
            flush(qapp)
    window.playback.playing = False
