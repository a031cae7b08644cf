"""Leaflet's script and stylesheet, read from an installed package to inline into the page.

The page must work offline, so Leaflet is written into it, never linked. The files come from
the PyPI package ``XStatic-Leaflet`` (import ``xstatic.pkg.leaflet``): it exists only to ship
Leaflet's own ``dist`` files as package data, with a public ``BASE_DIR`` and ``VERSION``, and
pins the same Leaflet (1.9.3) that folium 0.20 links from a CDN. ``folium-offline`` also
carries Leaflet, but inside a private dict of Python strings (no files to read), and folium
and xyzservices carry none. The stylesheet's few ``url(images/…)`` references become data
URIs so that the page asks for nothing.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

PACKAGE = "xstatic.pkg.leaflet"
DISTRIBUTION = "XStatic-Leaflet"
_IMAGE_URL = re.compile(r"url\((['\"]?)images/([\w.-]+\.png)\1\)")


class LeafletMissing(RuntimeError):
    """Leaflet's files cannot be found: the HTML export cannot run."""


@dataclass(frozen=True)
class LeafletAssets:
    version: str
    js: str
    css: str


def _data_uri(folder: Path, match: re.Match) -> str:
    image = folder / "images" / match.group(2)
    if not image.is_file():
        return "none"
    return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})"


@cache
def leaflet_assets(package: str = PACKAGE) -> LeafletAssets:
    """Leaflet's minified script and its stylesheet (images inlined) from ``package``.

    Raises :class:`LeafletMissing` naming the package to install if it or a file is absent.
    """
    hint = (f"the HTML export needs Leaflet from the Python package {DISTRIBUTION} "
            f"(pip install {DISTRIBUTION}, or ./dev.sh run to install every dependency)")
    try:
        module = import_module(package)
        folder = Path(module.BASE_DIR)
    except (ImportError, AttributeError, TypeError) as exc:
        raise LeafletMissing(f"cannot import {package}: {hint}") from exc
    files = {name: folder / name for name in ("leaflet.js", "leaflet.css")}
    for path in files.values():
        if not path.is_file():
            raise LeafletMissing(f"{path} is missing: {hint}")
    css = _IMAGE_URL.sub(lambda m: _data_uri(folder, m), files["leaflet.css"].read_text("utf-8"))
    js = files["leaflet.js"].read_text("utf-8")
    # The source map comment would make devtools ask for a file that is not there.
    js = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)
    return LeafletAssets(str(getattr(module, "VERSION", "")), js, css)
