"""Lecture mode, cue list, snapshots and video export (issue 6)."""

import shutil

import numpy as np
import pytest
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.playback import Playback
from petrograd1917.geodata.presentation import Presentation, save_chapters
from petrograd1917.geodata.timeline import Timeline
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from tests.conftest import DATA


def test_cue_plays_its_span_in_its_seconds(mini):
    playback = Playback(Timeline(mini))
    show = Presentation(mini.chapters, playback)
    show.next()
    cue = mini.chapters[0]
    assert show.index == 0 and playback.time == cue.start and playback.playing
    for _ in range(int(cue.seconds * 10) + 5):
        playback.tick(0.1)
    assert playback.time == cue.end and not playback.playing
    show.next()
    assert playback.time == mini.chapters[1].start
    show.previous()
    assert show.index == 0


@pytest.fixture
def window(open_window):
    w = open_window((1280, 720))
    yield w
    w.presenting.stop()


def test_presentation_keys(window, qtbot, petrograd):
    qtbot.keyClick(window, Qt.Key.Key_F5)
    mode = window.presenting
    assert mode.active and window.isFullScreen() and not window.menuBar().isVisible()
    assert window.view.overlay_scale > 1.2
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)
    assert mode.presentation.index == 0
    assert window.playback.time == petrograd.chapters[0].start
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Return):
        qtbot.keyClick(window.view, key)
    assert mode.presentation.index == 3
    for key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Backspace):
        qtbot.keyClick(window.view, key)
    assert mode.presentation.index == 0
    qtbot.keyClick(window.view, Qt.Key.Key_B)
    assert mode.blackout.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)   # ignored while black
    assert mode.presentation.index == 0
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    assert not mode.blackout.isVisible()
    captions = window.view.show_captions
    qtbot.keyClick(window.view, Qt.Key.Key_T)
    assert window.view.show_captions != captions
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not mode.active and window.menuBar().isVisible()
    assert window.view.overlay_scale <= 1.0


def test_camera_glides_to_the_cue(window, qtbot, petrograd):
    window.presenting.start()
    window.presenting.presentation.go(5, play=False)
    cue = petrograd.chapters[5]
    target = window.scene.rect_of(cue.extent)
    qtbot.waitUntil(lambda: abs(window.view.visible_rect().center().x()
                                - target.center().x()) < 50, timeout=60_000)


def test_cues_are_saved_atomically_with_a_backup(tmp_path, mini):
    from petrograd1917.geodata.loader import load_scenario

    folder = tmp_path / "s"
    shutil.copytree(DATA / "mini", folder)
    old = (folder / "chapters.toml").read_text()
    reordered = list(reversed(mini.chapters))
    save_chapters(folder, reordered, mini.calendar)
    assert (folder / "chapters.toml.bak").read_text() == old
    assert [c.id for c in load_scenario(folder).chapters] == ["palace", "night"]
    assert not list(folder.glob(".*tmp*"))


def dark_pixels(image: QImage, x0, y0, x1, y1) -> int:
    return sum(QColor(image.pixel(x, y)).lightness() < 90
               for x in range(x0, x1, 2) for y in range(y0, y1, 2))


def test_snapshot_has_size_and_date_text(tmp_path, petrograd, qapp):
    from petrograd1917.viewer.render import save_snapshot

    images = {}
    for day in ("1917-10-24T12:00", "1917-10-25T12:00"):
        out = tmp_path / f"{day[:10]}.png"
        save_snapshot(petrograd, out, at(day), (1280, 720))
        images[day] = QImage(str(out))
        assert images[day].size().toTuple() == (1280, 720)
    a, b = images.values()
    assert dark_pixels(a, 20, 20, 250, 60) > 30           # the date is written there
    differs = sum(a.pixel(x, y) != b.pixel(x, y) for x in range(20, 250, 3)
                  for y in range(20, 60, 3))
    assert differs > 20                                    # and it changes with the day


def test_video_frames_are_deterministic(petrograd, qapp):
    from petrograd1917.viewer.video import VideoSpec, frames

    spec = VideoSpec(at("1917-10-25T00:00"), at("1917-10-25T12:00"), 10, (320, 180), 0.6)
    first = list(frames(petrograd, spec))
    second = list(frames(petrograd, spec))
    assert len(first) == 6
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))


@pytest.mark.parametrize("suffix", ["mp4", "gif"])
def test_two_second_video_reads_back(tmp_path, petrograd, qapp, suffix):
    from petrograd1917.viewer.video import VideoSpec, export_video

    out = tmp_path / f"v.{suffix}"
    spec = VideoSpec(petrograd.start, petrograd.end, 10, (320, 180), 2.0)
    assert export_video(petrograd, out, spec) == 20
    if suffix == "mp4":
        import imageio.v2 as imageio

        reader = imageio.get_reader(str(out))
        assert reader.count_frames() == 20
        assert reader.get_meta_data()["size"] == (320, 180)
    else:
        from PIL import Image

        with Image.open(out) as gif:
            assert gif.n_frames == 20 and gif.size == (320, 180)


def test_cancelled_export_leaves_no_file(tmp_path, petrograd, qapp):
    from petrograd1917.viewer.video import Cancelled, VideoSpec, export_video

    out = tmp_path / "v.mp4"
    spec = VideoSpec(petrograd.start, petrograd.end, 10, (320, 180), 2.0)
    with pytest.raises(Cancelled):
        export_video(petrograd, out, spec, lambda done, total: done < 5)
    assert list(tmp_path.iterdir()) == []


def test_chapter_video_follows_the_cues(tmp_path, mini, qapp):
    from petrograd1917.viewer.video import VideoSpec, frame_count

    spec = VideoSpec(mini.start, mini.end, 5, (320, 180), chapters=True)
    assert frame_count(mini, spec) == sum(int((c.seconds + 1) * 5) for c in mini.chapters)


def test_cancelling_in_the_app_leaves_no_file(window, tmp_path, petrograd):
    from petrograd1917.viewer.video import VideoSpec
    from PySide6.QtCore import QTimer

    spec = VideoSpec(petrograd.start, petrograd.end, 10, (320, 180), 3.0)
    out = tmp_path / "lecture.mp4"
    QTimer.singleShot(0, lambda: window.progress_dialog.cancel())
    assert window.export_video(out, spec) is False
    assert not out.exists() and not list(tmp_path.glob(".*"))
