"""GeoJSON geometries to QPainterPaths in projected metres (scene y points down).

Paths are packed with numpy straight into QPainterPath's QDataStream layout, about ten
times faster than calling moveTo/lineTo from Python for every vertex.
"""

from __future__ import annotations

import struct
from itertools import chain

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRectF
from PySide6.QtGui import QPainterPath

from ..geodata.projection import LocalProjection

_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_COUNT, _TAIL = struct.Struct(">i"), struct.Struct(">ii")


def rings_of(geometry: dict) -> list[list]:
    """The coordinate rings/lines of a GeoJSON geometry, flattened."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind in ("LineString",):
        return [coords]
    if kind in ("Polygon", "MultiLineString"):
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    return []


def _read_paths(elements: np.ndarray, begin: list[int], end: list[int], last: list[int]
                ) -> list[QPainterPath]:
    """The paths of the element records ``elements[begin:end]``, whose last subpaths start
    ``last`` elements in, read one after another from one stream."""
    raw, size = elements.tobytes(), _ELEMENT.itemsize
    parts = []
    for b, e, c in zip(begin, end, last, strict=True):
        if e > b:   # count, elements, cStart, OddEvenFill: QDataStream's QPainterPath
            parts += (_COUNT.pack(e - b), raw[b * size:e * size], _TAIL.pack(c, 0))
    buffer = QByteArray(b"".join(parts))   # must outlive the stream reading from it
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
    paths = []
    for b, e in zip(begin, end, strict=True):
        path = QPainterPath()
        if e > b:
            stream >> path
        paths.append(path)
    return paths


def _elements(x: np.ndarray, y: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Element records of vertices ``x, y`` whose subpaths begin at ``starts``."""
    elements = np.empty(len(x), dtype=_ELEMENT)
    elements["type"] = 1           # LineToElement
    elements["type"][starts] = 0   # MoveToElement
    elements["x"] = x
    elements["y"] = y
    return elements


def pack_path(xy: np.ndarray, starts: list[int]) -> QPainterPath:
    """One path from projected vertices ``xy`` whose subpaths begin at ``starts``."""
    if not len(xy):
        return QPainterPath()
    return _read_paths(_elements(xy[:, 0], xy[:, 1], starts), [0], [len(xy)], [starts[-1]])[0]


def project_rings(geometries: list[dict], proj: LocalProjection
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every geometry's rings projected in one numpy call: (xy of every vertex in scene
    metres, the vertex count of every ring, the ring count of every geometry)."""
    rings = [rings_of(g) for g in geometries]
    flat = list(chain.from_iterable(rings))
    vertices = list(chain.from_iterable(flat))
    sizes = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
    counts = np.fromiter(map(len, rings), dtype=np.int64, count=len(rings))
    if not vertices:
        return np.zeros((0, 2)), sizes, counts
    allxy = np.array(vertices, dtype=float)[:, :2]
    x, y = proj.forward(allxy[:, 0], allxy[:, 1])
    return np.column_stack([x, -y]), sizes, counts


def paths_of(xy: np.ndarray, ring_sizes: np.ndarray, ring_counts: np.ndarray
             ) -> list[QPainterPath]:
    """One path per geometry from :func:`project_rings`' arrays (or simplified ones)."""
    if not len(xy):
        return [QPainterPath() for _ in range(len(ring_counts))]
    ring_start = np.concatenate(([0], np.cumsum(ring_sizes)))           # vertex of each ring
    elements = _elements(xy[:, 0], xy[:, 1], ring_start[:-1][np.asarray(ring_sizes) > 0])
    first_ring = np.concatenate(([0], np.cumsum(ring_counts)))          # of each path
    begin, end = ring_start[first_ring[:-1]], ring_start[first_ring[1:]]
    last = ring_start[np.maximum(first_ring[1:] - 1, 0)] - begin          # its last subpath
    return _read_paths(elements, begin.tolist(), end.tolist(), last.tolist())


def layer_paths(geometries: list[dict], proj: LocalProjection) -> list[QPainterPath]:
    """One path per geometry, all projected and packed in single numpy calls."""
    return paths_of(*project_rings(geometries, proj))


def segments_near(x: np.ndarray, y: np.ndarray, area: QRectF) -> np.ndarray:
    """For the segments from vertex k to k + 1 of the line ``x, y``, whether each one's box
    meets ``area`` (one entry per vertex; the last vertex starts no segment: False)."""
    near = np.zeros(len(x), bool)
    near[:-1] = ((np.minimum(x[:-1], x[1:]) <= area.right())
                 & (np.maximum(x[:-1], x[1:]) >= area.left())
                 & (np.minimum(y[:-1], y[1:]) <= area.bottom())
                 & (np.maximum(y[:-1], y[1:]) >= area.top()))
    return near


def runs(near: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first and one-past-last segment of every run of True in ``near``."""
    edges = np.diff(np.concatenate([[0], near.view(np.int8), [0]]))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
