"""A time step repaints what changed: the site symbols restyled are the sites whose state
changed, a large scenario's dot layer redraws only the changed dots and those touching
them, and the picture is the same as a full redraw; hover and click still find the site."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor

from tests.conftest import bench_scenario, shown_map_view


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """A synthetic scenario with more sites than one graphics item each (DOTS_ABOVE)."""
    return bench_scenario(tmp_path_factory.mktemp("crowded") / "s", sites=2500,
                              events=12_000, routes=4, features=200, seed=16)


shown_view = shown_map_view   # a shown, settled view with its pulses frozen


def step(qtbot, view, t: int) -> None:
    """``set_time`` as the window does, then wait until the viewport has painted."""
    painted = []
    view.viewport().installEventFilter(counter := _PaintCounter(painted))
    view.set_time(t)
    qtbot.waitUntil(lambda: bool(painted), timeout=60_000)
    view.viewport().removeEventFilter(counter)


def _PaintCounter(painted: list):
    from PySide6.QtCore import QEvent, QObject

    class Count(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(1)
            return False

    return Count()


def full_redraw(view):
    """The viewport as drawn with every dot painted afresh (no kept dot pixmap)."""
    layer = view.map.dot_layer
    kept = layer._view, layer._image
    layer._view = ("another view",)   # the layer draws every dot directly
    image = view.viewport().grab().toImage()
    layer._view, layer._image = kept
    return image


def test_a_step_restyles_exactly_the_sites_whose_state_changed(qtbot, petrograd):
    view = shown_view(qtbot, petrograd)
    scene = view.map
    restyled: list[int] = []
    for item in scene.sites:
        item.restyle = lambda i=item.index, f=item.restyle: (restyled.append(i), f())[1]
    times = np.linspace(petrograd.start, petrograd.end, 12)[1:-1].astype(int)
    for t in times:
        before = scene.state
        restyled.clear()
        step(qtbot, view, int(t))
        after = scene.state
        changed = np.flatnonzero((before.control != after.control)
                                 | (before.pending != after.pending))
        assert sorted(restyled) == changed.tolist()


def test_dot_layer_redraws_changed_dots_and_their_neighbours_only(qtbot, crowded):
    view = shown_view(qtbot, crowded)
    layer = view.map.dot_layer
    assert layer is not None
    times = np.linspace(crowded.start, crowded.end, 40)[1:-1].astype(int)
    for _ in range(2):   # the first paint of a view draws directly, the next keeps the dots
        step(qtbot, view, int(times[0]))
    partial = 0
    for t in times[1:]:
        before = view.map.state.control.copy()
        step(qtbot, view, int(t))
        changed, redrawn = layer.last_update
        px, py = layer._px, layer._py
        on = layer._within(px, py, QRectF(view.viewport().rect()), 9)
        flipped = np.flatnonzero(before != view.map.state.control)
        if len(redrawn) == on.sum():   # so many changed that the layer drew every dot again
            assert len(flipped) > 0.4 * on.sum()
            continue
        partial += 1
        assert set(changed) == set(flipped[on[flipped]])
        assert set(changed) <= set(redrawn)
        # every dot redrawn lies near a changed one (its fill square may touch)
        reach = 9
        for i in redrawn[:200]:
            d = np.maximum(abs(px[changed] - px[i]), abs(py[changed] - py[i]))
            assert d.min() <= reach
        assert len(redrawn) < on.sum()
        assert view.viewport().grab().toImage() == full_redraw(view), f"differs at {t}"
    assert partial >= 10


@pytest.mark.parametrize("size", [8, 9])
def test_dots_of_other_sizes_update_to_the_same_picture(qtbot, crowded, size):
    """Odd sizes are written with numpy into the layer's image (a dot is exactly its square
    there), even sizes by Qt (it rounds their edges differently from place to place): both
    give the picture of a full redraw."""
    view = shown_view(qtbot, crowded)
    layer = view.map.dot_layer
    view.map.set_symbol_scale(size / 7)
    written = []
    restamp = layer._restamp
    layer._restamp = lambda *args: (written.append(1), restamp(*args))
    times = np.linspace(crowded.start, crowded.end, 14)[1:-1].astype(int)
    for _ in range(2):
        step(qtbot, view, int(times[0]))
    for t in times[1:]:
        step(qtbot, view, int(t))
        assert view.viewport().grab().toImage() == full_redraw(view), f"differs at {t}"
    assert (len(written) > 5) == (size % 2 == 1)


def test_a_step_with_nothing_changed_redraws_no_dot(qtbot, crowded):
    view = shown_view(qtbot, crowded)
    t = crowded.start + 600
    for _ in range(3):   # drawn directly, then kept, then the same again
        step(qtbot, view, t)
    changed, redrawn = view.map.dot_layer.last_update
    assert len(changed) == len(redrawn) == 0


def test_dots_hide_by_kind_and_still_answer_hover_and_click(qtbot, crowded):
    view = shown_view(qtbot, crowded)
    scene, layer = view.map, view.map.dot_layer
    step(qtbot, view, crowded.start + 3000)
    step(qtbot, view, crowded.start + 3100)
    centre = QPointF(view.viewport().rect().center())
    i = layer.site_at(view.mapToScene(centre.toPoint()), 10_000)
    at = view.mapFromScene(QPointF(*scene.site_xy[i]))
    clicked = []
    scene.site_clicked.connect(clicked.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at))
    assert clicked == [i]
    assert layer.site_at(QPointF(*scene.site_xy[i]), 8) == i
    kind = crowded.sites[i].kind
    view.visible_kinds = {s.kind for s in crowded.sites} - {kind}
    view.refresh()
    step(qtbot, view, crowded.start + 3200)
    assert layer.site_at(QPointF(*scene.site_xy[i]), 0.5) != i
    assert view.viewport().grab().toImage() == full_redraw(view)


def test_dots_build_a_site_item_only_for_the_site_asked_about(qtbot, crowded):
    """Above DOTS_ABOVE the dot layer draws the sites: no item is built for the first
    frame; the selected site's item is built on demand and follows the state from then on."""
    view = shown_view(qtbot, crowded)
    scene = view.map
    bridges = set(scene.bridges)
    assert {item.index for item in scene.sites.built()} == bridges
    i = next(k for k in range(len(crowded.sites)) if k not in bridges)
    scene.select(i)
    view.viewport().update()
    step(qtbot, view, crowded.start + 10)   # the selection ring asks for the item
    pulsing = set(scene.pulsed)   # a step's few flips pulse: their items are built too
    assert {item.index for item in scene.sites.built()} == bridges | pulsing | {i}
    tl = scene.timeline
    for t in np.linspace(crowded.start, crowded.end, 7).astype(int).tolist():
        step(qtbot, view, t)
        truth = scene.scenario.controls[tl.control_ids[tl.state_at(t).control[i]]].colour
        assert scene.sites[i].fill.name() == QColor(truth).name()
    assert scene.sites[-1].index == len(crowded.sites) - 1   # indexed as a list is


def test_panels_are_laid_out_again_only_when_what_they_show_changes(qapp):
    from petrograd1917.viewer.panel_cache import Measure, PanelCache
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    laid_out = []

    def draw(painter, text: str, origin: QPointF, kinds: set) -> QRectF:
        if isinstance(painter, Measure):
            laid_out.append(text)
        return QRectF(origin.x(), origin.y(), 10 * len(text) + len(kinds), 20)

    image = QImage(200, 100, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    cache = PanelCache()
    kinds = {"a"}
    for text in ("one", "one", "two", "two"):
        cache.paint(painter, "panel", (text,), draw, text, QPointF(5, 5), kinds)
    assert laid_out == ["one", "two"]
    kinds.add("b")   # the same set, changed in place: laid out again
    rect = cache.paint(painter, "panel", ("two",), draw, "two", QPointF(5, 5), kinds)
    cache.paint(painter, "panel", ("two",), draw, "two", QPointF(6, 5), kinds)
    painter.end()
    assert laid_out == ["one", "two", "two", "two"] and rect.width() == 32


def test_the_dots_whose_fills_may_touch_are_found_as_by_comparing_every_pair():
    from petrograd1917.viewer.dots import touching_pairs

    rng = np.random.default_rng(5)
    x = np.round(rng.uniform(-12, 400, 1500)) + 0.5
    y = np.round(rng.uniform(-12, 300, 1500)) + 0.5
    for reach in (7, 8):
        i, j = touching_pairs(x, y, reach)
        near = (abs(x[:, None] - x) <= reach) & (abs(y[:, None] - y) <= reach)
        np.fill_diagonal(near, False)
        found = set(zip(i.tolist(), j.tolist(), strict=True))
        assert found == set(zip(*(k.tolist() for k in np.nonzero(near)), strict=True))
