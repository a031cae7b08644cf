"""Hostile scenarios end in a clear error or a picture: the quick fuzzer and label types."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from petrograd1917.geodata.loader import default_scenario_path

sys.path.insert(0, str(Path(__file__).parent))
import fuzz  # noqa: E402

MINI = Path(__file__).parent / "data" / "mini"


def test_quick_fuzz_of_the_default_scenario_never_raises_anything_else(qapp):
    """A fixed-seed sample of the long run (tests/fuzz.py, docs/robustness.md)."""
    result = fuzz.fuzz(cases=30, seed=1917, gpkg_every=15)
    assert not result["failures"], "\n".join(trace for _, _, trace in result["failures"])
    assert result["refused"] and result["rendered"], result


NON_STRINGS = [1917, 59.9, True, False, None, ["Vasilievsky"], {"en": "Vasilievsky"}]


@pytest.mark.parametrize("label", NON_STRINGS, ids=lambda v: type(v).__name__)
def test_snapshot_of_non_string_labels_is_an_error_not_a_crash(tmp_path, label):
    """A name of any JSON type other than text: `snapshot` says where, never crashes Qt."""
    case = tmp_path / "case"
    shutil.copytree(default_scenario_path(), case)
    files = ["basemap/places.geojson", "basemap/streets.geojson", "sites.geojson"]
    for file in files:
        data = json.loads((case / file).read_text("utf-8"))
        data["features"][0]["properties"]["name_en"] = label
        (case / file).write_text(json.dumps(data), "utf-8")
    result = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "petrograd1917.viewer", "snapshot",
         "--scenario", str(case), "--at", "1917-10-25T12:00", "--size", "200x120",
         str(tmp_path / "out.png")],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr   # not a signal, not a traceback
    assert "Traceback" not in result.stderr and "Fatal Python error" not in result.stderr
    named = [f for f in files if f"{Path(f).name}:feature 1" in result.stderr]
    # null is a basemap feature without a name, but a site must have one
    assert named == (files[2:] if label is None else files), result.stderr
    assert "'name_en'" in result.stderr
    assert not (tmp_path / "out.png").exists()
