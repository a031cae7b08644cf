"""Long sessions: memory, warnings and the state shown while playing fast (issue 8)."""

import ctypes
import ctypes.util
import gc
import random
import weakref
from pathlib import Path

import numpy as np
import pytest
from petrograd1917.geodata.loader import default_scenario_path, load_scenario
from PySide6.QtCore import QCoreApplication, QEvent, QtMsgType, qInstallMessageHandler

DATA = Path(__file__).parent / "data"


def rss_kib() -> int:
    """Resident memory, after glibc has handed freed heap pages back to the system (so the
    figure shows what is still referenced, not how fragmented the heap has become)."""
    libc = ctypes.util.find_library("c")
    if libc:
        ctypes.CDLL(libc).malloc_trim(0)
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


def test_a_reload_frees_everything_built_from_the_old_scenario_at_once(window, qapp):
    """No reference cycles: the old scene, view and their pixmaps go when replaced, not
    whenever the cycle collector next runs (that left tens of MB in memory for a while)."""
    assert window.open_scenario(default_scenario_path())    # not the tests' shared scenario
    old = {name: weakref.ref(getattr(window, name)) for name in
           ("scenario", "timeline", "playback", "scene", "view", "timebar", "event_log")}
    gc.disable()
    try:
        assert window.open_scenario(default_scenario_path())
        flush(qapp)
        alive = [name for name, ref in old.items() if ref() is not None]
    finally:
        gc.enable()
    assert alive == []


def test_opening_b_after_a_frees_a_though_the_shown_scenario_is_frozen(window, qapp):
    """The window reads a scenario frozen out of the cycle collector (viewer.collector):
    the next open still frees the last one, and unfreezes what that one froze."""
    assert window.open_scenario(default_scenario_path())   # A
    a = weakref.ref(window.scenario)
    assert gc.get_freeze_count() > 0   # A's objects are out of the collector's scans
    assert window.open_scenario(DATA / "mini")             # B
    flush(qapp)
    gc.collect()
    assert a() is None
    assert window.scenario.title == load_scenario(DATA / "mini").title
    assert gc.get_freeze_count() > 0   # now B's


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
