import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.timeline import Timeline


def control(mini, site, text):
    return Timeline(mini).control_of(site, at(text))


def test_sites_start_in_their_initial_control(mini):
    assert control(mini, "winter_palace", "1917-10-21T00:00") == "government"
    assert control(mini, "smolny", "1917-10-21T00:00") == "mrc"
    assert control(mini, "telegraph", "1917-10-21T00:00") == "unknown"   # default_control


def test_inside_an_uncertainty_window_a_site_is_contested(mini):
    assert control(mini, "telegraph", "1917-10-25T00:59") == "unknown"
    assert control(mini, "telegraph", "1917-10-25T01:00") == "contested"
    assert control(mini, "telegraph", "1917-10-25T02:59") == "contested"
    assert control(mini, "telegraph", "1917-10-25T03:00") == "mrc"


def test_winter_palace_falls_after_two_am(mini):
    assert control(mini, "winter_palace", "1917-10-25T20:00") == "government"
    assert control(mini, "winter_palace", "1917-10-25T21:40") == "contested"
    assert control(mini, "winter_palace", "1917-10-26T02:30") == "contested"  # the hour
    assert control(mini, "winter_palace", "1917-10-26T03:00") == "mrc"


def test_events_without_control_change_nothing(mini):
    assert control(mini, "smolny", "1917-10-21T13:00") == "mrc"


def test_deciding_event_and_pending_flags(mini):
    tl = Timeline(mini)
    state = tl.state_at(at("1917-10-26T02:30"))
    wp = mini.site_index("winter_palace")
    assert mini.events[state.event[wp]].id == "e4"
    assert state.pending[wp]
    assert state.event[mini.site_index("smolny")] == -1


def test_times_outside_the_span_are_clamped(mini):
    tl = Timeline(mini)
    assert np.array_equal(tl.state_at(-10**9).control, tl.state_at(mini.start).control)
    assert np.array_equal(tl.state_at(10**12).control, tl.state_at(mini.end).control)


def test_event_navigation(mini):
    tl = Timeline(mini)
    t = at("1917-10-25T21:40")
    assert tl.next_event_time(t) == at("1917-10-26T02:00")
    assert tl.previous_event_time(t) == at("1917-10-25T02:00")
    assert tl.next_event_time(mini.end) is None
    assert [e.id for e in tl.events_until(t)] == ["e1", "e2", "e3"]


@given(st.integers(min_value=0, max_value=6 * 1440))
def test_vectorised_state_equals_the_plain_rule(mini, offset):
    """The numpy answer equals the rule as written in docs/scenario-format.md."""
    tl = Timeline(mini)
    t = mini.start + offset
    state = tl.state_at(t)
    for i, site in enumerate(mini.sites):
        expected = site.initial_control or mini.default_control
        deciding = [e for e in mini.events if e.site == site.id and e.control
                    and e.earliest <= t]
        if deciding:
            e = max(deciding, key=lambda e: e.earliest)
            expected = (e.during or mini.transition_control) if t < e.latest else e.control
        assert tl.control_ids[state.control[i]] == expected


@given(st.lists(st.integers(min_value=-60, max_value=6 * 1440 + 60), min_size=2, max_size=12))
def test_queries_in_any_order_answer_as_a_first_query_does(petrograd, offsets):
    """A query starts from the last one's answer (scrubbing asks about nearby times): in
    whatever order times are asked about, each answer is that of a fresh timeline."""
    tl = Timeline(petrograd)
    for offset in offsets:
        t = petrograd.start + offset
        state, fresh = tl.state_at(t), Timeline(petrograd).state_at(t)
        assert state.time == fresh.time
        for name in ("control", "event", "pending"):
            assert np.array_equal(getattr(state, name), getattr(fresh, name))
