from petrograd1917.geodata.gpkg import write_gpkg
from petrograd1917.geodata.loader import load_scenario

from tests.conftest import assert_same_scenario


def test_mini_round_trips_through_a_geopackage(mini, tmp_path):
    out = tmp_path / "mini.gpkg"
    write_gpkg(mini, out)
    back = load_scenario(out)
    assert_same_scenario(back, mini)
    assert back.basemap["water"].provenance == mini.basemap["water"].provenance
    assert not list(tmp_path.glob(".*tmp*")), "no temporary file is left behind"


def test_geopackage_layers_are_named_for_what_they_hold(mini, tmp_path):
    import pyogrio

    out = tmp_path / "mini.gpkg"
    write_gpkg(mini, out)
    names = {row[0] for row in pyogrio.list_layers(out)}
    assert {"sites", "events", "routes", "water", "streets", "meta"} <= names
