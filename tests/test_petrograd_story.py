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
    ("aurora", "1917-10-22T12:00", "mrc"),                 # the crew's committee, before the 24th
    ("peter_paul_fortress", "1917-10-23T10:00", "contested"),  # before Trotsky's speech
    ("general_staff", "1917-10-26T03:00", "mrc"),
    ("district_hq", "1917-10-26T03:00", "mrc"),
    ("amur", "1917-10-25T18:00", "mrc"),                   # Kronstadt's minelayer
    ("helsingfors", "1917-10-25T06:00", "mrc"),
]


@pytest.mark.parametrize("site,time,expected", MOMENTS)
def test_hand_checked_moments(petrograd, site, time, expected):
    assert Timeline(petrograd).control_of(site, at(time)) == expected


def test_the_default_scenario_validates_clean():
    assert validate(default_scenario_path()) == []


def test_dataset_size(petrograd):
    assert len(petrograd.sites) >= 60
    assert len(petrograd.events) >= 150
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


# --- Corrections of the accuracy review (issue 13); docs/corrections.md lists their sources ---

def _event(scenario, event_id):
    return next(e for e in scenario.events if e.id == event_id)


def test_the_district_hq_is_its_own_building_on_palace_square(petrograd):
    """Polkovnikov's district HQ was in the Guards Corps staff building (Palace Square 2-4), not
    the General Staff's west wing (encspb, 'Guards Corps Staff building'; Rabinowitch ch.13).
    The MRC delegation was refused there on 21-22 Oct; Kerensky drove out from there on the 25th."""
    hq, gs = petrograd.site("district_hq"), petrograd.site("general_staff")
    assert abs(hq.lon - gs.lon) > 0.002                     # east side of the square, ~150 m
    assert _event(petrograd, "e009").site == "district_hq"
    assert _event(petrograd, "e071").site == "district_hq"
    route = next(r for r in petrograd.routes if r.id == "kerensky_departure")
    assert route.site == "district_hq" and route.coords[0] == (hq.lon, hq.lat)
    timeline = Timeline(petrograd)
    assert timeline.control_of("district_hq", at("1917-10-22T03:00")) == "government"
    assert timeline.control_of("district_hq", at("1917-10-25T16:00")) == "government"
    assert timeline.control_of("district_hq", at("1917-10-25T22:00")) == "mrc"


def test_the_troitsky_bridge_changes_hands_with_dzenis_pickets(petrograd):
    """Dzenis's Pavlovsky pickets stood at the Troitsky Bridge about 9 p.m. on the 24th
    (Miéville ch.10; Rabinowitch ch.14): the bridge is the MRC's from that hour, not hours later."""
    timeline = Timeline(petrograd)
    pickets = _event(petrograd, "e047")
    bridge = _event(petrograd, "e054")
    assert bridge.earliest <= pickets.time <= bridge.latest
    assert timeline.control_of("troitsky_bridge", at("1917-10-24T20:00")) == "contested"
    assert timeline.control_of("troitsky_bridge", at("1917-10-24T22:00")) == "mrc"


def test_the_palace_is_contested_once_attackers_are_inside(petrograd):
    """Sailors were inside the palace throwing grenades 'in the tenth hour' of the 25th
    (Malyantovich, Byloe 1918 no.12; Trotsky ch.45): contested from then, not only from 01:00."""
    timeline = Timeline(petrograd)
    assert timeline.control_of("winter_palace", at("1917-10-25T20:30")) == "government"
    assert timeline.control_of("winter_palace", at("1917-10-25T23:00")) == "contested"
    assert timeline.control_of("winter_palace", at("1917-10-26T00:30")) == "contested"


def test_the_baltic_station_description_gives_the_days_its_event_gives(petrograd):
    """The Izmailovsky men reached the Baltic station between the evening of the 24th (a modern
    chronology) and 2 a.m. on the 25th (IGV vol.2 ch.4): the description says 24-25, not 24."""
    assert "25th" in petrograd.site("baltic_station").description
    timeline = Timeline(petrograd)
    assert timeline.control_of("baltic_station", at("1917-10-24T16:00")) == "government"
    assert timeline.control_of("baltic_station", at("1917-10-25T03:00")) == "mrc"


def test_the_narration_puts_kerensky_after_the_ten_oclock_proclamation(petrograd):
    """'To the Citizens of Russia' is headed 10 a.m. (Lenin CW vol.26); Kerensky left about 11
    (Kerensky's memoir; Rabinowitch ch.15). Narration and events tell it in that order."""
    seizure = next(c for c in petrograd.chapters if c.id == "seizure")
    assert seizure.narration.index("10 a.m.") < seizure.narration.index("Kerensky drove")
    assert _event(petrograd, "e070").earliest <= _event(petrograd, "e071").earliest


def test_the_trud_press_reopens_after_the_guard_sent_at_eleven(petrograd):
    """Novaya Zhizn of 25 October: seals at 5.30 a.m., MRC guard sent at 11 a.m."""
    timeline = Timeline(petrograd)
    assert timeline.control_of("trud_press", at("1917-10-24T09:30")) == "government"
    assert timeline.control_of("trud_press", at("1917-10-24T12:30")) == "mrc"


def test_windows_keep_every_time_a_cited_source_gives(petrograd):
    """Fortress fire: 'soon after the Aurora's signal' (9.40 p.m.) in memoirs and about 11 p.m.
    in Trotsky ch.45; the ultimatum: 6.30 (Soviet), 6.50 (Figes ch.11), 7 p.m. (ministers)."""
    fire, ultimatum = _event(petrograd, "e090"), _event(petrograd, "e080")
    assert fire.earliest <= at("1917-10-25T21:45") and fire.latest >= at("1917-10-25T23:00")
    assert ultimatum.earliest <= at("1917-10-25T18:30")
    assert ultimatum.latest >= at("1917-10-25T19:00")


def test_every_source_has_a_chapter_or_page_locator(petrograd):
    """Issue 13: a historian must be able to find every passage cited."""
    for e in petrograd.events:
        assert all(":" in s for s in e.sources), e.id
    for s in petrograd.sites:
        assert all(":" in src for src in s.sources), s.id


def test_the_telegraph_agency_is_in_the_post_office_building(petrograd):
    """A memoir of Stark's agency: the PTA was housed in the Main Post Office, which his
    sailors took in the night (stored: moscor.ru); the placeholder point was ~100 m off."""
    pta, post = petrograd.site("telegraph_agency"), petrograd.site("main_post_office")
    assert abs(pta.lon - post.lon) < 0.001 and abs(pta.lat - post.lat) < 0.0006
    assert Timeline(petrograd).control_of("telegraph_agency", at("1917-10-25T03:00")) == "mrc"


def test_the_second_raid_on_rabochii_put_fails(petrograd):
    """Evening of the 24th: Bagratuni's junkers under Germanovich were disarmed by Vyborg-side
    Red Guards (documents cited by Nikonov 2017): the press stays with the MRC all evening."""
    raid = next(e for e in petrograd.events if e.site == "trud_press" and "second" in e.caption)
    assert raid.control is None
    assert Timeline(petrograd).control_of("trud_press", at("1917-10-24T21:00")) == "mrc"


def test_the_central_telegraph_changes_hands_about_five(petrograd):
    """Pestkovsky: mandate from Dzerzhinsky at 4 p.m., in the main hall about 5 p.m. (quoted by
    Nikonov 2017, stored text)."""
    timeline = Timeline(petrograd)
    assert timeline.control_of("central_telegraph", at("1917-10-24T15:30")) == "government"
    assert timeline.control_of("central_telegraph", at("1917-10-24T18:30")) == "mrc"


def test_times_are_no_more_precise_than_the_sources(petrograd):
    """Kerensky's morning talk to the cabinet and the ministers' gathering on the 25th have no
    hour in Rabinowitch ch.14-15; Lenin's entry on the 26th: 8.40 p.m. (Reed ch.5) or about 9."""
    for event_id in ("e025", "e073"):
        assert _event(petrograd, event_id).precision == "window"
        assert _event(petrograd, event_id).latest - _event(petrograd, event_id).earliest >= 240
    lenin = _event(petrograd, "e108")
    assert lenin.earliest <= at("1917-10-26T20:40") and lenin.latest >= at("1917-10-26T21:00")
