"""A local transverse Mercator projection, in numpy.

The map is drawn in metres of a transverse Mercator centred on the scenario (WGS84
ellipsoid, scale 1 on the central meridian). Within a city the scale error is below
one part in a million, so one projected metre is one metre on the ground — unlike Web
Mercator, whose metre at 60°N is half a ground metre. Krüger's series (Karney 2011, to n³)
keep this exact to well under a millimetre here; pyproj is not needed on the start path.
"""

from __future__ import annotations

import numpy as np

_A = 6378137.0
_F = 1 / 298.257223563
_N = _F / (2 - _F)
_RECT = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_ALPHA = (_N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16, 13 * _N**2 / 48 - 3 * _N**3 / 5,
          61 * _N**3 / 240)
_BETA = (_N / 2 - 2 * _N**2 / 3 + 37 * _N**3 / 96, _N**2 / 48 + _N**3 / 15,
         17 * _N**3 / 480)
_DELTA = (2 * _N - 2 * _N**2 / 3 - 2 * _N**3, 7 * _N**2 / 3 - 8 * _N**3 / 5, 56 * _N**3 / 15)
_E2N = 2 * np.sqrt(_N) / (1 + _N)


class LocalProjection:
    """lon/lat degrees ⇄ metres east/north of (lon0, lat0)."""

    def __init__(self, lon0: float, lat0: float):
        self.lon0, self.lat0 = lon0, lat0
        self._y0 = 0.0
        self._y0 = float(self.forward(np.array([lon0]), np.array([lat0]))[1][0])

    def proj4(self) -> str:
        return (f"+proj=tmerc +lat_0={self.lat0} +lon_0={self.lon0} +k=1 +x_0=0 +y_0=0 "
                "+ellps=WGS84 +units=m")

    def forward(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        lam = np.radians(np.asarray(lon, dtype=float) - self.lon0)
        phi = np.radians(np.asarray(lat, dtype=float))
        s = np.sin(phi)
        t = np.sinh(np.arctanh(s) - _E2N * np.arctanh(_E2N * s))
        xi = np.arctan2(t, np.cos(lam))
        eta = np.arctanh(np.sin(lam) / np.sqrt(1 + t * t))
        x, y = eta.copy(), xi.copy()
        for j, a in enumerate(_ALPHA, 1):
            x += a * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
            y += a * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
        return _RECT * x, _RECT * y - self._y0

    def inverse(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        xi = (np.asarray(y, dtype=float) + self._y0) / _RECT
        eta = np.asarray(x, dtype=float) / _RECT
        xp, ep = xi.copy(), eta.copy()
        for j, b in enumerate(_BETA, 1):
            xp -= b * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
            ep -= b * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
        chi = np.arcsin(np.sin(xp) / np.cosh(ep))
        phi = chi.copy()
        for j, d in enumerate(_DELTA, 1):
            phi += d * np.sin(2 * j * chi)
        lam = np.arctan2(np.sinh(ep), np.cos(xp))
        return np.degrees(lam) + self.lon0, np.degrees(phi)
