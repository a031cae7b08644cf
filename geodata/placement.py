"""Where a site is drawn: at its place, or — for a site off the map — pinned just inside the
map's edge towards where it lies (one rule for the window, snapshots, video and the page)."""

from __future__ import annotations

from .model import Site

Extent = tuple[float, float, float, float]
OFF_MAP_INSET = 0.02   # share of the map's width and height kept between the pin and the edge
CENTRAL_RANK = 1       # sites of this rank or nearer the centre of the story are always named


def map_position(site: Site, extent: Extent) -> tuple[float, float]:
    """(lon, lat) where ``site`` is drawn on a map of ``extent``."""
    if not site.off_map:
        return site.lon, site.lat
    x0, y0, x1, y1 = extent
    mx, my = (x1 - x0) * OFF_MAP_INSET, (y1 - y0) * OFF_MAP_INSET
    return min(max(site.lon, x0 + mx), x1 - mx), min(max(site.lat, y0 + my), y1 - my)


def label_precedence(site: Site, kind_priority: int) -> tuple[int, int]:
    """Sort key of a site's label, most important first: the data's ``rank`` (1 central …
    5 minor), then the kind's priority from the style table. Both views place labels in this
    order, so the central sites of the story win wherever labels would collide."""
    return site.rank, -kind_priority


def may_cover_symbols(site: Site) -> bool:
    """Whether the label of ``site`` may cover other sites' symbols rather than go unnamed:
    the central sites of the story are always labelled where the view has room for them."""
    return site.rank <= CENTRAL_RANK
