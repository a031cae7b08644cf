"""One style table: both views draw the basemap from the same recipe, and every key of
resources/style.toml is read by someone."""

import re
from pathlib import Path

import pytest
from petrograd1917.geodata import webmap
from petrograd1917.geodata.style import load_style, rgba, web_pixels_per_metre

ROOT = Path(__file__).parent.parent


def test_lines_grow_with_the_zoom_within_bounds():
    style = load_style()
    g = style.growth
    assert style.line_growth(g["reference"]) == pytest.approx(1.0)
    assert style.line_growth(g["reference"] * 4) == pytest.approx(4 ** g["power"])
    assert style.line_growth(1e-6) == g["min"] and style.line_growth(1e6) == g["max"]


def test_a_leaflet_zoom_is_a_scale_in_pixels_per_metre():
    # Zoom 13 at Petrograd's latitude: about 9.6 m a pixel.
    assert 1 / web_pixels_per_metre(13, 59.94) == pytest.approx(9.57, abs=0.05)
    assert web_pixels_per_metre(14, 59.94) == pytest.approx(2 * web_pixels_per_metre(13, 59.94))


@pytest.mark.parametrize("layer", ["districts", "green", "water", "railways", "streets",
                                   "bridges"])
def test_the_page_draws_each_layer_with_the_desktop_recipe(layer):
    style = load_style()
    lat = 59.94
    recipe = style.passes[layer]
    page = webmap.basemap_passes(layer, style, lat)
    assert len(page) == len(recipe)
    for p, w in zip(recipe, page, strict=True):
        assert w["style"]["color"] == style.map[p.stroke]
        assert w["dash"] == (list(p.dash) or None)
        for i in (0, 52, 60, 72):   # zooms 0, 13, 15, 18
            ppm = web_pixels_per_metre(webmap.WEB_ZOOMS[i], lat)
            assert w["weights"][i] == pytest.approx(p.line_width(style.line_growth(ppm)),
                                                    abs=1e-3)
        if p.min_zoom:
            assert web_pixels_per_metre(w["minZoom"], lat) >= p.min_zoom
            assert web_pixels_per_metre(w["minZoom"] - webmap.WEB_ZOOM_STEP, lat) < p.min_zoom


def test_secondary_streets_show_only_when_near_in_both_views():
    style = load_style()
    secondary = [p for p in style.passes["streets"] if p.only == ("secondary",)]
    assert secondary and all(p.min_zoom > 0 for p in secondary)
    assert all(not p.min_zoom for p in style.passes["streets"] if p.only == ("main",))


def test_colours_with_and_without_alpha():
    assert rgba("#c8323c") == (200, 50, 60, 255)
    assert rgba("#c8323c59") == (200, 50, 60, 89)
    with pytest.raises(ValueError):
        rgba("red")


def test_every_key_of_the_style_table_is_read():
    style = load_style()
    code = "\n".join(p.read_text("utf-8") for folder in ("geodata", "viewer")
                     for p in (ROOT / folder).glob("*.py"))
    templates = "\n".join(p.read_text("utf-8")
                          for p in (ROOT / "geodata" / "templates").glob("*.html"))
    recipe = {name for passes in style.passes.values() for p in passes
              for name in (p.stroke, p.fill, *(c for _, c in p.fill_cases)) if name}
    unused = []
    for section, keys in (("map", style.map), ("ui", style.ui), ("page", style.page)):
        for key in keys:
            used = (key in recipe or re.search(rf"[\"']{key}[\"']", code)
                    or f"--p17-{key})" in templates)
            if not used:
                unused.append(f"[{section}] {key}")
    assert not unused, f"unused style keys: {unused}"
