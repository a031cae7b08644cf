"""What the label layout needs of a scene, computed once per scene rather than per view: the
order in which sites claim room, each symbol's size, each named street's longest straight
piece, and a grid of symbol boxes tested with numpy. A view then works only on what it shows:
with 10 000 sites and 12 000 streets, laying labels out no longer walks every one in Python.
"""

from __future__ import annotations

import math
import weakref

import numpy as np
from PySide6.QtCore import QRectF

from ..geodata.placement import label_precedence
from ..geodata.style import load_style

_INDEX: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class LabelIndex:
    """Per-scene facts for :func:`viewer.labels.layout_labels` (use :func:`label_index`)."""

    def __init__(self, scene):
        style = load_style()
        sites = scene.scenario.sites
        kinds = {kind: style.kind(kind) for kind in {s.kind for s in sites}}
        self.radius = np.array([kinds[s.kind].size / 2 for s in sites], float)
        keys = [label_precedence(s, kinds[s.kind].priority) for s in sites]
        order = sorted(range(len(sites)), key=lambda i: (keys[i], i))
        self.rank = np.empty(len(sites), int)
        self.rank[order] = np.arange(len(sites))
        self._streets(scene)

    def site_order(self, visible: np.ndarray, selected: int) -> list[int]:
        """``visible`` sites in label order: the selected one, then by precedence."""
        return visible[np.lexsort((self.rank[visible], visible != selected))].tolist()

    def _streets(self, scene) -> None:
        """The longest straight piece of every named street, main streets first."""
        streets = scene.basemap.layers.get("streets", [])
        lod = scene.basemap.detail.get("streets")
        self.street_names: list[tuple[str, str]] = []
        ends = np.zeros((0, 4))
        if lod is not None and len(lod.xy):
            xy, ring_sizes, ring_counts = lod.xy, lod.ring_sizes, lod.ring_counts
            feature = np.repeat(np.repeat(np.arange(len(streets)), ring_counts), ring_sizes)
            ring = np.repeat(np.arange(len(ring_sizes)), ring_sizes)
            same = ring[1:] == ring[:-1]          # a segment, not a jump to the next ring
            length = np.where(same, np.hypot(*np.diff(xy, axis=0).T), -1.0)
            owner = feature[:-1]
            # the first longest segment of each street: sort by street, then longest first
            by = np.lexsort((np.arange(len(length)), -length, owner))
            first = by[np.r_[True, owner[by][1:] != owner[by][:-1]]]
            best = np.full(len(streets), -1)
            best[owner[first]] = first
            names = [(f.props.get("name_en") or "", f.props.get("name_ru") or "")
                     for f in streets]
            main = np.array([f.props.get("rank") == "main" for f in streets], bool)
            order = np.concatenate([np.flatnonzero(main), np.flatnonzero(~main)])
            segment = best[order]
            keep = (segment >= 0) & np.array([any(names[k]) for k in order.tolist()], bool)
            keep[keep] = length[segment[keep]] > 0
            segment = segment[keep]
            self.street_names = [names[k] for k in order[keep].tolist()]
            ends = np.hstack([xy[segment], xy[segment + 1]])
        self.street_ends = np.asarray(ends, float).reshape(-1, 4)   # ax, ay, bx, by (metres)
        a, b = self.street_ends[:, :2], self.street_ends[:, 2:]
        self.street_length = np.hypot(*(b - a).T)
        self.street_mid = (a + b) / 2
        angle = np.degrees(np.arctan2(b[:, 1] - a[:, 1], b[:, 0] - a[:, 0]))
        self.street_angle = np.where(angle > 90, angle - 180,
                                     np.where(angle < -90, angle + 180, angle))


def label_index(scene) -> LabelIndex:
    """The scene's :class:`LabelIndex`, built on first use."""
    index = _INDEX.get(scene)
    if index is None:
        index = _INDEX[scene] = LabelIndex(scene)
    return index


class BoxGrid:
    """Fixed boxes (x0, y0, x1, y1 arrays) bucketed by screen cell, for collision tests."""

    CELL = 64

    def __init__(self, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray):
        c = self.CELL
        gx0, gy0 = np.floor(x0 / c).astype(int), np.floor(y0 / c).astype(int)
        gx1, gy1 = np.floor(x1 / c).astype(int), np.floor(y1 / c).astype(int)
        span = int(max((gx1 - gx0).max(initial=0), (gy1 - gy0).max(initial=0))) + 1
        keys, which = [], []
        for dx in range(span):
            for dy in range(span):
                ok = (gx0 + dx <= gx1) & (gy0 + dy <= gy1)
                keys.append(np.column_stack([gx0[ok] + dx, gy0[ok] + dy]))
                which.append(np.flatnonzero(ok))
        keys_all = np.concatenate(keys) if keys else np.zeros((0, 2), int)
        which_all = np.concatenate(which) if which else np.zeros(0, int)
        boxes = np.column_stack([x0, y0, x1, y1])
        self.cells: dict[tuple[int, int], np.ndarray] = {}
        self._rows: dict[tuple[int, int], list] = {}   # a cell's boxes as tuples, once asked
        if len(which_all):
            order = np.lexsort((keys_all[:, 1], keys_all[:, 0]))
            keys_all, which_all = keys_all[order], boxes[which_all[order]]
            cut = np.flatnonzero(np.any(np.diff(keys_all, axis=0) != 0, axis=1)) + 1
            starts, ends = np.r_[0, cut].tolist(), np.r_[cut, len(keys_all)].tolist()
            for (gx, gy), a, b in zip(keys_all[starts].tolist(), starts, ends, strict=True):
                self.cells[(gx, gy)] = which_all[a:b]

    def _boxes(self, gx: int, gy: int) -> list:
        """The boxes of a cell as tuples: a few a cell, tested in Python faster than numpy."""
        rows = self._rows.get((gx, gy))
        if rows is None:
            cell = self.cells.get((gx, gy))
            rows = self._rows[(gx, gy)] = [] if cell is None else cell.tolist()
        return rows

    def hits(self, rect: QRectF) -> bool:
        """Whether ``rect`` overlaps a box (as ``QRectF.intersects``: touching is not)."""
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        c = self.CELL
        for gx in range(math.floor(left / c), math.floor(right / c) + 1):
            for gy in range(math.floor(top / c), math.floor(bottom / c) + 1):
                for x0, y0, x1, y1 in self._boxes(gx, gy):
                    if x0 < right and left < x1 and y0 < bottom and top < y1:
                        return True
        return False
