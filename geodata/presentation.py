"""Lecture mode as a model: a cue list built from the scenario's chapters (Qt-free).

Going to a cue sets the time to its start and plays to its end in the cue's number of
seconds; the same object drives presentation mode on screen and ``export-video
--chapters``, so the lecture and its video tell the story alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .model import Chapter
from .playback import Playback
from .signal import Signal

GLIDE_SECONDS = 1.0
# Words after which a full stop does not end a sentence ("3.30 a.m. the", "St. Isaac's").
ABBREVIATIONS = {"a.m", "p.m", "st", "lt", "col", "gen", "capt", "mr", "dr", "vol",
                 "p", "pp", "ch", "cf", "e.g", "i.e", "etc", "ст", "г", "гг", "ул", "им"}
_SENTENCE_END = re.compile(r"""[.!?…]['"»”’)]*\s+(?=[\"'«“(]?[A-ZА-ЯЁ0-9])""")


@dataclass(frozen=True)
class DesktopTime:
    """What the desktop was doing when the lecture began, to give back at the end."""

    time: float
    speed: float
    playing: bool
    stop_at: int | None
    loop: bool

    @classmethod
    def of(cls, playback: Playback) -> DesktopTime:
        return cls(playback._time, playback.speed, playback.playing, playback.stop_at,
                   playback.loop)

    def restore(self, playback: Playback) -> None:
        playback.playing = False
        playback.loop = self.loop
        playback.speed = self.speed
        playback.time = self.time
        playback.stop_at = self.stop_at
        playback.playing = self.playing


class Presentation:
    def __init__(self, chapters: list[Chapter], playback: Playback):
        self.chapters = list(chapters)
        self.playback = playback
        self.index = -1
        self.cue_changed = Signal()   # (index)

    @property
    def cue(self) -> Chapter | None:
        return self.chapters[self.index] if 0 <= self.index < len(self.chapters) else None

    @property
    def next_cue(self) -> Chapter | None:
        i = self.index + 1
        return self.chapters[i] if i < len(self.chapters) else None

    def go(self, index: int, play: bool = True) -> None:
        """Go to cue ``index``: its start time, and play to its end at the cue's pace."""
        if not self.chapters:
            return
        index = min(max(index, 0), len(self.chapters) - 1)
        self.index = index
        cue = self.chapters[index]
        self.playback.playing = False
        self.playback.time = cue.start
        self.playback.speed = (cue.end - cue.start) / cue.seconds
        self.playback.stop_at = cue.end
        self.cue_changed.emit(index)
        if play:
            self.playback.playing = True

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    # -- the lecturer's hold on time ------------------------------------------------------
    @property
    def finished(self) -> bool:
        """The current cue has played to its end (or there is no cue yet)."""
        cue = self.cue
        return cue is None or self.playback.time >= cue.end

    @property
    def paused(self) -> bool:
        """Stopped inside a cue that has still time to play."""
        return not self.playback.playing and not self.finished

    def pause(self) -> None:
        self.playback.playing = False   # stop_at stays: resuming still ends at the cue's end

    def resume(self) -> None:
        cue = self.cue
        if cue is None or self.finished:
            return
        self.playback.stop_at = cue.end
        self.playback.speed = (cue.end - cue.start) / cue.seconds
        self.playback.playing = True

    def toggle_pause(self) -> None:
        """Space within a cue: pause, or go on from where it stopped."""
        if self.playback.playing:
            self.pause()
        else:
            self.resume()


# Cap heights in pixels on a slide 1080 lines high; other slides scale with their height.
TYPE_AT_1080 = {"headline": 48.0, "caption": 36.0, "narration": 24.0, "label": 26.0,
                "small": 24.0}


def type_scale(height: float) -> dict[str, float]:
    """The slide's type scale: cap height in pixels of each role, for ``height`` lines."""
    return {role: cap * height / 1080 for role, cap in TYPE_AT_1080.items()}


def sentences(text: str) -> list[str]:
    """``text`` split into sentences; abbreviations and clock times do not end one."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        head = text[start:match.start() + 1]
        word = re.split(r"\s", head.rstrip(".").strip())[-1].lower()
        if head.rstrip().endswith(".") and (word in ABBREVIATIONS or (len(word) == 1
                                                                      and word.isalpha())):
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    return out + ([rest] if rest else [])


def shorten(text: str, fits: Callable[[str], bool]) -> str:
    """The longest run of whole sentences from the start of ``text`` that ``fits``.

    Never cuts a sentence: when even the first does not fit, the answer is empty (the
    full text stays on the presenter's screen).
    """
    kept = ""
    for sentence in sentences(text):
        candidate = f"{kept} {sentence}".strip()
        if not fits(candidate):
            break
        kept = candidate
    return kept


Rect = tuple[float, float, float, float]   # left, top, right, bottom


def frame_for_free_area(target: Rect, view: tuple[float, float], free: Rect) -> Rect:
    """The rectangle to show over the whole view so that ``target`` fills ``free``.

    ``target`` is in map units (y down), ``view`` the view's size and ``free`` the part
    of it the overlays leave free, both in pixels. The answer keeps ``target`` centred in
    ``free`` at the largest zoom that fits it there.
    """
    tw, th = target[2] - target[0], target[3] - target[1]
    fw, fh = free[2] - free[0], free[3] - free[1]
    if tw <= 0 or th <= 0 or fw <= 1 or fh <= 1:
        return target
    zoom = min(fw / tw, fh / th)                     # pixels per map unit
    cx, cy = (target[0] + target[2]) / 2, (target[1] + target[3]) / 2
    fx, fy = (free[0] + free[2]) / 2, (free[1] + free[3]) / 2
    left = cx - fx / zoom
    top = cy - fy / zoom
    return left, top, left + view[0] / zoom, top + view[1] / zoom


CHAPTER_KEYS = ("id", "title_en", "title_ru", "start", "end", "extent", "seconds",
                "narration", "narration_ru", "layers")


def _chapter_values(c: Chapter, calendar: str) -> dict:
    from . import calendar as cal

    values = {"id": c.id, "title_en": c.title_en, "title_ru": c.title_ru,
              "start": cal.iso(c.start, calendar), "end": cal.iso(c.end, calendar),
              "extent": [round(v, 5) for v in c.extent], "seconds": c.seconds,
              "narration": c.narration, "narration_ru": c.narration_ru,
              "layers": list(c.layers)}
    if isinstance(c.seconds, float) and c.seconds.is_integer():
        values["seconds"] = int(c.seconds)
    return {k: v for k, v in values.items() if v or k in ("id", "title_en", "narration")}


def chapters_toml(chapters: list[Chapter], calendar: str, original: str | None = None) -> str:
    """The cue list as the text of chapters.toml.

    Given the file's ``original`` text, its comments, blank lines and the layout of every
    value left unchanged are kept: only values that changed are rewritten, and cues are
    reordered, added and removed as whole ``[[chapter]]`` tables (tomlkit)."""
    import tomlkit

    if original is None:
        doc = tomlkit.document()
        doc.add(tomlkit.comment("The cue list for lectures (see docs/scenario-format.md)."))
        doc.add(tomlkit.nl())
        old: dict = {}
    else:
        doc = tomlkit.parse(original)
        old = {str(t.get("id")): t for t in doc.get("chapter", [])}
    same_order = [c.id for c in chapters] == list(old)
    tables = doc["chapter"] if same_order and old else tomlkit.aot()
    for c in chapters:
        values = _chapter_values(c, calendar)
        table = old.get(c.id)
        if table is None:
            table = tomlkit.table()
        for key in CHAPTER_KEYS:
            if key not in values:
                table.pop(key, None)
            elif key not in table or table[key] != values[key]:
                table[key] = values[key]
        if not same_order:
            tables.append(table)
    doc["chapter"] = tables
    # Tables moved to a new list bring their blank line along: keep one between cues.
    return re.sub(r"\n{3,}(?=\[\[chapter\]\])", "\n\n", tomlkit.dumps(doc)).rstrip("\n") + "\n"


def save_chapters(folder, chapters: list[Chapter], calendar: str) -> None:
    """Write ``folder/chapters.toml`` atomically, keeping the old file as ``.bak`` and its
    comments and layout (see :func:`chapters_toml`)."""
    from pathlib import Path

    from .atomic import write_text

    target = Path(folder) / "chapters.toml"
    original = target.read_text(encoding="utf-8") if target.exists() else None
    if original is not None:
        write_text(target.with_name("chapters.toml.bak"), original)
    write_text(target, chapters_toml(chapters, calendar, original))
