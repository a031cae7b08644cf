"""The export dialogs: a snapshot (picture sizes or a page for print), a video (size, frame
rate, time range or chapters), and the video's cancellable progress.

Each dialog only gathers choices; the exports themselves live in render, print_page and
video. Closing the main window during a video export cancels it like the Cancel button.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
)

from ..geodata import calendar as cal
from ..geodata.style import load_style
from .file_dialogs import busy, save_path
from .i18n import tr
from .print_page import PAPERS, PageSpec

PICTURE_SIZES = [(1920, 1080), (3840, 2160)]   # and the current view's size
VIDEO_SIZES = [(1920, 1080), (1280, 720), (960, 540), (3840, 2160)]
PAPER_NAMES = {"A4": "A4", "A3": "A3", "slide": "Slide 16:9"}


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class SnapshotDialog(QDialog):
    """A picture of the view (PNG at a preset size) or a page for print (PDF, SVG, PNG)."""

    def __init__(self, parent, view_size: tuple[int, int]):
        super().__init__(parent)
        self.setWindowTitle("Export snapshot")
        self.kind = QComboBox()
        self.kind.addItem("Picture of the map (PNG)", "picture")
        self.kind.addItem("Page for print or slides (PDF, SVG or PNG)", "page")
        self.size = QComboBox()
        for w, h in PICTURE_SIZES:
            self.size.addItem(f"{w} × {h}", (w, h))
        self.size.addItem(f"The current view ({view_size[0]} × {view_size[1]})", view_size)
        self.paper = QComboBox()
        for key in PAPERS:
            self.paper.addItem(PAPER_NAMES[key], key)
        self.orientation = QComboBox()
        self.orientation.addItems(["Landscape", "Portrait"])
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 1200)
        self.dpi.setValue(300)
        self.dpi.setSuffix(" dpi")
        self.dpi.setToolTip("For PNG pages; PDF and SVG pages are vectors and print sharp at "
                            "any size")
        self.form = QFormLayout()
        for label, widget in (("Export", self.kind), ("Size", self.size),
                              ("Paper", self.paper), ("Orientation", self.orientation),
                              ("Resolution", self.dpi)):
            self.form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(_buttons(self))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        page = self.kind.currentData() == "page"
        self.form.setRowVisible(self.size, not page)
        for widget in (self.paper, self.orientation, self.dpi):
            self.form.setRowVisible(widget, page)

    def page(self) -> PageSpec | None:
        if self.kind.currentData() != "page":
            return None
        return PageSpec(self.paper.currentData(), self.orientation.currentIndex() == 0,
                        self.dpi.value())

    def pattern(self) -> tuple[str, str]:
        """The file types offered and the default name."""
        if self.page() is None:
            return "PNG (*.png)", "petrograd1917.png"
        return "PDF (*.pdf);;SVG (*.svg);;PNG (*.png)", "petrograd1917.pdf"


class VideoDialog(QDialog):
    """Size, frame rate, and either the chapters' cues or a time range in a given length."""

    def __init__(self, parent, scenario, lang: str):
        super().__init__(parent)
        self.scenario = scenario
        self.setWindowTitle("Export video")
        self.size = QComboBox()
        for w, h in VIDEO_SIZES:
            self.size.addItem(f"{w} × {h}", (w, h))
        self.fps = QSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setValue(30)
        self.fps.setSuffix(" frames/s")
        self.chapters = QCheckBox("Follow the chapters, with a title card for each")
        self.chapters.setChecked(bool(scenario.chapters))
        self.chapters.setEnabled(bool(scenario.chapters))
        self.start = QLineEdit(cal.iso(scenario.start, scenario.calendar))
        self.end = QLineEdit(cal.iso(scenario.end, scenario.calendar))
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(1, 3600)
        self.seconds.setValue(30)
        self.seconds.setSuffix(" s")
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {load_style().ui['error']};")
        self.form = QFormLayout()
        for label, widget in (("Size", self.size), ("Frame rate", self.fps),
                              ("", self.chapters), ("From", self.start), ("To", self.end),
                              ("Length", self.seconds), ("", self.problem)):
            self.form.addRow(label, widget)
        note = QLabel("A GIF plays at most 10 frames a second, in one palette.")
        note.setStyleSheet(f"color: {load_style().ui['ink_soft']};")
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(note)
        layout.addWidget(_buttons(self))
        self.lang = lang
        self.chapters.toggled.connect(self._mode_changed)
        self._mode_changed()

    def _mode_changed(self) -> None:
        for widget in (self.start, self.end, self.seconds):
            self.form.setRowVisible(widget, not self.chapters.isChecked())

    def spec(self):
        """The VideoSpec chosen; raises ValueError naming a time that does not parse."""
        from .video import VideoSpec

        s = self.scenario
        start, end = s.start, s.end
        if not self.chapters.isChecked():
            start = cal.parse_time(self.start.text(), s.calendar)
            end = cal.parse_time(self.end.text(), s.calendar)
            if not s.start <= start < end <= s.end:
                raise ValueError("the video's start must come before its end, inside the "
                                 "story")
        return VideoSpec(start, end, self.fps.value(), self.size.currentData(),
                         self.seconds.value(), self.chapters.isChecked(), self.lang)

    def accept(self) -> None:
        try:
            self.spec()
        except ValueError as error:
            self.problem.setText(str(error))
            return
        super().accept()


def snapshot_dialog(window) -> None:
    view = window.view.viewport()
    dialog = SnapshotDialog(window, (view.width(), view.height()))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    pattern, default = dialog.pattern()
    path = save_path(window, tr("Export &snapshot…", window.lang), pattern, default)
    if not path:
        return
    from .render import save_snapshot

    page = dialog.page()
    if page is None and Path(path).suffix.lower() != ".png":
        path = str(Path(path).with_suffix(".png"))
    busy(window, lambda: save_snapshot(window.scenario, path, window.playback.time,
                                       dialog.size.currentData(), window.view.extent(),
                                       window.lang, page))
    window.statusBar().showMessage(tr("Wrote {path}", window.lang).format(path=path), 5000)


def video_dialog(window) -> None:
    dialog = VideoDialog(window, window.scenario, window.lang)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    path = save_path(window, tr("Export &video…", window.lang), "MP4 (*.mp4);;GIF (*.gif)",
                     "petrograd1917.mp4")
    if path:
        window.export_video(path, dialog.spec())


def run_video_export(window, path: str | Path, spec) -> bool:
    """Export with a cancellable progress dialog; True when the file was written. Closing
    the window cancels too, and the window closes once the export has cleaned up."""
    from .video import Cancelled, export_video, frame_count

    total = frame_count(window.scenario, spec)
    dialog = QProgressDialog(tr("Writing {name}…", window.lang).format(name=Path(path).name),
                             tr("Cancel", window.lang), 0, total, window)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    window.progress_dialog = dialog
    window.exporting, window.close_after_export = True, False

    def progress(done: int, _total: int) -> bool:
        dialog.setValue(done)
        QApplication.processEvents()
        return not dialog.wasCanceled() and not window.close_after_export

    written = False
    try:
        export_video(window.scenario, path, spec, progress)
        written = True
    except Cancelled:
        window.statusBar().showMessage(
            tr("Export cancelled; nothing was written", window.lang), 5000)
    except Exception as error:
        from .crashlog import log_exception, one_line

        log_exception(error)
        QMessageBox.warning(window, "Petrograd 1917", one_line(error))
    finally:
        dialog.close()
        window.exporting = False
    if written:
        window.statusBar().showMessage(tr("Wrote {path}", window.lang).format(path=path), 5000)
    if window.close_after_export:
        QTimer.singleShot(0, window.close)
    return written
