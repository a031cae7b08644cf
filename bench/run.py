"""Benchmarks of the costs users feel (issue 7); see docs/performance.md.

``.venv/bin/python bench/run.py`` prints one line per figure,
``name: value unit (ratio to its baseline)``, each the median of repeated runs, and MISSED
where a target is missed. ``--quick`` runs every figure once on a small synthetic scenario
(a smoke run for CI). Every measurement runs in a fresh subprocess of the same Python
(``bench/run.py --worker KIND ...``), on Qt's offscreen platform, so runs do not share
caches, imports or Qt state.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GROUPS = ("start", "scrub", "camera", "load", "html", "chromium", "video", "basemap")
FORBIDDEN = ("geopandas", "pandas", "folium", "offlinefolium", "branca", "pyogrio", "pyproj",
             "imageio", "selenium")
SCRUB_SIZE = (1920, 1080)
FRAME_MS = 1000 / 60
VIDEO_SIZE = (1920, 1080)          # issue 16: real-time video at 1080p
SYNTHETIC_VIDEO_SIZE = (1280, 720)   # the synthetic frame rate keeps its first size

BARE_QT = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView
app = QApplication(sys.argv[:1])
view = QGraphicsView(QGraphicsScene())
view.resize(1400, 900)
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print(f"first-paint {time.time():.6f}", flush=True)
        app.quit()
hook = FirstPaint(app)
view.viewport().installEventFilter(hook)
view.show()
app.exec()
"""
# References for the start figure: the bare window after ``import numpy`` (which the state
# rule needs), and the Qt widgets of the app's window (menus, time bar, docks, status bar,
# text) with a bare view and no app code at all.
BARE_QT_NUMPY = "import numpy\n" + BARE_QT
SHELL_QT = BARE_QT.replace("view.resize(1400, 900)\n", """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDockWidget, QHBoxLayout, QLabel,
    QLineEdit, QListView, QMainWindow, QSlider, QTextBrowser, QToolButton, QTreeWidget,
    QTreeWidgetItem, QWidget)
window = QMainWindow()
window.resize(1400, 900)
window.setCentralWidget(view)
scene = QGraphicsScene()
scene.addText("Winter Palace")
view.setScene(scene)
for title in ("&File", "&View", "&Help"):
    menu = window.menuBar().addMenu(title)
    for k in range(8):
        menu.addAction(f"Action {k}").setShortcut(f"Ctrl+{k}")
bar = QWidget()
row = QHBoxLayout(bar)
for w in (QToolButton(), QToolButton(), QToolButton(), QSlider(Qt.Orientation.Horizontal),
          QLabel("25 October 1917 (7 November N.S.)"), QComboBox(), QCheckBox("Loop")):
    row.addWidget(w)
window.addToolBar("Time").addWidget(bar)
layers = QTreeWidget()
for group in ("Basemap", "Sites"):
    parent = QTreeWidgetItem(layers, [group])
    for k in range(8):
        QTreeWidgetItem(parent, [f"layer {k}"]).setCheckState(0, Qt.CheckState.Checked)
for title, widget, area in (("Layers", layers, Qt.DockWidgetArea.LeftDockWidgetArea),
                            ("Events", QListView(), Qt.DockWidgetArea.RightDockWidgetArea),
                            ("Site", QTextBrowser(), Qt.DockWidgetArea.RightDockWidgetArea)):
    dock = QDockWidget(title, window)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
window.statusBar().addPermanentWidget(QLineEdit())
""").replace("view.show()", "window.show()")
SHELL_QT_NUMPY = "import numpy\n" + SHELL_QT


# -- figures ------------------------------------------------------------------------------

@dataclass
class Figure:
    """One output line: value, unit, and its baseline (a target or another figure)."""

    name: str
    value: float | None
    unit: str
    note: str = ""            # the parenthesised ratio / baseline text
    missed: bool = False

    def line(self) -> str:
        if self.value is None:
            return f"{self.name}: skipped ({self.note})"
        digits = 3 if abs(self.value) < 1 else 2 if abs(self.value) < 10 else 1
        if self.value == int(self.value) and self.unit == "modules":
            digits = 0
        text = f"{self.name}: {self.value:.{digits}f} {self.unit} ({self.note})"
        return text + (" MISSED" if self.missed else "")


def at_most(name: str, value: float, unit: str, target: float, extra: str = "") -> Figure:
    """A figure whose target is an upper bound."""
    note = f"{value / target:.2f}× target ≤ {target:g} {unit}" + (f"; {extra}" if extra else "")
    return Figure(name, value, unit, note, value > target)


def at_least(name: str, value: float, unit: str, target: float, extra: str = "") -> Figure:
    """A figure whose target is a lower bound (frames per second)."""
    note = f"{value / target:.2f}× target ≥ {target:g} {unit}" + (f"; {extra}" if extra else "")
    return Figure(name, value, unit, note, value < target)


def median(values: list[float]) -> float:
    return float(statistics.median(values))


# -- subprocess helpers -----------------------------------------------------------------------

def child_env(config: Path) -> dict[str, str]:
    """Environment of every child: offscreen Qt, a throw-away settings folder."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(config)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PETROGRAD1917_EXIT_AFTER_PAINT", None)
    return env


def worker(kind: str, args: list[str], env: dict[str, str], timeout: float = 600) -> dict:
    """Run ``run.py --worker kind args`` and return the JSON it prints last."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"worker {kind} failed ({proc.returncode}): " + " | ".join(tail))
    return json.loads(lines[-1])


def first_paint_ms(cmd: list[str], env: dict[str, str]) -> float:
    """Milliseconds from process start to the child's ``first-paint`` stamp."""
    t0 = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    match = re.search(r"first-paint ([0-9.]+)", proc.stdout)
    if proc.returncode != 0 or not match:
        raise RuntimeError(f"no first paint from {cmd[-1][:40]!r}…: "
                           f"{proc.stderr.strip()[-300:]}")
    return (float(match.group(1)) - t0) * 1000


def import_report(stderr: str) -> tuple[list[str], list[tuple[str, float]]]:
    """Forbidden top-level packages imported, and the heaviest packages by self time (ms)."""
    selftime: Counter[str] = Counter()
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            selftime[m.group(2).split(".")[0]] += int(m.group(1)) / 1000
    forbidden = [name for name in FORBIDDEN if name in selftime]
    heavy = [(k, v) for k, v in selftime.most_common(6) if v >= 5]
    return forbidden, heavy


# -- the measurements (run from the main process) ------------------------------------------------

def measure_start(reps: int, env: dict[str, str]) -> list[Figure]:
    app_env = dict(env, PETROGRAD1917_EXIT_AFTER_PAINT="1")
    bare, app, numpy, shell, floor = [], [], [], [], []
    for _ in range(reps):   # interleaved, so all see the same machine load
        bare.append(first_paint_ms([sys.executable, "-c", BARE_QT], env))
        app.append(first_paint_ms([sys.executable, "-m", "petrograd1917.viewer"], app_env))
        numpy.append(first_paint_ms([sys.executable, "-c", BARE_QT_NUMPY], env))
        shell.append(first_paint_ms([sys.executable, "-c", SHELL_QT], env))
        floor.append(first_paint_ms([sys.executable, "-c", SHELL_QT_NUMPY], env))
    b, a, n, w, f = median(bare), median(app), median(numpy), median(shell), median(floor)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "petrograd1917.viewer"],
                          capture_output=True, text=True, env=app_env, cwd=ROOT, timeout=120)
    forbidden, heavy = import_report(proc.stderr)
    heavy_text = ", ".join(f"{k} {v:.0f} ms" for k, v in heavy)
    return [
        Figure("start_bare_qt", b, "ms", "baseline: bare QApplication + QGraphicsView, "
               "process start to first paint"),
        Figure("start_app", a, "ms", f"{a / b:.2f}× start_bare_qt; target ≤ 1.5×",
               a > 1.5 * b),
        Figure("start_bare_qt_numpy", n, "ms", f"{n / b:.2f}× start_bare_qt; reference: "
               "the bare window after import numpy"),
        Figure("start_window_shell", w, "ms", f"{w / b:.2f}× start_bare_qt; reference: "
               "the Qt widgets of the app's window with no app code"),
        Figure("start_window_shell_numpy", f, "ms", f"{f / b:.2f}× start_bare_qt; reference: "
               "the same after import numpy, the floor of this design"),
        Figure("start_forbidden_imports", len(forbidden), "modules",
               ("imported: " + ", ".join(forbidden) if forbidden else
                "none of " + "/".join(FORBIDDEN[:4])) + f"; heaviest self time: {heavy_text}",
               bool(forbidden)),
    ]


def measure_scrub(default: Path, synthetic: Path, steps: int, env: dict[str, str]
                  ) -> list[Figure]:
    out = []
    for label, path, target in (("default", default, 5.0), ("synthetic", synthetic, 16.0)):
        r = worker("scrub", [str(path), str(steps)], env)
        w, h = r["viewport"]
        extra = (f"set_time {r['set_time']:.1f} + event loop paint {r['paint']:.1f} ms, "
                 f"{w}×{h}, {r['paints_per_step']:g} paint/step; "
                 f"{r['basemap_paints']} basemap redraws in {steps} steps; "
                 f"{r['changed']:.0f} sites restyled per step")
        out.append(at_most(f"scrub_{label}", r["total"], "ms", target, extra))
        if label == "synthetic":
            out.append(at_most("state_query_synthetic", r["state_query"], "ms", 1.0,
                               f"Timeline.state_at over {r['sites']} sites"))
    return out


def measure_camera(default: Path, synthetic: Path, steps: int, env: dict[str, str]
                   ) -> list[Figure]:
    """Pan and zoom: no target in issue 7; compared with one 60 Hz display frame."""
    out = []
    for label, path in (("default", default), ("synthetic", synthetic)):
        r = worker("camera", [str(path), str(steps)], env)
        out.append(Figure(f"camera_{label}", r["step"], "ms",
                          f"{r['step'] / FRAME_MS:.2f}× one 60 Hz frame; pan 40 px or zoom 4 % "
                          "while moving, 1920×1080"))
        out.append(Figure(f"camera_settle_{label}", r["settle"], "ms",
                          f"{r['settle'] / FRAME_MS:.2f}× one 60 Hz frame; full redraw of "
                          f"basemap and {r['labels']} labels once the camera is still"))
    return out


def measure_load(default: Path, synthetic: Path, reps: int, env: dict[str, str]
                 ) -> list[Figure]:
    d = median([worker("load", [str(default)], env)["seconds"] for _ in range(reps)])
    s = median([worker("load", [str(synthetic)], env)["seconds"] for _ in range(reps)])
    return [Figure("load_default", d * 1000, "ms", "no target; fresh process each run"),
            at_most("load_synthetic", s, "s", 2.0, "fresh process each run")]


def measure_html(default: Path, synthetic: Path, reps: int, work: Path, env: dict[str, str]
                 ) -> tuple[list[Figure], Path | None]:
    """Export time in a fresh process (the folium import included, as for the CLI)."""
    out = []
    page = None
    for label, path in (("default", default), ("synthetic", synthetic)):
        html = work / f"export_{label}.html"
        exports = 2 if label == "default" else 1   # the synthetic export is slow
        try:
            runs = [worker("html", [str(path), str(html), str(exports)], env)
                    for _ in range(reps if label == "default" else max(1, reps - 1))]
        except RuntimeError as error:
            out += [Figure(f"html_export_{label}", None, "", f"export failed: {error}"),
                    Figure(f"html_size_{label}", None, "", "no export")]
            continue
        cold = median([r["first"] for r in runs])
        if label == "default":
            warm = median([r["warm"] for r in runs])
            out.append(at_most("html_export_default", cold, "s", 1.0,
                               f"fresh process, folium import included; a second export in "
                               f"the same process {warm * 1000:.0f} ms"))
        else:
            out.append(Figure("html_export_synthetic", cold, "s",
                              "no target; fresh process, folium import included"))
            page = html
        out.append(Figure(f"html_size_{label}", runs[-1]["bytes"] / 1e6, "MB", "no target"))
    return out, page


def measure_chromium(page: Path | None, reps: int, env: dict[str, str]) -> Figure:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if page is None:
        return Figure("chromium_synthetic", None, "", "no synthetic HTML export")
    if not (chromium and driver):
        return Figure("chromium_synthetic", None, "", "chromium or chromedriver not found")
    try:
        r = worker("chromium", [str(page), chromium, driver, str(reps)], env)
    except RuntimeError as error:
        return Figure("chromium_synthetic", None, "", str(error))
    return at_most("chromium_synthetic", r["total"], "s", 3.0,
                   f"load to ready {r['load']:.2f} s + slider move {r['slider'] * 1000:.0f} ms; "
                   f"all changes replayed to the end and back {r['sweep']:.0f} ms; "
                   "headless, browser start not counted")


def measure_video(default: Path, synthetic: Path, frames: int, work: Path,
                  env: dict[str, str]) -> list[Figure]:
    out = []
    size = f"{VIDEO_SIZE[0]}×{VIDEO_SIZE[1]}"
    r = worker("video", [str(default), str(work / "bench.mp4"), str(frames)], env)
    if r["export_fps"] is not None:
        # The in-run baseline: painting and encoding one after the other, from the two
        # rates measured alone in this run (1 / (1/paint + 1/encode)).
        serial = 1 / (1 / r["frames_fps"] + 1 / r["encode_fps"])
        out.append(at_least("video_fps", r["export_fps"], "frames/s", 25.0,
                            f"{r['export_fps'] / serial:.2f}× serial baseline "
                            f"{serial:.1f}/s (frames alone {r['frames_fps']:.1f}/s, ffmpeg "
                            f"alone {r['encode_fps']:.1f}/s); viewer.video.export_video to "
                            f"MP4, default scenario, {size}, {frames} frames, encoding "
                            "included"))
    else:
        out.append(at_least("video_fps", r["render_fps"], "frames/s", 25.0,
                            f"viewer/video.py not usable ({r['why']}): render_image rate of a "
                            f"{size} map_view stepping time, default scenario, no encoding"))
    r = worker("video", [str(synthetic), str(work / "bench.mp4"), str(max(2, frames // 6)),
                         "x".join(map(str, SYNTHETIC_VIDEO_SIZE))], env)
    fps, what = ((r["frames_fps"], "viewer.video.frames") if r["frames_fps"] is not None
                 else (r["render_fps"], "render_image"))
    out.append(at_least("video_render_fps_synthetic", fps, "frames/s", 25.0,
                        f"{what} rate, synthetic scenario, "
                        f"{SYNTHETIC_VIDEO_SIZE[0]}×{SYNTHETIC_VIDEO_SIZE[1]}, no encoding"))
    return out


def measure_basemap(default: Path, synthetic: Path, reps: int, env: dict[str, str]
                    ) -> list[Figure]:
    out = []
    for label, path in (("default", default), ("synthetic", synthetic)):
        runs = [worker("basemap", [str(path)], env) for _ in range(reps)]
        r = {k: median([run[k] for run in runs]) for k in runs[0]}
        extra = (f"read {r['read']:.0f} + paths {r['build']:.0f} + draw {r['draw']:.0f} ms "
                 "at 1920×1080")
        if label == "default":
            out.append(at_most("basemap_default", r["total"], "ms", 200.0, extra))
        else:
            out.append(Figure("basemap_synthetic", r["total"], "ms", f"no target; {extra}"))
    return out


# -- workers (each runs in its own process) ---------------------------------------------------

def _qt():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from petrograd1917.viewer.app import qt_app

    return qt_app(headless=True)


def work_load(path: str) -> dict:
    from petrograd1917.geodata.loader import load_scenario

    t0 = time.perf_counter()
    load_scenario(path)
    return {"seconds": time.perf_counter() - t0}


def _shown_view(path: str):
    """A 1920×1080 MapView of the scenario at ``path``, shown and painted once, with a
    counter of its viewport's paint events (``paints.n``)."""
    from petrograd1917.geodata.loader import load_scenario
    from PySide6.QtCore import QEvent, QObject

    app = _qt()
    from petrograd1917.viewer.mapscene import MapScene
    from petrograd1917.viewer.mapview import MapView

    scenario = load_scenario(path)
    scene = MapScene(scenario)
    view = MapView(scene)
    view.resize(*SCRUB_SIZE)
    view.show()
    view.fit_extent(scenario.extent)
    for _ in range(3):
        app.processEvents()   # first paint: the background cache is filled here

    class Count(QObject):
        n = 0

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.n += 1
            return False

    paints = Count()
    view.viewport().installEventFilter(paints)
    return app, scenario, scene, view, paints


def _until_painted(app, paints, before: int) -> None:
    for _ in range(10):          # until Qt has painted the viewport for this step
        app.processEvents()
        if paints.n > before:
            return


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
    set_ms, paint_ms, changed, per_step = [], [], [], []
    for t in times:
        before, painted = scene.state, paints.n
        t0 = time.perf_counter()
        view.set_time(int(t))
        t1 = time.perf_counter()
        _until_painted(app, paints, painted)
        t2 = time.perf_counter()
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
    return {"total": median(total), "set_time": median(set_ms), "paint": median(paint_ms),
            "changed": median(changed), "basemap_paints": basemap_paints,
            "paints_per_step": median(per_step), "state_query": median(query),
            "sites": len(scenario.sites),
            "viewport": [view.viewport().width(), view.viewport().height()]}


def work_camera(path: str, steps: str) -> dict:
    """Move the camera of a shown 1920×1080 MapView as a glide or a drag does: each step
    zooms by a few per cent or pans by 40 px, then the event loop runs until the viewport
    has painted (the last basemap and labels stretched, sites and panels drawn afresh).
    Every fourth step the camera then stops: the full redraw for the new view is timed too.
    """
    from PySide6.QtCore import QPointF

    app, scenario, scene, view, paints = _shown_view(path)
    view.zoom_by(2.0)
    view._settled()
    _until_painted(app, paints, paints.n)
    moving, settle = [], []
    for k in range(int(steps)):
        painted = paints.n
        t0 = time.perf_counter()
        if k % 2:
            view.zoom_by(1.04 if k % 4 == 1 else 1 / 1.04)
        else:
            centre = view.visible_rect().center()
            view.centerOn(centre + QPointF((40 if k % 4 else -40) / view.zoom, 0))
        _until_painted(app, paints, painted)
        moving.append((time.perf_counter() - t0) * 1000)
        if k % 4 == 3:
            painted = paints.n
            t0 = time.perf_counter()
            view._settled()   # what the settle timer calls once the camera is still
            _until_painted(app, paints, painted)
            settle.append((time.perf_counter() - t0) * 1000)
    return {"step": median(moving), "settle": median(settle),
            "labels": len(view.label_texts())}

def work_html(path: str, out: str, exports: str) -> dict:
    """Time ``export_html`` once cold (first in this process) and, optionally, again."""
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.geodata.webmap import export_html

    scenario = load_scenario(path)
    runs = []
    for _ in range(int(exports)):
        t0 = time.perf_counter()
        export_html(scenario, out)
        runs.append(time.perf_counter() - t0)
    return {"first": runs[0], "warm": runs[-1], "bytes": Path(out).stat().st_size}


def work_chromium(page: str, chromium: str, driver_path: str, reps: str) -> dict:
    """Load the page in headless Chromium until its JS API is ready, then move the slider."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="p17-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--window-size=1920,1080", f"--user-data-dir={profile}",
                "--host-resolver-rules=MAP * ~NOTFOUND"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    wait_frame = ("var done = arguments[arguments.length - 1];"
                  "requestAnimationFrame(function () { requestAnimationFrame(function () {"
                  "done(true); }); });")
    move = ("var done = arguments[arguments.length - 1];"
            "window.petrograd.setTime(arguments[0]);"
            "requestAnimationFrame(function () { requestAnimationFrame(function () {"
            "done(true); }); });")
    try:
        driver.set_page_load_timeout(120)
        driver.set_script_timeout(60)
        loads, slides, sweeps = [], [], []
        url = Path(page).resolve().as_uri()
        for _ in range(int(reps)):
            driver.get("about:blank")
            t0 = time.perf_counter()
            driver.get(url)
            while not driver.execute_script(
                    "return !!(window.petrograd && window.petrograd.ready)"):
                if time.perf_counter() - t0 > 120:
                    raise RuntimeError("the page never became ready")
                time.sleep(0.01)
            driver.execute_async_script(wait_frame)   # first frame painted
            t1 = time.perf_counter()
            span = driver.execute_script("return window.petrograd.end")
            driver.execute_async_script(move, int(span) // 2)
            t2 = time.perf_counter()
            loads.append(t1 - t0)
            slides.append(t2 - t1)
            sweeps.append(driver.execute_script(   # replay every change forwards and back
                "var t = performance.now(); petrograd.setTime(petrograd.end);"
                " petrograd.setTime(0); return performance.now() - t;"))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    total = [a + b for a, b in zip(loads, slides, strict=True)]
    return {"total": median(total), "load": median(loads), "slider": median(slides),
            "sweep": median(sweeps)}


def _encode_fps(scenario, spec, out: str) -> float:
    """ffmpeg alone: the same frames, painted beforehand, through the same pipe."""
    from pathlib import Path as _Path

    from petrograd1917.viewer.encoders import Mp4Pipe
    from petrograd1917.viewer.video import _bgra, _frames

    painted = [_bgra(image).tobytes() for image in _frames(scenario, spec)]
    t0 = time.perf_counter()
    pipe = Mp4Pipe(_Path(out), spec.size, spec.fps)
    for frame in painted:
        pipe.write(frame)
    pipe.close()
    return len(painted) / (time.perf_counter() - t0)


def work_video(path: str, out: str, frames: str, size: str = "1920x1080") -> dict:
    """Frame rates at ``size``: viewer.video's export and frames, else render_image."""
    import numpy as np
    from petrograd1917.geodata.loader import load_scenario

    _qt()
    video_size = tuple(int(v) for v in size.split("x"))
    scenario = load_scenario(path)
    n = int(frames)
    result: dict = {"export_fps": None, "frames_fps": None, "render_fps": None, "why": ""}
    try:
        from petrograd1917.viewer.video import VideoSpec, export_video
        from petrograd1917.viewer.video import frames as video_frames
    except ImportError as error:
        result["why"] = str(error)
    else:
        spec = VideoSpec(scenario.start, scenario.end, 30, video_size, n / 30)
        stamps = [time.perf_counter() for _ in video_frames(scenario, spec)]
        # from the first frame on: building the view (before it) is not a per-frame cost
        result["frames_fps"] = ((len(stamps) - 1) / (stamps[-1] - stamps[0])
                                if len(stamps) > 1 else None)
        if Path(path).resolve() == _default_path().resolve():
            t0 = time.perf_counter()
            count = export_video(scenario, out, spec)
            result["export_fps"] = count / (time.perf_counter() - t0)
            result["encode_fps"] = _encode_fps(scenario, spec, out)
        return result
    from petrograd1917.viewer.render import map_view, render_image

    widget = map_view(scenario, scenario.start, video_size)
    render_image(widget)   # warm-up
    times = np.linspace(scenario.start, scenario.end, n).astype(int)
    t0 = time.perf_counter()
    for t in times:
        widget.set_time(int(t))
        render_image(widget)
    result["render_fps"] = n / (time.perf_counter() - t0)
    return result


def _default_path() -> Path:
    from petrograd1917.geodata.loader import default_scenario_path

    return default_scenario_path()


def work_basemap(path: str) -> dict:
    """Read the basemap layers, build their paths, draw them once at 1920×1080 (ms)."""
    import tomllib
    from types import SimpleNamespace

    _qt()
    from petrograd1917.geodata.loader import load_basemap
    from petrograd1917.geodata.projection import LocalProjection
    from petrograd1917.viewer.basemap import Basemap
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    root = Path(path)
    meta = tomllib.loads((root / "scenario.toml").read_text("utf-8"))
    x0, y0, x1, y1 = meta["extent"]
    image = QImage(*SCRUB_SIZE, QImage.Format.Format_RGB32)
    t0 = time.perf_counter()
    layers = load_basemap(root)
    t1 = time.perf_counter()
    proj = LocalProjection((x0 + x1) / 2, (y0 + y1) / 2)
    basemap = Basemap(SimpleNamespace(basemap=layers, routes=[]), proj)
    t2 = time.perf_counter()
    xs, ys = proj.forward([x0, x1], [y0, y1])
    w, h = float(xs[1] - xs[0]), float(ys[1] - ys[0])
    zoom = min(SCRUB_SIZE[0] / w, SCRUB_SIZE[1] / h)
    cx, cy = float(xs[0] + xs[1]) / 2, -float(ys[0] + ys[1]) / 2
    exposed = QRectF(cx - SCRUB_SIZE[0] / zoom / 2, cy - SCRUB_SIZE[1] / zoom / 2,
                     SCRUB_SIZE[0] / zoom, SCRUB_SIZE[1] / zoom)
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor("#f1e9d6"))
    painter.translate(SCRUB_SIZE[0] / 2, SCRUB_SIZE[1] / 2)
    painter.scale(zoom, zoom)
    painter.translate(-cx, -cy)
    basemap.paint(painter, exposed, zoom)
    painter.end()
    t3 = time.perf_counter()
    ms = 1000
    return {"total": (t3 - t0) * ms, "read": (t1 - t0) * ms, "build": (t2 - t1) * ms,
            "draw": (t3 - t2) * ms}


WORKERS = {"load": work_load, "scrub": work_scrub, "camera": work_camera, "html": work_html,
           "chromium": work_chromium, "video": work_video, "basemap": work_basemap}


# -- main ---------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks of Petrograd 1917 (issue 7).")
    parser.add_argument("--quick", action="store_true",
                        help="each figure once, on a small synthetic scenario (CI smoke run)")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"comma-separated groups to run (of {', '.join(GROUPS)})")
    parser.add_argument("--seed", type=int, default=1917)
    parser.add_argument("--workdir", type=Path,
                        help="keep the synthetic scenario and exports here (default: temp)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker[0]](*args.worker[1:])), flush=True)
        return 0

    groups = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    from petrograd1917.geodata.loader import default_scenario_path

    from bench.make_synthetic import DEFAULTS, QUICK, make_scenario

    sizes = QUICK if args.quick else DEFAULTS
    reps = {"start": 5, "scrub": 60, "camera": 40, "load": 3, "html": 3, "chromium": 3,
            "video": 60, "basemap": 5}
    if args.quick:
        reps = {"start": 1, "scrub": 5, "camera": 4, "load": 1, "html": 1, "chromium": 1,
                "video": 5, "basemap": 1}
    temp = None
    if args.workdir:
        work = args.workdir
        work.mkdir(parents=True, exist_ok=True)
    else:
        temp = tempfile.TemporaryDirectory(prefix="p17-bench-")
        work = Path(temp.name)
    env = child_env(work / "config")
    default = default_scenario_path()
    synthetic = work / "synthetic"
    t0 = time.perf_counter()
    make_scenario(synthetic, seed=args.seed, **sizes)
    print(f"# synthetic scenario: {sizes['sites']} sites, {sizes['events']} events, "
          f"{sizes['routes']} routes, {sizes['features']} basemap features (seed {args.seed}, "
          f"written in {time.perf_counter() - t0:.1f} s); "
          f"{os.cpu_count()} CPUs, Qt offscreen, Python {sys.version.split()[0]}", flush=True)
    if args.quick:
        print("# --quick: every figure measured once; not for comparison", flush=True)

    status = 0
    figures: list[Figure] = []

    def show(items) -> None:
        for figure in items if isinstance(items, list) else [items]:
            figures.append(figure)
            print(figure.line(), flush=True)

    page = None
    try:
        for group in GROUPS:
            if group not in groups:
                continue
            try:
                if group == "start":
                    show(measure_start(reps["start"], env))
                elif group == "scrub":
                    show(measure_scrub(default, synthetic, reps["scrub"], env))
                elif group == "camera":
                    show(measure_camera(default, synthetic, reps["camera"], env))
                elif group == "load":
                    show(measure_load(default, synthetic, reps["load"], env))
                elif group == "html":
                    items, page = measure_html(default, synthetic, reps["html"], work, env)
                    show(items)
                elif group == "chromium":
                    if page is None and "html" not in groups:
                        items, page = measure_html(default, synthetic, 1, work, env)
                    show(measure_chromium(page, reps["chromium"], env))
                elif group == "video":
                    show(measure_video(default, synthetic, reps["video"], work, env))
                elif group == "basemap":
                    show(measure_basemap(default, synthetic, reps["basemap"], env))
            except Exception as error:  # report and go on with the other figures
                print(f"# {group}: ERROR {error}", flush=True)
                status = 1
    finally:
        if temp is not None:
            temp.cleanup()
    missed = [f.name for f in figures if f.missed]
    print(f"# targets missed: {', '.join(missed) if missed else 'none'}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
