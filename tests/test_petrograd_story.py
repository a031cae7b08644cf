"""The embedded scenario tells the story the standard accounts tell (hand-checked moments).

Each line: site, Old Style time, control expected — from Reed, Trotsky and Rabinowitch.
"""

import json
import subprocess
import sys

import pytest
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.loader import default_scenario_path, validate
from petrograd1917.geodata.timeline import Timeline

MOMENTS = [
    ("smolny", "1917-10-21T12:00", "mrc"),                 # MRC's seat throughout
    ("peter_paul_fortress", "1917-10-22T12:00", "government"),
    ("peter_paul_fortress", "1917-10-24T06:00", "mrc"),    # the garrison's vote on the 23rd
    ("kronverk_arsenal", "1917-10-24T14:00", "mrc"),       # arms handed out on the 24th
    ("trud_press", "1917-10-24T06:00", "contested"),       # junkers seal Rabochii Put'
    ("trud_press", "1917-10-24T14:00", "mrc"),             # MRC guards reopen it
    ("central_telegraph", "1917-10-25T00:00", "mrc"),
    ("main_post_office", "1917-10-25T04:00", "mrc"),
    ("nikolaevsky_station", "1917-10-25T04:00", "mrc"),
    ("nikolaevsky_bridge", "1917-10-25T08:00", "mrc"),     # the Aurora at the bridge
    ("telephone_exchange", "1917-10-25T08:00", "mrc"),
    ("state_bank", "1917-10-25T08:00", "mrc"),
    ("mariinsky_palace", "1917-10-25T08:00", "government"),
    ("mariinsky_palace", "1917-10-25T16:00", "mrc"),       # Pre-Parliament dispersed
    ("general_staff", "1917-10-25T16:00", "government"),
    ("winter_palace", "1917-10-25T20:00", "government"),
    ("winter_palace", "1917-10-26T03:00", "mrc"),          # ministers arrested ~2:10
    ("city_duma", "1917-10-26T12:00", "government"),       # the Duma stays hostile
]


@pytest.mark.parametrize("site,time,expected", MOMENTS)
def test_hand_checked_moments(petrograd, site, time, expected):
    assert Timeline(petrograd).control_of(site, at(time)) == expected


def test_the_default_scenario_validates_clean():
    assert validate(default_scenario_path()) == []


def test_dataset_size(petrograd):
    assert len(petrograd.sites) >= 45
    assert len(petrograd.events) >= 80
    assert len(petrograd.routes) >= 6 and len(petrograd.chapters) >= 6
    days = {e.time // 1440 for e in petrograd.events}
    assert len(days) == 6                                   # every one of the six days
    assert all(e.sources for e in petrograd.events)
    assert any(e.note for e in petrograd.events)            # disagreements are recorded
    assert {"reed1919", "trotsky1932", "rabinowitch1976", "sukhanov1922"} <= set(
        petrograd.sources)


def test_cli_state_json_at_a_new_style_time():
    out = subprocess.run([sys.executable, "-m", "petrograd1917.viewer", "state",
                          "--at", "1917-11-08T03:00", "--ns", "--json"],
                         capture_output=True, text=True, check=True)
    rows = {row["id"]: row for row in json.loads(out.stdout)}
    wp = rows["winter_palace"]
    assert wp["control"] == "mrc" and wp["since"] <= "1917-10-26T03:00"
    assert set(wp) == {"id", "name_en", "name_ru", "lon", "lat", "kind", "control", "since",
                       "caption"}
