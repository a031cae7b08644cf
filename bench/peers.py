"""Peers measured side by side with ours, same data, same size, in one run (issue 16).

``.venv/bin/python bench/peers.py [--runs 5] [--quick]`` prints one line per figure,
``name: value unit (ratio to ours)``, as medians of interleaved runs (peer, ours, peer,
ours…, so both see the same machine load), with the spread:

- QGIS (Debian's ``python3-qgis``, run by the system Python in its own process: it is Qt 5)
  opens the scenario's GeoPackage plus a ``states`` layer (each site's control as time
  intervals, categorized renderer, temporal properties from fields) and renders temporal
  frames at 1920×1080; ours opens the same GeoPackage and draws the same frames.
  QGIS draws the basemap twice, interleaved: with its default symbols (the ``qgis_*`` rows:
  one thin line per street, no labels) and in our map's style (``bench/qgis_style.py``, the
  ``qgis_ourstyle_*`` rows: our passes, widths, dashes, fills and names), so the second
  compares the same picture. ``--png DIR`` saves both fit views and ours.
- folium's ``TimestampedGeoJson`` with the same sites and control changes: export time,
  file size and headless Chromium load time against our HTML export.

A peer that is not installed is skipped with a message. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from children import child_env  # noqa: E402
from file_workers import work_chromium  # noqa: E402
from view_workers import _paint_counter, _qt, _until_painted  # noqa: E402

SIZE = (1920, 1080)
QGIS_PYTHON = "/usr/bin/python3"
UNIX_EPOCH_DAY = 2440588          # Julian Day Number of 1970-01-01 (Gregorian)
# QGIS symbology for the basemap layers: fill, stroke (the peer's own simple styling).
QGIS_BASEMAP = {"water": ("#a9c7d9", "#7fa3b8"), "green": ("#cfdcb4", "#cfdcb4"),
                "districts": ("#00000000", "#b9a98f"), "railways": ("#555555", "#555555"),
                "streets": ("#ffffff", "#c9bca4"), "bridges": ("#444444", "#444444")}


def spread(values: list[float]) -> str:
    return f"median of {len(values)}, {min(values):.0f}–{max(values):.0f}"


# -- data -----------------------------------------------------------------------------------

def states_frame(scenario):
    """Each site's control as intervals [start, end) in Gregorian datetimes: the layer a QGIS
    user builds to animate control (one feature per site and stretch of control)."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    from petrograd1917.geodata.timeline import Timeline

    timeline = Timeline(scenario)
    points = timeline.change_points()
    n = len(scenario.sites)
    order = np.lexsort((points.time, points.site))
    site = np.concatenate([np.arange(n), points.site[order]])
    start = np.concatenate([np.full(n, scenario.start), points.time[order]])
    control = np.concatenate([points.initial, points.new[order]])
    order = np.lexsort((start, site))
    site, start, control = site[order], start[order], control[order]
    end = np.append(start[1:], scenario.end)
    end[np.append(site[1:] != site[:-1], True)] = scenario.end
    keep = end > start
    site, start, end, control = site[keep], start[keep], end[keep], control[keep]
    epoch = UNIX_EPOCH_DAY * 1440
    lon = np.array([s.lon for s in scenario.sites])[site]
    lat = np.array([s.lat for s in scenario.sites])[site]
    frame = pd.DataFrame({
        "site": [scenario.sites[i].id for i in site],
        "kind": [scenario.sites[i].kind for i in site],     # for QGIS in our style
        "control": np.array(timeline.control_ids)[control],
        "start": (start - epoch).astype("datetime64[m]").astype("datetime64[ms]"),
        "end": (end - epoch).astype("datetime64[m]").astype("datetime64[ms]")})
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def prepare(label: str, folder: Path, work: Path) -> dict:
    """The GeoPackage of a scenario, its states layer, and the moments to render."""
    import numpy as np
    import pyogrio
    from petrograd1917.geodata.gpkg import write_gpkg
    from petrograd1917.geodata.loader import load_scenario

    scenario = load_scenario(folder)
    gpkg, states = work / f"{label}.gpkg", work / f"{label}-states.gpkg"
    write_gpkg(scenario, gpkg)
    pyogrio.write_dataframe(states_frame(scenario), states, layer="states", driver="GPKG")
    times = np.linspace(scenario.start, scenario.end, 14)[1:-1].astype(int).tolist()
    return {"label": label, "folder": str(folder), "gpkg": str(gpkg), "states": str(states),
            "times": times, "epoch_times": [t - UNIX_EPOCH_DAY * 1440 for t in times],
            "extent": list(scenario.extent), "sites": len(scenario.sites),
            "ours_style": our_style_spec(folder),
            "controls": {c.id: c.colour for c in scenario.controls.values()}}


def our_style_spec(folder: Path) -> dict:
    """Our map's style for bench/qgis_style.py, resolved here (the QGIS worker's Python cannot
    import geodata): each layer's passes with colours as RGBA, the projection and rectangle of
    our fit view, and the line growth at its zoom and at twice it (Style.line_growth)."""
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.geodata.projection import LocalProjection
    from petrograd1917.geodata.style import load_style, rgba
    from petrograd1917.viewer.mapscene import DOTS_ABOVE

    style, scenario = load_style(), load_scenario(folder)
    x0, y0, x1, y1 = scenario.extent
    proj = LocalProjection((x0 + x1) / 2, (y0 + y1) / 2)    # as viewer.mapscene.MapScene
    xs, ys = proj.forward([x0, x1, x0, x1], [y0, y0, y1, y1])
    rect = [float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys))]
    zoom = min(SIZE[0] / (rect[2] - rect[0]), SIZE[1] / (rect[3] - rect[1]))   # fit_extent

    def colour(name: str | None, opacity: float = 1.0) -> list[int] | None:
        if name is None:
            return None
        r, g, b, a = rgba(style.colour(name))
        return [r, g, b, a if opacity == 1.0 else round(255 * opacity)]

    passes = {layer: [{"stroke": colour(p.stroke, p.opacity), "width": p.width,
                       "grow": p.grow, "extra": p.extra, "dash": list(p.dash),
                       "fill": colour(p.fill), "by": p.by, "only": p.only,
                       "missing": p.missing, "min_zoom": p.min_zoom,
                       "fill_cases": {v: colour(c) for v, c in p.fill_cases}}
                      for p in ps] for layer, ps in style.passes.items()}
    sizes = sorted(k.size for k in style.kinds.values())
    # Our symbol shapes as QGIS marker shapes and sizes (QGIS's square spans its size,
    # ours 0.8 of it; ships and bars, which QGIS 3.22 lacks, as squares of their height).
    shapes = {"square": ("square", 0.8), "diamond": ("diamond", 1.0), "circle": ("circle", 1.0),
              "triangle": ("equilateral_triangle", 1.0), "pentagon": ("pentagon", 1.0),
              "hexagon": ("hexagon", 1.0), "star": ("star", 1.0), "ship": ("square", 0.6),
              "bar": ("square", 0.76)}
    kinds = {k: [shapes[v.shape][0], v.size * shapes[v.shape][1]]
             for k, v in style.kinds.items() if v.shape in shapes}
    return {"proj4": proj.proj4(), "rect": rect, "zoom": zoom, "paper": colour("paper"),
            "growth": {str(z): style.line_growth(zoom * z) for z in (1.0, 2.0)},
            "passes": passes, "route_dashes": style.routes, "route_dash_default": [4, 3],
            "sites": {"count": len(scenario.sites), "dots_above": DOTS_ABOVE, "dot": 7,
                      "kinds": kinds, "size": style.kind("other").size,
                      "ink": colour("ink"), "outline": style.widths["site_outline"]},
            "labels": {"sans": style.fonts["sans"], "serif": style.fonts["serif"],
                       "size": float(style.fonts["label_size"]), "colour": colour("label"),
                       "water_colour": colour("label_water"),
                       "halo_colour": colour("label_halo"), "halo": 1.6,
                       "site_gap": sizes[len(sizes) // 2] / 2 + 3, "max_site_labels": 400}}


# -- the two sides ---------------------------------------------------------------------------

def run_qgis(data: dict, redraws: int, work: Path, png: str | None = None) -> dict:
    spec = {"gpkg": data["gpkg"], "states": data["states"], "basemap": QGIS_BASEMAP,
            "controls": data["controls"], "extent": data["extent"], "size": list(SIZE),
            "background": "#efe7d6", "times": data["epoch_times"], "redraws": redraws,
            "ours": data["ours_style"], "png": png}
    path = work / "qgis-spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(work))
    env.pop("PYTHONPATH", None)
    proc = subprocess.run([QGIS_PYTHON, str(HERE / "qgis_worker.py"), str(path)],
                          capture_output=True, text=True, env=env, timeout=900,
                          cwd=work)   # QGIS may leave a symbology-style.db where it runs
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        raise RuntimeError("QGIS worker failed: " + proc.stderr.strip()[-400:])
    return json.loads(lines[-1])


def run_ours(data: dict, redraws: int, env: dict[str, str], png: str | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(
        {"gpkg": data["gpkg"], "times": data["times"], "redraws": redraws, "png": png})]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        raise RuntimeError("our worker failed: " + proc.stderr.strip()[-400:])
    return json.loads(lines[-1])


def work_ours(spec: dict) -> dict:
    """Open the GeoPackage, draw the first frame, redraw fully, step through time (ms)."""
    app = _qt()
    from petrograd1917.viewer.collector import read_shown_scenario
    from petrograd1917.viewer.mapscene import MapScene
    from petrograd1917.viewer.mapview import MapView

    t0 = time.perf_counter()
    scenario = read_shown_scenario(spec["gpkg"])   # as the window reads it
    read = (time.perf_counter() - t0) * 1000
    view = MapView(MapScene(scenario))
    paints = _paint_counter()
    view.viewport().installEventFilter(paints)
    view.resize(*SIZE)
    view.set_time(spec["times"][0])
    view.show()
    view.fit_extent(scenario.extent)
    while paints.n == 0:
        app.processEvents()
    first = (time.perf_counter() - t0) * 1000

    def redraw() -> tuple[float, float]:
        """Wall and process CPU time (ms) of a full redraw of the view."""
        before = paints.n
        s, c = time.perf_counter(), time.process_time()
        view._background = None  # a full redraw: the view keeps its last basemap otherwise
        view._settled()          # what the settle timer runs once the camera is still
        _until_painted(app, paints, before)
        return (time.perf_counter() - s) * 1000, (time.process_time() - c) * 1000

    fit = [redraw() for _ in range(spec["redraws"])]
    if spec.get("png"):
        view.viewport().grab().save(spec["png"] + "-ours.png")
    view_zoom = view.zoom
    view.zoom_by(2.0)
    zoomed = [redraw() for _ in range(spec["redraws"])]
    if spec.get("png"):
        view.viewport().grab().save(spec["png"] + "-ours-2x.png")
    view.fit_extent(scenario.extent)
    redraw()
    steps = []
    for t in spec["times"]:
        before = paints.n
        s = time.perf_counter()
        view.set_time(t)
        _until_painted(app, paints, before)
        steps.append((time.perf_counter() - s) * 1000)
    return {"read": read, "first_frame": first, "zoom_fit": view_zoom,
            "redraw_fit": statistics.median(w for w, _ in fit),
            "redraw_fit_cpu": statistics.median(c for _, c in fit),
            "redraw_zoomed": statistics.median(w for w, _ in zoomed),
            "redraw_zoomed_cpu": statistics.median(c for _, c in zoomed),
            "step": statistics.median(steps)}


# -- folium's TimestampedGeoJson -------------------------------------------------------------

def work_folium(spec: dict) -> dict:
    """Export the same sites and control changes with folium's TimestampedGeoJson, inlined
    offline by folium-offline when it is installed (else CDN links: no offline load)."""
    import importlib.util

    from petrograd1917.geodata.loader import load_scenario

    scenario = load_scenario(spec["folder"])
    frame = states_frame(scenario)      # the data, prepared before the clock starts
    t0 = time.perf_counter()
    offline = importlib.util.find_spec("offlinefolium") is not None
    if offline:
        import offlinefolium as folium
        from offlinefolium.plugins import TimestampedGeoJson
    else:
        import folium
        from folium.plugins import TimestampedGeoJson
    colours = {c.id: c.colour for c in scenario.controls.values()}
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]},
                 "properties": {"times": [a.isoformat(), b.isoformat()], "icon": "circle",
                                "iconstyle": {"fillColor": colours[c], "fillOpacity": 1,
                                              "radius": 5, "stroke": False}}}
                for x, y, a, b, c in zip(frame.geometry.x, frame.geometry.y, frame["start"],
                                         frame["end"], frame["control"], strict=True)]
    x0, y0, x1, y1 = scenario.extent
    page = folium.Map(location=[(y0 + y1) / 2, (x0 + x1) / 2], zoom_start=12, tiles=None)
    TimestampedGeoJson({"type": "FeatureCollection", "features": features}, period="PT10M",
                       duration="PT10M", add_last_point=False, auto_play=False,
                       date_options="YYYY-MM-DD HH:mm").add_to(page)
    page.save(spec["out"])
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "bytes": Path(spec["out"]).stat().st_size, "offline": offline}


def work_ours_html(spec: dict) -> dict:
    from petrograd1917.geodata.loader import load_scenario

    scenario = load_scenario(spec["folder"])
    t0 = time.perf_counter()
    from petrograd1917.geodata.webmap import export_html

    export_html(scenario, spec["out"])
    return {"seconds": time.perf_counter() - t0, "bytes": Path(spec["out"]).stat().st_size}


def chromium_folium_load(page: Path) -> float:
    """Seconds from navigation to the TimeDimension control and the first markers drawn."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="p17-peer-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--window-size=1920,1080", f"--user-data-dir={profile}",
                "--host-resolver-rules=MAP * ~NOTFOUND"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        driver.set_page_load_timeout(120)
        t0 = time.perf_counter()
        driver.get(page.resolve().as_uri())
        while not driver.execute_script(
                "return !!document.querySelector('.timecontrol-slider') && "
                "document.querySelectorAll('.leaflet-interactive').length > 0"):
            if time.perf_counter() - t0 > 120:
                raise RuntimeError("the folium page never drew its markers (offline?)")
            time.sleep(0.01)
        return time.perf_counter() - t0
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


# -- driver ------------------------------------------------------------------------------------

def row(name: str, peer: list[float], ours: list[float], unit: str = "ms") -> str:
    p, o = statistics.median(peer), statistics.median(ours)
    verdict = "ours ahead" if o < p else "peer ahead"
    return (f"{name}: {p:.1f} {unit} (ours {o:.1f} {unit}; ours/peer {o / p:.2f} — {verdict}; "
            f"peer {spread(peer)}, ours {spread(ours)})")


def cpu_note(peer: dict, ours: dict, key: str) -> str:
    """Process CPU of both sides, which other work on the machine inflates far less."""
    p, o = (statistics.median(side.get(f"{key}_cpu", [float("nan")])) for side in (peer, ours))
    return f"process CPU: QGIS {p:.0f} ms, ours {o:.0f} ms, ours/peer {o / p:.2f}"


def compare_qgis(datasets: list[dict], runs: int, redraws: int, work: Path,
                 env: dict[str, str], png: Path | None = None) -> None:
    if not Path(QGIS_PYTHON).exists() or subprocess.run(
            [QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True).returncode:
        print("qgis: skipped (install Debian's python3-qgis and qgis-providers)")
        return
    for data in datasets:
        peer: dict[str, list[float]] = {}
        ours: dict[str, list[float]] = {}
        unmatched: list[str] = []
        for k in range(runs):                 # interleaved: peer, ours, peer, ours…
            pictures = str(png / data["label"]) if png is not None and k == 0 else None
            for side, result in ((peer, run_qgis(data, redraws, work, pictures)),
                                 (ours, run_ours(data, redraws, env, pictures))):
                unmatched = result.get("ours_unmatched", unmatched)
                for key, value in result.items():
                    if isinstance(value, (int, float)):
                        side.setdefault(key, []).append(float(value))
        label = data["label"]
        print(f"# QGIS vs ours, {label} scenario ({data['sites']} sites, "
              f"{int(peer['features'][0])} state intervals), {SIZE[0]}×{SIZE[1]}")
        print(row(f"qgis_step_{label}", peer["step"], ours["step"]) +
              " [QGIS: points layer over a cached basemap; ours: scrub step]")
        print(row(f"qgis_redraw_fit_{label}", peer["redraw_fit"], ours["redraw_fit"]) +
              f" [QGIS sequential; parallel {statistics.median(peer['redraw_fit_parallel']):.0f}"
              f" ms; {cpu_note(peer, ours, 'redraw_fit')}]")
        print(row(f"qgis_redraw_zoomed_{label}", peer["redraw_zoomed"], ours["redraw_zoomed"])
              + " [camera settle at 2× the fit view; QGIS parallel "
              f"{statistics.median(peer['redraw_zoomed_parallel']):.0f} ms; "
              f"{cpu_note(peer, ours, 'redraw_zoomed')}]")
        print(row(f"qgis_open_{label}", peer["first_frame"], ours["first_frame"]) +
              " [GeoPackage to first frame]")
        print(row(f"qgis_read_{label}", peer["read"], ours["read"]) +
              " [QGIS: layers + styles + temporal set-up; ours: load_scenario(.gpkg)]")
        if "ours_redraw_fit" in peer:
            print_our_style(label, peer, ours, unmatched)


def print_our_style(label: str, peer: dict, ours: dict, unmatched: list[str]) -> None:
    """The rows of QGIS drawing our map's style (bench/qgis_style.py) against ours."""
    zq, zo = statistics.median(peer["ours_zoom_fit"]), statistics.median(ours["zoom_fit"])
    print(f"# QGIS, our style ({label}): our passes, widths at the view's zoom, place and site "
          f"names; zoom at the fit view {zq:.4f} px/m (ours {zo:.4f})")
    for key, what in (("fit", "fit view"), ("zoomed", "2× the fit view")):
        mine = {f"redraw_{key}_cpu": ours[f"redraw_{key}_cpu"]}
        theirs = {f"redraw_{key}_cpu": peer[f"ours_redraw_{key}_cpu"]}
        print(row(f"qgis_ourstyle_redraw_{key}_{label}", peer[f"ours_redraw_{key}"],
                  ours[f"redraw_{key}"]) +
              f" [{what}; QGIS sequential, parallel "
              f"{statistics.median(peer[f'ours_redraw_{key}_parallel']):.0f} ms; "
              f"{cpu_note(theirs, mine, f'redraw_{key}')}; QGIS without its labels "
              f"{statistics.median(peer[f'ours_redraw_{key}_nolabels']):.0f} ms]")
    print(f"#   QGIS set-up of our style's layers, rules and labels (the GeoPackage already "
          f"open): {statistics.median(peer['ours_read']):.0f} ms")
    for what in unmatched:
        print(f"#   not matched in QGIS: {what}")


def compare_folium(datasets: list[dict], runs: int, work: Path, env: dict[str, str]) -> None:
    for data in datasets:
        label = data["label"]
        peer, ours, peer_load, ours_load = [], [], [], []
        offline = False
        for k in range(runs):
            spec = {"folder": data["folder"], "out": str(work / f"folium-{label}.html")}
            f = json.loads(_worker("folium", spec, env))
            spec = {"folder": data["folder"], "out": str(work / f"ours-{label}.html")}
            o = json.loads(_worker("ours_html", spec, env))
            peer.append(f["seconds"] * 1000)
            ours.append(o["seconds"] * 1000)
            offline = f["offline"]
            if k < 2 and offline and shutil.which("chromedriver"):
                peer_load.append(chromium_folium_load(work / f"folium-{label}.html"))
                ours_load.append(work_chromium(str(work / f"ours-{label}.html"),
                                               shutil.which("chromium") or "chromium",
                                               shutil.which("chromedriver"), "1")["load"])
        print(f"# folium TimestampedGeoJson vs our HTML export, {label} scenario")
        print(row(f"folium_export_{label}", peer, ours) + " [fresh process]")
        sizes = (Path(work / f"folium-{label}.html").stat().st_size / 1e6,
                 Path(work / f"ours-{label}.html").stat().st_size / 1e6)
        print(f"folium_size_{label}: {sizes[0]:.2f} MB (ours {sizes[1]:.2f} MB; ours/peer "
              f"{sizes[1] / sizes[0]:.2f})")
        if peer_load:
            print(row(f"folium_chromium_load_{label}", peer_load, ours_load, "s"))
        else:
            print(f"folium_chromium_load_{label}: skipped (folium-offline not installed: "
                  "plain folium links its scripts from CDNs and never loads offline)")


def _worker(kind: str, spec: dict, env: dict[str, str]) -> str:
    cmd = [sys.executable, str(Path(__file__).resolve()), f"--{kind}", json.dumps(spec)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        raise RuntimeError(f"{kind} worker failed: " + proc.stderr.strip()[-400:])
    return lines[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--redraws", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="a small synthetic scenario")
    parser.add_argument("--only", choices=("qgis", "folium"))
    parser.add_argument("--work", type=Path)
    parser.add_argument("--png", type=Path, help="save the fit views (QGIS default, QGIS in "
                        "our style, ours) of the first run as PNGs in this folder")
    for kind in ("worker", "folium", "ours_html"):
        parser.add_argument(f"--{kind}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker or args.folium or args.ours_html:
        work = {"worker": work_ours, "folium": work_folium, "ours_html": work_ours_html}
        kind = next(k for k in work if getattr(args, k))
        print(json.dumps(work[kind](json.loads(getattr(args, kind)))), flush=True)
        return 0
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from make_synthetic import DEFAULTS, QUICK, make_scenario
    from petrograd1917.geodata.loader import default_scenario_path

    work = args.work or Path(tempfile.mkdtemp(prefix="p17-peers-"))
    work.mkdir(parents=True, exist_ok=True)
    env = child_env(work / "config")
    synthetic = work / "synthetic"
    make_scenario(synthetic, **(QUICK if args.quick else DEFAULTS))
    datasets = [prepare("default", default_scenario_path(), work),
                prepare("synthetic", synthetic, work)]
    if args.only in (None, "qgis"):
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
        compare_qgis(datasets, args.runs, args.redraws, work, env, args.png)
    if args.only in (None, "folium"):
        compare_folium(datasets, min(args.runs, 3), work, env)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
