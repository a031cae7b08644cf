"""The app in its own process on a real X server (Xvfb, or Xorg with two screens), driven by
keys that xdotool sends: the script's opening lines and the runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Opens every script: the app, a hang-guarded wait, and a key sent to the main window `win`.
X_SESSION = textwrap.dedent("""
    import json, shutil, subprocess, sys, time
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.window import MainWindow

    def wait(condition, seconds=60.0):
        end = time.time() + seconds   # a hang guard, or the time a pause must hold
        while not condition() and time.time() < end:
            app.processEvents()
            time.sleep(0.01)
        return condition()

    def key(name, until):
        wid = str(int(win.windowHandle().winId()))
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=True, timeout=30)
        subprocess.run(["xdotool", "key", "--window", wid, name], check=True, timeout=30)
        return wait(until)
""")


def run_on_x(script: str, display: str, out: Path) -> dict:
    """Run ``X_SESSION + script`` with Qt's xcb plugin on ``display``; ``out`` is its
    argument; returns the JSON the script printed last."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    result = subprocess.run([sys.executable, "-c", X_SESSION + textwrap.dedent(script),
                             str(out)], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
