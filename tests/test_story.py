"""The story model without a window: events in order, the cursor, captions, time labels,
site histories and the off-map rule (geodata only, no Qt)."""

from dataclasses import replace

import pytest
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.eventtime import event_when
from petrograd1917.geodata.placement import map_position
from petrograd1917.geodata.playback import Playback
from petrograd1917.geodata.story import Story
from petrograd1917.geodata.timeline import Span, Timeline


@pytest.fixture
def crowded(mini):
    """The mini scenario with two more events in the minute the telegraph falls (02:00)."""
    e2 = mini.events[1]
    extra = [replace(e2, id="e2b", site="smolny", control=None, caption="Smolny hears of it"),
             replace(e2, id="e2c", site="winter_palace", control=None,
                     caption="The ministers wait")]
    events = [mini.events[0], e2, *extra, *mini.events[2:]]
    return replace(mini, events=events)


@pytest.fixture
def playback(crowded):
    return Playback(Timeline(crowded))


def test_events_at_one_minute_are_current_together_in_file_order(crowded):
    story = Story(crowded)
    assert [story.events[k].id for k in story.current(at("1917-10-25T02:30"))] == \
        ["e2", "e2b", "e2c"]
    assert story.latest(at("1917-10-25T02:30")) == 3
    assert not story.current(at("1917-10-21T00:00"))


def test_stepping_reaches_every_event_even_three_in_one_minute(playback):
    seen = []
    for _ in range(len(playback.story)):
        playback.step_next()
        seen.append(playback.story.events[playback.event].id)
    assert seen == ["e1", "e2", "e2b", "e2c", "e3", "e4"]
    playback.step_next()                       # the last event: nowhere further
    assert playback.story.events[playback.event].id == "e4"
    back = []
    for _ in range(5):
        playback.step_previous()
        back.append(playback.story.events[playback.event].id)
    assert back == ["e3", "e2c", "e2b", "e2", "e1"]


def test_step_back_from_between_events_lands_on_the_last_event_passed(playback):
    playback.time = at("1917-10-25T12:00")
    playback.step_previous()
    assert playback.time == at("1917-10-25T02:00")
    assert playback.story.events[playback.event].id == "e2c"


def test_a_chosen_event_keeps_its_caption_until_the_next_event(playback):
    playback.go_to_event(2)                    # e2b, second of three at 02:00
    assert playback.caption().text == "Smolny hears of it"
    playback.time = at("1917-10-25T12:00")     # no event in between: still e2b
    assert playback.caption().text == "Smolny hears of it"
    playback.time = at("1917-10-25T22:00")     # e3 has happened
    assert playback.caption().text.startswith("Siege")


def test_a_move_forward_reports_the_events_it_passed_and_a_move_back_none(playback):
    passed = []
    playback.events_passed.connect(lambda first, stop: passed.append((first, stop)))
    playback.time = at("1917-10-25T22:00")
    assert passed == [(0, 5)]
    playback.time = at("1917-10-21T00:00")
    assert passed == [(0, 5)]
    playback.step_next()
    assert passed == [(0, 5), (0, 1)]


def test_caption_names_when_where_and_what_with_the_control_colour(mini):
    story = Story(mini)
    caption = story.caption_at(at("1917-10-25T02:30"), "en")
    assert caption.title == "25 October 1917, between 01:00 and 03:00 · Central Telegraph"
    assert caption.text == "Sailors occupy the telegraph"
    assert caption.colour == mini.controls["mrc"].colour
    assert story.caption_at(at("1917-10-21T00:00")) is None


def test_time_labels_say_only_what_the_data_states(mini):
    e1, e2, e3, e4 = mini.events
    assert event_when(e3) == "25 October 1917, 21:40"
    assert event_when(e4) == "26 October 1917, ~02:00"
    assert event_when(e2) == "25 October 1917, between 01:00 and 03:00"
    assert event_when(e2, lang="ru") == "25 октября 1917, между 01:00 и 03:00"
    evening = replace(e1, time=at("1917-10-24T18:00"), precision="part_of_day")
    assert event_when(evening, short=True) == "24 Oct, evening"
    assert event_when(evening, lang="ru") == "24 октября 1917, вечером"
    day = replace(e1, time=at("1917-10-24T00:00"), precision="day")
    assert event_when(day, short=True) == "24 Oct"
    night = replace(e2, earliest=at("1917-10-24T20:00"), latest=at("1917-10-25T02:00"))
    assert event_when(night) == "between 24 October, 20:00 and 25 October 1917, 02:00"
    to_midnight = replace(e2, earliest=at("1917-10-25T22:00"), latest=at("1917-10-26T00:00"))
    assert event_when(to_midnight) == "25 October 1917, between 22:00 and 24:00"


def test_change_points_replay_to_the_state_at_every_minute(petrograd):
    timeline = Timeline(petrograd)
    points = timeline.change_points()
    assert (points.time[1:] >= points.time[:-1]).all()
    state = points.initial.copy()
    k = 0
    for t in range(timeline.start, timeline.end + 1, 7):
        while k < len(points.time) and points.time[k] <= t:
            assert state[points.site[k]] == points.old[k]
            state[points.site[k]] = points.new[k]
            k += 1
        assert (state == timeline.state_at(t).control).all()


def test_winter_palace_history_runs_from_government_to_the_mrc(petrograd):
    history = Timeline(petrograd).site_history("winter_palace")
    assert history[0].start == petrograd.start and history[-1].end == petrograd.end
    assert history[0].control == "government" and history[-1].control == "mrc"
    assert all(a.end == b.start and a.control != b.control
               for a, b in zip(history, history[1:], strict=False))
    quiet = [s.id for s in petrograd.sites
             if not any(e.site == s.id and e.control for e in petrograd.events)]
    if quiet:   # a site no event changes keeps its first control throughout
        span = Timeline(petrograd).site_history(quiet[0])
        assert span == [Span(petrograd.start, petrograd.end, span[0].control)]


def test_an_off_map_site_is_pinned_just_inside_the_edge(mini):
    site = replace(mini.sites[0], lon=10.0, lat=70.0, off_map=True)
    x0, y0, x1, y1 = mini.extent
    lon, lat = map_position(site, mini.extent)
    assert x0 < lon < x0 + 0.05 * (x1 - x0) and y1 - 0.05 * (y1 - y0) < lat < y1
    assert map_position(mini.sites[0], mini.extent) == (mini.sites[0].lon, mini.sites[0].lat)
