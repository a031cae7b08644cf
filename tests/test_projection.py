import numpy as np
import pyproj
from petrograd1917.geodata.projection import LocalProjection


def test_matches_pyproj_and_inverts():
    proj = LocalProjection(30.32, 59.94)
    lon = np.array([30.18, 30.3146, 30.45, 29.77])
    lat = np.array([59.88, 59.9398, 59.99, 59.99])
    x, y = proj.forward(lon, lat)
    ref = pyproj.Transformer.from_crs("EPSG:4326", proj.proj4(), always_xy=True)
    rx, ry = ref.transform(lon, lat)
    assert np.allclose(x, rx, atol=1e-3) and np.allclose(y, ry, atol=1e-3)
    back = proj.inverse(x, y)
    assert np.allclose(back[0], lon, atol=1e-8) and np.allclose(back[1], lat, atol=1e-8)


def test_projected_metres_are_ground_metres():
    proj = LocalProjection(30.32, 59.94)
    x, y = proj.forward([30.3146, 30.3950], [59.9398, 59.9460])
    ground = pyproj.Geod(ellps="WGS84").inv(30.3146, 59.9398, 30.3950, 59.9460)[2]
    assert abs(np.hypot(x[1] - x[0], y[1] - y[0]) - ground) < 0.05
