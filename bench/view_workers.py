"""Workers that drive a shown 1920×1080 map view (each runs in its own process): scrubbing
time, moving the camera, a lecture glide, and the bare baseline of the scrub step."""

from __future__ import annotations

import os
import time

from figures import median

SIZE = (1920, 1080)
SETTLE_ZOOMS = (1.0, 2.0, 4.0, 8.0)   # × the fit view: the full redraw at each


def _qt():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from petrograd1917.viewer.app import qt_app

    return qt_app(headless=True)


def _until_painted(app, paints, before: int) -> None:
    for _ in range(10):          # until Qt has painted the viewport for this step
        app.processEvents()
        if paints.n > before:
            return


def _paint_counter():
    """An event filter that counts paint events (``.n``)."""
    from PySide6.QtCore import QEvent, QObject

    class Count(QObject):
        n = 0

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.n += 1
            return False

    return Count()


def _shown_view(path: str):
    """A 1920×1080 MapView of the scenario at ``path``, shown and painted once, with a
    counter of its viewport's paint events (``paints.n``)."""
    from petrograd1917.geodata.loader import load_scenario

    app = _qt()
    from petrograd1917.viewer.mapscene import MapScene
    from petrograd1917.viewer.mapview import MapView

    scenario = load_scenario(path)
    scene = MapScene(scenario)
    view = MapView(scene)
    view.resize(*SIZE)
    view.show()
    view.fit_extent(scenario.extent)
    for _ in range(3):
        app.processEvents()   # first paint: the background cache is filled here

    paints = _paint_counter()
    view.viewport().installEventFilter(paints)
    return app, scenario, scene, view, paints


def work_scrub(path: str, steps: str) -> dict:
    """Move a shown 1920×1080 MapView through the span as the window does.

    Each step is ``MapView.set_time(t)`` (state query + restyle, animate=True like the
    window's ``on_time``) followed by the event loop until the viewport has painted: Qt
    handles the scene's dirty items and paints the viewport once into the offscreen
    backing store (software raster, no flush to a real screen).
    """
    import numpy as np

    app, scenario, scene, view, paints = _shown_view(path)
    basemap_paints = 0
    paint = scene.basemap.paint

    def counting(*args, **kwargs):
        nonlocal basemap_paints
        basemap_paints += 1
        return paint(*args, **kwargs)

    scene.basemap.paint = counting
    n = int(steps)
    times = np.linspace(scenario.start, scenario.end, n + 2)[1:-1].astype(int)
    set_ms, paint_ms, changed, per_step, cpu, redrawn = [], [], [], [], [], []
    for t in times:
        before, painted = scene.state, paints.n
        c0, t0 = time.process_time(), time.perf_counter()
        view.set_time(int(t))
        t1 = time.perf_counter()
        _until_painted(app, paints, painted)
        t2 = time.perf_counter()
        cpu.append((time.process_time() - c0) * 1000)
        if scene.dot_layer is not None and scene.dot_layer.last_update is not None:
            redrawn.append(len(scene.dot_layer.last_update[1]))
        per_step.append(paints.n - painted)
        set_ms.append((t1 - t0) * 1000)
        paint_ms.append((t2 - t1) * 1000)
        changed.append(int(np.count_nonzero((before.control != scene.state.control)
                                            | (before.pending != scene.state.pending)
                                            | (before.event != scene.state.event))))
    rng = np.random.default_rng(7)
    query = []
    for t in rng.integers(scenario.start, scenario.end, 200):
        t0 = time.perf_counter()
        scene.timeline.state_at(int(t))
        query.append((time.perf_counter() - t0) * 1000)
    total = [a + b for a, b in zip(set_ms, paint_ms, strict=True)]
    return {"total": median(total), "cpu": median(cpu), "set_time": median(set_ms),
            "paint": median(paint_ms),
            "changed": median(changed), "basemap_paints": basemap_paints,
            "paints_per_step": median(per_step), "state_query": median(query),
            "dots_redrawn": median(redrawn) if redrawn else None,
            "sites": len(scenario.sites),
            "viewport": [view.viewport().width(), view.viewport().height()]}



def work_camera(path: str, steps: str) -> dict:
    """Move the camera of a shown 1920×1080 MapView as a glide or a drag does: each step
    zooms by a few per cent or pans by 40 px, then the event loop runs until the viewport
    has painted (the last basemap and labels stretched, sites and panels drawn afresh).
    Every fourth step the camera then stops: the full redraw for the new view is timed too
    (the last drawing dropped first), and then a 40 px pan at that zoom and its settle, which
    re-uses the part of the drawing still in view (viewer.background).
    """
    from PySide6.QtCore import QPointF

    app, scenario, scene, view, paints = _shown_view(path)
    view.zoom_by(2.0)
    view._settled()
    _until_painted(app, paints, paints.n)
    moving, settle, settle_cpu, pan, pan_cpu = [], [], [], [], []
    for k in range(int(steps)):
        painted = paints.n
        t0 = time.perf_counter()
        if k % 2:   # in by 4 %, then out: the zoom comes back, the view has moved on
            view.zoom_by(1.04 if k % 4 == 1 else 1 / 1.04)
        else:       # 40 px right, then down (left and up every other 20 steps)
            sign = 1 if (k // 20) % 2 == 0 else -1
            shift = QPointF(40, 0) if k % 4 == 0 else QPointF(0, 40)
            view.centerOn(view.visible_rect().center() + shift * (sign / view.zoom))
        _until_painted(app, paints, painted)
        moving.append((time.perf_counter() - t0) * 1000)
        if k % 4 == 3:
            painted = paints.n
            t0, c0 = time.perf_counter(), time.process_time()
            view._background = None   # a full redraw, whatever the last drawing was
            view._settled()   # what the settle timer calls once the camera is still
            _until_painted(app, paints, painted)
            settle.append((time.perf_counter() - t0) * 1000)
            settle_cpu.append((time.process_time() - c0) * 1000)
            view.centerOn(view.visible_rect().center() + QPointF(0, 40) / view.zoom)
            _until_painted(app, paints, paints.n)
            painted = paints.n
            t0, c0 = time.perf_counter(), time.process_time()
            view._settled()   # after a pan: the strip it uncovered, and the labels
            _until_painted(app, paints, painted)
            pan.append((time.perf_counter() - t0) * 1000)
            pan_cpu.append((time.process_time() - c0) * 1000)
    by_zoom: list[list[float]] = [[] for _ in SETTLE_ZOOMS]
    zoom_cpu: list[list[float]] = [[] for _ in SETTLE_ZOOMS]
    for _ in range(2):   # the full redraw after a zoom, from the fit view to 8×
        for times, cpu, factor in zip(by_zoom, zoom_cpu, SETTLE_ZOOMS, strict=True):
            view.fit_extent(scenario.extent)
            view.zoom_by(factor)
            painted = paints.n
            t0, c0 = time.perf_counter(), time.process_time()
            view._background = None
            view._settled()
            _until_painted(app, paints, painted)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    by_zoom = [median(times) for times in by_zoom]
    return {"step": median(moving), "settle": median(settle), "by_zoom": by_zoom,
            "by_zoom_cpu": [median(cpu) for cpu in zoom_cpu],
            "settle_cpu": median(settle_cpu), "pan": median(pan), "pan_cpu": median(pan_cpu),
            "labels": len(view.label_texts())}


def work_bare_points(n_points: str, steps: str) -> dict:
    """Baseline of the scrub step: a bare QGraphicsView at 1920×1080 with one item painting
    ``n_points`` square dots in four colours (``drawPoints``, as the sites' dot layer does),
    recoloured each step, then the event loop until the viewport has painted (ms)."""
    import numpy as np
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView

    app = _qt()
    n = int(n_points)
    rng = np.random.default_rng(16)
    xy = np.column_stack([rng.uniform(0, SIZE[0], n), rng.uniform(0, SIZE[1], n)])
    colours = [QColor(c) for c in ("#b22222", "#2f5d8a", "#8a8a8a", "#d98c1f")]
    states = []
    for _ in range(2):   # two colourings, prepared beforehand: a step only swaps them
        control = rng.integers(0, len(colours), n)
        states.append([QPolygonF([QPointF(x, y) for x, y in xy[control == c]])
                       for c in range(len(colours))])
    outline = QPolygonF([QPointF(x, y) for x, y in xy])

    class Dots(QGraphicsItem):
        state = 0

        def boundingRect(self) -> QRectF:
            return QRectF(0, 0, *SIZE)

        def paint(self, painter, option, widget=None) -> None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(QColor("#222222"), 9, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.SquareCap))
            painter.drawPoints(outline)
            for colour, points in zip(colours, states[self.state], strict=True):
                painter.setPen(QPen(colour, 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap))
                painter.drawPoints(points)

    scene = QGraphicsScene(0, 0, *SIZE)
    dots = Dots()
    scene.addItem(dots)
    view = QGraphicsView(scene)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.resize(*SIZE)
    view.show()
    for _ in range(3):
        app.processEvents()
    paints = _paint_counter()
    view.viewport().installEventFilter(paints)
    times, cpu = [], []
    for k in range(int(steps)):
        painted = paints.n
        c0, t0 = time.process_time(), time.perf_counter()
        dots.state = k % 2
        dots.update()
        _until_painted(app, paints, painted)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {"total": median(times), "cpu": median(cpu)}


def work_glide(path: str, seconds: str) -> dict:
    """A lecture glide of ``seconds`` on a shown 1920×1080 view, from the whole city to the
    closest chapter's view: the frames actually painted (paint events, not timer ticks) per
    second of the glide, and whether the glide was cut short because frames were not shown.
    Uses the presentation's glide when it has one (viewer.presenter.Glide), else the view's."""
    app, scenario, scene, view, paints = _shown_view(path)
    x0, y0, x1, y1 = scenario.extent   # the closest chapter view, else the middle ninth
    extent = min((c.extent for c in scenario.chapters),
                 key=lambda e: (e[2] - e[0]) * (e[3] - e[1]),
                 default=(x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3,
                          x1 - (x1 - x0) / 3, y1 - (y1 - y0) / 3))
    ticks = [0]
    try:
        from petrograd1917.viewer.presenter import Glide
    except ImportError:
        Glide = None
    duration = float(seconds)
    frame_ms: list[float] = []
    paint_event = view.paintEvent

    def timed(event) -> None:   # what one frame costs to paint, whatever the load
        c0 = time.process_time()
        paint_event(event)
        frame_ms.append((time.process_time() - c0) * 1000)

    view.paintEvent = timed
    painted = paints.n
    t0 = time.perf_counter()
    if Glide is not None:
        glide = Glide(view)
        glide.anim.valueChanged.connect(lambda _: ticks.__setitem__(0, ticks[0] + 1))
        glide.start(view.map.rect_of(extent), duration)
        running = lambda: glide.running  # noqa: E731
    else:
        glide = None
        view.glide_to(extent, duration)
        anim = view._glide
        anim.valueChanged.connect(lambda _: ticks.__setitem__(0, ticks[0] + 1))
        running = lambda: view._glide is not None and view._glide.state() == anim.State.Running  # noqa: E731,E501
    while running() and time.perf_counter() - t0 < 60:   # hang guard
        app.processEvents()
    elapsed = time.perf_counter() - t0
    _until_painted(app, paints, paints.n)
    frames = paints.n - painted
    skipped = bool(glide is not None and getattr(glide, "skipped", 0))
    return {"fps": frames / max(elapsed, duration), "frames": frames, "ticks": ticks[0],
            "frame_cpu": median(frame_ms) if frame_ms else 0.0,
            "seconds": elapsed, "skipped": skipped,
            "which": "presenter.Glide" if glide is not None else "MapView.glide_to"}
