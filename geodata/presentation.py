"""Lecture mode as a model: a cue list built from the scenario's chapters (Qt-free).

Going to a cue sets the time to its start and plays to its end in the cue's number of
seconds; the same object drives presentation mode on screen and ``export-video
--chapters``, so the lecture and its video tell the story alike.
"""

from __future__ import annotations

from .model import Chapter
from .playback import Playback
from .signal import Signal

GLIDE_SECONDS = 1.0


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


def chapters_toml(chapters: list[Chapter], calendar: str) -> str:
    """The cue list as the text of chapters.toml."""
    import tomli_w

    from . import calendar as cal

    tables = []
    for c in chapters:
        table = {"id": c.id, "title_en": c.title_en}
        if c.title_ru:
            table["title_ru"] = c.title_ru
        table.update(start=cal.iso(c.start, calendar), end=cal.iso(c.end, calendar),
                     extent=[round(v, 5) for v in c.extent], seconds=c.seconds,
                     narration=c.narration)
        if c.layers:
            table["layers"] = list(c.layers)
        tables.append(table)
    header = "# The cue list for lectures (see docs/scenario-format.md). Saved by the app.\n\n"
    return header + tomli_w.dumps({"chapter": tables})


def save_chapters(folder, chapters: list[Chapter], calendar: str) -> None:
    """Write ``folder/chapters.toml`` atomically, keeping the old file as ``.bak``."""
    from pathlib import Path

    from .atomic import write_bytes, write_text

    target = Path(folder) / "chapters.toml"
    if target.exists():
        write_bytes(target.with_name("chapters.toml.bak"), target.read_bytes())
    write_text(target, chapters_toml(chapters, calendar))
