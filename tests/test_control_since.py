"""``since``: the moment a site's current control began, i.e. the start of the window of the
event that set it, never later than the moment asked for (issue 13)."""

import json
import subprocess
import sys

from petrograd1917.geodata.calendar import iso
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.timeline import Timeline


def test_inside_and_after_a_window_since_is_its_start(mini):
    tl = Timeline(mini)
    # e2: sailors occupy the telegraph, window 01:00-03:00, best estimate 02:00
    assert tl.control_since("telegraph", at("1917-10-25T01:30")) == at("1917-10-25T01:00")
    assert tl.control_since("telegraph", at("1917-10-25T08:00")) == at("1917-10-25T01:00")


def test_a_control_held_from_the_start_has_no_since(mini):
    tl = Timeline(mini)
    assert tl.control_since("smolny", at("1917-10-26T12:00")) is None
    assert tl.control_since("telegraph", at("1917-10-24T12:00")) is None


def test_the_palace_falls_at_the_start_of_the_last_window(mini):
    tl = Timeline(mini)
    # e3 makes it contested at 21:40; e4 (hour precision, 02:00-03:00) brings the MRC
    assert tl.control_since("winter_palace", at("1917-10-25T23:00")) == at("1917-10-25T21:40")
    assert tl.control_since("winter_palace", at("1917-10-26T04:00")) == at("1917-10-26T02:00")


def test_since_never_lies_after_the_moment_asked_for(petrograd):
    tl = Timeline(petrograd)
    for t in range(petrograd.start, petrograd.end, 97):
        for site in petrograd.sites:
            since = tl.control_since(site.id, t)
            assert since is None or since <= t


def test_cli_state_json_since_is_the_start_of_the_deciding_window(petrograd):
    out = subprocess.run([sys.executable, "-m", "petrograd1917.viewer", "state",
                          "--at", "1917-11-08T03:00", "--ns", "--json"],
                         capture_output=True, text=True, check=True)
    rows = {row["id"]: row for row in json.loads(out.stdout)}
    t = at("1917-10-26T03:00")
    taken = [e for e in petrograd.events if e.site == "winter_palace" and e.control == "mrc"
             and e.earliest <= t]
    first = min(taken, key=lambda e: e.earliest)           # the storming, not the arrests
    assert rows["winter_palace"]["since"] == iso(first.earliest)
    assert rows["winter_palace"]["since"] < iso(first.time) or first.precision != "window"


def test_an_event_that_only_confirms_the_control_is_passed_over(mini):
    from dataclasses import replace

    e4 = mini.events[3]                                   # the MRC takes the palace, ~02:00
    arrests = replace(e4, id="arrests", time=at("1917-10-26T02:30"),
                      earliest=at("1917-10-26T02:30"), latest=at("1917-10-26T02:30"),
                      precision="minute", caption="Ministers arrested")
    scenario = replace(mini, events=[*mini.events, arrests])
    tl = Timeline(scenario)
    assert scenario.events[tl.control_setter("winter_palace", at("1917-10-26T04:00"))] is e4
    assert tl.control_since("winter_palace", at("1917-10-26T04:00")) == e4.earliest


def test_the_map_tooltip_says_since_when_as_the_data_states_it(open_window, mini):
    window = open_window((1280, 800), mini)
    window.playback.time = at("1917-10-26T04:00")
    tip = window.scene.tooltip(mini.site_index("winter_palace"))
    assert "since 26 October 1917, ~02:00" in tip
