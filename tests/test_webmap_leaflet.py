"""Leaflet comes into the page from an installed package, through one adapter, or not at all."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from petrograd1917.geodata import leaflet_assets as assets
from petrograd1917.geodata import webmap

GEODATA = Path(__file__).parent.parent / "geodata"


def test_page_inlines_leaflet_from_the_installed_package(mini):
    html = webmap.render_html(mini)
    leaflet = assets.leaflet_assets()
    assert leaflet.version.startswith("1.9")
    assert leaflet.js.strip()[-200:] in html
    assert ".leaflet-container" in leaflet.css and "url(images/" not in leaflet.css
    assert "sourceMappingURL" not in html


def test_no_module_imports_the_folium_offline_fork():
    for path in GEODATA.rglob("*.py"):
        assert "offlinefolium" not in path.read_text("utf-8"), path


def test_missing_package_fails_with_a_clear_message():
    with pytest.raises(assets.LeafletMissing, match="pip install XStatic-Leaflet"):
        assets.leaflet_assets("petrograd1917_no_such_package")


def test_package_without_leaflet_files_fails_naming_the_file(tmp_path, monkeypatch):
    fake = types.ModuleType("petrograd1917_fake_leaflet")
    fake.BASE_DIR = str(tmp_path)
    (tmp_path / "leaflet.js").write_text("window.L = {};")
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    with pytest.raises(assets.LeafletMissing, match=r"leaflet\.css is missing.*XStatic-Leaflet"):
        assets.leaflet_assets(fake.__name__)


def test_page_declares_its_language_and_allows_pinch_zoom(mini):
    for lang in ("en", "ru"):
        html = webmap.render_html(mini, lang=lang)
        assert html.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
        assert 'name="viewport" content="width=device-width, initial-scale=1.0"' in html
        assert "user-scalable=no" not in html and "maximum-scale" not in html
