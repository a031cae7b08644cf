"""Bulk checks of basemap geometries with numpy and shapely (the loader's fast path).

:func:`check_layer` accepts a layer only when every feature is plainly well formed: an
allowed geometry type, nested lists of ``[lon, lat]`` pairs of finite ``int``/``float``
numbers within ±180/±90 and near the extent, enough points, and closed polygon rings of at
least four points. It never reports a problem itself: when anything is unusual it answers
``None`` and the loader checks the layer again feature by feature, so every message stays
exactly what the slow path says.
"""

from __future__ import annotations

import math
from itertools import chain

_NUMBERS = {float, int}
NEAR_DEGREES = 10.0   # coordinates may lie this far outside the extent (or its size, if larger)


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


def lonlat(coords, near: tuple[float, float, float, float] | None) -> tuple[float, float]:
    """``[lon, lat]`` as floats: two finite numbers, in range and near the scenario's extent.

    Raises ``ValueError`` saying what is wrong.
    """
    if type(coords) is not list or len(coords) != 2 or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in coords):
        raise ValueError(f"coordinates {str(coords)[:60]} are not [lon, lat] (two numbers)")
    try:
        lon, lat = float(coords[0]), float(coords[1])
    except OverflowError:
        raise ValueError("coordinates are too large to be degrees") from None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError("coordinates are not finite numbers")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"coordinates [{lon}, {lat}] are outside -180..180 / -90..90 (is it "
                         "[lon, lat] in degrees?)")
    if near is not None and not (near[0] <= lon <= near[2] and near[1] <= lat <= near[3]):
        raise ValueError(f"coordinates [{lon}, {lat}] are far outside the scenario's extent "
                         f"(allowed: {', '.join(f'{v:g}' for v in near)}; is it [lon, lat]?)")
    return lon, lat


def lonlats(points: list, near: tuple[float, float, float, float] | None
            ) -> list[tuple[float, float]] | None:
    """What :func:`lonlat` gives for each of ``points``, when every one is plainly good
    (checked in bulk); None when any is unusual, for :func:`lonlat` to say what."""
    if set(map(type, points)) - {list} or set(map(len, points)) - {2}:
        return None
    flat = list(chain.from_iterable(points))
    if set(map(type, flat)) - _NUMBERS:
        return None
    import numpy as np

    try:
        xy = np.array(flat, dtype=np.float64).reshape(-1, 2)
    except (OverflowError, ValueError):
        return None
    return list(map(tuple, xy.tolist())) if _within(xy, near) else None


def neighbourhood(extent: tuple[float, float, float, float]
                  ) -> tuple[float, float, float, float]:
    """The box coordinates must lie in: the extent grown by its size, and by 10° at least."""
    x0, y0, x1, y1 = extent
    margin = max(NEAR_DEGREES, x1 - x0, y1 - y0)
    return (max(-180.0, x0 - margin), max(-90.0, y0 - margin), min(180.0, x1 + margin),
            min(90.0, y1 + margin))


def coordinates_problem(coords, kind: str, near) -> str | None:
    """What is wrong with the coordinates of a geometry of ``kind``, or None."""
    depth = {"Point": 0, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
             "MultiPolygon": 3}[kind]
    stack = [(coords, depth)]
    count = 0
    while stack:
        value, level = stack.pop()
        if level == 0:
            try:
                lonlat(value, near)
            except ValueError as error:
                return str(error)
            count += 1
            continue
        if type(value) is not list or not value:
            return f"empty or malformed {kind} geometry"
        if level == 1 and kind.endswith("Polygon"):
            if len(value) < 4:
                return "invalid polygon: a ring needs at least 4 positions, the last equal " \
                       "to the first"
            if value[0] != value[-1]:
                return "invalid polygon: a ring is not closed (its last position must " \
                       "equal its first)"
        stack.extend((v, level - 1) for v in value)
    minimum = {"Point": 1, "LineString": 2, "MultiLineString": 2}.get(kind, 4)
    if count < minimum:
        return f"a {kind} needs at least {minimum} points"
    return None


def check_layer(features: list[tuple[str, dict, dict]], allowed: tuple[str, ...],
                near: tuple[float, float, float, float] | None = None,
                shapes: list[tuple[str, object]] | None = None
                ) -> list[tuple[str, object]] | None:
    """(where, shapely geometry) of the invalid polygons of a plainly well-formed layer.

    ``features`` are the loader's (where, geometry, properties) triples. ``None`` means the
    fast path found something unusual and the layer must be checked feature by feature.
    ``shapes``, if given, receives (where, shapely geometry) of every polygon.
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
    if not _within(xy, near):
        return None
    if not parts:
        return []
    rings = xy[len(xy) - len(polygon_vertices):]
    ends = np.cumsum([n for _, lengths in parts for n in lengths])
    if not (rings[ends - 1] == rings[np.concatenate(([0], ends[:-1]))]).all():
        return None   # a ring is not closed
    return _invalid_polygons(rings, parts, polygons, shapes)


def _invalid_polygons(xy, parts: list[tuple[int, list[int]]], polygons: list[tuple[str, bool]],
                      shapes: list[tuple[str, object]] | None = None
                      ) -> list[tuple[str, object]]:
    """Build the polygons from their vertex rows (rings in order) and return invalid ones."""
    import numpy as np
    import shapely

    ring_lengths = [n for _, rings in parts for n in rings]
    rings = shapely.linearrings(xy, indices=np.repeat(np.arange(len(ring_lengths)),
                                                      ring_lengths))
    parts_built = shapely.polygons(rings, indices=np.repeat(np.arange(len(parts)),
                                                            [len(r) for _, r in parts]))
    owner = np.array([number for number, _ in parts], dtype=np.int64)
    multi = np.array([m for _, m in polygons], dtype=bool)
    geoms = np.empty(len(polygons), dtype=object)
    first = np.searchsorted(owner, np.arange(len(polygons)))  # a polygon's first part
    geoms[~multi] = parts_built[first[~multi]]
    if multi.any():
        of_multi = multi[owner]
        rank = np.cumsum(multi) - 1   # a MultiPolygon's number among the MultiPolygons
        geoms[multi] = shapely.multipolygons(parts_built[of_multi],
                                             indices=rank[owner[of_multi]])
    if shapes is not None:
        shapes.extend(zip((where for where, _ in polygons), geoms, strict=True))
    return [(polygons[i][0], geoms[i]) for i in np.flatnonzero(~shapely.is_valid(geoms))]


def check_shapes(features: list[tuple[str, dict, dict]], geoms: list, allowed: tuple[str, ...],
                 near: tuple[float, float, float, float] | None = None,
                 shapes: list[tuple[str, object]] | None = None
                 ) -> list[tuple[str, object]] | None:
    """:func:`check_layer` for features whose shapely geometries are at hand (a GeoPackage's,
    plain and 2-D): the same rules asked of the geometries' arrays, the same answer."""
    import numpy as np
    import shapely

    if not {geometry["type"] for _, geometry, _ in features} <= set(allowed):
        return None
    geoms = np.array(geoms, dtype=object)
    xy = shapely.get_coordinates(geoms)
    if not len(xy) or not _within(xy, near):
        return None
    kinds = shapely.get_type_id(geoms)
    lines = (kinds == 1) | (kinds == 5)
    if (shapely.get_num_coordinates(geoms[lines]) < 2).any():
        return None
    polygon = (kinds == 3) | (kinds == 6)
    if not polygon.any():
        return []
    rings = shapely.get_rings(shapely.get_parts(geoms[polygon]))
    sizes = shapely.get_num_coordinates(rings)
    ring_xy = shapely.get_coordinates(rings)
    ends = np.cumsum(sizes)
    if (sizes < 4).any() or not (ring_xy[ends - 1] == ring_xy[ends - sizes]).all():
        return None
    wheres = [where for (where, _, _), p in zip(features, polygon.tolist(), strict=True) if p]
    polygons = geoms[polygon]
    if shapes is not None:
        shapes.extend(zip(wheres, polygons, strict=True))
    return [(wheres[i], polygons[i]) for i in np.flatnonzero(~shapely.is_valid(polygons))]


def _within(xy, near: tuple[float, float, float, float] | None) -> bool:
    """Whether every row of ``xy`` is finite lon/lat within ±180/±90 (and ``near``)."""
    import numpy as np

    lon, lat = xy[:, 0], xy[:, 1]
    if not (np.isfinite(xy).all() and (np.abs(lon) <= 180).all() and (np.abs(lat) <= 90).all()):
        return False
    return near is None or bool((lon >= near[0]).all() and (lon <= near[2]).all()
                                and (lat >= near[1]).all() and (lat <= near[3]).all())
