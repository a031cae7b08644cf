"""Measurements of the map view, each interleaved with its in-run baseline where there is
one: the scrub step (against a bare QGraphicsView painting as many coloured points), the
camera (pan, zoom, the full redraw once still, at zooms from the fit view to 8×), and a
lecture glide's frames per second."""

from __future__ import annotations

from pathlib import Path

from children import worker
from figures import Figure, at_least, at_most, column, interleaved, median, spread
from view_workers import SETTLE_ZOOMS

FRAME_MS = 1000 / 60
SCRUB_TARGETS = {"default": 5.0, "synthetic": 12.0}       # ms (issue 7; issue 16)
SETTLE_TARGETS = {"default": 50.0, "synthetic": 150.0}    # ms (issue 16)
GLIDE_FPS = 30.0


def measure_scrub(default: Path, synthetic: Path, steps: int, rounds: int,
                  env: dict[str, str]) -> list[Figure]:
    out = []
    per = str(steps)   # every round the whole span in ``steps`` steps, as in issue 7
    for label, path in (("default", default), ("synthetic", synthetic)):
        sides = {"ours": lambda a=[str(path), per]: worker("scrub", a, env)}
        if label == "synthetic":   # ours, then a bare view with as many points, in turn
            sites = str(worker("scrub", [str(path), "2"], env)["sites"])
            sides["bare"] = lambda a=[sites, per]: worker("bare_points", a, env)
        runs = interleaved(rounds, sides)
        ours = runs["ours"]
        total = column(ours, "total")
        r = {k: median(column(ours, k)) for k in ("set_time", "paint", "changed",
                                                   "paints_per_step", "basemap_paints", "cpu")}
        w, h = ours[0]["viewport"]
        extra = (f"process CPU {r['cpu']:.1f} ms/step; "
                 f"set_time {r['set_time']:.1f} + event loop paint {r['paint']:.1f} ms, "
                 f"{w}×{h}, {r['paints_per_step']:g} paint/step; "
                 f"{r['basemap_paints']:.0f} basemap redraws in {per} steps; "
                 f"{r['changed']:.0f} sites restyled per step; {spread(total)}")
        dots = [x["dots_redrawn"] for x in ours if x.get("dots_redrawn") is not None]
        if dots:
            extra += (f"; the dot layer redrew {median(dots):.0f} of {ours[0]['sites']} "
                      "dots a step (the changed ones and those touching them)")
        value = median(total)
        if label == "synthetic":
            bare = column(runs["bare"], "total")
            bare_cpu = median(column(runs["bare"], "cpu"))
            extra = (f"{value / median(bare):.2f}× bare QGraphicsView painting "
                     f"{sites} coloured points ({median(bare):.1f} ms, {spread(bare)}; "
                     f"CPU {bare_cpu:.1f} ms/step, ours/bare in CPU "
                     f"{r['cpu'] / bare_cpu:.2f}×); " + extra)
        out.append(at_most(f"scrub_{label}", value, "ms", SCRUB_TARGETS[label], extra))
        if label == "synthetic":
            query = column(ours, "state_query")
            out.append(at_most("state_query_synthetic", median(query), "ms", 1.0,
                               f"Timeline.state_at over {ours[0]['sites']} sites"))
    return out


def measure_camera(default: Path, synthetic: Path, steps: int, rounds: int,
                   env: dict[str, str]) -> list[Figure]:
    """Pan and zoom steps (one 60 Hz frame for comparison) and the full redraw once the
    camera is still (targets of issue 16), with the redraw at each zoom of SETTLE_ZOOMS."""
    out = []
    per = max(4, steps // rounds)
    runs = interleaved(rounds, {
        "default": lambda: worker("camera", [str(default), str(per)], env),
        "synthetic": lambda: worker("camera", [str(synthetic), str(per)], env)})
    for label, results in runs.items():
        step, settle = column(results, "step"), column(results, "settle")
        zooms = [median([r["by_zoom"][k] for r in results]) for k in range(len(SETTLE_ZOOMS))]
        cpus = [median([r["by_zoom_cpu"][k] for r in results])
                for k in range(len(SETTLE_ZOOMS))]
        by_zoom = ", ".join(f"{z:g}× {ms:.0f} (CPU {c:.0f})" for z, ms, c in zip(
            SETTLE_ZOOMS, zooms, cpus, strict=True))
        out.append(Figure(f"camera_{label}", median(step), "ms",
                          f"{median(step) / FRAME_MS:.2f}× one 60 Hz frame; pan 40 px or zoom "
                          f"4 % while moving, 1920×1080; {spread(step)}"))
        out.append(at_most(f"camera_settle_{label}", median(settle), "ms",
                           SETTLE_TARGETS[label],
                           f"process CPU {median(column(results, 'settle_cpu')):.0f} ms, "
                           "the part other work on the machine does not inflate; "
                           f"{median(settle) / FRAME_MS:.2f}× one 60 Hz frame; full redraw "
                           f"of basemap and {results[0]['labels']} labels once the camera is "
                           f"still, 2× the fit view; {spread(settle)}; "
                           f"at each zoom of the fit view (ms): {by_zoom}"))
        pan = column(results, "pan")
        out.append(Figure(f"camera_settle_pan_{label}", median(pan), "ms",
                          f"process CPU {median(column(results, 'pan_cpu')):.0f} ms; the "
                          "settle after a 40 px pan at the same zoom: the part of the last "
                          "drawing still in view is copied, the uncovered strip drawn, the "
                          f"labels laid out again; {spread(pan)}"))
        worst = max(zooms)
        out.append(at_most(f"camera_settle_worst_zoom_{label}", worst, "ms",
                           SETTLE_TARGETS[label],
                           f"the slowest of {len(SETTLE_ZOOMS)} zooms; "
                           f"{worst / min(zooms):.2f}× the fastest"))
    return out


def measure_glide(default: Path, rounds: int, env: dict[str, str]) -> Figure:
    """Frames painted during a 1 s lecture glide at 1920×1080, default scenario."""
    runs = [worker("glide", [str(default), "1.0"], env) for _ in range(rounds)]
    fps = column(runs, "fps")
    cut = sum(1 for r in runs if r["skipped"])
    ticks = median(column(runs, "ticks"))
    return at_least("glide_fps_default", median(fps), "frames/s", GLIDE_FPS,
                    f"paint events during a 1 s glide from the city to the closest chapter "
                    f"view, 1920×1080, software raster ({runs[0]['which']}); "
                    f"{median(column(runs, 'frames')):.0f} frames for {ticks:.0f} animation "
                    f"ticks; process CPU {median(column(runs, 'frame_cpu')):.1f} ms to paint "
                    f"a frame; cut short in {cut} of {len(runs)}; {spread(fps)}")
