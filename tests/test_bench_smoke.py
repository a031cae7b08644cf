"""Smoke run of the benchmarks: ``bench/run.py --quick`` exits 0 and prints every figure.

Benchmarks are not unit tests: the figures are not checked against their targets here
(a missed target is reported by the bench, not failed by CI). The quick run takes ~15-25 s
on a 2-core machine; the subprocess timeout only guards against a hang. Marked ``slow``:
``./dev.sh test`` runs it, ``pytest -m "not slow"`` leaves it out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("start_bare_qt", "start_app", "start_app_bytecode_cached", "start_bare_qt_numpy",
         "start_window_shell", "start_window_shell_numpy", "start_forbidden_imports",
         "scrub_default",
         "scrub_synthetic", "state_query_synthetic", "camera_default",
         "camera_settle_default", "camera_settle_worst_zoom_default", "camera_synthetic",
         "camera_settle_synthetic", "camera_settle_worst_zoom_synthetic", "glide_fps_default",
         "load_default", "load_synthetic", "load_gpkg_synthetic",
         "html_folium_import", "html_export_default", "html_size_default", "html_export_synthetic",
         "html_size_synthetic", "chromium_synthetic", "video_fps",
         "video_render_fps_synthetic", "basemap_default", "basemap_synthetic")


@pytest.mark.slow
def test_bench_quick_prints_every_figure(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick",
                           "--workdir", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    for name in NAMES:
        assert any(line.startswith(f"{name}: ") for line in lines), f"{name} missing:\n" + \
            proc.stdout
    assert not any("ERROR" in line for line in lines), proc.stdout
