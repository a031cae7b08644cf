"""Export the story as MP4 (imageio-ffmpeg) or GIF (Pillow).

Frames are painted by the same MapView as the window, driven by the same Playback (and
Presentation, with ``--chapters``) objects. The pulse animation runs on frame time, not wall
time, so the same command always writes the same frames. The file is written to a temporary
name and renamed at the end: a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..geodata.atomic import atomic_path
from ..geodata.camera import ease_in_out, interpolate_extent
from ..geodata.model import Scenario
from ..geodata.playback import Playback
from ..geodata.presentation import GLIDE_SECONDS, Presentation
from ..geodata.story import Story
from ..geodata.timeline import Timeline

HOLD_SECONDS = 1.0   # pause on the last frame of each chapter


class Cancelled(Exception):
    """The user cancelled the export."""


@dataclass
class VideoSpec:
    start: int
    end: int
    fps: int = 30
    size: tuple[int, int] = (1280, 720)
    seconds: float = 20.0
    chapters: bool = False
    lang: str = "en"


def _steps(scenario: Scenario, spec: VideoSpec) -> Iterator[tuple[int, tuple | None]]:
    """(time, extent or None) for every frame, from the shared playback model."""
    playback = Playback(Timeline(scenario))
    dt = 1 / spec.fps
    if not spec.chapters or not scenario.chapters:
        playback.time = spec.start
        playback.speed = max((spec.end - spec.start) / spec.seconds, 1e-6)
        playback.stop_at = spec.end
        n = max(int(round(spec.seconds * spec.fps)), 1)
        for k in range(n):
            if k:
                playback.playing = True
                playback.tick(dt)
            yield playback.time, None
        return
    show = Presentation(scenario.chapters, playback)
    extent = scenario.extent
    for i, cue in enumerate(scenario.chapters):
        show.go(i)
        start_extent = extent
        frames = int(round((cue.seconds + HOLD_SECONDS) * spec.fps))
        for k in range(frames):
            f = ease_in_out(k / (GLIDE_SECONDS * spec.fps))
            extent = interpolate_extent(start_extent, cue.extent, f)
            yield playback.time, extent
            playback.tick(dt)


def frame_count(scenario: Scenario, spec: VideoSpec) -> int:
    if spec.chapters and scenario.chapters:
        return sum(int(round((c.seconds + HOLD_SECONDS) * spec.fps)) for c in scenario.chapters)
    return max(int(round(spec.seconds * spec.fps)), 1)


def frames(scenario: Scenario, spec: VideoSpec) -> Iterator[np.ndarray]:
    """RGB frames (height × width × 3, uint8)."""
    from PySide6.QtGui import QImage

    from .render import map_view

    view = map_view(scenario, spec.start, spec.size, None, spec.lang, credits=True)
    clock = [0.0]
    view.map.clock = lambda: clock[0]
    image = QImage(spec.size[0], spec.size[1], QImage.Format.Format_RGB32)
    story = Story(scenario, view.map.timeline)
    for k, (t, extent) in enumerate(_steps(scenario, spec)):
        clock[0] = k / spec.fps
        if extent is not None:
            view.fit_extent(extent)
        view.set_time(t, animate=True)
        view.caption = story.caption_at(t, spec.lang)
        view.viewport().render(image)   # the window's own paint path, background cache
        bgra = np.frombuffer(image.constBits(), np.uint8).reshape(spec.size[1],
                                                                   image.bytesPerLine() // 4, 4)
        yield bgra[:, : spec.size[0], 2::-1].copy()


def export_video(scenario: Scenario, out: str | Path, spec: VideoSpec,
                 progress: Callable[[int, int], bool] | None = None) -> int:
    """Write the video; ``progress(done, total)`` may return False to cancel."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".mp4", ".gif"):
        raise ValueError(f"{out}: a video is .mp4 or .gif")
    if spec.size[0] % 2 or spec.size[1] % 2:
        raise ValueError("video width and height must be even numbers")
    total = frame_count(scenario, spec)
    with atomic_path(out) as temp:
        if suffix == ".mp4":
            import imageio.v2 as imageio

            writer = imageio.get_writer(str(temp), format="FFMPEG", fps=spec.fps,
                                        codec="libx264", quality=7, macro_block_size=2,
                                        ffmpeg_log_level="error")
            try:
                for k, frame in enumerate(frames(scenario, spec)):
                    writer.append_data(frame)
                    if progress is not None and progress(k + 1, total) is False:
                        raise Cancelled()
            finally:
                writer.close()
        else:
            from PIL import Image

            images = []
            for k, frame in enumerate(frames(scenario, spec)):
                images.append(Image.fromarray(frame).quantize(
                    256, method=Image.Quantize.FASTOCTREE))
                if progress is not None and progress(k + 1, total) is False:
                    raise Cancelled()
            images[0].save(temp, save_all=True, append_images=images[1:], loop=0,
                           duration=int(1000 / spec.fps), optimize=False)
    return total


def export_video_cli(scenario: Scenario, out: Path, start: int | None, end: int | None,
                     args) -> int:
    """``petrograd1917 export-video``: with a progress bar on the terminal."""
    spec = VideoSpec(start if start is not None else scenario.start,
                     end if end is not None else scenario.end, args.fps, args.size,
                     args.seconds, args.chapters, args.lang)
    if spec.start >= spec.end:
        raise SystemExit("petrograd1917: --from must come before --to")
    if not 1 <= spec.fps <= 60:
        raise SystemExit("petrograd1917: --fps must be between 1 and 60")

    def bar(done: int, total: int) -> bool:
        width = 30
        if done != total and (done * 100 // total) == ((done - 1) * 100 // total):
            return True
        filled = int(width * done / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} frames")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
        return True

    export_video(scenario, out, spec, bar)
    print(f"wrote {out}")
    return 0
