"""Lecture mode, cue list, snapshots and video export (issue 6)."""

import shutil

import numpy as np
import pytest
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.playback import Playback
from petrograd1917.geodata.presentation import (
    Presentation,
    frame_for_free_area,
    save_chapters,
    sentences,
    shorten,
    type_scale,
)
from petrograd1917.geodata.timeline import Timeline
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QWidget

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
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Return):
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
    assert frame_count(mini, spec) == sum(10 + int((c.seconds + 1) * 5) for c in mini.chapters)


def test_cancelling_in_the_app_leaves_no_file(window, tmp_path, petrograd):
    from petrograd1917.viewer.video import VideoSpec
    from PySide6.QtCore import QTimer

    spec = VideoSpec(petrograd.start, petrograd.end, 10, (320, 180), 3.0)
    out = tmp_path / "lecture.mp4"
    QTimer.singleShot(0, lambda: window.progress_dialog.cancel())
    assert window.export_video(out, spec) is False
    assert not out.exists() and not list(tmp_path.glob(".*"))


# -- the lecturer owns time (issue 15) ---------------------------------------------------
def started(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)
    assert window.playback.playing
    return window.presenting


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_MediaTogglePlayPause,
                                 Qt.Key.Key_P])
def test_space_and_the_clicker_pause_within_a_cue(window, qtbot, key):
    mode = started(window, qtbot)
    qtbot.keyClick(window.view, key)
    t = window.playback.time
    assert not window.playback.playing and mode.presentation.paused
    assert mode.presentation.index == 0
    window.playback.tick(5)
    assert window.playback.time == t
    assert "PAUSED" in mode.presenter.state.text()
    qtbot.keyClick(window.view, key)
    assert window.playback.playing and window.playback.time == t
    assert window.playback.stop_at == window.scenario.chapters[0].end   # still ends the cue


def test_blackout_pauses_the_story_and_resumes_where_it_was(window, qtbot):
    mode = started(window, qtbot)
    window.playback.tick(0.5)
    t = window.playback.time
    qtbot.keyClick(window.view, Qt.Key.Key_B)
    assert mode.blackout.isVisible() and not window.playback.playing
    window.playback.tick(5)
    assert window.playback.time == t
    qtbot.keyClick(window.view, Qt.Key.Key_B)
    assert not mode.blackout.isVisible() and window.playback.playing
    assert window.playback.time == t


def test_leaving_gives_the_desktop_its_time_and_speed_back(window, qtbot, petrograd):
    desktop_time = petrograd.chapters[3].start + 77
    window.playback.time = desktop_time
    window.timebar.speed.setCurrentIndex(window.timebar.speed.findData(180))
    started(window, qtbot)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)
    assert window.playback.speed != 180
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.playback.time == desktop_time and not window.playback.playing
    assert window.playback.speed == 180 and window.timebar.speed.currentData() == 180
    assert window.playback.stop_at is None


def test_clicking_a_site_on_a_slide_opens_no_dock(window, qtbot, petrograd):
    dialog = QDialog(window)   # say a non-modal tool window was open
    dialog.show()
    mode = started(window, qtbot)
    assert not dialog.isVisible()   # an open dialog waits behind the lecture
    window.scene.site_clicked.emit(petrograd.site_index("winter_palace"))
    assert not window.site_dock.isVisible()
    assert "Winter Palace" in mode.presenter.site.text()
    assert not any(a.isEnabled() for a in window.actions_for_desktop())
    qtbot.keyClick(window.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert not [w for w in window.findChildren(QWidget) if w.isWindow() and w.isVisible()
                and w is not window]
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert all(a.isEnabled() for a in window.actions_for_desktop())
    assert dialog.isVisible()


def test_a_cue_is_framed_in_the_part_the_panels_leave_free(window, qtbot, petrograd):
    mode = started(window, qtbot)
    mode.presentation.go(2, play=False)
    qtbot.waitUntil(lambda: not mode.glide.running, timeout=60_000)
    size = window.view.viewport().size()
    free = window.view.slide.layout(size.width(), size.height()).free
    cue = window.view.mapFromScene(window.scene.rect_of(petrograd.chapters[2].extent))
    shown = cue.boundingRect()
    assert free.adjusted(-2, -2, 2, 2).contains(QRectF(shown))


def test_a_glide_the_display_cannot_show_jumps_to_its_end(window, qtbot, petrograd):
    mode = started(window, qtbot)
    mode.glide.min_fps = 1e9   # no machine shows that many frames
    mode.presentation.go(4, play=False)
    qtbot.waitUntil(lambda: not mode.glide.running, timeout=60_000)
    assert mode.glide.skipped == 1
    end, target = window.view.visible_rect(), mode.framed(petrograd.chapters[4].extent)
    assert abs(end.center().x() - target.center().x()) < 2 / window.view.zoom
    assert end.width() == pytest.approx(target.width(), rel=0.01)


def test_a_glide_counts_the_frames_it_shows(window, qtbot):
    mode = started(window, qtbot)
    mode.glide.min_fps = 0
    mode.presentation.go(3, play=False)
    qtbot.waitUntil(lambda: not mode.glide.running, timeout=60_000)
    assert mode.glide.shown >= 2 and mode.glide.skipped == 0


# -- slides made for halls ---------------------------------------------------------------
def test_narration_is_shortened_to_whole_sentences():
    text = ("At about 3.30 a.m. the Aurora anchored. Colonel Polkovnikov said no. "
            "V. I. Lenin reached Smolny.")
    assert sentences(text) == ["At about 3.30 a.m. the Aurora anchored.",
                               "Colonel Polkovnikov said no.", "V. I. Lenin reached Smolny."]
    assert shorten(text, lambda t: len(t) < 70) == ("At about 3.30 a.m. the Aurora anchored. "
                                                    "Colonel Polkovnikov said no.")
    assert shorten(text, lambda t: len(t) < 10) == ""   # never half a sentence


def test_type_scale_follows_the_slide_height():
    assert type_scale(1080) == {"headline": 48, "caption": 36, "narration": 24, "label": 26,
                                "small": 24}
    assert type_scale(2160)["headline"] == 96


def test_a_cue_fills_the_free_part_of_the_view():
    view, free = (1920, 1080), (20, 300, 1900, 800)
    left, top, right, bottom = frame_for_free_area((0, 0, 1000, 250), view, free)
    zoom = 1920 / (right - left)
    assert (bottom - top) * zoom == pytest.approx(1080)
    assert (0 - left) * zoom == pytest.approx(20) or (0 - top) * zoom >= 300
    assert (0 - top) * zoom == pytest.approx(300 + (500 - 250 * zoom) / 2)


def test_the_presenter_view_speaks_the_window_s_language(window, qtbot):
    window.set_language("ru")
    mode = started(window, qtbot)
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert mode.presenter.next.text().startswith("Далее")
    assert "ПАУЗА" in mode.presenter.state.text() and "Сцена 1 из" in mode.presenter.current.text()


def test_a_russian_slide_and_presenter_view_narrate_in_russian(window, qtbot, petrograd):
    window.set_language("ru")
    mode = started(window, qtbot)
    cue = petrograd.chapters[0]
    assert window.view.slide.title == cue.title_ru
    assert window.view.slide.narration == cue.narration_ru
    assert cue.narration_ru.split(".")[0] in mode.presenter.current.text()


def test_on_one_screen_the_presenter_view_waits_for_v(window, qtbot):
    mode = started(window, qtbot)
    assert len(mode.choice.screens()) == 1 and not mode.presenter.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_V)   # rehearsing on a laptop
    assert mode.presenter.isVisible() and mode.presenter.isWindow()
    qtbot.keyClick(window.view, Qt.Key.Key_V)
    assert not mode.presenter.isVisible()
