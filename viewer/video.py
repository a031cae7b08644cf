"""Export the story as MP4 (ffmpeg through a pipe) or GIF (Pillow, one palette).

Frames are painted by the same MapView as the window, driven by the same Playback (and
Presentation, with ``chapters``) objects. The pulse animation runs on frame time, not wall
time, so the same command always writes the same frames. With chapters, each cue opens with a
title card while the camera glides to it. The file is written to a temporary name and renamed
at the end: a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..geodata.atomic import atomic_path
from ..geodata.camera import ease_in_out, interpolate_extent
from ..geodata.model import Scenario
from ..geodata.playback import Playback
from ..geodata.presentation import GLIDE_SECONDS, Presentation
from ..geodata.story import Story
from ..geodata.timeline import Timeline
from .encoders import GIF_MAX_FPS, GifWriter, Mp4Pipe

HOLD_SECONDS = 1.0   # pause on the last frame of each chapter
CARD_SECONDS = 2.0   # a chapter's title card, over the camera's glide to it
FADE_SECONDS = 0.4


class Cancelled(Exception):
    """The user cancelled the export."""


@dataclass
class VideoSpec:
    start: int
    end: int
    fps: int = 30
    size: tuple[int, int] = (1920, 1080)
    seconds: float = 20.0
    chapters: bool = False
    lang: str = "en"


@dataclass(frozen=True)
class Step:
    """One frame: the story time, the camera (None: unchanged) and a title card."""

    time: int
    extent: tuple | None = None
    card: tuple[int, float] | None = None   # (cue index, opacity 0..1)


def _chaptered(scenario: Scenario, spec: VideoSpec) -> bool:
    return spec.chapters and bool(scenario.chapters)


def _steps(scenario: Scenario, spec: VideoSpec) -> Iterator[Step]:
    """Every frame's step, from the shared playback and presentation models."""
    playback = Playback(Timeline(scenario))
    dt = 1 / spec.fps
    if not _chaptered(scenario, spec):
        playback.time = spec.start
        playback.speed = max((spec.end - spec.start) / spec.seconds, 1e-6)
        playback.stop_at = spec.end
        n = max(int(round(spec.seconds * spec.fps)), 1)
        for k in range(n):
            if k:
                playback.playing = True
                playback.tick(dt)
            yield Step(playback.time)
        return
    show = Presentation(scenario.chapters, playback)
    extent = scenario.extent
    card_frames = int(round(CARD_SECONDS * spec.fps))
    fade = max(FADE_SECONDS * spec.fps, 1)
    for i, cue in enumerate(scenario.chapters):
        show.go(i, play=False)
        start_extent = extent
        for k in range(card_frames):
            f = ease_in_out(min(k / (GLIDE_SECONDS * spec.fps), 1.0))
            extent = interpolate_extent(start_extent, cue.extent, f)
            opacity = min(1.0, (card_frames - k) / fade)
            yield Step(playback.time, extent, (i, opacity))
        extent = cue.extent
        playback.playing = True
        for _ in range(int(round((cue.seconds + HOLD_SECONDS) * spec.fps))):
            yield Step(playback.time, extent)
            playback.tick(dt)


def frame_count(scenario: Scenario, spec: VideoSpec) -> int:
    if _chaptered(scenario, spec):
        card = int(round(CARD_SECONDS * spec.fps))
        return sum(card + int(round((c.seconds + HOLD_SECONDS) * spec.fps))
                   for c in scenario.chapters)
    return max(int(round(spec.seconds * spec.fps)), 1)


def draw_title_card(painter, scenario: Scenario, index: int, lang: str, size: tuple[int, int],
                    opacity: float) -> None:
    """A chapter's title card: the map dimmed, a panel with 'Chapter n of N', the title and
    the span of time it covers."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFontMetricsF

    from ..geodata import calendar as cal
    from .i18n import tr
    from .overlays import INK, MUTED, font
    from .symbols import colour

    w, h = size
    s = h / 720
    cue = scenario.chapters[index]
    painter.save()
    painter.setOpacity(opacity)
    painter.fillRect(QRectF(0, 0, w, h), colour("title_card_shade"))
    def when(t: int) -> str:
        return f"{cal.day_parts(t, scenario.calendar, lang)[0]}, {cal.clock(t)}"

    same_day = cal.iso(cue.start, scenario.calendar)[:10] == cal.iso(cue.end,
                                                                     scenario.calendar)[:10]
    span = f"{when(cue.start)} – {cal.clock(cue.end) if same_day else when(cue.end)}"
    lines = [(tr("Chapter {n} of {total}", lang).format(n=index + 1,
                                                         total=len(scenario.chapters)),
              font(14 * s, bold=True), MUTED),
             (cue.title(lang), font(30 * s, serif=True, bold=True), INK),
             (span, font(15 * s, serif=True), INK)]
    pad = 28 * s
    width = min(w * 0.8, max(QFontMetricsF(f).horizontalAdvance(t) for t, f, _ in lines)
                + 2 * pad)
    heights = [QFontMetricsF(f).boundingRect(QRectF(0, 0, width - 2 * pad, h), int(
        Qt.TextFlag.TextWordWrap), t).height() for t, f, _ in lines]
    box = QRectF((w - width) / 2, 0, width, sum(heights) + 2 * pad + 8 * s)
    box.moveCenter(QRectF(0, 0, w, h).center())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour("title_card"))
    painter.drawRoundedRect(box, 10 * s, 10 * s)
    painter.setBrush(colour("title_card_mark"))
    painter.drawRect(QRectF(box.left(), box.top(), 8 * s, box.height()))
    y = box.top() + pad
    for (text, f, ink), line_h in zip(lines, heights, strict=True):
        painter.setFont(f)
        painter.setPen(ink)
        painter.drawText(QRectF(box.left() + pad, y, width - 2 * pad, line_h),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), text)
        y += line_h + 4 * s
    painter.restore()


def _frames(scenario: Scenario, spec: VideoSpec):
    """Yield the painted QImage (Format_RGB32, reused) of every frame."""
    from PySide6.QtGui import QImage, QPainter

    from .render import map_view

    view = map_view(scenario, spec.start, spec.size, None, spec.lang, credits=True)
    clock = [0.0]
    view.map.clock = lambda: clock[0]
    image = QImage(spec.size[0], spec.size[1], QImage.Format.Format_RGB32)
    story = Story(scenario, view.map.timeline)
    for k, step in enumerate(_steps(scenario, spec)):
        clock[0] = k / spec.fps
        if step.extent is not None:
            view.fit_extent(step.extent)
        view.set_time(step.time, animate=True)
        view.caption = story.caption_at(step.time, spec.lang)
        view.viewport().render(image)   # the window's own paint path, background cache
        if view._labels is None:   # a panel grew over labels: they were laid out again
            view.viewport().render(image)
        if step.card is not None:
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            draw_title_card(painter, scenario, step.card[0], spec.lang, spec.size,
                            step.card[1])
            painter.end()
        yield image


def _bgra(image) -> np.ndarray:
    h, w = image.height(), image.width()
    return np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine() // 4,
                                                             4)[:, :w]


def frames(scenario: Scenario, spec: VideoSpec) -> Iterator[np.ndarray]:
    """RGB frames (height × width × 3, uint8)."""
    for image in _frames(scenario, spec):
        yield _bgra(image)[:, :, 2::-1].copy()


def export_video(scenario: Scenario, out: str | Path, spec: VideoSpec,
                 progress: Callable[[int, int], bool] | None = None) -> int:
    """Write the video; ``progress(done, total)`` may return False to cancel.

    MP4 frames are painted while ffmpeg encodes the previous ones. A GIF plays at most
    GIF_MAX_FPS frames a second over the same story time."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".mp4", ".gif"):
        raise ValueError(f"{out}: a video is .mp4 or .gif")
    if spec.size[0] % 2 or spec.size[1] % 2:
        raise ValueError("video width and height must be even numbers")
    if suffix == ".gif":
        spec = replace(spec, fps=min(spec.fps, GIF_MAX_FPS))
    total = frame_count(scenario, spec)

    def check(done: int) -> None:
        if progress is not None and progress(done, total) is False:
            raise Cancelled()

    with atomic_path(out) as temp:
        if suffix == ".mp4":
            pipe = Mp4Pipe(temp, spec.size, spec.fps)
            try:
                for k, image in enumerate(_frames(scenario, spec)):
                    pipe.write(_bgra(image).tobytes())
                    check(k + 1)
            except BaseException:
                pipe.abort()
                raise
            pipe.close()
        else:
            gif = GifWriter()
            for k, image in enumerate(_frames(scenario, spec)):
                gif.write(_bgra(image)[:, :, 2::-1])
                check(k + 1)
            gif.save(temp, spec.fps)
    return total


@contextlib.contextmanager
def cancel_on_sigint() -> Iterator[threading.Event]:
    """Turn Ctrl+C into a request the export loop checks between frames (a
    KeyboardInterrupt raised inside Qt's painting could crash the interpreter)."""
    asked = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield asked
        return
    previous = signal.signal(signal.SIGINT, lambda *_: asked.set())
    try:
        yield asked
    finally:
        signal.signal(signal.SIGINT, previous)


def export_video_cli(scenario: Scenario, out: Path, start: int | None, end: int | None,
                     args) -> int:
    """``petrograd1917 export-video``: a progress bar; Ctrl+C cancels (status 130)."""
    spec = VideoSpec(start if start is not None else scenario.start,
                     end if end is not None else scenario.end, args.fps, args.size,
                     args.seconds, args.chapters, args.lang)
    if spec.start >= spec.end:
        raise SystemExit("petrograd1917: --from must come before --to")
    if not 1 <= spec.fps <= 60:
        raise SystemExit("petrograd1917: --fps must be between 1 and 60")

    with cancel_on_sigint() as asked:
        def bar(done: int, total: int) -> bool:
            if asked.is_set():
                return False
            width = 30
            if done != total and (done * 100 // total) == ((done - 1) * 100 // total):
                return True
            filled = int(width * done / total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                             "frames")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()
            return True

        try:
            export_video(scenario, out, spec, bar)
        except Cancelled:
            sys.stderr.write("\npetrograd1917: export cancelled; nothing was written\n")
            return 130
    print(f"wrote {out}")
    return 0
