"""Reader of the basemap layers: each feature's properties and geometry checked.

Well-formed layers are checked in bulk (:func:`geomcheck.check_layer`); a layer with anything
unusual is checked feature by feature, so that every problem is named. Polygons must be
valid, and water polygons must not overlap one another.
"""

from __future__ import annotations

from . import limits
from .geomcheck import check_layer, check_shapes, coordinates_problem
from .model import BASEMAP_LAYERS, Feature, Layer
from .scenario_files import FolderFiles
from .schema import BASEMAP, LAYER_GEOMETRIES, Checker

# overlaps of water polygons smaller than this (square degrees, a few m²) are rounding
OVERLAP_TOLERANCE = 1e-9


def read_basemap(files: FolderFiles, checker: Checker, folder: str | bool | None
                 ) -> dict[str, Layer]:
    if folder is False or folder is None:   # no map, or the folder's name was wrong
        return {}
    names = files.layer_names(folder)
    layers: dict[str, Layer] = {}
    for name in names or ():
        rel = f"{folder}/{name}.geojson"
        collection = files.collection(rel, limits.MAX_FEATURES, required=False)
        if collection is None:
            continue
        file = files.label(rel)
        table = BASEMAP[name]
        layer = Layer(name, collection.provenance)
        every = collection.features
        checks = checker.records([f[2] for f in every], [f[0] for f in every], table, file)
        good = [checked is not None for checked in checks]
        features = [f for f, keep in zip(every, good, strict=True) if keep]
        allowed = LAYER_GEOMETRIES[name]
        near = checker.ctx.near
        shapes: list[tuple[str, object]] = []
        invalid = None
        if collection.shapes is not None:   # a GeoPackage's: asked of the shapely arrays
            geoms = [g for g, keep in zip(collection.shapes, good, strict=True) if keep]
            invalid = check_shapes(features, geoms, allowed, near, shapes)
        if invalid is None:
            invalid = check_layer(features, allowed, near, shapes)
        if invalid is None:   # something unusual: check feature by feature
            invalid, kept, shapes = _check_each(features, allowed, near, name, file,
                                                checker.problems)
        else:
            kept = features
        _report_invalid(invalid, file, checker.problems)
        if name == "water" and not invalid:
            _report_overlaps(shapes, file, checker.problems)
        layer.features.extend(Feature(g, props) for _, g, props in kept)
        layers[name] = layer
    return {name: layers[name] for name in BASEMAP_LAYERS if name in layers}


def _check_each(features, allowed, near, name: str, file: str, problems):
    """(invalid polygons, well-formed features, all polygons) of a layer, one by one."""
    import shapely

    kept, invalid, shapes = [], [], []
    for where, geometry, props in features:
        kind = geometry.get("type")
        if kind not in allowed:
            problems.add(file, where, f"geometry {str(kind)[:40]!r} does not belong in the "
                         f"{name} layer (use {' or '.join(allowed)})")
            continue
        problem = coordinates_problem(geometry["coordinates"], kind, near)
        if problem:
            problems.add(file, where, problem)
            continue
        kept.append((where, geometry, props))
        if kind.endswith("Polygon"):
            try:
                shape = shapely.geometry.shape(geometry)
            except (ValueError, TypeError, shapely.errors.GEOSException) as error:
                problems.add(file, where, f"invalid polygon: {error}")
                continue
            shapes.append((where, shape))
            if not shape.is_valid:
                invalid.append((where, shape))
    return invalid, kept, shapes


def _report_invalid(invalid: list[tuple[str, object]], file: str, problems) -> None:
    """One problem per (where, invalid shapely geometry), with GEOS's reason."""
    if not invalid:
        return
    import shapely

    for where, geom in invalid:
        problems.add(file, where, f"invalid polygon: {shapely.is_valid_reason(geom)} (fix it "
                     "in QGIS with 'Fix geometries')")


def _report_overlaps(shapes: list[tuple[str, object]], file: str, problems) -> None:
    """Water polygons whose insides overlap (shared edges are fine)."""
    if len(shapes) < 2:
        return
    import numpy as np
    import shapely

    geoms = np.array([shape for _, shape in shapes], dtype=object)
    a, b = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = a < b
    a, b = a[pairs], b[pairs]
    inside = shapely.relate_pattern(geoms[a], geoms[b], "T********")
    a, b = a[inside], b[inside]
    if not len(a):
        return
    area = shapely.area(shapely.intersection(geoms[a], geoms[b]))
    for i, j in zip(a[area > OVERLAP_TOLERANCE], b[area > OVERLAP_TOLERANCE], strict=True):
        problems.add(file, shapes[j][0], f"overlaps {shapes[i][0]}: water polygons must "
                     "not overlap one another (shared edges are fine)")
