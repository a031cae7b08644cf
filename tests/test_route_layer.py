"""Moving routes on screen: a time step strokes only the route segments travelled since the
last one, and whatever the steps (forward, back, routes arriving and fading out) the map
shows the same picture as the routes drawn afresh."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import bench_scenario, shown_map_view


@pytest.fixture(scope="module")
def travelled(tmp_path_factory):
    """A synthetic scenario with many long routes crossing each other."""
    return bench_scenario(tmp_path_factory.mktemp("travelled") / "s", sites=300,
                              events=2000, routes=40, features=200, seed=16)


def shown_view(qtbot, scenario, size=(1280, 720)):
    view = shown_map_view(qtbot, scenario, size)
    view.viewport().grab()   # the view is drawn once: the layer keeps a pixmap from now on
    return view


def pixels(image) -> np.ndarray:
    image = image.convertToFormat(image.Format.Format_ARGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.width(), 4).copy()


def after_step(view, t: int) -> np.ndarray:
    """The viewport after ``set_time(t)``, as the route layer keeps it up to date."""
    view.set_time(t)
    return pixels(view.viewport().grab().toImage())


def drawn_afresh(view) -> np.ndarray:
    """The viewport with the route layer's pixmap drawn again from nothing; then the kept
    pixmap is put back, so the next steps go on updating it."""
    layer = view.map.route_layer
    kept = {name: getattr(layer, name) for name in
            ("_pixmap", "_done", "_content", "_latest", "_within", "_fresh")}
    layer._pixmap = None
    image = pixels(view.viewport().grab().toImage())
    for name, value in kept.items():
        setattr(layer, name, value)
    return image


def travelled_segments(scene) -> dict[int, int]:
    return {k: item.position(item.fraction)[1] for k, item in enumerate(scene.routes)
            if item.isVisible() and item.fraction >= 0}


def test_steps_forward_and_back_show_the_routes_as_drawn_afresh(qtbot, travelled):
    view = shown_view(qtbot, travelled)
    times = np.linspace(travelled.start, travelled.end, 42)[1:-1].astype(int)
    walk = [*times[:25], *times[20:10:-3], *times[10:30]]   # forward, back, forward again
    moving = []
    for t in walk:
        kept = after_step(view, int(t))
        moving.append(len(travelled_segments(view.map)))
        assert np.array_equal(kept, drawn_afresh(view)), f"at {t}"
    assert max(moving) >= 8   # many routes on the way at once, crossing each other


def test_a_forward_step_strokes_only_the_segments_travelled_since(qtbot, travelled):
    view = shown_view(qtbot, travelled)
    layer = view.map.route_layer
    times = np.linspace(travelled.start, travelled.end, 200)[1:-1].astype(int)
    checked = 0
    for a, b in zip(times[:-1], times[1:], strict=True):
        after_step(view, int(a))
        before = travelled_segments(view.map)
        after_step(view, int(b))
        now = travelled_segments(view.map)
        if set(before) - set(now):   # a route faded out: its place is redrawn
            continue
        grown = sum(done - before.get(k, 0) for k, done in now.items())
        assert layer.last_update == ("step", grown)
        checked += 1
    assert checked > 100


def test_after_going_back_a_forward_step_still_strokes_only_what_it_added(qtbot, travelled):
    """Going back takes strokes out of the pixmap: what comes next is compared with what
    is left, not with the latest stroke there ever was (which would redraw every step)."""
    view = shown_view(qtbot, travelled)
    layer = view.map.route_layer
    times = np.linspace(travelled.start, travelled.end, 120)[1:-1].astype(int)
    for t in times[:90]:
        after_step(view, int(t))
    checked = 0
    for a, b in zip(times[10:60], times[11:61], strict=True):
        after_step(view, int(a))
        before = travelled_segments(view.map)
        kept = after_step(view, int(b))
        now = travelled_segments(view.map)
        if set(before) - set(now):   # a route faded out: its place is redrawn
            continue
        grown = sum(done - before.get(k, 0) for k, done in now.items())
        assert layer.last_update == ("step", grown)
        assert np.array_equal(kept, drawn_afresh(view)), f"at {b}"
        checked += 1
    assert checked > 20


def test_each_step_leaves_every_route_as_asking_it_would(qtbot, travelled):
    """The scene asks only the routes whose state changes (numpy finds them): whatever the
    steps, each route is shown and travelled as asking it about the time would make it."""
    from petrograd1917.viewer.mapscene import RECENT_MINUTES

    view = shown_view(qtbot, travelled)
    times = np.linspace(travelled.start, travelled.end, 60)[1:-1].astype(int)
    for t in [*times[:40], *times[35:5:-6], *times[5:]]:
        view.set_time(int(t))
        for item in view.map.routes:
            r = item.route
            assert item.isVisible() == (r.start <= t <= r.end + RECENT_MINUTES)
            assert item.fraction == (-1.0 if t < r.start else min((t - r.start)
                                                                  / (r.end - r.start), 1.0))
    view.map.show(view.visible_kinds, False)
    assert not any(item.isVisible() for item in view.map.routes)
