"""Write a large, valid, synthetic scenario for the benchmarks.

``python bench/make_synthetic.py OUT [--sites N] [--events M] [--routes R] [--features K]
[--seed S]`` writes a scenario folder over the Petrograd extent that passes
``petrograd1917 validate``. It reuses the default scenario's ``scenario.toml`` (controls,
span, extent), ``sources.toml`` and ``chapters.toml``; everything else is random but fully
determined by the seed. Basemap features are split among water polygons, green polygons
and street lines (star-shaped polygons, so every ring is simple and valid).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from petrograd1917.geodata import calendar as cal  # noqa: E402
from petrograd1917.geodata.loader import default_scenario_path  # noqa: E402
from petrograd1917.geodata.model import ROUTE_KINDS, SITE_KINDS  # noqa: E402

DEFAULTS = {"sites": 10_000, "events": 100_000, "routes": 100, "features": 20_000}
QUICK = {"sites": 500, "events": 5_000, "routes": 10, "features": 1_000}
PRECISION_WEIGHTS = {"minute": 0.35, "hour": 0.3, "part_of_day": 0.1, "day": 0.05,
                     "window": 0.2}
WATER_KINDS = ("river", "canal", "bay", "pond")
GREEN_KINDS = ("garden", "square", "park")
STREET_KINDS = ("prospekt", "street", "embankment", "lane", "square")


def _iso(minutes: int, calendar: str) -> str:
    return cal.iso(int(minutes), calendar)


def _collection(features: list[dict], provenance: str) -> dict:
    return {"type": "FeatureCollection", "provenance": provenance, "features": features}


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


def _star_polygons(rng: np.random.Generator, n: int, extent, radius: tuple[float, float],
                   vertices: tuple[int, int], apart: bool = False) -> list[list[list[float]]]:
    """``n`` star-shaped rings (simple by construction): sorted angles, jittered radii.

    ``apart``: one ring per cell of a grid over the extent, so that no two overlap (water).
    """
    x0, y0, x1, y1 = extent
    out = []
    cx = rng.uniform(x0, x1, n)
    cy = rng.uniform(y0, y1, n)
    r = rng.uniform(*radius, n)
    if apart:
        shrink = np.cos(np.radians((y0 + y1) / 2))
        cols = max(1, int(np.ceil(np.sqrt(n * (x1 - x0) * shrink / (y1 - y0)))))
        rows = -(-n // cols)
        w, h = (x1 - x0) / cols, (y1 - y0) / rows
        cx = x0 + (np.arange(n) % cols + 0.5) * w
        cy = y0 + (np.arange(n) // cols + 0.5) * h
        r = np.minimum(r, 0.45 * min(h, w * shrink))
    k = rng.integers(vertices[0], vertices[1] + 1, n)
    for i in range(n):
        step = 2 * np.pi / k[i]
        angles = np.arange(k[i]) * step + rng.uniform(0, 0.8 * step, k[i])
        radii = r[i] * rng.uniform(0.5, 1.0, k[i])
        xs = cx[i] + radii * np.cos(angles) / np.cos(np.radians(cy[i]))
        ys = cy[i] + radii * np.sin(angles)
        ring = np.round(np.column_stack([xs, ys]), 6).tolist()
        ring.append(ring[0])
        out.append(ring)
    return out


def _walks(rng: np.random.Generator, n: int, extent, steps: tuple[int, int],
           length: float) -> list[list[list[float]]]:
    """``n`` random-walk lines with a drifting heading, clipped to ``extent``."""
    x0, y0, x1, y1 = extent
    out = []
    for _ in range(n):
        k = int(rng.integers(steps[0], steps[1] + 1))
        heading = rng.uniform(0, 2 * np.pi) + np.cumsum(rng.normal(0, 0.25, k))
        seg = length / k
        xs = rng.uniform(x0, x1) + np.concatenate([[0], np.cumsum(seg * np.cos(heading[1:]) * 2)])
        ys = rng.uniform(y0, y1) + np.concatenate([[0], np.cumsum(seg * np.sin(heading[1:]))])
        xs = np.clip(xs, x0, x1)
        ys = np.clip(ys, y0, y1)
        out.append(np.round(np.column_stack([xs, ys]), 6).tolist())
    return out


def make_scenario(out: str | Path, sites: int = DEFAULTS["sites"],
                  events: int = DEFAULTS["events"], routes: int = DEFAULTS["routes"],
                  features: int = DEFAULTS["features"], seed: int = 1917) -> Path:
    """Write the synthetic scenario folder ``out`` (replaced if it exists); return it."""
    out = Path(out)
    source = default_scenario_path()
    if out.exists():
        shutil.rmtree(out)
    (out / "basemap").mkdir(parents=True)
    for name in ("scenario.toml", "sources.toml", "chapters.toml"):
        shutil.copyfile(source / name, out / name)
    meta = tomllib.loads((source / "scenario.toml").read_text("utf-8"))
    source_keys = list(tomllib.loads((source / "sources.toml").read_text("utf-8")))
    calendar = meta.get("calendar", cal.JULIAN)
    start = cal.parse_time(meta["start"], calendar)
    end = cal.parse_time(meta["end"], calendar)
    controls = list(meta["controls"])
    x0, y0, x1, y1 = meta["extent"]
    extent = (x0, y0, x1, y1)
    rng = np.random.default_rng(seed)

    # -- sites ----------------------------------------------------------------------------
    lon = np.round(rng.uniform(x0, x1, sites), 6)
    lat = np.round(rng.uniform(y0, y1, sites), 6)
    kinds = rng.integers(0, len(SITE_KINDS), sites)
    initial = rng.integers(-1, len(controls), sites)   # -1: the default control
    refs = rng.integers(0, len(source_keys), sites)
    site_ids = [f"s{i:06d}" for i in range(sites)]
    site_features = []
    for i in range(sites):
        props = {"id": site_ids[i], "name_en": f"Site {i}", "name_ru": f"Объект {i}",
                 "kind": SITE_KINDS[kinds[i]],
                 "description": f"Synthetic site number {i}, for the benchmarks.",
                 "sources": [source_keys[refs[i]]]}
        if initial[i] >= 0:
            props["initial_control"] = controls[initial[i]]
        site_features.append({"type": "Feature", "properties": props, "geometry": {
            "type": "Point", "coordinates": [float(lon[i]), float(lat[i])]}})
    _write_json(out / "sites.geojson", _collection(site_features, "Synthetic"))

    # -- events ---------------------------------------------------------------------------
    names = list(PRECISION_WEIGHTS)
    precision = rng.choice(len(names), events, p=list(PRECISION_WEIGHTS.values()))
    raw = rng.integers(start, end, events)
    site_of = rng.integers(0, sites, events)
    control = rng.integers(-1, len(controls), events)   # -1: changes nothing
    during = rng.integers(-3, len(controls), events)    # < 0: the transition control
    length = rng.integers(10, 600, events)
    cite = rng.integers(0, len(source_keys), events)
    rows = []
    for i in range(events):
        p = names[precision[i]]
        t = int(raw[i])
        earliest = latest = ""
        if p == "hour":
            t -= t % 60
        elif p == "part_of_day":
            t -= t % 360
        elif p == "day":
            t -= t % cal.MINUTES_PER_DAY
        elif p == "window":
            earliest = _iso(t, calendar)
            latest = _iso(min(t + int(length[i]), end), calendar)
        rows.append((f"e{i:07d}", site_ids[site_of[i]], _iso(t, calendar), p, earliest, latest,
                     controls[control[i]] if control[i] >= 0 else "",
                     controls[during[i]] if during[i] >= 0 else "",
                     f"Synthetic event {i}", "", f"{source_keys[cite[i]]}:p.{i % 300 + 1}"))
    with open(out / "events.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(("id", "site", "time", "precision", "earliest", "latest", "control",
                         "during", "caption", "caption_ru", "sources"))
        writer.writerows(rows)

    # -- routes ---------------------------------------------------------------------------
    route_features = []
    for i, line in enumerate(_walks(rng, routes, extent, (2, 40), 0.05)):
        a, b = sorted(int(v) for v in rng.choice(np.arange(start, end + 1), 2, replace=False))
        props = {"id": f"r{i:05d}", "name_en": f"Route {i}", "name_ru": f"Маршрут {i}",
                 "kind": ROUTE_KINDS[i % len(ROUTE_KINDS)], "start": _iso(a, calendar),
                 "end": _iso(b, calendar), "sources": [source_keys[i % len(source_keys)]]}
        if i % 3 == 0:
            props["site"] = site_ids[i % sites]
        route_features.append({"type": "Feature", "properties": props,
                               "geometry": {"type": "LineString", "coordinates": line}})
    _write_json(out / "routes.geojson", _collection(route_features, "Synthetic"))

    # -- basemap: 20 % water, 20 % green, 60 % streets --------------------------------------
    n_water = features // 5
    n_green = features // 5
    n_streets = features - n_water - n_green
    water = [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
              "properties": {"id": f"w{i:06d}", "name_en": f"Water {i}",
                             "name_ru": f"Вода {i}", "kind": WATER_KINDS[i % 4]}}
             for i, ring in enumerate(_star_polygons(rng, n_water, extent, (0.0005, 0.004),
                                                     (6, 40), apart=True))]
    green = [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
              "properties": {"id": f"g{i:06d}", "name_en": f"Garden {i}",
                             "name_ru": f"Сад {i}", "kind": GREEN_KINDS[i % 3]}}
             for i, ring in enumerate(_star_polygons(rng, n_green, extent, (0.0003, 0.002),
                                                     (5, 16)))]
    streets = [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": line},
                "properties": {"id": f"st{i:06d}", "name_en": f"Street {i}",
                               "name_ru": f"Улица {i}",
                               "rank": "main" if i % 5 == 0 else "secondary",
                               "kind": STREET_KINDS[i % len(STREET_KINDS)]}}
               for i, line in enumerate(_walks(rng, n_streets, extent, (2, 12), 0.01))]
    for name, items in (("water", water), ("green", green), ("streets", streets)):
        _write_json(out / "basemap" / f"{name}.geojson",
                    _collection(items, f"Synthetic {name} for the benchmarks (seeded)."))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--sites", type=int, default=DEFAULTS["sites"])
    parser.add_argument("--events", type=int, default=DEFAULTS["events"])
    parser.add_argument("--routes", type=int, default=DEFAULTS["routes"])
    parser.add_argument("--features", type=int, default=DEFAULTS["features"])
    parser.add_argument("--seed", type=int, default=1917)
    parser.add_argument("--quick", action="store_true",
                        help="small scenario: 500 sites, 5000 events, 10 routes, 1000 features")
    args = parser.parse_args(argv)
    sizes = dict(QUICK) if args.quick else {k: getattr(args, k) for k in DEFAULTS}
    if min(sizes["sites"], sizes["events"]) < 1 or min(sizes.values()) < 0:
        parser.error("sizes must be positive")
    t0 = time.perf_counter()
    make_scenario(args.out, seed=args.seed, **sizes)
    print(f"wrote {args.out} ({sizes['sites']} sites, {sizes['events']} events, "
          f"{sizes['routes']} routes, {sizes['features']} basemap features) in "
          f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
