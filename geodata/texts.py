"""The one text table of the interface (resources/texts.toml), in English and Russian.

The HTML export looks strings up by key (:func:`text`, :func:`kind_name`, :func:`layer_name`);
the desktop app by their English text (:func:`translate`), so its code reads in English.
"""

from __future__ import annotations

import tomllib
from functools import cache

from ..resources import read_text

LANGUAGES = ("en", "ru")


@cache
def load_texts() -> dict[str, dict[str, dict[str, str]]]:
    """``{section: {key: {lang: text}}}`` with sections ``ui``, ``kinds`` and ``layers``."""
    text = read_text("texts.toml")
    return tomllib.loads(text)


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (use 'en' or 'ru')")


def text(key: str, lang: str = "en", section: str = "ui") -> str:
    """The interface string ``key`` of ``section`` in ``lang``."""
    _check(lang)
    return load_texts()[section][key][lang]


def kind_name(kind: str, lang: str = "en") -> str:
    """The name of a kind of site; an unknown kind is shown as it is written."""
    _check(lang)
    entry = load_texts()["kinds"].get(kind)
    return entry[lang] if entry else kind


def layer_name(layer: str, lang: str = "en") -> str:
    """The name of a basemap layer; an unknown layer is shown as it is written."""
    _check(lang)
    entry = load_texts()["layers"].get(layer)
    return entry[lang] if entry else layer


@cache
def _by_english() -> dict[str, dict[str, str]]:
    return {entry["en"]: entry for section in load_texts().values()
            for entry in section.values()}


def translate(english: str, lang: str = "en") -> str:
    """``english`` (an entry's English text) in ``lang``; text not in the table is kept."""
    entry = _by_english().get(english)
    return entry.get(lang, english) if entry else english



def credits_line(scenario, lang: str = "en") -> str:
    """The line under a snapshot or video: the app, the scenario and its calendar."""
    title = scenario.title_in(lang)
    return f"Petrograd 1917 · {title} · {text(scenario.calendar, lang, 'credits')}"


def untranslated(scenario) -> list[str]:
    """What of ``scenario``'s own text has no Russian: one line per site, route, event or
    chapter."""
    out = []
    for table, items in (("sites", scenario.sites), ("routes", scenario.routes)):
        for item in items:
            missing = ["name_ru"] if not item.name_ru else []
            if item.description and not item.description_ru:
                missing.append("description_ru")
            if missing:
                out.append(f"{table}: {item.id}: no {' and no '.join(missing)}")
    out += [f"events: {e.id}: no caption_ru" for e in scenario.events if not e.caption_ru]
    for c in scenario.chapters:
        missing = ["title_ru"] if not c.title_ru else []
        if c.narration and not c.narration_ru:
            missing.append("narration_ru")
        if missing:
            out.append(f"chapters: {c.id}: no {' and no '.join(missing)}")
    return out
