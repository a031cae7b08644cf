"""Workers that read, export and draw files (each runs in its own process): loading a
scenario, the HTML export and its load in headless Chromium, video frames, the basemap."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from figures import median
from view_workers import SIZE, _qt

VIDEO_SIZE = (1920, 1080)          # issue 16: real-time video at 1080p
SYNTHETIC_VIDEO_SIZE = (1280, 720)   # the synthetic frame rate keeps its first size


def work_load(path: str) -> dict:
    from petrograd1917.geodata.loader import load_scenario

    t0, c0 = time.perf_counter(), time.process_time()
    load_scenario(path)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}


def work_html(path: str, out: str, exports: str) -> dict:
    """Time ``export_html`` once cold (first in this process, importing folium) and,
    optionally, again. The cold one is split into folium's import and the rest (ours),
    in wall and process CPU seconds."""
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.geodata.webmap import export_html

    scenario = load_scenario(path)
    t0, c0 = time.perf_counter(), time.process_time()
    import folium  # noqa: F401  (the export's first import, timed apart)
    t1, c1 = time.perf_counter(), time.process_time()
    export_html(scenario, out)
    t2, c2 = time.perf_counter(), time.process_time()
    warm = t2 - t1
    for _ in range(int(exports) - 1):
        t3 = time.perf_counter()
        export_html(scenario, out)
        warm = time.perf_counter() - t3
    return {"first": t2 - t0, "folium": t1 - t0, "ours": t2 - t1, "warm": warm,
            "cpu": c2 - c0, "ours_cpu": c2 - c1, "bytes": Path(out).stat().st_size}


def work_folium_import(path: str) -> dict:
    """The floor of the export's time: ``import folium`` in a fresh process that has loaded
    the scenario at ``path`` as the export worker has (numpy and the loader in already),
    or, with ``-``, in a bare interpreter (``python -c "import folium"``)."""
    if path != "-":
        from petrograd1917.geodata.loader import load_scenario

        load_scenario(path)
    t0, c0 = time.perf_counter(), time.process_time()
    import folium  # noqa: F401

    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}


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
        loads, slides, sweeps, tasks = [], [], [], []
        url = Path(page).resolve().as_uri()
        driver.execute_cdp_cmd("Performance.enable", {})
        for _ in range(int(reps)):
            driver.get("about:blank")
            busy = _main_thread_seconds(driver)
            t0 = time.perf_counter()
            driver.get(url)
            while not driver.execute_script(
                    "return !!(window.petrograd && window.petrograd.ready)"):
                if time.perf_counter() - t0 > 120:
                    raise RuntimeError("the page never became ready")
                time.sleep(0.01)
            driver.execute_async_script(wait_frame)   # first frame painted
            t1 = time.perf_counter()
            tasks.append(_main_thread_seconds(driver) - busy)
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
            "sweep": median(sweeps), "loads": loads, "tasks": median(tasks)}


def _main_thread_seconds(driver) -> float:
    """The page's renderer main thread busy time so far (Chrome's ``TaskDuration``): the
    part of the load other work on the machine inflates less than the wall time."""
    metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    return next((m["value"] for m in metrics if m["name"] == "TaskDuration"), 0.0)


def _encode_fps(scenario, spec, out: str) -> float:
    """ffmpeg alone: the same frames, painted beforehand, through the same pipe."""
    from petrograd1917.viewer.encoders import Mp4Pipe
    from petrograd1917.viewer.video import _bgra, _frames

    painted = [_bgra(image).tobytes() for image in _frames(scenario, spec)]
    t0 = time.perf_counter()
    pipe = Mp4Pipe(Path(out), spec.size, spec.fps)
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
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    t0 = time.perf_counter()
    layers = load_basemap(root)
    t1 = time.perf_counter()
    proj = LocalProjection((x0 + x1) / 2, (y0 + y1) / 2)
    basemap = Basemap(SimpleNamespace(basemap=layers, routes=[]), proj)
    t2 = time.perf_counter()
    xs, ys = proj.forward([x0, x1], [y0, y1])
    w, h = float(xs[1] - xs[0]), float(ys[1] - ys[0])
    zoom = min(SIZE[0] / w, SIZE[1] / h)
    cx, cy = float(xs[0] + xs[1]) / 2, -float(ys[0] + ys[1]) / 2
    exposed = QRectF(cx - SIZE[0] / zoom / 2, cy - SIZE[1] / zoom / 2,
                     SIZE[0] / zoom, SIZE[1] / zoom)
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor("#f1e9d6"))
    painter.translate(SIZE[0] / 2, SIZE[1] / 2)
    painter.scale(zoom, zoom)
    painter.translate(-cx, -cy)
    basemap.paint(painter, exposed, zoom)
    painter.end()
    t3 = time.perf_counter()
    ms = 1000
    return {"total": (t3 - t0) * ms, "read": (t1 - t0) * ms, "build": (t2 - t1) * ms,
            "draw": (t3 - t2) * ms}


def work_write_gpkg(folder: str, out: str) -> dict:
    """The scenario at ``folder`` as a GeoPackage (``export-gpkg``), to time reading it."""
    from petrograd1917.geodata.gpkg import write_gpkg
    from petrograd1917.geodata.loader import load_scenario

    write_gpkg(load_scenario(folder), Path(out))
    return {"bytes": Path(out).stat().st_size}
