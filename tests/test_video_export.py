"""Video for lectures (issue 15): chapter title cards, a GIF that fits in an email, and a
Ctrl+C that cancels cleanly."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
CARD_PAPER = np.array([250, 246, 236])   # the card's panel


def test_each_chapter_opens_with_its_title_card(tmp_path, mini, qapp):
    import imageio.v2 as imageio
    from petrograd1917.viewer.video import CARD_SECONDS, VideoSpec, export_video

    fps = 5
    out = tmp_path / "chapters.mp4"
    spec = VideoSpec(mini.start, mini.end, fps, (480, 270), chapters=True)
    export_video(mini, out, spec)
    frames = [np.asarray(f) for f in imageio.get_reader(str(out))]
    card = int(CARD_SECONDS * fps)
    starts, k = [], 0
    for cue in mini.chapters:
        starts.append(k)
        k += card + int(round((cue.seconds + 1) * fps))
    assert len(frames) == k

    def centre_is_card(frame) -> bool:
        """The card: a paper-white panel in the middle of a dimmed map."""
        h, w = frame.shape[:2]
        patch = frame[h // 2 - 4: h // 2 + 4, w // 3 - 4: w // 3 + 4].reshape(-1, 3)
        card = np.abs(patch.astype(int) - CARD_PAPER).max(axis=1).mean() < 12
        edges = np.concatenate([frame[h // 4: 3 * h // 4, :w // 12],
                                frame[h // 4: 3 * h // 4, -w // 12:]]).mean(axis=2)
        return bool(card and np.median(edges) < 160)

    for start in starts:
        assert centre_is_card(frames[start]), f"no title card at frame {start}"
        assert not centre_is_card(frames[start + card + 2]), "the card stays up"


def test_a_twenty_second_gif_stays_under_ten_megabytes(tmp_path, petrograd, qapp):
    from petrograd1917.viewer.video import VideoSpec, export_video
    from PIL import Image

    out = tmp_path / "story.gif"
    frames = export_video(petrograd, out, VideoSpec(petrograd.start, petrograd.end, 30,
                                                    (1280, 720), 20.0))
    assert out.stat().st_size < 10_000_000
    with Image.open(out) as gif:
        assert gif.n_frames == frames == 200        # 10 frames a second
        gif.seek(199)
        last = np.asarray(gif.convert("RGB"))
    assert last[:, :, 0].std() > 10                  # a real picture, not a blank frame


def _temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("attempt", range(3))
def test_ctrl_c_during_export_video_cancels_cleanly(tmp_path, attempt):
    out = tmp_path / "lecture.mp4"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-m", "petrograd1917.viewer", "export-video", str(out),
         "--seconds", "60", "--fps", "10", "--size", "480x270"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60   # a hang guard: wait until frames are being written
    while time.time() < deadline and not any(p.stat().st_size > 0 for p in _temps(tmp_path)):
        time.sleep(0.02)
    assert _temps(tmp_path), "the export never started writing"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()[-2000:]
    assert b"Fatal" not in err and b"Traceback" not in err
    assert b"nothing was written" in err
    assert list(tmp_path.iterdir()) == []
