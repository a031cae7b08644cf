"""A lecture on a real X server with two screens (issue 15): a 1920×1080 projector and a
1366×768 laptop, as Qt's xcb plugin sees them, the keys sent by xdotool.

Xvfb cannot give Qt two screens (``+xinerama`` gives one; ``xrandr --setmonitor`` is ignored
or fails with BadValue), so this runs Xorg with the dummy video driver, whose RandR outputs
DUMMY0 and DUMMY1 become the two screens (docs/lecture-screens.md).
"""

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from x_session import run_on_x

DUMMY_DRIVER = Path("/usr/lib/xorg/modules/drivers/dummy_drv.so")

XORG_CONF = textwrap.dedent("""
    Section "ServerFlags"
        Option "AutoAddDevices" "false"
        Option "AutoEnableDevices" "false"
        Option "DontVTSwitch" "true"
    EndSection
    Section "Device"
        Identifier "dummy"
        Driver "dummy"
        VideoRam 65536
    EndSection
    Section "Monitor"
        Identifier "monitor"
        HorizSync 5.0 - 1000.0
        VertRefresh 5.0 - 200.0
        Modeline "1920x1080" 148.50 1920 2008 2052 2200 1080 1084 1089 1125 +hsync +vsync
        Modeline "1366x768" 85.50 1366 1436 1579 1792 768 771 774 798 +hsync +vsync
    EndSection
    Section "Screen"
        Identifier "screen"
        Device "dummy"
        Monitor "monitor"
        DefaultDepth 24
        SubSection "Display"
            Depth 24
            Virtual 3286 1080
        EndSubSection
    EndSection
""")

# The projector on the left, the laptop to its right: the layout `xrandr` makes of DUMMY0/1.
LAYOUT = [["--output", "DUMMY0", "--mode", "1920x1080", "--pos", "0x0", "--primary"],
          ["--addmode", "DUMMY1", "1366x768"],
          ["--output", "DUMMY1", "--mode", "1366x768", "--pos", "1920x0"]]


@pytest.fixture
def two_screen_display(tmp_path):
    """Xorg (dummy driver, no input devices, no window manager) with two RandR screens."""
    missing = [name for name in ("Xorg", "xrandr", "xdotool") if not shutil.which(name)]
    if missing or not DUMMY_DRIVER.exists():
        pytest.skip(f"missing {missing or [DUMMY_DRIVER.name]}: scripts/setup.sh --test installs "
                    "xserver-xorg-core, xserver-xorg-video-dummy, x11-xserver-utils, xdotool")
    conf = tmp_path / "xorg.conf"
    conf.write_text(XORG_CONF)
    log = tmp_path / "xorg.log"
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xorg", "-displayfd", str(write), "-config", str(conf), "-logfile", str(log),
         "-noreset", "-nolisten", "tcp", "-novtswitch", "-sharevts"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()   # Xorg writes its display once it is ready
        if not number:
            server.wait(timeout=60)
            text = log.read_text(errors="replace") if log.exists() else ""
            pytest.skip(f"Xorg with the dummy driver did not start here (Xorg.wrap from "
                        f"xserver-xorg-legacy may refuse non-console users): {text[-400:]}")
        display = f":{number}"
        env = {**os.environ, "DISPLAY": display}
        for args in LAYOUT:
            subprocess.run(["xrandr", *args], check=True, env=env, timeout=60)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=60)


TWO_SCREEN_LECTURE = """
    def on_x(widget):
        # Where the X server has the window: (x, y, width, height) as xdotool reports it.
        wid = str(int(widget.windowHandle().winId()))
        out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], check=True,
                             capture_output=True, text=True, timeout=30).stdout
        g = dict(line.split("=") for line in out.split())
        return [int(g["X"]), int(g["Y"]), int(g["WIDTH"]), int(g["HEIGHT"])]

    def placed(widget, name):
        # By name: PySide invalidates a QScreen wrapper once a widget whose screen() returned
        # it is deleted (the presenter view at Esc), though the screen itself lives on.
        screen = next(s for s in app.screens() if s.name() == name)
        return (widget.isVisible() and widget.screen().name() == name
                and screen.geometry().contains(widget.frameGeometry())
                and screen.geometry().contains(*on_x(widget)[:2]))

    def where():
        p = mode.presenter
        if shutil.which("import"):   # ImageMagick: what X shows, to look at
            for widget in (win, p):
                widget.repaint()
            app.processEvents()
            shot = f"{out}-{len(found['shots'])}.png"
            subprocess.run(["import", "-window", "root", shot], check=True, timeout=60)
            found["shots"].append(shot)
        return {"slides": win.screen().name(), "slides_x": on_x(win),
                "presenter": p.screen().name() if p else None,
                "presenter_x": on_x(p) if p else None, "full": win.isFullScreen()}

    out = sys.argv[1]
    win = MainWindow(load_scenario(), QSettings(out + ".ini", QSettings.Format.IniFormat))
    win.show()
    wait(lambda: win.isVisible() and win.windowHandle().isExposed())
    mode = win.presenting
    hall, laptop = "DUMMY0", "DUMMY1"
    found = {"screens": [[s.name(), *s.geometry().getRect()] for s in app.screens()],
             "shots": [], "desktop": win.screen().name()}
    # The window sits on the projector (DUMMY0); F5 guesses the other screen for the slides.
    found["f5_placed"] = key("F5", lambda: mode.active and placed(win, laptop)
                             and placed(mode.presenter, hall))
    found["f5"] = where()
    found["swap_placed"] = key("s", lambda: placed(win, hall) and placed(mode.presenter, laptop))
    found["swapped"] = where()
    found["left"] = key("Escape", lambda: not mode.active)
    # The swap was remembered for this pair of screens: F5 again goes to the hall.
    found["again_placed"] = key("F5", lambda: mode.active and placed(win, hall)
                                and placed(mode.presenter, laptop))
    found["again"] = where()
    # The lecturer picks the laptop in the presenter view's "Present on" list.
    box = mode.presenter.screens
    box.setCurrentIndex(box.findData(laptop))
    box.activated.emit(box.currentIndex())
    found["chosen_placed"] = wait(lambda: placed(win, laptop) and placed(mode.presenter, hall))
    found["chosen"] = where()
    found["left_again"] = key("Escape", lambda: not mode.active and not win.isFullScreen())
    print(json.dumps(found))
"""


def test_slides_and_presenter_view_take_one_real_screen_each(tmp_path, two_screen_display):
    """F5 puts the slides on one X screen and the presenter view on the other, S swaps
    them, F5 after Esc remembers the swap, and "Present on" moves the slides: checked in Qt
    (``screen()``) and in X."""
    found = run_on_x(TWO_SCREEN_LECTURE, two_screen_display, tmp_path / "shot")
    assert found["screens"] == [["DUMMY0", 0, 0, 1920, 1080], ["DUMMY1", 1920, 0, 1366, 768]]
    assert found["desktop"] == "DUMMY0", found
    assert all(found[k] for k in ("f5_placed", "swap_placed", "left", "again_placed",
                                  "chosen_placed", "left_again")), found
    laptop = {"slides": "DUMMY1", "slides_x": [1920, 0, 1366, 768], "presenter": "DUMMY0"}
    hall = {"slides": "DUMMY0", "slides_x": [0, 0, 1920, 1080], "presenter": "DUMMY1"}
    for step, expected in (("f5", laptop), ("swapped", hall), ("again", hall),
                           ("chosen", laptop)):
        assert {k: found[step][k] for k in expected} == expected, (step, found[step])
        assert found[step]["full"], (step, found[step])
    presenter_x = [found[step]["presenter_x"][0] for step in ("f5", "swapped")]
    assert presenter_x[0] < 1920 <= presenter_x[1], found
