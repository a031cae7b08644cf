"""Geometries as GeoJSON dicts straight from their coordinate arrays (the GeoPackage's fast
path): the same ``{"type", "coordinates"}`` that ``json.loads(shapely.to_geojson(g))``
gives, without writing and parsing JSON text.

:func:`geojson_dicts` vouches only for plain 2-D geometries (points, lines, polygons and
their multi forms) with finite coordinates and no empty part; for anything else it answers
None and the caller goes the JSON way, which says what it says about the unusual.
"""

from __future__ import annotations

import numpy as np
import shapely

_NAMES = {0: "Point", 1: "LineString", 3: "Polygon", 5: "MultiLineString", 6: "MultiPolygon"}


def _split(items: list, counts: np.ndarray) -> list[list]:
    """``items`` cut into consecutive lists of ``counts`` items."""
    ends = np.cumsum(counts).tolist()
    return [items[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]


def _grouped(items: list, owner: np.ndarray, n: int) -> list[list]:
    """``items`` (ordered by ``owner``) as one list per owner 0..n-1."""
    return _split(items, np.bincount(owner, minlength=n))


def _leaves(leaves: np.ndarray) -> list[list] | None:
    """The ``[x, y]`` lists of each line or ring, or None if any is empty or odd."""
    if not len(leaves):
        return []
    if shapely.is_empty(leaves).any():
        return None
    xy = shapely.get_coordinates(leaves)
    if not np.isfinite(xy).all():
        return None
    return _split(xy.tolist(), shapely.get_num_coordinates(leaves))


def _coordinates(kind: int, geoms: np.ndarray) -> list | None:
    """The GeoJSON coordinates of each geometry of one kind, or None if any is unusual."""
    n = len(geoms)
    if kind == 0:
        xy = shapely.get_coordinates(geoms)
        return xy.tolist() if len(xy) == n and np.isfinite(xy).all() else None
    if kind == 1:
        return _leaves(geoms)
    parts, owner = (geoms, np.arange(n)) if kind == 3 else \
        shapely.get_parts(geoms, return_index=True)
    if kind == 5:
        lines = _leaves(parts)
        return None if lines is None else _grouped(lines, owner, n)
    rings, ring_owner = shapely.get_rings(parts, return_index=True)
    rings = _leaves(rings)
    if rings is None or np.bincount(ring_owner, minlength=len(parts)).min(initial=1) == 0:
        return None
    polygons = _grouped(rings, ring_owner, len(parts))
    return polygons if kind == 3 else _grouped(polygons, owner, n)


def geojson_dicts(geoms: np.ndarray) -> list[dict | None] | None:
    """Each geometry (or None) as a GeoJSON dict; None if any is not plainly 2-D and whole."""
    kinds = shapely.get_type_id(geoms)
    present = kinds >= 0
    found = set(kinds[present].tolist())   # (np.unique would import numpy.ma: ~15 ms)
    if not found <= set(_NAMES) or \
            shapely.has_z(geoms[present]).any() or shapely.is_empty(geoms[present]).any():
        return None
    out: list[dict | None] = [None] * len(geoms)
    for kind in sorted(found):
        where = np.flatnonzero(kinds == kind)
        coordinates = _coordinates(kind, geoms[where])
        if coordinates is None:
            return None
        name = _NAMES[kind]
        for i, coords in zip(where.tolist(), coordinates, strict=True):
            out[i] = {"type": name, "coordinates": coords}
    return out
