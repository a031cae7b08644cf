"""The app's start (issue 16): the window shows the map first and builds its menus' entries,
panels and the time ruler's strips right after; the map does not move when they arrive,
the keys work from the first paint, and the first frame imports none of the modules that
only later features need."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from petrograd1917.viewer.app import LATER_MODULES
from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication


def map_geometry(window) -> QRect:
    """Where the map view is in the window, in window coordinates."""
    view = window.view
    return QRect(view.mapTo(window, view.rect().topLeft()), view.size())


def start(qtbot, petrograd, settings, at_first_paint, size: QSize | None = None) -> tuple:
    """A window started as the app starts it (at ``size`` if given), and what
    ``at_first_paint(window)`` returned: it runs right after the map's first paint, before
    the deferred chrome is built."""
    from petrograd1917.viewer.window import MainWindow

    window = MainWindow(petrograd, settings, defer_chrome=True)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(size)
    seen = []
    window.first_painted.connect(lambda: seen.append(at_first_paint(window)))
    window.show()
    qtbot.waitUntil(lambda: window.chrome_built, timeout=60_000)
    assert seen, "the first paint was not reported"
    QApplication.sendPostedEvents()   # the layout requests the new contents made
    QApplication.processEvents()
    return window, seen[0]


@pytest.mark.parametrize("saved_layout", [False, True])
def test_the_map_keeps_its_place_when_the_menus_and_panels_arrive(qtbot, petrograd, tmp_path,
                                                                   saved_layout):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    if saved_layout:   # a layout remembered from an earlier session: docks on both sides
        from petrograd1917.viewer.window import MainWindow

        earlier = MainWindow(petrograd, settings)
        qtbot.addWidget(earlier)
        earlier.show()
        qtbot.waitExposed(earlier)
        earlier.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, earlier.layers_dock)
        earlier.close()
        assert isinstance(settings.value("window_state"), QByteArray)

    def first_frame(window):
        assert not window.chrome_built
        assert window.file_menu.isEmpty() and window.event_log.model_.rowCount() == 0
        return map_geometry(window), window.geometry()

    window, (first, outer) = start(qtbot, petrograd, settings, first_frame)
    assert not window.file_menu.isEmpty()
    assert window.event_log.model_.rowCount() > 0 and window.timebar.ruler.details
    assert map_geometry(window) == first
    assert window.geometry() == outer


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", [QSize(1358, 736), QSize(1400, 900)])   # 1366×768, larger
def test_the_first_frames_labels_stay_when_the_chrome_arrives(qtbot, petrograd, tmp_path,
                                                              monkeypatch, size, lang):
    """The first paint already knows where the date, legend, caption and scale panels
    stand, so no label shows under one for a frame and vanishes: the next paint, after the
    menus and panels are built, shows the same labels in the same places."""
    from petrograd1917.viewer import mapview

    layouts = []   # every label layout of the map, in order
    lay_out = mapview.layout_labels

    def recorded(view, panels):
        labels = lay_out(view, panels)
        layouts.append([(label.text, label.rect) for label in labels])
        return labels

    monkeypatch.setattr(mapview, "layout_labels", recorded)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", lang)
    window, laid_out = start(qtbot, petrograd, settings, lambda window: len(layouts), size)
    assert laid_out == 1   # the first paint laid its labels out
    # The camera was just fitted: once still, the view lays its labels out again and paints.
    qtbot.waitUntil(lambda: len(layouts) > 1, timeout=60_000)
    window.view.viewport().repaint()
    first, now = layouts[0], layouts[-1]
    assert first and now == first, ("shown for one frame only: "
                                    f"{[text for text, rect in first if (text, rect) not in now]}")


def test_keys_and_clicks_work_from_the_first_paint(qtbot, petrograd, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)

    def press_keys(window):
        start_time = window.playback.time
        qtbot.keyClick(window.view, Qt.Key.Key_Right)    # next event, before any menu exists
        stepped = window.playback.time > start_time
        qtbot.keyClick(window.view, Qt.Key.Key_Space)    # play
        playing = window.playback.playing
        qtbot.keyClick(window.view, Qt.Key.Key_Space)
        return stepped, playing, window.chrome_built

    window, (stepped, playing, built_then) = start(qtbot, petrograd, settings, press_keys)
    assert stepped and playing and not built_then
    # After the deferred build a menu's own shortcut works: Ctrl+D opens the disputes.
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.disagreement_view is not None and window.disagreement_view.isVisible()


def test_a_click_on_a_site_before_the_panels_are_filled_selects_it(qtbot, petrograd,
                                                                   tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    i = petrograd.site_index("smolny")

    def click(window):
        view = window.view
        pos = view.mapFromScene(view.map.sites[i].pos())
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)

    window, _ = start(qtbot, petrograd, settings, click)
    assert window.scene.selected == i
    assert "Smolny" in window.site_panel.text.toPlainText()


def test_the_first_frame_imports_nothing_that_later_features_need(tmp_path):
    """The app's own start (exiting at the first paint) imports none of the presentation,
    video, print, export, dialog or cue-editor modules, nor the heavy libraries."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               PETROGRAD1917_EXIT_AFTER_PAINT="1")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "petrograd1917.viewer"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0 and "first-paint" in proc.stdout, proc.stderr[-2000:]
    imported = set(re.findall(r"^import time:.*\| *([\w.]+)$", proc.stderr, re.M))
    assert "petrograd1917.viewer.window" in imported   # the parsing saw the app's modules
    early = sorted(name for name in imported
                   if name in LATER_MODULES or name.split(".")[0] in LATER_MODULES)
    assert early == []


def run_app_script(script: str, settings_folder: Path) -> subprocess.CompletedProcess:
    """``script`` run in a fresh Python with Qt offscreen and its own settings folder."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(settings_folder))
    env.pop("PETROGRAD1917_EXIT_AFTER_PAINT", None)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def test_the_collector_rests_until_the_first_paint_and_runs_again_after(tmp_path):
    """The start makes long-lived objects and next to no garbage, so Python's cyclic
    collector pauses while the window is built and runs again once the map has painted."""
    script = """
import gc
from petrograd1917.viewer import app, window

class Recording(window.MainWindow):
    def __init__(self, *args, **kwargs):
        print("building, collector on:", gc.isenabled())
        super().__init__(*args, **kwargs)

    def build_chrome(self):   # right after the first paint
        print("chrome, collector on:", gc.isenabled())
        super().build_chrome()
        self.close()   # the last window: the app quits

window.MainWindow = Recording
app.run()
print("after, collector on:", gc.isenabled())
"""
    proc = run_app_script(script, tmp_path)
    assert "building, collector on: False" in proc.stdout
    assert "chrome, collector on: True" in proc.stdout
    assert "after, collector on: True" in proc.stdout


def test_the_map_views_viewport_is_made_in_python_as_qt_makes_its_own(qtbot, petrograd):
    """The view's viewport is a widget Python made (PySide6 then needs not load every
    QtWidgets class to learn what the view's own one is), set up as Qt sets up its own."""
    from conftest import shown_map_view
    from PySide6.QtGui import QPalette

    view = shown_map_view(qtbot, petrograd)
    port = view.viewport()
    assert type(port).__name__ == "QWidget" and port.parent() is view
    assert port.objectName() == "qt_scrollarea_viewport"
    assert port.backgroundRole() == QPalette.ColorRole.Base and port.autoFillBackground()
    assert port.hasMouseTracking()


def test_a_scenario_that_cannot_be_opened_says_so_before_any_window(tmp_path):
    """The scenario is read before Qt is imported; a bad one still gets its message box,
    naming the file and the problem, and the app exits with 2 without building a window."""
    bad = Path(__file__).parent / "data" / "bad" / "events_bad_precision"
    script = f"""
import gc
from PySide6.QtWidgets import QApplication, QMessageBox
from petrograd1917.viewer import app

def critical(parent, title, text):
    print("windows:", len(QApplication.topLevelWidgets()), "collector on:", gc.isenabled())
    print(text)

QMessageBox.critical = critical
print("exit", app.run({str(bad)!r}))
"""
    proc = run_app_script(script, tmp_path)
    assert "windows: 0 collector on: True" in proc.stdout
    assert "The scenario could not be opened" in proc.stdout
    assert "events.csv" in proc.stdout and "precision" in proc.stdout
    assert proc.stdout.rstrip().endswith("exit 2")
