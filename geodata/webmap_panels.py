"""The story as the page tells it: events with their stated times, sources and notes; the
chapters; the places list and the page's credits — computed here, drawn by the templates.

Every label comes from :class:`geodata.story.Story` (times as the data states them, the
cursor's rule as a column), so the page never re-derives a story rule in JavaScript.
"""

from __future__ import annotations

import numpy as np

from . import calendar as cal
from .disagreements import DIFFER, kind_of, label
from .links import public_url
from .model import Event, Scenario
from .presentation import GLIDE_SECONDS
from .story import Story
from .texts import text


def day_table(scenario: Scenario, lang: str) -> dict:
    """Every day of the span as the page labels it, from :mod:`geodata.calendar`.

    ``labels`` (:func:`calendar.format_day`), ``weekday`` (indexes ``weekdays``) and ``iso``
    (``1917-10-25``, for the page's address) hold one entry per day from the start's day
    to the end's: at most ``limits.MAX_SPAN_DAYS`` + 1, since a scenario spans a decade at
    most. The page only looks labels up; it never computes a date.
    """
    days = range(scenario.start // cal.MINUTES_PER_DAY, scenario.end // cal.MINUTES_PER_DAY + 1)
    minutes = [d * cal.MINUTES_PER_DAY for d in days]
    return {"labels": [cal.format_day(m, scenario.calendar, lang) for m in minutes],
            "weekday": [cal.weekday(m) for m in minutes],
            "weekdays": list(cal.WEEKDAYS_RU if lang == "ru" else cal.WEEKDAYS_EN),
            "iso": [cal.iso(m, scenario.calendar)[:10] for m in minutes]}


def disagreement(event: Event, lang: str, calendar: str = cal.JULIAN) -> str:
    """``accounts differ: 01:50–02:10`` where the story model says the accounts differ
    (:mod:`geodata.disagreements`), else "" (a window the sources only leave vague shows
    as its time label, "between … and …")."""
    return label(event, calendar, lang) if kind_of(event) == DIFFER else ""


def source_refs(scenario: Scenario, refs: tuple[str, ...],
                index: dict[str, int] | None = None) -> list[list]:
    """``key:locator`` references as [index into the page's sources, locator]."""
    index = index if index is not None else {k: i for i, k in enumerate(scenario.sources)}
    out = []
    for ref in refs:
        key, _, locator = ref.partition(":")
        out.append([index.get(key.strip(), -1), locator.strip()])
    return out


def story_data(scenario: Scenario, lang: str, story: Story | None = None) -> dict:
    """The events as columns, shared by the popups, the time slider and the panels.

    ``dt``: each event's offset from the scenario's start minus the previous one's (events
    are in story order); ``site``, ``control`` (-1 if none), ``caption``/``captionOther``
    (this and the other language, for search), ``when``/``whenShort`` and ``differ``
    index the sites, the controls, ``captions`` and ``whens`` (``whens[0]`` is empty);
    ``refs`` the sources with locators, ``note`` indexes ``notes``. ``minuteBack`` is how
    many events of the same minute come before each (the cursor's rule, as data: ``0``
    mostly, so it stays small), ``days`` the day labels (:func:`day_table`) and
    ``dayOffset`` the start's minute of its day.
    """
    story = story or Story(scenario)
    other = "en" if lang == "ru" else "ru"
    start = scenario.start
    events = scenario.events
    times = np.asarray([e.time for e in events], dtype=np.int64)
    control_index = {c: i for i, c in enumerate(scenario.controls)}
    captions: dict[str, int] = {}
    whens: dict[str, int] = {"": 0}
    notes: dict[str, int] = {"": 0}

    differ = [disagreement(e, lang, scenario.calendar) for e in events]
    source_index = {k: i for i, k in enumerate(scenario.sources)}
    refs: dict[tuple[str, ...], list[list]] = {}
    labels: dict[tuple, int] = {}

    def when(k: int, short: bool) -> int:
        """Index of event k's stated time in ``whens`` (events alike in time share one)."""
        e = events[k]
        key = (e.precision, e.time, e.earliest, e.latest, short)
        if key not in labels:
            labels[key] = whens.setdefault(story.when(k, lang, short=short), len(whens))
        return labels[key]

    def caption_of(e: Event, language: str) -> int:
        return captions.setdefault(e.text(language), len(captions))

    return {
        "dayOffset": start % cal.MINUTES_PER_DAY, "days": day_table(scenario, lang),
        "dt": np.diff(times - start, prepend=0).tolist(),
        "site": [scenario.site_index(e.site) for e in events],
        "control": [control_index[e.control] if e.control else -1 for e in events],
        "caption": [caption_of(e, lang) for e in events],
        "captionOther": [caption_of(e, other) for e in events],
        "when": [when(k, False) for k in range(len(events))],
        "whenShort": [when(k, True) for k in range(len(events))],
        "differ": [whens.setdefault(d, len(whens)) if d else 0 for d in differ],
        "minuteBack": (np.arange(len(times)) - np.searchsorted(times, times, "left")).tolist(),
        "note": [notes.setdefault(e.note, len(notes)) for e in events],
        "refs": [refs.get(e.sources) or refs.setdefault(
            e.sources, source_refs(scenario, e.sources, source_index)) for e in events],
        "captions": list(captions), "whens": list(whens), "notes": list(notes),
        "sources": [[s.citation(), public_url(s.url)] for s in scenario.sources.values()],
    }


def chapters_data(scenario: Scenario, lang: str) -> list[dict]:
    """The chapters as the story panel shows them: title, times, extent and narration."""
    start = scenario.start
    return [{"id": c.id, "title": c.title(lang), "start": c.start - start, "end": c.end - start,
             "bounds": [[c.extent[1], c.extent[0]], [c.extent[3], c.extent[2]]],
             "seconds": c.seconds, "narration": c.narration_in(lang)} for c in scenario.chapters]


def panel_data(scenario: Scenario, lang: str) -> dict:
    """Chapters, the places list order, credits and the panel's words."""
    title = scenario.title_in(lang)
    order = sorted(range(len(scenario.sites)),
                   key=lambda i: (scenario.sites[i].rank, scenario.sites[i].name(lang)))
    words = ("story", "event_list", "places", "about_page", "panel", "show_panel",
             "chapter_of", "prev_chapter", "next_chapter", "play_chapter", "no_chapters",
             "search_events", "no_match", "show_more", "note", "credits", "description",
             "keys_help", "calendar_note", "bibliography", "site_list_hint", "close")
    return {
        "title": title, "description": scenario.description, "credits": scenario.credits,
        "disputes": text("view_title", lang, "disagreements"),
        "chapters": chapters_data(scenario, lang), "places": order, "glide": GLIDE_SECONDS,
        "text": {k: text(k, lang, "page") for k in words} | {"sources": text("sources", lang)},
    }
