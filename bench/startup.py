"""The start-up figures (issue 16): process start to the first paint of the app's map, beside
references run interleaved with it: a bare Qt window, the same after ``import numpy``, the
Qt widgets of the app's window with no app code (the shell), and the shell after
``import numpy`` — the floor of this design. Target: ``start_app`` ≤ 1.25 ×
``start_window_shell_numpy`` in the same run."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from children import ROOT, first_paint_ms
from figures import Figure, column, interleaved, median, spread
from petrograd1917.viewer.app import LATER_MODULES

START_TARGET = 1.25   # × start_window_shell_numpy

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


def import_report(stderr: str) -> tuple[list[str], list[tuple[str, float]]]:
    """Modules imported before the first paint that the first frame does without
    (``viewer.app.LATER_MODULES``), and the heaviest packages by self time (ms)."""
    selftime: Counter[str] = Counter()
    names = set()
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            names.add(m.group(2))
            selftime[m.group(2).split(".")[0]] += int(m.group(1)) / 1000
    forbidden = sorted(n for n in names if n in LATER_MODULES or n.split(".")[0] in LATER_MODULES)
    heavy = [(k, v) for k, v in selftime.most_common(6) if v >= 5]
    return forbidden, heavy


def _bytecode_note(env: dict[str, str]) -> str:
    """Whether ``start_app`` compiles our modules at every start or reads their bytecode."""
    sources = [p for folder in ("geodata", "viewer") for p in (ROOT / folder).glob("*.py")]
    stale = sum(1 for p in sources
                if not (c := Path(importlib.util.cache_from_source(str(p)))).is_file()
                or c.stat().st_mtime < p.stat().st_mtime)
    if not stale:
        return "our modules read from their bytecode (scripts/setup.sh writes it)"
    if env.get("PYTHONDONTWRITEBYTECODE"):
        return (f"compiling {stale} of our {len(sources)} modules at every start "
                "(no fresh bytecode and PYTHONDONTWRITEBYTECODE is set)")
    return f"{stale} of our {len(sources)} modules compiled once, then from bytecode"


def measure_start(reps: int, env: dict[str, str]) -> list[Figure]:
    app_env = dict(env, PETROGRAD1917_EXIT_AFTER_PAINT="1")
    py = sys.executable

    def timed(cmd: list[str], e: dict[str, str]):
        def run() -> dict:
            wall, cpu = first_paint_ms(cmd, e)
            return {"ms": wall, "cpu": cpu}
        return run

    app = [py, "-m", "petrograd1917.viewer"]
    # The app as installed runs from its bytecode cache; with PYTHONDONTWRITEBYTECODE set
    # (as on some build machines) ``app`` compiles all of its modules at every start.
    with tempfile.TemporaryDirectory() as cache:
        cached_env = dict(app_env, PYTHONPYCACHEPREFIX=cache)
        cached_env.pop("PYTHONDONTWRITEBYTECODE", None)
        first_paint_ms(app, cached_env)   # writes the cache
        runs = interleaved(reps, {
            "bare": timed([py, "-c", BARE_QT], env),
            "app": timed(app, app_env),
            "numpy": timed([py, "-c", BARE_QT_NUMPY], env),
            "cached": timed(app, cached_env),
            "shell": timed([py, "-c", SHELL_QT], env),
            "floor": timed([py, "-c", SHELL_QT_NUMPY], env)})
    ms = {k: column(v, "ms") for k, v in runs.items()}
    cpu = {k: median(column(v, "cpu")) for k, v in runs.items()}
    b, a, n, w, f, c = (median(ms[k]) for k in ("bare", "app", "numpy", "shell", "floor",
                                                "cached"))
    compiling = _bytecode_note(env)
    per_round = [x / y for x, y in zip(ms["app"], ms["floor"], strict=True)]
    proc = subprocess.run([py, "-X", "importtime", "-m", "petrograd1917.viewer"],
                          capture_output=True, text=True, env=app_env, cwd=ROOT, timeout=120)
    forbidden, heavy = import_report(proc.stderr)
    heavy_text = ", ".join(f"{k} {v:.0f} ms" for k, v in heavy)
    return [
        Figure("start_bare_qt", b, "ms", "baseline: bare QApplication + QGraphicsView, "
               f"process start to first paint; {spread(ms['bare'], '.0f')}"),
        Figure("start_app", a, "ms",
               f"{a / f:.2f}× start_window_shell_numpy, target ≤ {START_TARGET}× "
               f"(per round {min(per_round):.2f}–{max(per_round):.2f}); {a / b:.2f}× "
               f"start_bare_qt; {spread(ms['app'], '.0f')}; process CPU {cpu['app']:.0f} ms, "
               f"{cpu['app'] / cpu['floor']:.2f}× the floor's {cpu['floor']:.0f} ms; "
               + compiling, a > START_TARGET * f),
        Figure("start_app_bytecode_cached", c, "ms",
               f"{c / f:.2f}× start_window_shell_numpy; the app run from Python's bytecode "
               f"cache, as installed; {spread(ms['cached'], '.0f')}; process CPU "
               f"{cpu['cached']:.0f} ms, {cpu['cached'] / cpu['floor']:.2f}× the floor's"),
        Figure("start_bare_qt_numpy", n, "ms", f"{n / b:.2f}× start_bare_qt; reference: "
               f"the bare window after import numpy; {spread(ms['numpy'], '.0f')}"),
        Figure("start_window_shell", w, "ms", f"{w / b:.2f}× start_bare_qt; reference: "
               f"the Qt widgets of the app's window with no app code; "
               f"{spread(ms['shell'], '.0f')}"),
        Figure("start_window_shell_numpy", f, "ms", f"{f / b:.2f}× start_bare_qt; "
               "baseline of start_app: the same after import numpy, the floor of this "
               f"design; {spread(ms['floor'], '.0f')}"),
        Figure("start_forbidden_imports", len(forbidden), "modules",
               ("imported before the first paint: " + ", ".join(forbidden) if forbidden else
                f"none of the {len(LATER_MODULES)} modules the first frame does without "
                "(viewer.app.LATER_MODULES)") + f"; heaviest self time: {heavy_text}",
               bool(forbidden)),
    ]
