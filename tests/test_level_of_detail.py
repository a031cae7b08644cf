"""Level of detail of the basemap (issue 16): the map at rest looks as it did with every
vertex, simplified lines stay within a fifth of a pixel, features far out become dots
rather than gaps, and the view culls no feature whose line reaches into it."""

from types import SimpleNamespace

import numpy as np
import pytest
import shapely
from petrograd1917.geodata.model import Feature, Layer
from petrograd1917.geodata.projection import LocalProjection
from petrograd1917.viewer.detail import DOT_PX, TOLERANCE_PX
from petrograd1917.viewer.label_index import BoxGrid
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

SIZE = (1920, 1080)
PAPER = QColor("#f1e9d6")


@pytest.fixture(scope="module")
def basemap(petrograd, qapp):
    from petrograd1917.viewer.mapscene import MapScene

    return MapScene(petrograd).basemap


def fit(scenario) -> tuple[QRectF, float]:
    """The scene rectangle and zoom (pixels per metre) of the whole city at SIZE."""
    x0, y0, x1, y1 = scenario.extent
    xs, ys = projection(scenario).forward([x0, x1], [y0, y1])
    rect = QRectF(float(xs[0]), -float(ys[1]), float(xs[1] - xs[0]), float(ys[1] - ys[0]))
    zoom = min(SIZE[0] / rect.width(), SIZE[1] / rect.height())
    return rect, zoom


def projection(scenario) -> LocalProjection:
    x0, y0, x1, y1 = scenario.extent
    return LocalProjection((x0 + x1) / 2, (y0 + y1) / 2)


def view_at(rect: QRectF, zoom: float, factor: float) -> tuple[QRectF, float]:
    """The view ``factor`` times closer than ``zoom`` around the centre of ``rect``."""
    z = zoom * factor
    w, h = SIZE[0] / z, SIZE[1] / z
    c = rect.center()
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h), z


def render(basemap, view: QRectF, zoom: float, detail: bool) -> np.ndarray:
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    image.fill(PAPER)
    painter = QPainter(image)
    painter.scale(zoom, zoom)
    painter.translate(-view.left(), -view.top())
    basemap.paint(painter, view, zoom, None, detail=detail)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint8).reshape(SIZE[1], SIZE[0], 4)[..., :3] \
        .astype(int)


def lines_of(path: QPainterPath) -> shapely.MultiLineString:
    rings, ring = [], []
    for k in range(path.elementCount()):
        e = path.elementAt(k)
        if e.type == QPainterPath.ElementType.MoveToElement and ring:
            rings.append(ring)
            ring = []
        ring.append((e.x, e.y))
    rings.append(ring)
    return shapely.MultiLineString([r if len(r) > 1 else r * 2 for r in rings])


@pytest.mark.parametrize("factor", [1 / 8, 1 / 2, 1, 2, 4, 8])
def test_simplified_lines_stay_within_a_fifth_of_a_pixel(petrograd, basemap, factor):
    _, zoom = view_at(*fit(petrograd), factor)
    for name, lod in basemap.detail.items():
        paths, _ = lod.at(zoom)
        for original, simple in zip(lod.paths, paths, strict=True):
            if simple is original:
                continue
            far = shapely.hausdorff_distance(lines_of(original), lines_of(simple))
            assert far * zoom <= TOLERANCE_PX + 1e-9, name


def test_the_water_is_simplified_at_the_whole_city_view(petrograd, basemap):
    _, zoom = fit(petrograd)
    lod = basemap.detail["water"]
    paths, dots = lod.at(zoom)
    before = sum(p.elementCount() for p in lod.paths)
    after = sum(p.elementCount() for p in paths)
    assert after < 0.5 * before
    assert not dots.any()   # nothing in the real city is smaller than half a pixel there


@pytest.mark.parametrize("factor", [1, 2, 4])
def test_the_map_at_rest_is_drawn_as_with_every_vertex(petrograd, basemap, factor):
    """Simplified paths move edges by at most a fifth of a pixel: antialiased edge pixels
    shift a little, nothing appears or disappears."""
    view, zoom = view_at(*fit(petrograd), factor)
    full = render(basemap, view, zoom, detail=False)
    lod = render(basemap, view, zoom, detail=True)
    diff = np.abs(full - lod).max(axis=2)
    assert diff.max() <= 48
    assert np.count_nonzero(diff > 16) < 0.001 * diff.size


def tiny_city(n: int, rng) -> SimpleNamespace:
    """Green polygons and streets a few metres across, scattered over a few kilometres."""
    x, y = rng.uniform(30.2, 30.4, n), rng.uniform(59.9, 60.0, n)
    d = rng.uniform(2e-5, 1e-4, n)
    green = [Feature({"type": "Polygon", "coordinates": [[
        [a, b], [a + e, b], [a + e, b + e], [a, b + e], [a, b]]]}, {"kind": "garden"})
        for a, b, e in zip(x, y, d, strict=True)]
    streets = [Feature({"type": "LineString", "coordinates": [[a, b], [a + e, b + e / 2]]},
                       {"rank": "main"}) for a, b, e in zip(x[::-1], y, d, strict=True)]
    return SimpleNamespace(basemap={"green": Layer("green", "", green),
                                    "streets": Layer("streets", "", streets)},
                           routes=[], extent=(30.2, 59.9, 30.4, 60.0))


def test_far_out_tiny_features_become_dots_not_gaps(qapp):
    from petrograd1917.viewer.basemap import Basemap

    city = tiny_city(3000, np.random.default_rng(16))
    basemap = Basemap(city, projection(city))
    rect, zoom = fit(city)
    view, zoom = view_at(rect, zoom, 1 / 4)
    assert basemap.detail["green"].dots(zoom).all()   # every one under DOT_PX
    full = render(basemap, view, zoom, detail=False)
    lod = render(basemap, view, zoom, detail=True)
    paper = np.array([PAPER.blue(), PAPER.green(), PAPER.red()])   # BGRA in memory
    inked = np.abs(full - paper).max(axis=2) > 40
    near = np.abs(lod - paper).max(axis=2) > 10
    grown = near.copy()   # anything inked with detail shows within a pixel of it
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            grown |= np.roll(np.roll(near, dy, axis=0), dx, axis=1)
    assert inked.sum() > 1000
    assert np.count_nonzero(inked & ~grown) == 0


def test_dots_are_for_features_under_half_a_pixel_only(qapp):
    from petrograd1917.viewer.basemap import Basemap

    city = tiny_city(500, np.random.default_rng(17))
    lod = Basemap(city, projection(city)).detail["green"]
    for zoom in (0.001, 0.01, 0.05, 0.2, 1.0):
        assert np.array_equal(lod.dots(zoom), lod.size * zoom < DOT_PX)


def test_culling_keeps_every_feature_whose_line_reaches_the_view(qapp):
    from petrograd1917.viewer.basemap import Basemap

    city = tiny_city(2000, np.random.default_rng(18))
    basemap = Basemap(city, projection(city))
    lod = basemap.detail["streets"]
    view = QRectF(-2000, -1500, 3000, 2500)
    margin = 25.0
    shown = lod.shown(view, margin)
    grown = view.adjusted(-margin, -margin, margin, margin)
    for f, s in zip(basemap.layers["streets"], shown, strict=True):
        b = f.bounds
        reaches = (b.left() <= grown.right() and b.right() >= grown.left()
                   and b.top() <= grown.bottom() and b.bottom() >= grown.top())
        assert bool(s) == reaches


def test_the_symbol_grid_finds_what_a_brute_force_test_finds():
    rng = np.random.default_rng(19)
    x, y = rng.uniform(-50, 1000, 400), rng.uniform(-50, 700, 400)
    r = rng.uniform(2, 40, 400)
    grid = BoxGrid(x, y, x + r, y + 0.7 * r)
    boxes = [QRectF(a, b, c, 0.7 * c) for a, b, c in zip(x, y, r, strict=True)]
    for _ in range(500):
        probe = QRectF(*rng.uniform(-60, 1000, 2), *rng.uniform(1, 120, 2))
        assert grid.hits(probe) == any(probe.intersects(b) for b in boxes)
    touching = QRectF(x[0] + r[0], y[0], 5, 5)   # sharing an edge is not an overlap
    assert grid.hits(touching) == any(touching.intersects(b) for b in boxes)


def pixels(pixmap) -> np.ndarray:
    image = pixmap.toImage()
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.width(), 4).astype(int).copy()


def shown_view(scenario, qtbot, size: tuple[int, int]):
    """A shown MapView of ``scenario``, settled and painted once."""
    from petrograd1917.viewer.mapscene import MapScene
    from petrograd1917.viewer.mapview import MapView

    view = MapView(MapScene(scenario))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view._settled()
    view.viewport().grab()
    return view


def settle(view) -> None:
    view._settled()
    view.viewport().grab()


@pytest.mark.parametrize("shift", [(40, 0), (-37, 23), (300, -200)])
def test_a_pan_redraws_only_the_uncovered_strips_and_looks_as_a_full_redraw(
        petrograd, qtbot, shift):
    """After a drag at the same zoom, the settle copies what is still in view and draws the
    strips the drag uncovered; the picture is the full redraw's (dashes included: they sit
    where the whole line puts them, not where the screen's edge cut it)."""
    from PySide6.QtCore import QPointF

    view = shown_view(petrograd, qtbot, (1200, 800))
    view.zoom_by(2.0)
    settle(view)
    exposed = []
    paint = view.map.basemap.paint
    view.map.basemap.paint = lambda p, rect, *a, **k: (exposed.append(rect), paint(p, rect, *a,
                                                                                 **k))[1]
    view.centerOn(view.visible_rect().center() + QPointF(*shift) / view.zoom)
    settle(view)
    strips = pixels(view._background.pixmap)
    area = sum(r.width() * r.height() for r in exposed) * view.zoom ** 2
    assert 0 < area <= (abs(shift[0]) * 800 + abs(shift[1]) * 1200) * 1.01
    view._background = None
    view.viewport().grab()
    full = pixels(view._background.pixmap)
    diff = np.abs(strips - full).max(axis=2)   # rounding in antialiased edges only
    assert diff.max() <= 16 and np.count_nonzero(diff > 4) < 1e-4 * diff.size


def test_a_pan_after_hiding_a_layer_draws_afresh(petrograd, qtbot):
    """The drawing shows the layers it was drawn with: a pan re-uses it only for the same."""
    from PySide6.QtCore import QPointF

    view = shown_view(petrograd, qtbot, (800, 600))
    view.visible_layers = view.visible_layers - {"water"}   # no refresh: the key tells
    view.centerOn(view.visible_rect().center() + QPointF(40, 0) / view.zoom)
    settle(view)
    panned = pixels(view._background.pixmap)
    view._background = None
    view.viewport().grab()
    assert np.array_equal(panned, pixels(view._background.pixmap))


def test_coming_back_to_a_zoom_drawn_before_costs_a_copy(petrograd, qtbot):
    """Zoom in and back out: the settle finds the drawing of that view among the last ones
    and draws nothing; the picture is the full redraw's."""
    view = shown_view(petrograd, qtbot, (800, 600))
    for factor in (2.0, 0.5):
        view.zoom_by(factor)
        settle(view)
    calls = []
    paint = view.map.basemap.paint
    view.map.basemap.paint = lambda *a, **k: (calls.append(1), paint(*a, **k))[1]
    view.zoom_by(2.0)   # back to the closer view, drawn two drawings ago
    settle(view)
    assert calls == []
    again = pixels(view._background.pixmap)
    view._background = None   # forgets every drawing: a full redraw
    view.viewport().grab()
    assert calls == [1]
    assert np.array_equal(again, pixels(view._background.pixmap))


def test_a_drawing_is_made_in_a_pixmap_the_view_let_go_and_looks_the_same(petrograd, qtbot):
    """A fresh 1920×1080 pixmap costs ≈ 2 000 page faults before the first pixel: each new
    drawing goes into the pixmap of one the view no longer keeps (never into one it keeps),
    the labels into the last label pixmap, and the picture is that of fresh pixmaps."""
    view = shown_view(petrograd, qtbot, (800, 600))
    first = view._background.pixmap
    for _ in range(4):   # the fourth zoom drops the first drawing (two are kept besides)
        view.zoom_by(2.0)
        settle(view)
        kept = [view._background.pixmap] + [d.pixmap for d in view._background.earlier]
        assert len({id(p) for p in kept}) == len(kept)
    assert view._background.pixmap is first
    labels = view._label_pixmap
    reused = pixels(view._background.pixmap), pixels(labels)
    view._background = None
    view._spare = view._label_canvas = None   # fresh pixmaps this time
    view._settled()
    view.viewport().grab()
    assert view._label_pixmap is not labels
    assert np.array_equal(reused[0], pixels(view._background.pixmap))
    assert np.array_equal(reused[1], pixels(view._label_pixmap))


@pytest.fixture(scope="module")
def small_synthetic(tmp_path_factory, qapp):
    from conftest import bench_scenario

    return bench_scenario(tmp_path_factory.mktemp("lines") / "s", sites=200, events=400,
                          routes=10, features=2000)


@pytest.mark.parametrize("factor", [1, 2, 8])
@pytest.mark.parametrize("which", ["petrograd", "small_synthetic"])
def test_lines_cut_to_the_view_look_as_whole_lines(request, qapp, which, factor, monkeypatch):
    """A line running out of the view is stroked only where it is near (its runs end out of
    sight): the picture is the one of whole lines, but for Qt's own clipping of far-reaching
    outlines (a level or two on a few antialiased pixels)."""
    from petrograd1917.viewer.detail import LayerDetail
    from petrograd1917.viewer.mapscene import MapScene

    scenario = request.getfixturevalue(which)
    basemap = MapScene(scenario).basemap
    view, zoom = view_at(*fit(scenario), factor)
    cut = render(basemap, view, zoom, detail=True)
    cuts = [len(lod.cut(np.flatnonzero(lod.shown(view)), view)) for lod in basemap.detail.values()]
    monkeypatch.setattr(LayerDetail, "cut", lambda self, which, area: {})
    whole = render(basemap, view, zoom, detail=True)
    diff = np.abs(cut - whole).max(axis=2)
    assert diff.max() <= 4 and np.count_nonzero(diff) < 1e-3 * diff.size
    assert factor == 1 or sum(cuts) > 0   # closer in, some lines do run out of the view


def test_a_drawing_put_back_is_never_drawn_over(petrograd, qtbot):
    """Dropping the drawings and putting them back (as a caller may) leaves no spare pixmap
    that is still shown."""
    view = shown_view(petrograd, qtbot, (800, 600))
    kept = view._background
    view._background = None
    assert view._spare is kept.pixmap
    view._background = kept
    assert view._spare is None
