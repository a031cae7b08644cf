"""The export dialogs (issue 15): snapshot sizes and pages, the video's size, frame rate and
range, and closing the window during a video export."""

from petrograd1917.geodata.calendar import parse_time as at


def test_snapshot_dialog_offers_presets_and_pages(open_window):
    from petrograd1917.viewer.export_dialogs import SnapshotDialog
    from petrograd1917.viewer.print_page import PageSpec

    window = open_window((1280, 800))
    view = window.view.viewport()
    dialog = SnapshotDialog(window, (view.width(), view.height()))
    sizes = [dialog.size.itemData(i) for i in range(dialog.size.count())]
    assert sizes == [(1920, 1080), (3840, 2160), (view.width(), view.height())]
    assert dialog.page() is None and dialog.pattern()[0] == "PNG (*.png)"
    dialog.kind.setCurrentIndex(1)
    dialog.paper.setCurrentIndex(dialog.paper.findData("A3"))
    dialog.orientation.setCurrentIndex(1)
    dialog.dpi.setValue(600)
    assert dialog.page() == PageSpec("A3", False, 600)
    assert "PDF (*.pdf)" in dialog.pattern()[0]


def test_video_dialog_defaults_to_1080p_chapters_and_checks_the_range(open_window, petrograd):
    from petrograd1917.viewer.export_dialogs import VIDEO_SIZES, VideoDialog

    window = open_window()
    dialog = VideoDialog(window, petrograd, "en")
    spec = dialog.spec()
    assert spec.size == (1920, 1080) and spec.fps == 30 and spec.chapters
    dialog.chapters.setChecked(False)
    dialog.size.setCurrentIndex(VIDEO_SIZES.index((1280, 720)))
    dialog.fps.setValue(25)
    dialog.start.setText("1917-10-25T00:00")
    dialog.end.setText("1917-10-25T12:00")
    dialog.seconds.setValue(12)
    spec = dialog.spec()
    assert (spec.size, spec.fps, spec.seconds, spec.chapters) == ((1280, 720), 25, 12, False)
    assert (spec.start, spec.end) == (at("1917-10-25T00:00"), at("1917-10-25T12:00"))
    dialog.show()
    dialog.end.setText("1917-10-24T00:00")        # before the start
    dialog.accept()
    assert dialog.isVisible() and "before its end" in dialog.problem.text()


def test_closing_the_window_during_a_video_export_cancels_it(open_window, tmp_path, qtbot,
                                                            petrograd):
    from petrograd1917.viewer.video import VideoSpec
    from PySide6.QtCore import QTimer

    window = open_window()
    spec = VideoSpec(petrograd.start, petrograd.end, 10, (320, 180), 3.0)
    out = tmp_path / "lecture.mp4"
    QTimer.singleShot(0, window.close)
    assert window.export_video(out, spec) is False
    assert not out.exists() and not list(tmp_path.glob(".*.mp4"))
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
