"""Benchmarks of the costs users feel (issues 7 and 16); see docs/performance.md.

``.venv/bin/python bench/run.py`` prints one line per figure,
``name: value unit (ratio to its in-run baseline or target; median of n, min–max)``, and
MISSED where a target is missed. Figures with a baseline run interleaved with it (A, B, A,
B…) so that both see the same machine load: on this shared machine absolute times swing
±50 %, ratios measured side by side do not. ``--quick`` runs every figure once on a small
synthetic scenario (a smoke run for CI). Every measurement runs in a fresh subprocess of the
same Python (``bench/run.py --worker KIND ...``), on Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE.parent, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import file_measures  # noqa: E402
import file_workers  # noqa: E402
import map_measures  # noqa: E402
import view_workers  # noqa: E402
from children import child_env  # noqa: E402
from figures import Figure  # noqa: E402
from startup import measure_start  # noqa: E402

GROUPS = ("start", "scrub", "camera", "glide", "load", "html", "chromium", "video", "basemap")
WORKERS = {"load": file_workers.work_load, "html": file_workers.work_html,
           "folium_import": file_workers.work_folium_import,
           "chromium": file_workers.work_chromium, "video": file_workers.work_video,
           "basemap": file_workers.work_basemap, "write_gpkg": file_workers.work_write_gpkg,
           "scrub": view_workers.work_scrub, "camera": view_workers.work_camera,
           "glide": view_workers.work_glide, "bare_points": view_workers.work_bare_points}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks of Petrograd 1917 (issue 7).")
    parser.add_argument("--quick", action="store_true",
                        help="each figure once, on a small synthetic scenario (CI smoke run)")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"comma-separated groups to run (of {', '.join(GROUPS)})")
    parser.add_argument("--seed", type=int, default=1917)
    parser.add_argument("--workdir", type=Path,
                        help="keep the synthetic scenario and exports here (default: temp)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker[0]](*args.worker[1:])), flush=True)
        return 0

    groups = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    from make_synthetic import DEFAULTS, QUICK, make_scenario
    from petrograd1917.geodata.loader import default_scenario_path

    sizes = QUICK if args.quick else DEFAULTS
    # steps per figure, and rounds: how often each side of an interleaved comparison runs
    reps = {"start": 5, "scrub": 60, "camera": 40, "glide": 5, "load": 3, "html": 3,
            "chromium": 3, "video": 60, "basemap": 5, "rounds": 3}
    if args.quick:
        reps = {"start": 1, "scrub": 5, "camera": 4, "glide": 1, "load": 1, "html": 1,
                "chromium": 1, "video": 5, "basemap": 1, "rounds": 1}
    temp = None
    if args.workdir:
        work = args.workdir
        work.mkdir(parents=True, exist_ok=True)
    else:
        temp = tempfile.TemporaryDirectory(prefix="p17-bench-")
        work = Path(temp.name)
    env = child_env(work / "config")
    default = default_scenario_path()
    synthetic = work / "synthetic"
    t0 = time.perf_counter()
    make_scenario(synthetic, seed=args.seed, **sizes)
    print(f"# synthetic scenario: {sizes['sites']} sites, {sizes['events']} events, "
          f"{sizes['routes']} routes, {sizes['features']} basemap features (seed {args.seed}, "
          f"written in {time.perf_counter() - t0:.1f} s); "
          f"{os.cpu_count()} CPUs, Qt offscreen, Python {sys.version.split()[0]}", flush=True)
    if args.quick:
        print("# --quick: every figure measured once; not for comparison", flush=True)

    status = 0
    figures: list[Figure] = []

    def show(items) -> None:
        for figure in items if isinstance(items, list) else [items]:
            figures.append(figure)
            print(figure.line(), flush=True)

    page = None
    try:
        for group in GROUPS:
            if group not in groups:
                continue
            try:
                if group == "start":
                    show(measure_start(reps["start"], env))
                elif group == "scrub":
                    show(map_measures.measure_scrub(default, synthetic, reps["scrub"],
                                                    reps["rounds"], env))
                elif group == "camera":
                    show(map_measures.measure_camera(default, synthetic, reps["camera"],
                                                     reps["rounds"], env))
                elif group == "glide":
                    show(map_measures.measure_glide(default, reps["glide"], env))
                elif group == "load":
                    show(file_measures.measure_load(default, synthetic, reps["load"], work,
                                                    env))
                elif group in ("html", "chromium") and page is None:
                    items, page = file_measures.measure_html(
                        default, synthetic, reps["html"] if group == "html" else 1, work, env)
                    if group == "html":
                        show(items)
                if group == "chromium":
                    show(file_measures.measure_chromium(page, reps["chromium"], env))
                elif group == "video":
                    show(file_measures.measure_video(default, synthetic, reps["video"], work,
                                                     env))
                elif group == "basemap":
                    show(file_measures.measure_basemap(default, synthetic, reps["basemap"],
                                                       env))
            except Exception as error:  # report and go on with the other figures
                print(f"# {group}: ERROR {error}", flush=True)
                status = 1
    finally:
        if temp is not None:
            temp.cleanup()
    missed = [f.name for f in figures if f.missed]
    print(f"# targets missed: {', '.join(missed) if missed else 'none'}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
