"""Smoke run of the QGIS peer: ``bench/peers.py --only qgis --quick`` exits 0 and prints the
rows of QGIS's default style and of QGIS drawing our style, at our zoom.

The figures are not checked (a bench reports, it does not fail CI); the subprocess timeout
only guards against a hang. Where Debian's ``python3-qgis`` is missing the bench says it
skipped QGIS, and this test checks that message instead. Marked ``slow`` like the bench's
own smoke run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QGIS_PYTHON = Path("/usr/bin/python3")


def qgis_installed() -> bool:
    return QGIS_PYTHON.exists() and subprocess.run(
        [str(QGIS_PYTHON), "-c", "import qgis.core"], capture_output=True).returncode == 0


@pytest.mark.slow
def test_qgis_peer_prints_default_and_our_style_rows(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "peers.py"), "--only", "qgis",
                           "--quick", "--runs", "1", "--redraws", "1", "--work", str(tmp_path),
                           "--png", str(tmp_path / "png")],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    if not qgis_installed():
        assert any(line.startswith("qgis: skipped") for line in lines), proc.stdout
        return
    for label in ("default", "synthetic"):
        for name in ("qgis_step", "qgis_redraw_fit", "qgis_redraw_zoomed", "qgis_open",
                     "qgis_read", "qgis_ourstyle_redraw_fit", "qgis_ourstyle_redraw_zoomed"):
            assert any(line.startswith(f"{name}_{label}: ") for line in lines), \
                f"{name}_{label} missing:\n{proc.stdout}"
        header = next(line for line in lines if line.startswith(f"# QGIS, our style ({label})"))
        qgis_zoom, our_zoom = (float(z) for z in re.findall(r"\d+\.\d{4}", header))
        assert qgis_zoom == pytest.approx(our_zoom, rel=1e-3), header   # the same view
        for side in ("default", "ourstyle", "ours"):
            assert (tmp_path / "png" / f"{label}-{side}.png").stat().st_size > 10_000
