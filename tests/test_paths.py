"""The basemap's paths, packed for a whole layer at once, are the paths of each feature."""

import numpy as np
from petrograd1917.geodata.projection import LocalProjection


def test_a_layer_packed_at_once_gives_each_features_own_path(qapp, petrograd):
    from petrograd1917.viewer.paths import layer_paths, pack_path, rings_of

    x0, y0, x1, y1 = petrograd.extent
    proj = LocalProjection((x0 + x1) / 2, (y0 + y1) / 2)
    geometries = [f.geometry for layer in petrograd.basemap.values() for f in layer.features]
    geometries.append({"type": "MultiLineString", "coordinates": []})   # no vertex at all
    paths = layer_paths(geometries, proj)
    assert len(paths) == len(geometries)
    for geometry, path in zip(geometries, paths, strict=True):
        rings = [np.asarray(r, dtype=float) for r in rings_of(geometry)]
        if not rings:
            assert path.isEmpty()
            continue
        xy = np.concatenate(rings)
        x, y = proj.forward(xy[:, 0], xy[:, 1])
        one = pack_path(np.column_stack([x, -y]), list(np.cumsum([0] + [len(r) for r in
                                                                      rings[:-1]])))
        assert path == one and path.elementCount() == one.elementCount() == len(xy)
        assert [path.elementAt(i).type for i in range(path.elementCount())] == \
            [one.elementAt(i).type for i in range(one.elementCount())]
