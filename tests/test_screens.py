"""Odd screens and killed exports (issue 8): sizes, device pixel ratios, SIGKILL."""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from x_session import run_on_x

ROOT = Path(__file__).resolve().parent.parent

WINDOW_CHECK = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QRect, QSettings
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.window import MainWindow
    w, h, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    win = MainWindow(load_scenario(), QSettings(out + ".ini", QSettings.Format.IniFormat))
    win.resize(w, h)
    win.show()
    for _ in range(5):
        app.processEvents()
    problems = []
    inside = QRect(0, 0, win.width(), win.height())
    bar = win.timebar
    controls = [bar.start_button, bar.prev_button, bar.play_button, bar.next_button,
                bar.end_button, bar.speed, bar.loop, bar.date, bar.ruler]
    for widget in controls:
        g = QRect(widget.mapTo(win, widget.rect().topLeft()), widget.size())
        if not widget.isVisible() or not inside.contains(g):
            problems.append(f"{type(widget).__name__} {widget.toolTip() or ''} at {g}")
        if widget.width() < widget.minimumSizeHint().width() - 1:
            problems.append(f"{type(widget).__name__} squeezed to {widget.width()} px")
    if win.view.viewport().height() < 150:
        problems.append(f"map only {win.view.viewport().height()} px high")
    win.grab().save(out)
    print("\\n".join(problems) or "OK")
""")


@pytest.mark.parametrize("size", [(800, 600), (1366, 768), (1920, 1080), (3840, 2160)])
@pytest.mark.parametrize("ratio", ["1", "2"])
def test_window_fits_odd_screens(tmp_path, size, ratio):
    if ratio == "2" and size[0] > 1920:
        size = (1920, 1080)   # 3840×2160 device pixels
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=ratio)
    out = tmp_path / f"window-{size[0]}x{size[1]}@{ratio}x.png"
    result = subprocess.run([sys.executable, "-c", WINDOW_CHECK, str(size[0]), str(size[1]),
                             str(out)], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("OK"), result.stdout
    assert out.stat().st_size > 10_000


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_killed_export_leaves_the_old_file_and_the_next_run_cleans_up(tmp_path):
    target = tmp_path / "lecture.mp4"
    target.write_bytes(b"the lecturer's previous video")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "petrograd1917.viewer", "export-video", str(target),
               "--seconds", "3600", "--fps", "10", "--size", "320x180"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    # Kill it mid-export: once ffmpeg has opened its temporary file (hang guard: 60 s).
    deadline = time.monotonic() + 60
    try:
        while not temps(tmp_path):
            assert time.monotonic() < deadline and process.poll() is None, "no export started"
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert target.read_bytes() == b"the lecturer's previous video"
    assert temps(tmp_path), "the killed export had a temporary file"
    subprocess.run(command[:5] + ["--seconds", "0.5", "--fps", "4", "--size", "160x90"],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    assert target.read_bytes()[4:8] == b"ftyp"    # a complete new MP4 replaced it
    assert temps(tmp_path) == []


PRESENTER_CHECK = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.screens import ScreenChoice
    from petrograd1917.viewer.window import MainWindow

    def settle(seconds=0.3):
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()

    settings = QSettings(sys.argv[1] + ".ini", QSettings.Format.IniFormat)
    win = MainWindow(load_scenario(), settings)
    win.show()
    hall, laptop = QGuiApplication.screens()
    # The Present on menu lists the screens by name and size.
    win._list_screens()
    names = [a.text() for a in win.present_on_menu.actions() if a.text()]
    assert names[:2] == ["hall — 1920×1080", "laptop — 1280×800"], names
    win.present_on_menu.actions()[0].trigger()           # the lecturer picks the hall
    mode = win.presenting
    mode.start()
    mode.presentation.go(1, play=False)
    settle(1.3)
    p = mode.presenter
    assert p is not None and p.isVisible(), "no presenter view"
    assert win.screen() is hall and win.isFullScreen(), win.screen().name()
    assert p.screen() is laptop, p.screen().name()
    cue = win.scenario.chapters[1]
    assert cue.title_en in p.current.text() and "Next:" in p.next.text()
    assert p.preview.isVisible() and p.screens.currentText().startswith("hall")
    win.grab().save(sys.argv[1])
    p.grab().save(sys.argv[1].replace(".png", "-presenter.png"))
    # S swaps: slides to the laptop, the presenter view to the hall.
    QTest.keyClick(win.view, Qt.Key.Key_S)
    settle()
    assert win.screen() is laptop and p.screen() is hall
    assert win.geometry() == laptop.geometry()
    # Remembered for this set of screens: the next F5 goes to the laptop again.
    mode.stop()
    settle()
    mode.start()
    settle()
    assert win.screen() is laptop and mode.presenter.screen() is hall
    # The projector is pulled out mid-lecture: slides on what is left, no presenter view.
    ScreenChoice.screens = staticmethod(lambda: [hall])
    mode._screens_changed()
    settle()
    assert win.screen() is hall and not mode.presenter.isVisible()
    # Plugged in again: the lecturer's choice for this pair of screens comes back.
    ScreenChoice.screens = staticmethod(QGuiApplication.screens)
    mode._screens_changed()
    settle()
    assert win.screen() is laptop and mode.presenter.isVisible()
    assert mode.presenter.screen() is hall
    mode.stop()
    print("OK")
""")


def test_screens_chosen_swapped_and_remembered(tmp_path):
    screens = ROOT / "tests" / "data" / "two_screens.json"
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    out = tmp_path / "presentation.png"
    result = subprocess.run([sys.executable, "-c", PRESENTER_CHECK, str(out)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert result.stdout.strip().endswith("OK"), result.stdout + result.stderr[-2000:]


def one_screen(tmp_path: Path, width: int, height: int) -> dict:
    """Environment for a subprocess whose only screen is ``width``×``height``."""
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "only", "x": 0, "y": 0,
                                               "width": width, "height": height,
                                               "logicalDpi": 96, "dpr": 1}]}))
    return dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")


FIRST_WINDOW_CHECK = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.window import MainWindow
    settings = QSettings(sys.argv[1] + ".ini", QSettings.Format.IniFormat)
    settings.setValue("language", sys.argv[2])
    win = MainWindow(load_scenario(), settings)
    win.show()
    for _ in range(5):
        app.processEvents()
    free = win.screen().availableGeometry()
    map_ = win.view.viewport()
    win.grab().save(sys.argv[1])
    print(json.dumps({
        "inside": free.contains(win.frameGeometry()),
        "map_share": map_.width() * map_.height() / (win.width() * win.height()),
        "tabbed": len(win.tabifiedDockWidgets(win.events_dock)),
        "log_scrolls_sideways": win.event_log.horizontalScrollBar().isVisible(),
        "time_bar_shown": win.timebar.isVisible() and win.rect().contains(
            win.timebar.geometry().translated(win.centralWidget().pos())),
    }))
""")


@pytest.mark.parametrize("size, lang", [((1024, 768), "en"), ((1024, 768), "ru"),
                                        ((1280, 720), "en"), ((1366, 768), "ru"),
                                        ((1920, 1080), "en")])
def test_the_first_window_fits_the_screen(tmp_path, size, lang):
    """In either language (Russian words are longer), the whole window, its time bar and
    an event log that needs no sideways scrolling fit a screen from 1024 pixels wide."""
    out = tmp_path / f"first-window-{size[0]}x{size[1]}-{lang}.png"
    result = subprocess.run([sys.executable, "-c", FIRST_WINDOW_CHECK, str(out), lang],
                            capture_output=True, text=True, env=one_screen(tmp_path, *size),
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["inside"] and found["time_bar_shown"], found
    assert not found["log_scrolls_sideways"], found
    if size[0] < 1600:   # small screens: one tabbed column of docks, the map keeps 60 %
        assert found["tabbed"] == 2 and found["map_share"] >= 0.6, found
    else:
        assert found["map_share"] >= 0.45, found   # 1400×900, two dock columns


SLIDE_TYPE_CHECK = textwrap.dedent("""
    import json, sys, time
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QColor, QFontMetricsF
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.labels import font_scale, label_font
    from petrograd1917.viewer.overlays import font
    from petrograd1917.viewer.window import MainWindow
    win = MainWindow(load_scenario(), QSettings(sys.argv[1] + ".ini",
                                                QSettings.Format.IniFormat))
    win.show()
    mode = win.presenting
    mode.start()
    mode.presentation.go(1, play=False)
    win.playback.time = win.scenario.chapters[1].start + 120
    end = time.time() + 60
    while (mode.glide.running or not win.isFullScreen()) and time.time() < end:
        app.processEvents()
    for _ in range(10):
        app.processEvents()
    image = win.view.viewport().grab().toImage()
    image.save(sys.argv[1])
    device = win.view.viewport()
    cap = lambda f: QFontMetricsF(f, device).capHeight()
    slide = win.view.slide
    sizes = {role: cap(f) for role, text, f in slide.drawn if text}
    s = slide.scales(image.height())
    sizes["date (smallest line)"] = cap(font(10.5 * s["date"]))
    sizes["legend rows"] = cap(font(9.5 * s["legend"]))
    sizes["scale bar"] = cap(font(9.5 * s["scale"]))
    for kind in ("site", "water", "island", "street"):
        sizes[f"{kind} labels"] = cap(label_font(kind, font_scale(win.view)))
    # On the pixels: the headline's first line, from the tops of its capitals down.
    box = mode.window.view.slide.layout(image.width(), image.height()).headline.rect
    rows = [y for y in range(int(box.top()) + 4, int(box.top() + box.height() * 0.5))
            if any(QColor(image.pixel(x, y)).lightness() < 60
                   for x in range(int(box.left()) + 20, int(box.right()) - 20, 2))]
    run = rows[:1]
    for y in rows[1:]:   # the first line's ink: rows until the first blank one
        if y != run[-1] + 1:
            break
        run.append(y)
    sizes["headline ink (pixels)"] = len(run)
    print(json.dumps({"size": [image.width(), image.height()], "caps": sizes,
                      "narration": [t for r, t, f in slide.drawn if r == "narration"]}))
""")


def test_a_1080p_slide_is_readable_from_the_back_row(tmp_path):
    out = tmp_path / "slide-1080p.png"
    result = subprocess.run([sys.executable, "-c", SLIDE_TYPE_CHECK, str(out)],
                            capture_output=True, text=True, env=one_screen(tmp_path, 1920, 1080),
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    caps = found["caps"]
    assert found["size"] == [1920, 1080]
    assert caps["headline"] >= 48 and caps["headline ink (pixels)"] >= 48, caps
    assert caps["caption"] >= 36, caps
    assert min(v for k, v in caps.items() if k.endswith("labels")) >= 26, caps
    assert min(caps.values()) >= 24, caps
    narration = found["narration"][0]
    assert narration.endswith(".") and "The MRC's reply" in narration   # whole sentences


def test_legend_and_caption_fold_with_a_click(open_window, qtbot):
    from PySide6.QtCore import Qt

    window = open_window((1366, 740))
    view = window.view
    qtbot.waitUntil(lambda: "caption" in view._folds and "legend" in view._folds)
    for name in ("legend", "caption"):
        opened = getattr(view, f"{name}_open")
        before = view._folds[name]
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=before.center().toPoint())
        assert getattr(view, f"{name}_open") != opened
        view.viewport().repaint()
        after = view._folds[name]
        assert (after.height() < before.height()) == opened, (name, before, after)


XVFB_LECTURE = """
    win = MainWindow(load_scenario(), QSettings(sys.argv[1] + ".ini",
                                                QSettings.Format.IniFormat))
    win.show()
    wait(lambda: win.isVisible() and win.windowHandle().isExposed())
    mode, playback = win.presenting, win.playback
    found = {"screen": win.screen().geometry().getRect(),
             "inside": win.screen().availableGeometry().contains(win.frameGeometry())}
    desktop_time = playback.time
    found["full_screen"] = key("F5", lambda: win.isFullScreen() and mode.active)
    found["playing"] = key("Next", lambda: playback.playing)
    found["paused"] = key("space", lambda: not playback.playing)
    t = playback.time
    found["held"] = not wait(lambda: playback.time != t, seconds=1.0)
    found["black"] = key("b", lambda: mode.blackout.isVisible())
    key("b", lambda: not mode.blackout.isVisible())
    found["resumed"] = key("space", lambda: playback.playing)
    win.grab().save(sys.argv[1])
    found["restored"] = key("Escape", lambda: not mode.active) and playback.time == desktop_time
    print(json.dumps(found))
"""


@pytest.fixture
def xvfb_display():
    """A real X server (Xvfb, 1366×768, no window manager) for the length of a test."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        pytest.skip("Xvfb and xdotool are installed by scripts/setup.sh --test")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()   # Xvfb writes its display once it is ready
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_a_lecture_on_a_real_x_screen(tmp_path, xvfb_display):
    """Under Xvfb at 1366×768, keys sent by xdotool: F5, next cue, Space pauses and holds
    time, B blacks out, B and Space resume, Esc gives the desktop its time back."""
    found = run_on_x(XVFB_LECTURE, xvfb_display, tmp_path / "xvfb-slide.png")
    assert found["screen"] == [0, 0, 1366, 768] and found["inside"], found
    assert all(found[k] for k in ("full_screen", "playing", "paused", "held", "black",
                                  "resumed", "restored")), found


REMEMBERED_GEOMETRY_CHECK = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.window import MainWindow
    settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    scenario = load_scenario()
    big = MainWindow(scenario, settings)   # last used on a large monitor, far to the right
    big.show()
    big.setGeometry(2600, 100, 2400, 1500)
    app.processEvents()
    big.close()
    win = MainWindow(scenario, settings)
    win.show()
    app.processEvents()
    free = win.screen().availableGeometry()
    print("OK" if free.contains(win.frameGeometry()) else f"{win.frameGeometry()} not in {free}")
""")


def test_a_window_remembered_from_a_larger_screen_comes_back_onto_this_one(tmp_path):
    result = subprocess.run([sys.executable, "-c", REMEMBERED_GEOMETRY_CHECK,
                             str(tmp_path / "settings.ini")], capture_output=True, text=True,
                            env=one_screen(tmp_path, 1366, 768), cwd=ROOT, timeout=120)
    assert result.stdout.strip().endswith("OK"), result.stdout + result.stderr[-2000:]
