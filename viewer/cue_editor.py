"""A small editor of the cue list (the scenario's chapters), saved into chapters.toml."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ..geodata import calendar as cal
from ..geodata.model import Chapter
from ..geodata.presentation import save_chapters
from .i18n import tr


class CueEditor(QDialog):
    """Add, edit, reorder and delete cues; Save writes chapters.toml (atomic, with .bak)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.scenario = window.scenario
        self.cues: list[Chapter] = list(self.scenario.chapters)
        self.setWindowTitle(tr("Edit cues…", window.lang).rstrip("…"))
        self.list = QListWidget()
        self.title = QLineEdit()
        self.title_ru = QLineEdit()
        self.start = QLineEdit()
        self.end = QLineEdit()
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(1, 3600)
        self.narration = QPlainTextEdit()
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Title (Russian)", self.title_ru)
        form.addRow("Start", self.start)
        form.addRow("End", self.end)
        form.addRow("Seconds", self.seconds)
        form.addRow("Narration", self.narration)
        buttons = QHBoxLayout()
        for text, slot in (("Add from current view", self.add), ("Use current view", self.use_view),
                           ("Up", lambda: self.move(-1)), ("Down", lambda: self.move(1)),
                           ("Delete", self.delete)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Close)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(form, 2)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(box)
        self.list.currentRowChanged.connect(self.show_cue)
        for w in (self.title, self.title_ru, self.start, self.end):
            w.editingFinished.connect(self.apply)
        self.seconds.valueChanged.connect(lambda _v: self.apply())
        self.narration.textChanged.connect(self.apply)
        self.refresh()

    def refresh(self, row: int = 0) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([f"{i + 1}. {c.title_en}" for i, c in enumerate(self.cues)])
        self.list.blockSignals(False)
        if self.cues:
            self.list.setCurrentRow(min(max(row, 0), len(self.cues) - 1))
            self.show_cue(self.list.currentRow())

    def show_cue(self, row: int) -> None:
        if not 0 <= row < len(self.cues):
            return
        c = self.cues[row]
        calendar = self.scenario.calendar
        for w, text in ((self.title, c.title_en), (self.title_ru, c.title_ru),
                        (self.start, cal.iso(c.start, calendar)),
                        (self.end, cal.iso(c.end, calendar))):
            w.blockSignals(True)
            w.setText(text)
            w.blockSignals(False)
        self.seconds.blockSignals(True)
        self.seconds.setValue(c.seconds)
        self.seconds.blockSignals(False)
        self.narration.blockSignals(True)
        self.narration.setPlainText(c.narration)
        self.narration.blockSignals(False)

    def apply(self) -> None:
        """Copy the form into the selected cue; times must parse and lie in the span."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.cues):
            return
        s = self.scenario
        try:
            start = cal.parse_time(self.start.text(), s.calendar)
            end = cal.parse_time(self.end.text(), s.calendar)
        except ValueError as error:
            self.window.statusBar().showMessage(str(error), 5000)
            return
        if not s.start <= start < end <= s.end:
            self.window.statusBar().showMessage("A cue's start must come before its end, "
                                                "inside the scenario's span", 5000)
            return
        self.cues[row] = replace(self.cues[row], title_en=self.title.text().strip() or "Cue",
                                 title_ru=self.title_ru.text().strip(), start=start, end=end,
                                 seconds=self.seconds.value(),
                                 narration=self.narration.toPlainText().strip())
        self.list.item(row).setText(f"{row + 1}. {self.cues[row].title_en}")

    def add(self) -> None:
        w = self.window
        t = w.playback.time
        ids = {c.id for c in self.cues}
        n = len(self.cues) + 1
        while f"cue{n}" in ids:
            n += 1
        cue = Chapter(f"cue{n}", "New cue", "", t, min(t + 180, self.scenario.end),
                      w.view.extent(), 15.0, "")
        row = self.list.currentRow() + 1
        self.cues.insert(row, cue)
        self.refresh(row)

    def use_view(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.cues):
            self.cues[row] = replace(self.cues[row], extent=self.window.view.extent())

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        other = row + step
        if 0 <= row < len(self.cues) and 0 <= other < len(self.cues):
            self.cues[row], self.cues[other] = self.cues[other], self.cues[row]
            self.refresh(other)

    def delete(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.cues):
            del self.cues[row]
            self.refresh(row)

    def save(self) -> None:
        path = self.scenario.path
        if not path.is_dir():
            QMessageBox.warning(self, "Petrograd 1917", "Cues can be saved into a scenario "
                                "folder only (this scenario is a GeoPackage).")
            return
        try:
            save_chapters(path, self.cues, self.scenario.calendar)
        except OSError as error:
            QMessageBox.warning(self, "Petrograd 1917", f"Could not save: {error}")
            return
        self.scenario.chapters[:] = self.cues
        self.window.statusBar().showMessage(f"Saved {len(self.cues)} cues to "
                                            f"{path / 'chapters.toml'}", 5000)
