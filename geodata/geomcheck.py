"""Bulk checks of basemap geometries with numpy and shapely (the loader's fast path).

:func:`check_layer` accepts a layer only when every feature is plainly well formed: an
allowed geometry type, nested lists of ``[lon, lat]`` pairs of finite ``int``/``float``
numbers within ±180/±90, enough points, and polygon rings of at least four points. It never
reports a problem itself: when anything is unusual it answers ``None`` and the loader checks
the layer again feature by feature, so every message stays exactly what the slow path says.
"""

from __future__ import annotations

from itertools import chain

_NUMBERS = {float, int}


class _Unusual(Exception):
    """Something the fast path does not vouch for; the slow path decides."""


def _parts(parts: object, minimum: int) -> list:
    """``parts`` when it is a non-empty list of lists of at least ``minimum`` items each."""
    if type(parts) is not list or not parts:
        raise _Unusual
    for part in parts:
        if type(part) is not list or len(part) < minimum:
            raise _Unusual
    return parts


def check_layer(features: list[tuple[str, dict, dict]], allowed: tuple[str, ...]
                ) -> list[tuple[str, object]] | None:
    """(where, shapely geometry) of the invalid polygons of a plainly well-formed layer.

    ``features`` are the loader's (where, geometry, properties) triples. ``None`` means the
    fast path found something unusual and the layer must be checked feature by feature.
    """
    vertices: list = []
    polygon_vertices: list = []
    # one entry per polygon part: (number of its polygon feature, its ring lengths)
    parts: list[tuple[int, list[int]]] = []
    polygons: list[tuple[str, bool]] = []   # (where, is a MultiPolygon) per polygon feature
    try:
        for where, geometry, _ in features:
            kind = geometry.get("type")
            if kind not in allowed:
                return None
            coords = geometry["coordinates"]
            if kind == "Point":
                vertices.append(coords)
            elif kind == "LineString":
                if type(coords) is not list or len(coords) < 2:
                    raise _Unusual
                vertices.extend(coords)
            elif kind == "MultiLineString":
                before = len(vertices)
                for line in _parts(coords, 1):
                    vertices.extend(line)
                if len(vertices) - before < 2:
                    raise _Unusual
            else:
                multi = kind == "MultiPolygon"
                number = len(polygons)
                polygons.append((where, multi))
                for polygon in (_parts(coords, 1) if multi else (coords,)):
                    rings = _parts(polygon, 4)
                    parts.append((number, [len(ring) for ring in rings]))
                    for ring in rings:
                        polygon_vertices.extend(ring)
        vertices += polygon_vertices
        if not vertices or set(map(type, vertices)) != {list} or \
                set(map(len, vertices)) != {2}:
            return None
        flat = list(chain.from_iterable(vertices))
        if not set(map(type, flat)) <= _NUMBERS:
            return None
    except _Unusual:
        return None

    import numpy as np

    try:
        xy = np.array(flat, dtype=np.float64).reshape(-1, 2)
    except (OverflowError, ValueError):
        return None
    if not (np.isfinite(xy).all() and (np.abs(xy[:, 0]) <= 180).all()
            and (np.abs(xy[:, 1]) <= 90).all()):
        return None
    if not parts:
        return []
    return _invalid_polygons(xy[len(xy) - len(polygon_vertices):], parts, polygons)


def _invalid_polygons(xy, parts: list[tuple[int, list[int]]], polygons: list[tuple[str, bool]]
                      ) -> list[tuple[str, object]]:
    """Build the polygons from their vertex rows (rings in order) and return invalid ones."""
    import numpy as np
    import shapely

    ring_lengths = [n for _, rings in parts for n in rings]
    rings = shapely.linearrings(xy, indices=np.repeat(np.arange(len(ring_lengths)),
                                                      ring_lengths))
    shapes = shapely.polygons(rings, indices=np.repeat(np.arange(len(parts)),
                                                       [len(r) for _, r in parts]))
    owner = np.array([number for number, _ in parts], dtype=np.int64)
    multi = np.array([m for _, m in polygons], dtype=bool)
    geoms = np.empty(len(polygons), dtype=object)
    first = np.searchsorted(owner, np.arange(len(polygons)))  # a polygon's first part
    geoms[~multi] = shapes[first[~multi]]
    if multi.any():
        of_multi = multi[owner]
        rank = np.cumsum(multi) - 1   # a MultiPolygon's number among the MultiPolygons
        geoms[multi] = shapely.multipolygons(shapes[of_multi], indices=rank[owner[of_multi]])
    return [(polygons[i][0], geoms[i]) for i in np.flatnonzero(~shapely.is_valid(geoms))]
