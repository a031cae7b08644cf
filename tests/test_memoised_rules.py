"""Answers memoised by value are the rules' own answers: a list of sources is checked once
per distinct list, and every site that cites a bad one is still named."""

import json
import shutil

from petrograd1917.geodata.loader import load_scenario, validate

from tests.conftest import DATA


def _sites_citing(tmp_path, *sources) -> str:
    folder = tmp_path / "mini"
    shutil.copytree(DATA / "mini", folder)
    path = folder / "sites.geojson"
    data = json.loads(path.read_text("utf-8"))
    template = data["features"][0]
    # the mini story's own sites stay (its events cite them); the new ones follow
    for i, cited in enumerate(sources):
        feature = json.loads(json.dumps(template))
        feature["properties"].update(id=f"site_{i}", sources=cited)
        data["features"].append(feature)
    path.write_text(json.dumps(data), "utf-8")
    return folder


def kept_sites() -> int:
    return len(json.loads((DATA / "mini" / "sites.geojson").read_text("utf-8"))["features"])


def test_each_site_citing_a_bad_list_of_sources_is_named(tmp_path):
    folder = _sites_citing(tmp_path, ["reed1919"], ["reed1919", "nosuch"], [],
                           ["reed1919", "nosuch"], ["reed1919:ch.4", 1917], ["reed1919"])
    problems = [str(p) for p in validate(folder) if "sites.geojson" in p.file]
    assert problems == [
        f"{folder / 'sites.geojson'}:feature 5 (site_1): 'sources': unknown source key "
        "'nosuch' (add it to sources.toml)",
        f"{folder / 'sites.geojson'}:feature 6 (site_2): 'sources' is empty: cite at least "
        "one source key from sources.toml",
        f"{folder / 'sites.geojson'}:feature 7 (site_3): 'sources': unknown source key "
        "'nosuch' (add it to sources.toml)",
        f"{folder / 'sites.geojson'}:feature 8 (site_4): 'sources' must be a list of source "
        "keys, not ['reed1919:ch.4', 1917]"]


def test_the_same_list_of_sources_gives_each_site_its_own_references(tmp_path):
    folder = _sites_citing(tmp_path, ["reed1919", " trotsky1932 "], ["reed1919"],
                           ["reed1919", " trotsky1932 "], "reed1919; trotsky1932")
    sites = load_scenario(folder).sites[kept_sites():]
    assert [s.sources for s in sites] == [("reed1919", "trotsky1932"), ("reed1919",),
                                          ("reed1919", "trotsky1932"),
                                          ("reed1919", "trotsky1932")]
