"""Snapshots: the window's map view rendered off screen to PNG; pages (SVG, PDF) are in
print_page."""

from __future__ import annotations

from pathlib import Path

from ..geodata.atomic import atomic_path
from ..geodata.model import Scenario
from .offscreen import map_view, render_image

__all__ = ["map_view", "render_image", "save_snapshot"]


def save_snapshot(scenario: Scenario, out: str | Path, t: int, size=(1920, 1080), view=None,
                  lang: str = "en", page=None) -> None:
    """Write the map at ``t`` to ``out``, atomically: a .png of the view at ``size`` pixels,
    or, for .svg and .pdf (or a .png with ``page``), a page laid out for print (vectors)."""
    from .print_page import PageSpec, save_page

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise ValueError(f"{out}: a snapshot is .png, .svg or .pdf")
    if suffix != ".png" or page is not None:
        if page is None:
            page = PageSpec("slide") if suffix == ".svg" else PageSpec("A4")
        save_page(scenario, out, t, page, view, lang)
        return
    widget = map_view(scenario, t, size, view, lang)
    with atomic_path(out) as temp:
        if not render_image(widget).save(str(temp), "PNG"):
            raise OSError(f"could not write {out}")
