"""Measurements of reading, exporting and drawing files: load (folder and GeoPackage, in
turn), the HTML export and its page in headless Chromium, video frames, the basemap."""

from __future__ import annotations

import shutil
from pathlib import Path

from children import worker
from figures import Figure, at_least, at_most, column, interleaved, median, spread
from file_workers import SYNTHETIC_VIDEO_SIZE, VIDEO_SIZE


def measure_load(default: Path, synthetic: Path, reps: int, work: Path,
                 env: dict[str, str]) -> list[Figure]:
    """Folders and the synthetic GeoPackage, each in a fresh process, interleaved."""
    gpkg = work / "synthetic.gpkg"
    sides = {"default": lambda: worker("load", [str(default)], env),
             "synthetic": lambda: worker("load", [str(synthetic)], env)}
    try:
        worker("write_gpkg", [str(synthetic), str(gpkg)], env)
        sides["gpkg"] = lambda: worker("load", [str(gpkg)], env)
    except RuntimeError as error:
        print(f"# load: no GeoPackage ({error})", flush=True)
    results = interleaved(reps, sides)
    runs = {k: column(v, "seconds") for k, v in results.items()}
    cpu = {k: median(column(v, "cpu")) for k, v in results.items()}   # steadier than wall
    d, s = median(runs["default"]), median(runs["synthetic"])
    out = [Figure("load_default", d * 1000, "ms", "no target; fresh process each run; "
                  + spread([x * 1000 for x in runs["default"]], ".0f")
                  + f"; CPU {cpu['default'] * 1000:.0f} ms"),
           at_most("load_synthetic", s, "s", 2.0, "folder, fresh process each run; "
                   + spread(runs["synthetic"], ".2f") + f"; CPU {cpu['synthetic']:.2f} s")]
    if "gpkg" in runs:
        g = median(runs["gpkg"])
        out.append(Figure("load_gpkg_synthetic", g, "s",
                          f"{g / s:.2f}× load_synthetic, target ≤ 2× (issue 16 item 1, "
                          f"the loader's); {spread(runs['gpkg'], '.2f')}; CPU "
                          f"{cpu['gpkg']:.2f} s, {cpu['gpkg'] / cpu['synthetic']:.2f}× the "
                          "folder's", g > 2 * s))
    return out


def measure_html(default: Path, synthetic: Path, reps: int, work: Path, env: dict[str, str]
                 ) -> tuple[list[Figure], Path | None]:
    """Export time in a fresh process (the folium import included, as for the CLI); the
    default's beside its in-run floor, ``import folium`` alone, interleaved."""
    out = []
    html = work / "export_default.html"
    try:
        runs = interleaved(reps, {
            "export": lambda: worker("html", [str(default), str(html), "2"], env),
            "floor": lambda: worker("folium_import", [str(default)], env),
            "bare": lambda: worker("folium_import", ["-"], env)})
    except RuntimeError as error:
        out += [Figure("html_export_default", None, "", f"export failed: {error}"),
                Figure("html_size_default", None, "", "no export")]
    else:
        first, floor = column(runs["export"], "first"), column(runs["floor"], "seconds")
        cold, base = median(first), median(floor)
        ours = median(column(runs["export"], "ours"))
        ours_cpu = median(column(runs["export"], "ours_cpu"))
        warm = median(column(runs["export"], "warm"))
        bare = median(column(runs["bare"], "seconds"))
        out.append(Figure("html_folium_import", base, "s",
                          f"baseline: import folium in a fresh process after loading the "
                          f"scenario, {spread(floor, '.3f')}; in a bare interpreter "
                          f"{bare * 1000:.0f} ms; {base / 0.5:.2f}× the export's target"))
        out.append(at_most("html_export_default", cold, "s", 0.5,
                           f"{cold / base:.2f}× html_folium_import; fresh process, folium "
                           f"import included, {spread(first, '.3f')}; ours after the import "
                           f"{ours * 1000:.0f} ms wall, {ours_cpu * 1000:.0f} ms CPU; a second "
                           f"export in the same process {warm * 1000:.0f} ms"))
        out.append(Figure("html_size_default", runs["export"][-1]["bytes"] / 1e6, "MB",
                          "no target"))
    page = None
    html = work / "export_synthetic.html"
    try:
        runs = [worker("html", [str(synthetic), str(html), "1"], env)
                for _ in range(max(1, reps - 1))]     # the synthetic export is slow
    except RuntimeError as error:
        out += [Figure("html_export_synthetic", None, "", f"export failed: {error}"),
                Figure("html_size_synthetic", None, "", "no export")]
    else:
        out.append(Figure("html_export_synthetic", median(column(runs, "first")), "s",
                          f"no target; fresh process, folium import included; "
                          f"{spread(column(runs, 'first'), '.2f')}"))
        out.append(Figure("html_size_synthetic", runs[-1]["bytes"] / 1e6, "MB", "no target"))
        page = html
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
    return at_most("chromium_synthetic", r["load"], "s", 2.0,
                   f"navigation to window.petrograd.ready and two animation frames, "
                   f"{spread(r['loads'], '.2f')}; the page's main thread busy "
                   f"{r['tasks']:.2f} s of it; then a slider move "
                   f"{r['slider'] * 1000:.0f} ms; all changes replayed to the end and back "
                   f"{r['sweep']:.0f} ms; headless, browser start not counted")


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


