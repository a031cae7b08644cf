"""Level of detail of one basemap layer: which features a view shows, and how finely.

Each feature's bounding box is kept in one numpy array, so culling a view is one vectorised
test rather than a Python loop over thousands of features. For a zoom, the layer's paths come
simplified (shapely's Douglas–Peucker) within ``TOLERANCE_PX`` screen pixels of the
originals, one set per zoom band (a factor of two, computed the first time a band is drawn
and kept), and features smaller than ``DOT_PX`` are drawn as a dot of the pen: at the zooms
the city is viewed at, nothing is smaller than a pixel and simplification moves no line by
more than a fifth of a pixel, so the drawing is the same; far out, thousands of features
melt into dots and shortened lines.
"""

from __future__ import annotations

import math
import sys

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from .paths import paths_of, runs, segments_near

TOLERANCE_PX = 0.2   # a simplified path stays this close to the original, in screen pixels
DOT_PX = 0.5         # a feature whose box is smaller than this both ways is drawn as a dot
KEEP_SHARE = 0.8     # a band keeps the original paths unless simplifying drops 20 % of vertices
SAMPLE_RINGS = 1000  # rings simplified first to judge that


class LayerDetail:
    """Boxes, and paths per zoom band, of the features of one layer (scene metres)."""

    def __init__(self, xy: np.ndarray, ring_sizes: np.ndarray, ring_counts: np.ndarray,
                 paths: list[QPainterPath]):
        self.paths = paths
        self.xy, self.ring_sizes, self.ring_counts = xy, ring_sizes, ring_counts
        self._bands: dict[int, tuple[list[QPainterPath], np.ndarray, np.ndarray]] = {}
        self._drawn = paths, xy, ring_sizes   # of the zoom last asked for (``at``)
        n = len(paths)
        sizes = np.bincount(np.repeat(np.arange(n), ring_counts), weights=ring_sizes,
                            minlength=n).astype(int)
        self.boxes = np.zeros((n, 4))   # x0, y0, x1, y1
        has = sizes > 0
        if len(xy):
            starts = (np.cumsum(sizes) - sizes)[has]
            self.boxes[has, 0] = np.minimum.reduceat(xy[:, 0], starts)
            self.boxes[has, 1] = np.minimum.reduceat(xy[:, 1], starts)
            self.boxes[has, 2] = np.maximum.reduceat(xy[:, 0], starts)
            self.boxes[has, 3] = np.maximum.reduceat(xy[:, 1], starts)
        self.boxes[~has] = np.nan   # an empty feature is never shown
        self.size = np.maximum(self.boxes[:, 2] - self.boxes[:, 0],
                               self.boxes[:, 3] - self.boxes[:, 1])
        self._ring_start = (np.cumsum(ring_sizes) - ring_sizes).tolist()
        self._first_ring = (np.cumsum(ring_counts) - ring_counts).tolist()

    def rings(self, i: int) -> list[np.ndarray]:
        """The vertices of feature ``i``'s rings (scene metres), one array each."""
        first = self._first_ring[i]
        return [self.xy[s:s + n] for s, n in zip(
            self._ring_start[first:first + self.ring_counts[i]],
            self.ring_sizes[first:first + self.ring_counts[i]].tolist(), strict=True)]

    def shown(self, exposed: QRectF, margin: float = 0.0) -> np.ndarray:
        """Which features' boxes, grown by ``margin``, meet ``exposed`` (a boolean mask)."""
        b = self.boxes
        return ((b[:, 0] <= exposed.right() + margin) & (b[:, 2] >= exposed.left() - margin)
                & (b[:, 1] <= exposed.bottom() + margin) & (b[:, 3] >= exposed.top() - margin))

    def dots(self, zoom: float) -> np.ndarray:
        """Features smaller than ``DOT_PX`` at ``zoom`` (pixels per metre) both ways."""
        return self.size * zoom < DOT_PX

    def centres(self, which: np.ndarray) -> QPolygonF:
        """The centres of the boxes of ``which`` features, as one polygon of points."""
        b = self.boxes[which]
        xs, ys = ((b[:, 0] + b[:, 2]) / 2).tolist(), ((b[:, 1] + b[:, 3]) / 2).tolist()
        return QPolygonF([QPointF(x, y) for x, y in zip(xs, ys, strict=True)])

    def at(self, zoom: float) -> tuple[list[QPainterPath], np.ndarray]:
        """The paths to draw at ``zoom`` (pixels per metre), and which features are dots."""
        band = math.ceil(math.log2(max(zoom, 1e-9)))   # zoom ≤ 2**band: one set per band
        if band not in self._bands:
            if "shapely" not in sys.modules:   # the first frame never waits for its import
                self._drawn = self.paths, self.xy, self.ring_sizes
                return self.paths, self.dots(zoom)
            self._bands[band] = self._simplified(TOLERANCE_PX / 2.0 ** band)
        self._drawn = self._bands[band]
        return self._drawn[0], self.dots(zoom)

    def cut(self, which: np.ndarray, area: QRectF) -> dict[int, QPainterPath]:
        """The paths last given by :meth:`at` of the features ``which`` (indices) that run out
        of ``area`` (scene units, grown beyond the widest pen): only the runs of segments
        reaching into it. Each run ends at a vertex out of sight, so the stroke looks the same
        in ``area``, and Qt strokes and rasterises only what is near. Closed rings stay whole."""
        paths, xy, sizes = self._drawn
        b = self.boxes[which]
        which = which[(b[:, 0] < area.left()) | (b[:, 2] > area.right())
                      | (b[:, 1] < area.top()) | (b[:, 3] > area.bottom())]
        if not len(which) or not len(xy):
            return {}
        first_ring = np.cumsum(self.ring_counts) - self.ring_counts
        counts = self.ring_counts[which]
        rings = _ranges(first_ring[which], counts)
        n = sizes[rings]
        v = xy[_ranges((np.cumsum(sizes) - sizes)[rings], n)]
        ring_first = np.cumsum(n) - n
        last = ring_first + n - 1
        near = segments_near(v[:, 0], v[:, 1], area)   # segment k: vertex k to k + 1
        near[last] = False   # of the same ring
        ring_of = np.repeat(np.arange(len(rings)), n)
        closed = (n > 2) & np.all(v[ring_first] == v[last], axis=1) & \
            (np.bincount(ring_of, weights=near, minlength=len(rings)) > 0)
        near |= closed[ring_of]
        near[last] = False
        starts, ends = runs(near)   # segments
        owner = np.repeat(np.arange(len(which)), counts)[ring_of[starts]]
        cut = paths_of(v[_ranges(starts, ends - starts + 1)], ends - starts + 1,
                       np.bincount(owner, minlength=len(which)))
        return dict(zip(which.tolist(), cut, strict=True))

    def _simplified(self, tolerance: float
                    ) -> tuple[list[QPainterPath], np.ndarray, np.ndarray]:
        """Every path simplified within ``tolerance`` metres; the originals where that would
        drop fewer than a fifth of the vertices (judged first on a sample of rings: not
        worth a second set of paths)."""
        original = self.paths, self.xy, self.ring_sizes
        if not len(self.xy):
            return original
        import shapely  # here, not at start-up: the first frame may not need it

        ids = np.repeat(np.arange(len(self.ring_sizes)), self.ring_sizes)
        step = len(self.ring_sizes) // SAMPLE_RINGS
        if step > 1:   # a big layer: judge on every step-th ring first
            some = ids % step == 0
            sample = shapely.linestrings(self.xy[some], indices=ids[some] // step)
            kept = shapely.simplify(sample, tolerance, preserve_topology=False)
            if shapely.get_num_coordinates(kept).sum() > KEEP_SHARE * np.count_nonzero(some):
                return original
        rings = shapely.linestrings(self.xy, indices=ids)
        simple = shapely.simplify(rings, tolerance, preserve_topology=False)
        simple = np.where(shapely.is_empty(simple), rings, simple)
        xy, which = shapely.get_coordinates(simple, return_index=True)
        if len(xy) > KEEP_SHARE * len(self.xy):
            return original
        sizes = np.bincount(which, minlength=len(self.ring_sizes))
        return paths_of(xy, sizes, self.ring_counts), xy, sizes


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices ``starts[k] … starts[k] + lengths[k] - 1`` of every k, one after another."""
    lengths = np.asarray(lengths, int)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(np.asarray(starts, int), lengths) + offsets
