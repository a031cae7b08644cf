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

from .paths import paths_of

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
        self._bands: dict[int, list[QPainterPath]] = {}
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
                return self.paths, self.dots(zoom)
            self._bands[band] = self._simplified(TOLERANCE_PX / 2.0 ** band)
        return self._bands[band], self.dots(zoom)

    def _simplified(self, tolerance: float) -> list[QPainterPath]:
        """Every path simplified within ``tolerance`` metres; the originals where that would
        drop fewer than a fifth of the vertices (judged first on a sample of rings: not
        worth a second set of paths)."""
        if not len(self.xy):
            return self.paths
        import shapely  # here, not at start-up: the first frame may not need it

        ids = np.repeat(np.arange(len(self.ring_sizes)), self.ring_sizes)
        step = len(self.ring_sizes) // SAMPLE_RINGS
        if step > 1:   # a big layer: judge on every step-th ring first
            some = ids % step == 0
            sample = shapely.linestrings(self.xy[some], indices=ids[some] // step)
            kept = shapely.simplify(sample, tolerance, preserve_topology=False)
            if shapely.get_num_coordinates(kept).sum() > KEEP_SHARE * np.count_nonzero(some):
                return self.paths
        rings = shapely.linestrings(self.xy, indices=ids)
        simple = shapely.simplify(rings, tolerance, preserve_topology=False)
        simple = np.where(shapely.is_empty(simple), rings, simple)
        xy, which = shapely.get_coordinates(simple, return_index=True)
        if len(xy) > KEEP_SHARE * len(self.xy):
            return self.paths
        sizes = np.bincount(which, minlength=len(self.ring_sizes))
        return paths_of(xy, sizes, self.ring_counts)
