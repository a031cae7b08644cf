#!/usr/bin/env python3
"""Check geodata/scenarios/petrograd1917/basemap/water.geojson against the layer's rules."""
import json
import sys
from pathlib import Path

from pyproj import Geod
from shapely.geometry import LineString, Point, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[2]
WATER = ROOT / "geodata/scenarios/petrograd1917/basemap/water.geojson"

ON_LAND = {
    "Winter Palace": (30.3146, 59.9398),
    "Admiralty": (30.3083, 59.9375),
    "Peter and Paul Cathedral": (30.3165, 59.9502),
    "Strelka / Rostral columns": (30.3050, 59.9440),
    "Smolny": (30.3950, 59.9460),
    "Finland station": (30.3560, 59.9560),
    "Mariinsky Palace": (30.3093, 59.9313),
    "Kshesinskaya mansion": (30.3240, 59.9540),
    "Main Post Office": (30.3000, 59.9325),
    "Central Telephone Exchange": (30.3140, 59.9348),
    "Nikolaevsky station": (30.3620, 59.9300),
    "Tauride Palace": (30.3770, 59.9480),
    "Mikhailovsky Castle": (30.3377, 59.9403),
    "Kazan Cathedral": (30.3245, 59.9342),
    "Baltic station": (30.2990, 59.9070),
    "Warsaw station": (30.3050, 59.9070),
}
IN_NEVA = {
    "mid-Neva at the Palace Bridge": (30.3080, 59.9412),
    "Aurora's anchorage below the Nikolaevsky Bridge": (30.2860, 59.9335),
    "mid-river at the Troitsky Bridge": (30.3275, 59.9485),
    "mid-river at the Liteyny Bridge": (30.3490, 59.9520),
    "the Neva off Smolny": (30.4030, 59.9490),
}
# bridge end points (hinted and from encyclopedia centre + length + axis): both on land,
# the segment between them crossing the named water feature
# "axis": encyclopedia centre point, published length, axis across the river.
BRIDGES = {
    "Palace Bridge (axis)": ((30.30927, 59.94014), (30.30693, 59.94216), "neva"),
    "Palace Bridge (brief)": ((30.3107, 59.9403), (30.3055, 59.9423), "neva"),
    "Nikolaevsky Bridge (axis)": ((30.29079, 59.93352), (30.28827, 59.93622), "neva"),
    "Troitsky Bridge (axis)": ((30.32937, 59.94633), (30.32545, 59.95118), "neva"),
    "Troitsky Bridge (brief)": ((30.3300, 59.9455), (30.3255, 59.9510), "neva"),
    "Liteyny Bridge (axis)": ((30.3484, 59.95025), (30.3496, 59.95375), "neva"),
    "Liteyny Bridge (brief)": ((30.3480, 59.9495), (30.3500, 59.9545), "neva"),
    "Bolsheokhtinsky Bridge (axis)": ((30.3984, 59.9422), (30.4040, 59.9432), "neva"),
    "Sampsonievsky Bridge (axis)": ((30.3355, 59.9582), (30.3393, 59.9578), "bolshaya_nevka"),
}
# The brief's hint for the Nikolaevsky Bridge's Vasilyevsky end (30.2878, 59.9355) lies
# ~60 m short of the published centre + half-length; the axis above is used instead.
REQUIRED = ["neva", "malaya_neva", "bolshaya_nevka", "srednyaya_nevka", "malaya_nevka",
            "zhdanovka", "karpovka", "smolenka", "fontanka", "moika", "catherine_canal",
            "kryukov_canal", "obvodny_canal", "okhta", "neva_bay"]
KINDS = {"river", "canal", "bay", "pond"}


def main():
    fc = json.loads(WATER.read_text(encoding="utf-8"))
    assert fc.get("type") == "FeatureCollection"
    assert isinstance(fc.get("provenance"), str) and fc["provenance"].strip()
    geoms, ids = {}, []
    for f in fc["features"]:
        p = f["properties"]
        for k in ("id", "name_en", "name_ru", "kind"):
            assert p.get(k), f"{p.get('id')}: missing {k}"
        assert p["kind"] in KINDS, p
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon"), p["id"]
        g = shape(f["geometry"])
        assert g.is_valid and not g.is_empty, f"{p['id']}: invalid or empty"
        assert p["id"] not in geoms, f"duplicate id {p['id']}"
        geoms[p["id"]] = g
        ids.append(p["id"])
    for r in REQUIRED:
        assert r in geoms, f"missing feature {r}"
    # non-overlap
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            inter = geoms[a].intersection(geoms[b]).area
            assert inter < 1e-12, f"{a} overlaps {b}: {inter}"
    # the Neva is one connected polygon
    assert geoms["neva"].geom_type == "Polygon", "neva must be one connected polygon"
    allwater = unary_union(list(geoms.values()))
    for name, (x, y) in ON_LAND.items():
        assert not allwater.intersects(Point(x, y)), f"{name} is in the water"
    for name, (x, y) in IN_NEVA.items():
        assert geoms["neva"].contains(Point(x, y)), f"{name} is not in the Neva"
    for name, (a, b, wid) in BRIDGES.items():
        assert not allwater.intersects(Point(a)), f"{name}: first end in water"
        assert not allwater.intersects(Point(b)), f"{name}: second end in water"
        assert LineString([a, b]).intersects(geoms[wid]), f"{name}: does not cross {wid}"
    geod = Geod(ellps="WGS84")
    a, b, _ = BRIDGES["Palace Bridge (axis)"]
    length = geod.line_length([a[0], b[0]], [a[1], b[1]])
    assert 240 < length < 280, f"Palace Bridge axis {length:.0f} m"
    # width of the water under the Palace Bridge axis
    under = LineString([a, b]).intersection(geoms["neva"])
    w = sum(geod.geometry_length(g) for g in getattr(under, "geoms", [under]))
    assert 200 < w < 300, f"Neva at the Palace Bridge {w:.0f} m"
    print(f"Palace Bridge axis {length:.0f} m, water under it {w:.0f} m")
    print("OK")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print("FAIL:", e)
        sys.exit(1)
