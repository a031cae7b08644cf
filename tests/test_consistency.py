"""The consistency checker finds where the scenario contradicts itself.

Each test plants one contradiction of a kind the review of issue 13 found in the data (a
caption that says "taken" while nothing changes, attackers inside a palace that is not
contested, a route that arrives hours from any event, a chapter that orders things against
the events) and expects one warning naming it.
"""

import shutil
import subprocess
import sys
from dataclasses import replace

from conftest import DATA
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.consistency import check_consistency
from petrograd1917.geodata.loader import load_scenario
from petrograd1917.geodata.model import Chapter, Event, Route


def warnings_of(scenario) -> list[str]:
    return [str(w) for w in check_consistency(scenario).warnings]


def warnings_with(mini, *added: Event) -> list[str]:
    """The warnings of the mini scenario with ``added`` events after its own."""
    return warnings_of(replace(mini, events=[*mini.events, *added]))


def moved(e: Event, time: str) -> Event:
    """``e`` at one exact minute ``time`` instead."""
    return replace(e, time=at(time), earliest=at(time), latest=at(time))


def event(ident, site, time, control=None, caption="", earliest=None, latest=None, **kw):
    t = at(time)
    return Event(ident, site, t, at(earliest) if earliest else t,
                 at(latest) if latest else t, "window" if earliest else "minute", control,
                 kw.get("during"), caption, kw.get("caption_ru", ""), ("reed1919",))


def test_the_mini_scenario_is_consistent(mini):
    found = check_consistency(mini)
    assert found.errors == [] and found.warnings == []


def test_the_default_scenario_has_no_warnings(petrograd):
    found = check_consistency(petrograd)
    assert [str(p) for p in found.errors + found.warnings] == []


def test_a_caption_that_says_taken_must_change_control(mini):
    says_taken = event("x1", "telegraph", "1917-10-24T12:00",
                       caption="Junkers occupy the telegraph")
    warnings = warnings_with(mini, says_taken)
    assert any(w.startswith("events.csv:x1:") and "'occupy'" in w for w in warnings)


def test_the_russian_caption_is_read_too(mini):
    says_taken = event("x1", "telegraph", "1917-10-24T12:00", caption="Junkers arrive",
                       caption_ru="Юнкера занимают телеграф")
    assert any("x1" in w for w in warnings_with(mini, says_taken))


def test_taking_what_one_already_holds_is_flagged(mini):
    again = event("x1", "telegraph", "1917-10-25T08:00", "mrc",
                  caption="Sailors take the telegraph")       # e2 gave it to the MRC at 03:00
    assert any("x1" in w and "stays 'mrc'" in w
               for w in warnings_with(mini, again))


def test_set_phrases_are_not_seizures(mini):
    floor = event("x1", "smolny", "1917-10-26T20:40", caption="Lenin takes the floor on peace",
                  caption_ru="Ленин требует взять власть")
    assert warnings_with(mini, floor) == []


def test_attackers_inside_a_site_that_is_not_contested(mini):
    # the Winter Palace is first contested at 21:40 in the mini scenario
    inside = event("x1", "winter_palace", "1917-10-25T20:00",
                   caption="Sailors slip into the palace")
    warnings = warnings_with(mini, inside)
    assert any("x1" in w and "not 'contested'" in w for w in warnings)
    later = moved(inside, "1917-10-25T22:00")
    assert warnings_with(mini, later) == []


def test_a_caption_about_another_site_taken_before_that_site_changes(mini):
    early = event("x1", "smolny", "1917-10-24T12:00",
                  caption="Smolny hears that the Winter Palace has fallen")
    warnings = warnings_with(mini, early)
    assert any("x1" in w and "winter_palace was taken" in w for w in warnings)


def test_pickets_at_a_site_the_other_side_holds_with_no_change_near(mini):
    # Issue 13's example: Dzenis's pickets at the Troitsky Bridge hours before the bridge
    # changes hands. Here: MRC pickets at the Winter Palace, contested only from 21:40.
    early = event("x1", "smolny", "1917-10-25T12:00",
                  caption="The MRC sets up pickets at the Winter Palace")
    warnings = warnings_with(mini, early)
    assert any("x1" in w and "posts men of 'mrc' at winter_palace" in w for w in warnings)
    on_time = moved(early, "1917-10-25T21:00")
    assert warnings_with(mini, on_time) == []


def test_a_window_must_contain_its_best_estimate(mini):
    wrong = replace(mini.events[1], time=at("1917-10-25T05:00"))
    found = check_consistency(replace(mini, events=[mini.events[0], wrong, *mini.events[2:]]))
    assert [p.where for p in found.errors] == ["e2"]


def test_a_site_that_sits_still_all_week(mini):
    quiet = replace(mini.sites[2], id="okhta", name_en="Okhta")
    warnings = warnings_of(replace(mini, sites=[*mini.sites, quiet]))
    assert "sites.geojson:okhta: no event in the whole span: the site sits still all week" \
        in warnings


def test_a_route_arriving_hours_from_any_event_at_its_end(mini):
    wp = mini.site("winter_palace")
    route = Route("march", "March", "", "troops", at("1917-10-24T10:00"),
                  at("1917-10-24T11:00"), ((wp.lon + 0.02, wp.lat), (wp.lon, wp.lat)),
                  ("reed1919",))
    warnings = warnings_of(replace(mini, routes=[route]))
    assert any(w.startswith("routes.geojson:march: the route ends at winter_palace") for w in
               warnings)
    on_time = replace(route, start=at("1917-10-26T01:00"), end=at("1917-10-26T02:00"))
    assert warnings_of(replace(mini, routes=[on_time])) == []


def chapter(narration: str) -> Chapter:
    return Chapter("night", "The night", "", at("1917-10-25T00:00"), at("1917-10-26T00:00"),
                   (30.2, 59.9, 30.4, 60.0), 10, narration)


def test_a_chapter_with_a_wrong_weekday(mini):
    text = "On Friday 25 October the telegraph fell."        # it was a Wednesday
    warnings = warnings_of(replace(mini, chapters=[chapter(text)]))
    assert "chapters.toml:night: Friday 25 October: that day was a Wednesday" in warnings


def test_a_chapter_time_that_matches_no_event(mini):
    good = "At about 2 a.m. sailors took the telegraph. At 9.40 p.m. the Aurora fired."
    assert warnings_of(replace(mini, chapters=[chapter(good)])) == []
    bad = "At 6 p.m. sailors took the telegraph."
    assert any("'At 6 p.m.'" in w for w in warnings_of(replace(mini, chapters=[chapter(bad)])))


def test_a_chapter_that_orders_things_against_the_events(mini):
    # The mini scenario has the telegraph taken about 2 a.m. and the Aurora firing at 21:40.
    text = "At 9 p.m. the Winter Palace was besieged, soon after Sailors had taken the " \
           "telegraph."
    events = [*mini.events, event("x1", "smolny", "1917-10-25T21:00", caption="Smolny "
                                  "hears of the siege of the Winter Palace")]
    warnings = warnings_of(replace(mini, events=events, chapters=[chapter(text)]))
    assert any("puts 'Sailors had taken the telegraph' soon after 'At 9 p.m.'" in w
               for w in warnings)


def test_a_site_description_naming_a_day_without_its_event(mini):
    site = replace(mini.site("telegraph"),
                   description="Sailors occupied it on 23 October.")   # e2: the 25th
    sites = [s if s.id != "telegraph" else site for s in mini.sites]
    warnings = warnings_of(replace(mini, sites=sites))
    assert any(w.startswith("sites.geojson:telegraph: the description says 23 Oct") for w in
               warnings)


def test_cli_prints_warnings_apart_from_problems_and_documents_its_status(tmp_path):
    case = tmp_path / "mini"
    shutil.copytree(DATA / "mini", case)
    with open(case / "events.csv", "a", encoding="utf-8") as f:
        f.write("x1,smolny,1917-10-24T12:00,minute,,,,,Junkers occupy the telegraph,,"
                "reed1919,\n")
    command = [sys.executable, "-m", "petrograd1917.viewer", "validate", str(case)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("warning: events.csv:x1:")
    assert "no problems, 1 warning(s)" in result.stderr
    strict = subprocess.run(command + ["--strict"], capture_output=True, text=True)
    assert strict.returncode == 1
    usage = subprocess.run(command[:-1] + ["--help"], capture_output=True, text=True)
    assert "exit status: 0" in usage.stdout and "2 problems" in usage.stdout
    assert load_scenario(DATA / "mini")                    # the original is untouched


def test_the_russian_description_is_read_too(mini):
    def warned(text_ru: str) -> bool:
        site = replace(mini.site("telegraph"), description_ru=text_ru)
        sites = [s if s.id != "telegraph" else site for s in mini.sites]
        return any(w.startswith("sites.geojson:telegraph:")
                   for w in warnings_of(replace(mini, sites=sites)))

    assert warned("Матросы заняли его 23 октября.")              # e2: the 25th
    assert not warned("Матросы заняли его в ночь на 25 октября.")
    assert not warned("Здание построено 1 октября 1904 года.")    # outside the span
    assert not warned("The building opened on 24 October 1905.")  # another year
