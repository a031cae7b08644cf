from petrograd1917.geodata.gpkg import write_gpkg
from petrograd1917.geodata.loader import load_scenario

from tests.conftest import assert_same_scenario, edit_gpkg


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


def test_layers_are_counted_by_their_rows_not_by_stored_counts(mini, tmp_path):
    """QGIS-style metadata that lies (gpkg_ogr_contents) loses nothing."""
    out = tmp_path / "mini.gpkg"
    write_gpkg(mini, out)
    edit_gpkg(out, "UPDATE gpkg_ogr_contents SET feature_count = 1 WHERE table_name = 'events'",
          "UPDATE gpkg_ogr_contents SET feature_count = 0 WHERE table_name = 'water'")
    back = load_scenario(out)
    assert back.events == mini.events
    assert len(back.basemap["water"].features) == len(mini.basemap["water"].features)


def test_rows_added_behind_the_stored_count_are_read(mini, tmp_path):
    out = tmp_path / "mini.gpkg"
    write_gpkg(mini, out)
    edit_gpkg(out, "INSERT INTO events (id, site, time, precision, caption, sources) VALUES "
          "('e99', 'smolny', '1917-10-25T10:00', 'minute', 'Added in a database tool', "
          "'reed1919')")
    back = load_scenario(out)
    assert len(back.events) == len(mini.events) + 1
    assert "Added in a database tool" in {e.caption for e in back.events}


def test_reading_a_geopackage_leaves_its_folder_as_it_was(mini, tmp_path):
    out = tmp_path / "mini.gpkg"
    write_gpkg(mini, out)
    before = sorted(tmp_path.iterdir())
    load_scenario(out)
    assert sorted(tmp_path.iterdir()) == before   # read-only: no journal, no temp folder
