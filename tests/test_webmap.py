"""The HTML export as text: offline, escaped, small, atomic, and the story data it embeds."""

from __future__ import annotations

import dataclasses
import json
import random
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from petrograd1917.geodata import calendar as cal
from petrograd1917.geodata import limits, webmap
from petrograd1917.geodata.model import Event, Site
from petrograd1917.geodata.style import load_style
from petrograd1917.geodata.timeline import Timeline

HOSTILE = "<img src=x onerror=alert(1)>"
MAX_BYTES = int(2.5 * 1024 * 1024)
MINI = Path(__file__).parent / "data" / "mini"


def at(text: str) -> int:
    return cal.parse_time(text, cal.JULIAN)


def hostile_scenario(base):
    """``base`` with attacker-chosen text in every field the page shows."""
    sites = [dataclasses.replace(s, name_en=HOSTILE, name_ru=HOSTILE + "</script>",
                                 description="<script>alert(2)</script>")
             for s in base.sites]
    events = [dataclasses.replace(e, caption=HOSTILE + " & <b>bold</b>") for e in base.events]
    controls = {k: dataclasses.replace(c, label_en="<svg onload=alert(3)>")
                for k, c in base.controls.items()}
    sources = {k: dataclasses.replace(s, title="<i>x</i>", url="javascript:alert(4)")
               for k, s in base.sources.items()}
    routes = [dataclasses.replace(r, name_en=HOSTILE) for r in base.routes]
    return dataclasses.replace(base, title="</title><script>alert(5)</script>", sites=sites,
                               events=events, controls=controls, sources=sources,
                               routes=routes)


def synthetic_scenario(base, n_sites: int = 10_000, seed: int = 1917):
    """``n_sites`` random sites over ``base``'s extent, each with two hour-long events."""
    rng = random.Random(seed)
    kinds = ["government", "military", "communications", "transport", "bridge", "party",
             "ship", "press", "finance", "other"]
    x0, y0, x1, y1 = base.extent
    sites = [Site(f"s{i}", f"Site {i}", f"Объект {i}", kinds[i % len(kinds)], "Synthetic.",
                  rng.uniform(x0, x1), rng.uniform(y0, y1), "government", ("reed1919",))
             for i in range(n_sites)]
    events = []
    for i in range(2 * n_sites):
        t = base.start + 60 * rng.randrange(0, (base.end - base.start) // 60 - 1)
        events.append(Event(f"e{i}", f"s{i % n_sites}", t, t, t + 60, "hour",
                            rng.choice(["mrc", "contested", "government"]), None,
                            f"Event {i}", "", ("reed1919",)))
    events.sort(key=lambda e: e.time)
    return dataclasses.replace(base, sites=sites, events=events)


def external_loads(html: str) -> list[str]:
    """Anything in the page that would make the browser fetch a URL."""
    patterns = [r"<script[^>]*\ssrc=", r"<link[^>]*\shref=", r"<img[^>]*\ssrc=",
                r"<iframe", r"@import", r"url\(\s*['\"]?(?:https?:)?//", r"@font-face"]
    return [m.group(0) for p in patterns for m in re.finditer(p, html, re.IGNORECASE)]


@pytest.fixture(scope="module")
def mini_html(mini) -> str:
    return webmap.render_html(mini)


# -- offline and small --------------------------------------------------------------------

def test_page_loads_nothing_from_the_network(mini_html):
    assert external_loads(mini_html) == []
    assert "L.map(" in mini_html                       # Leaflet itself is inlined …
    assert "jquery" not in mini_html.lower()           # … and nothing else of folium's


def test_map_has_no_tile_layer(mini_html):
    assert "L.tileLayer" not in mini_html
    assert "{z}/{x}/{y}" not in mini_html


def test_default_scenario_export_is_offline_and_small(petrograd, tmp_path):
    out = webmap.export_html(petrograd, tmp_path / "petrograd.html")
    html = out.read_text("utf-8")
    assert out.stat().st_size <= MAX_BYTES
    assert external_loads(html) == []


# -- escaping -----------------------------------------------------------------------------

def test_hostile_text_never_reaches_the_page_as_markup(mini):
    html = webmap.render_html(hostile_scenario(mini))
    baseline = webmap.render_html(mini)
    assert "<img" not in html and "<svg onload" not in html and "<i>x</i>" not in html
    # No data closes a <script> early: only our own </script> tags are there.
    assert html.count("</script>") == baseline.count("</script>")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;</title>" in html
    assert "javascript:alert" not in html


def test_template_syntax_in_scenario_text_stays_text(mini):
    """A caption or title that looks like Jinja is shown as written, never run: the page's
    parts are rendered once, not compiled again as templates (webmap_layers.Rendered)."""
    probe = "{{ 6 * 7 }} {% if true %}yes{% endif %} {# hidden #}"
    events = [dataclasses.replace(e, caption=f"caption {probe}") for e in mini.events]
    html = webmap.render_html(dataclasses.replace(mini, title=f"title {probe}", events=events))
    assert html.count(f"caption {probe}") == 1
    assert f"title {probe}" in html
    assert "caption 42" not in html and "title 42" not in html


def test_json_in_script_escapes_markup_characters():
    text = webmap.to_json({"name": "</script><b>&amp;\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><b>&amp;\u2028"}


@pytest.mark.parametrize(("url", "kept"), [
    ("https://www.marxists.org/archive/reed/", True), ("http://example.org/a", True),
    ("javascript:alert(1)", False), ("data:text/html,<b>", False), ("//example.org", False),
    ("file:///etc/passwd", False), ("", False), ("https://", False)])
def test_only_http_links_are_public(url, kept):
    assert webmap.public_url(url) == (url if kept else "")


# -- the story data -----------------------------------------------------------------------

def test_date_label_puts_the_old_style_date_first(mini):
    assert webmap.date_text(mini, at("1917-10-25T21:40")) == \
        "25 October 1917 (7 November N.S.), 21:40"
    assert webmap.date_text(mini, at("1917-10-25T21:40"), "ru") == \
        "25 октября 1917 (7 ноября н. ст.), 21:40"


def test_the_page_labels_each_day_from_a_table_bounded_by_the_span_limit(mini):
    """The page looks day labels up (calendar.format_day's words, one per day), so a span
    of a decade, the longest a scenario may have, costs one short entry per day."""
    days = webmap.day_table(mini, "ru")
    first = mini.start // cal.MINUTES_PER_DAY
    assert days["labels"] == [cal.format_day((first + k) * cal.MINUTES_PER_DAY, mini.calendar,
                                             "ru") for k in range(len(days["labels"]))]
    assert days["labels"][-1] == cal.format_day(mini.end, mini.calendar, "ru")
    assert days["iso"][0] == cal.iso(mini.start, mini.calendar)[:10]
    long = dataclasses.replace(mini, end=mini.start + limits.MAX_SPAN_DAYS * cal.MINUTES_PER_DAY)
    long_days = webmap.day_table(long, "en")
    assert len(long_days["labels"]) <= limits.MAX_SPAN_DAYS + 1
    assert all(len(v) == len(long_days["labels"]) for v in
               (long_days["weekday"], long_days["iso"]))
    timeline = Timeline(long)
    assert len(webmap.slider_data(long, timeline, "en", long.start)["dayMarks"]) <= \
        webmap.MAX_DAY_MARKS


def test_page_opens_at_the_first_event_unless_told(mini):
    assert webmap.opening_time(mini, None) == mini.events[0].time
    assert webmap.opening_time(mini, at("1917-10-25T21:40")) == at("1917-10-25T21:40")
    assert webmap.opening_time(mini, mini.end + 999) == mini.end


@pytest.mark.parametrize("name,step", [("mini", 7), ("petrograd", 10)])
def test_replayed_changes_match_the_timeline(request, name, step):
    scenario = request.getfixturevalue(name)
    timeline = Timeline(scenario)
    changes = webmap.control_changes(timeline)
    for offset in range(0, scenario.end - scenario.start + 1, step):
        assert changes.state_at(offset) == \
            timeline.state_at(scenario.start + offset).control.tolist(), offset


def test_winter_palace_data_is_government_then_contested_then_mrc(mini):
    timeline = Timeline(mini)
    changes = webmap.control_changes(timeline)
    i, ids = mini.site_index("winter_palace"), timeline.control_ids
    assert ids[changes.state_at(at("1917-10-25T20:00") - mini.start)[i]] == "government"
    assert ids[changes.state_at(at("1917-10-25T22:00") - mini.start)[i]] == "contested"
    assert ids[changes.state_at(at("1917-10-26T03:00") - mini.start)[i]] == "mrc"


_event = st.tuples(st.integers(0, 2), st.integers(0, 1440), st.integers(0, 180),
                   st.sampled_from(["mrc", "government", "contested", None]),
                   st.sampled_from([None, "unknown", "contested"]))


@settings(max_examples=40, deadline=None)
@given(st.lists(_event, max_size=12))
def test_replayed_changes_match_the_timeline_for_any_events(mini, rows):
    """Whatever the windows and their overlaps, the page's data agrees with Timeline."""
    start = mini.start
    end = start + 1440 + 200
    events = [Event(f"e{k}", mini.sites[site].id, start + t, start + t, start + t + length,
                    "window", control, during, "", "", ("reed1919",))
              for k, (site, t, length, control, during) in enumerate(rows)]
    events.sort(key=lambda e: e.time)
    scenario = dataclasses.replace(mini, end=end, events=events)
    timeline = Timeline(scenario)
    changes = webmap.control_changes(timeline)
    for offset in range(0, end - start + 1):
        assert changes.state_at(offset) == timeline.state_at(start + offset).control.tolist()


def reference_changes(timeline: Timeline) -> webmap.ControlChanges:
    """The changes by brute force: Timeline.state_at at every window edge, diffed."""
    scenario = timeline.scenario
    start = scenario.start
    edges = sorted({t for e in scenario.events if e.control for t in (e.earliest, e.latest)
                    if start < t <= scenario.end})
    initial = previous = timeline.state_at(start).control
    times, changes = [], []
    for t in edges:
        current = timeline.state_at(t).control
        changed = np.flatnonzero(current != previous)
        if changed.size:
            times.append(t - start)
            changes.append((changed.tolist(), current[changed].tolist(),
                            previous[changed].tolist()))
        previous = current
    return webmap.ControlChanges(initial.tolist(), times, changes)


_window = st.tuples(st.integers(0, 2), st.integers(0, 1440), st.integers(-5, 240),
                    st.sampled_from(["mrc", "government", "contested", None]),
                    st.sampled_from([None, "unknown", "contested"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(_window, max_size=25),
       st.lists(st.sampled_from(["", "mrc", "government", "contested"]), min_size=3,
                max_size=3))
def test_vectorised_changes_equal_the_brute_force_ones(mini, rows, initials):
    """Same times, same sites in the same order, same new and old controls: ties, windows
    ending before or after the next one starts, empty and reversed windows, windows ending
    after the span and sites starting under any control."""
    start = mini.start
    end = start + 1440
    sites = [dataclasses.replace(s, initial_control=c)
             for s, c in zip(mini.sites, initials, strict=True)]
    events = [Event(f"e{k}", sites[site].id, start + t, start + t,
                    start + t + length, "window", control, during, "", "", ("reed1919",))
              for k, (site, t, length, control, during) in enumerate(rows)]
    events.sort(key=lambda e: e.time)
    scenario = dataclasses.replace(mini, end=end, sites=sites, events=events)
    timeline = Timeline(scenario)
    assert webmap.control_changes(timeline) == reference_changes(timeline)


def test_vectorised_changes_equal_the_brute_force_ones_at_scale(mini):
    timeline = Timeline(synthetic_scenario(mini, n_sites=500))
    assert webmap.control_changes(timeline) == reference_changes(timeline)


def test_default_scenario_changes_equal_the_brute_force_ones(petrograd):
    timeline = Timeline(petrograd)
    assert webmap.control_changes(timeline) == reference_changes(timeline)


def decode_basemap(data: dict) -> list[tuple[str, dict, list]]:
    """What the page's ``features()`` rebuilds from :func:`webmap.basemap_columns`."""
    coords = data["coords"]
    counts = iter(data["counts"])
    state = {"c": 0, "x": 0, "y": 0}

    def point():
        state["x"] += coords[state["c"]]
        state["y"] += coords[state["c"] + 1]
        state["c"] += 2
        return [state["x"] / data["scale"], state["y"] / data["scale"]]

    def nested(depth):
        return point() if depth == 0 else [nested(depth - 1) for _ in range(next(counts))]

    out = []
    for i, t in enumerate(data["types"]):
        name = data["typeNames"][t]
        props = {k: v[i] for k, v in data["props"].items() if v[i] is not None}
        out.append((name, props, nested(data["depth"][name])))
    return out


def flat(coords) -> list[float]:
    if coords and isinstance(coords[0], (int, float)):
        return [coords[0], coords[1]]
    return [v for c in coords for v in flat(c)]


def same_shape(a, b) -> bool:
    if a and isinstance(a[0], (int, float)):
        return bool(b) and isinstance(b[0], (int, float))
    return len(a) == len(b) and all(same_shape(x, y) for x, y in zip(a, b, strict=True))


def test_basemap_columns_rebuild_every_feature(petrograd):
    for layer, source in petrograd.basemap.items():
        data = webmap.basemap_columns(petrograd, layer, ["kind", "rank"])
        if not source.features:
            assert data is None
            continue
        decoded = decode_basemap(data)
        assert len(decoded) == len(source.features)
        for (kind, props, coords), f in zip(decoded, source.features, strict=True):
            assert kind == f.geometry["type"]
            assert props == {k: f.properties[k] for k in ("kind", "rank")
                             if f.properties.get(k) is not None}
            assert same_shape(coords, f.geometry["coordinates"])
            # Rounded to 1e-5 degrees (about a metre), within that step at worst.
            assert np.abs(np.subtract(flat(coords), flat(f.geometry["coordinates"]))).max() \
                <= 0.5e-5 + 1e-9


def test_events_go_once_as_columns(mini):
    data = webmap.story_data(mini, "en")
    assert list(np.cumsum(data["dt"])) == [e.time - mini.start for e in mini.events]
    assert [data["captions"][k] for k in data["caption"]] == [e.text("en") for e in mini.events]
    assert len(set(data["captions"])) == len(data["captions"])
    assert [mini.sites[i].id for i in data["site"]] == [e.site for e in mini.events]
    assert data["days"]["iso"][0] == cal.iso(mini.start, mini.calendar)[:10]
    assert (mini.start - data["dayOffset"]) % cal.MINUTES_PER_DAY == 0
    # the cursor's rule as data: how many events of the same minute come before each
    times = [e.time for e in mini.events]
    assert data["minuteBack"] == [k - times.index(t) for k, t in enumerate(times)]


def test_synthetic_export_is_compact(mini):
    """10 000 sites with 20 000 events: the page holds each event once, as numbers.
    (Export times are figures of bench/run.py, not assertions here.)"""
    html = webmap.render_html(synthetic_scenario(mini))
    assert html.count("Event 19999") == 1
    assert len(html.encode("utf-8")) <= 4 * 1024 * 1024


def test_route_fractions_grow_from_zero_to_one():
    fractions = webmap.route_fractions([(30.0, 60.0), (30.1, 60.0), (30.1, 60.1)])
    assert fractions[0] == 0 and fractions[-1] == 1
    assert 0 < fractions[1] < 1


def test_hatch_ink_darkens_the_fill():
    assert webmap.hatch_ink("#c8323c") == "#5f181dc8"


def test_russian_page_uses_russian_labels(mini):
    html = webmap.render_html(mini, lang="ru")
    assert "октября 1917" in html and "Зимний дворец" in html


# -- writing ------------------------------------------------------------------------------

def test_export_replaces_a_file_only_with_a_complete_one(mini, tmp_path, monkeypatch):
    out = tmp_path / "map.html"
    out.write_text("old", "utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(webmap, "render_html", broken)
    with pytest.raises(RuntimeError):
        webmap.export_html(mini, out)
    assert out.read_text("utf-8") == "old"
    monkeypatch.undo()
    webmap.export_html(mini, out)
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_cli_writes_the_page_at_the_given_time(tmp_path):
    from petrograd1917.viewer.cli import main

    out = tmp_path / "story.html"
    assert main(["export-html", str(out), "--scenario", str(MINI),
                 "--at", "1917-10-25T21:40", "--lang", "en"]) == 0
    data = re.search(r'"at":(\d+)', out.read_text("utf-8"))
    assert data and int(data.group(1)) == at("1917-10-25T21:40") - at("1917-10-21T00:00")


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_page_text_and_focus_colours_meet_wcag_aa():
    """Text 4.5:1 on what it is written on (names of waters on the water too), focus 3:1."""
    style = load_style()
    m, p = style.map, style.page
    text_on = [(m["label"], m["paper"]), (m["label_water"], m["water"]),
               (m["label"], m["water"])]
    for ink in ("ink", "ink_control", "ink_note", "ink_muted", "ink_alt", "accent", "differ"):
        text_on += [(p[ink], p[bg]) for bg in ("panel", "timebar", "surface", "current")]
    assert [(a, b) for a, b in text_on if contrast(a, b) < 4.5] == []
    assert all(contrast(p["focus"], p[bg]) >= 3 for bg in ("panel", "timebar", "surface"))
    assert contrast(p["focus"], m["water"]) >= 3 and contrast(p["focus"], m["paper"]) >= 3


def test_label_precedence_puts_central_sites_before_any_kind(mini):
    """Both views order labels by the data's rank first, the kind's priority second."""
    from petrograd1917.geodata.placement import label_precedence

    site = mini.sites[0]
    central = dataclasses.replace(site, rank=1)
    minor = dataclasses.replace(site, rank=5)
    assert label_precedence(central, kind_priority=0) < label_precedence(minor, kind_priority=99)
    assert label_precedence(site, 10) < label_precedence(site, 5)
