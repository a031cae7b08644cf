"""The cue list editor: add, edit, reorder and delete the scenario's chapters.

Save writes chapters.toml with its comments kept; Save As copies the whole scenario to a new
folder. Edits never go into the installed package or a read-only folder: the first edit of
such a scenario offers a copy in the user's documents, which the app then opens. Undo and
redo step through every change; a field that does not parse is marked where it is typed,
while the cue's other fields still take their edits.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
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
from ..geodata.style import load_style
from . import scenario_files
from .i18n import tr

UI = load_style().ui
INVALID = f"QLineEdit {{ border: 2px solid {UI['error']}; background: {UI['error_field']}; }}"
APP = "Petrograd 1917"


class CueEditor(QDialog):
    """The cue list of the window's scenario, edited in a copy until saved."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.scenario = window.scenario
        self.cues: list[Chapter] = list(self.scenario.chapters)
        self.saved: list[Chapter] = list(self.cues)
        self.undo_stack: list[list[Chapter]] = []
        self.redo_stack: list[list[Chapter]] = []
        self._asked_copy = False
        self._typing: tuple[int, str] | None = None   # coalesces keystrokes into one undo
        self.setWindowTitle(tr("Edit cues…", window.lang).rstrip("…"))
        self.list = QListWidget()
        self.title, self.title_ru = QLineEdit(), QLineEdit()
        self.start, self.end = QLineEdit(), QLineEdit()
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(1, 3600)
        self.narration, self.narration_ru = QPlainTextEdit(), QPlainTextEdit()
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet(f"color: {UI['error']};")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        for label, widget in (("Title", self.title), ("Title (Russian)", self.title_ru),
                              ("Start", self.start), ("End", self.end),
                              ("Seconds", self.seconds), ("Narration", self.narration),
                              ("Narration (Russian)", self.narration_ru)):
            form.addRow(label, widget)
        form.addRow("", self.problem)
        buttons = QHBoxLayout()
        for text, slot in (("Add from current view", self.add), ("Use current view", self.use_view),
                           ("Up", lambda: self.move(-1)), ("Down", lambda: self.move(1)),
                           ("Delete", self.delete)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Close)
        self.save_as_button = box.addButton("Save As…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_as_button.clicked.connect(lambda: self.save_as())
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
        self.narration.textChanged.connect(lambda: self.apply("narration"))
        self.narration_ru.textChanged.connect(lambda: self.apply("narration_ru"))
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.undo),
                           (QKeySequence.StandardKey.Redo, self.redo),
                           (QKeySequence.StandardKey.Save, self.save)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.refresh()

    # -- state --------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.cues != self.saved

    def _change(self, cues: list[Chapter], typing: tuple[int, str] | None = None) -> None:
        """Replace the cue list, remembering the old one for undo."""
        if cues == self.cues:
            return
        if typing is None or typing != self._typing:
            self.undo_stack.append(list(self.cues))
            self.redo_stack.clear()
        self._typing = typing
        self.cues = cues
        self._offer_own_copy()

    def undo(self) -> None:
        self._restore(self.undo_stack, self.redo_stack)

    def redo(self) -> None:
        self._restore(self.redo_stack, self.undo_stack)

    def _restore(self, source: list, other: list) -> None:
        """Take the cues from the top of ``source``, keeping the present ones on ``other``."""
        if source:
            other.append(self.cues)
            self.cues = source.pop()
            self._typing = None
            self.refresh(self.list.currentRow())

    # -- the form -----------------------------------------------------------------------
    def refresh(self, row: int = 0) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([f"{i + 1}. {c.title_en}" for i, c in enumerate(self.cues)])
        self.list.blockSignals(False)
        if self.cues:
            self.list.setCurrentRow(min(max(row, 0), len(self.cues) - 1))
            self.show_cue(self.list.currentRow())
        self._update_title()

    def show_cue(self, row: int) -> None:
        if not 0 <= row < len(self.cues):
            return
        c = self.cues[row]
        calendar = self.scenario.calendar
        self._typing = None
        for w, text in ((self.title, c.title_en), (self.title_ru, c.title_ru),
                        (self.start, cal.iso(c.start, calendar)),
                        (self.end, cal.iso(c.end, calendar))):
            w.blockSignals(True)
            w.setText(text)
            w.blockSignals(False)
        for w in (self.seconds, self.narration, self.narration_ru):
            w.blockSignals(True)
        self.seconds.setValue(c.seconds)
        self.narration.setPlainText(c.narration)
        self.narration_ru.setPlainText(c.narration_ru)
        for w in (self.seconds, self.narration, self.narration_ru):
            w.blockSignals(False)
        self._mark({})

    def _mark(self, problems: dict) -> None:
        """Mark the fields in ``problems`` (widget -> message) where they are typed."""
        for w in (self.start, self.end):
            w.setStyleSheet(INVALID if w in problems else "")
            w.setToolTip(problems.get(w, ""))
        self.problem.setText("\n".join(dict.fromkeys(problems.values())))

    def _time(self, field: QLineEdit, old: int, problems: dict) -> int:
        try:
            return cal.parse_time(field.text(), self.scenario.calendar)
        except ValueError as error:
            problems[field] = f"{'Start' if field is self.start else 'End'}: {error}"
            return old

    def apply(self, typing: str | None = None) -> None:
        """Copy the form into the selected cue. A time that does not parse or lies outside
        the story is marked and kept as it was; the other fields are taken all the same."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.cues):
            return
        s, cue = self.scenario, self.cues[row]
        problems: dict = {}
        start = self._time(self.start, cue.start, problems)
        end = self._time(self.end, cue.end, problems)
        if not problems and not s.start <= start < end <= s.end:
            message = (f"A cue starts before it ends, inside the story "
                       f"({cal.iso(s.start, s.calendar)} – {cal.iso(s.end, s.calendar)})")
            problems = {self.start: message, self.end: message}
            start, end = cue.start, cue.end
        self._mark(problems)
        cues = list(self.cues)
        cues[row] = replace(cue, title_en=self.title.text().strip() or "Cue",
                            title_ru=self.title_ru.text().strip(), start=start, end=end,
                            seconds=self.seconds.value(),
                            narration=self.narration.toPlainText().strip(),
                            narration_ru=self.narration_ru.toPlainText().strip())
        self._change(cues, (row, typing) if typing else None)
        self.list.item(row).setText(f"{row + 1}. {self.cues[row].title_en}")
        self._update_title()

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
        self._change(self.cues[:row] + [cue] + self.cues[row:])
        self.refresh(row)

    def use_view(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.cues):
            cues = list(self.cues)
            cues[row] = replace(cues[row], extent=self.window.view.extent())
            self._change(cues)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        other = row + step
        if 0 <= row < len(self.cues) and 0 <= other < len(self.cues):
            cues = list(self.cues)
            cues[row], cues[other] = cues[other], cues[row]
            self._change(cues)
            self.refresh(other)

    def delete(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.cues):
            self._change(self.cues[:row] + self.cues[row + 1:])
            self.refresh(row)

    def _update_title(self) -> None:
        name = Path(self.scenario.path).name
        self.setWindowTitle(f"{'*' if self.dirty else ''}{tr('Cues', self.window.lang)} — "
                            f"{name}")

    # -- files --------------------------------------------------------------------------
    def _offer_own_copy(self) -> None:
        """On the first edit of a scenario that cannot be saved, offer the user's own copy."""
        if self._asked_copy:
            return
        reason = scenario_files.why_not_editable(self.scenario.path)
        if reason is None:
            return
        self._asked_copy = True
        folder = scenario_files.free_folder(scenario_files.own_copies_folder(),
                                            Path(self.scenario.path).stem)
        if self.ask_copy(reason, folder):
            self.save_as(folder)

    def ask_copy(self, reason: str, folder: Path) -> bool:
        answer = QMessageBox.question(
            self, APP, f"{reason}\n\nSave your own copy of the scenario in\n{folder}\nand "
            "edit that? The app will open the copy.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> bool:
        """Write chapters.toml; a scenario that cannot take it is offered Save As."""
        reason = scenario_files.why_not_editable(self.scenario.path)
        if reason is not None:
            self.show_message(f"{reason}\n\nChoose Save As… to keep your cues in a copy.")
            return False
        try:
            save_chapters(self.scenario.path, self.cues, self.scenario.calendar)
        except OSError as error:
            self.show_message(f"Could not save the cues into {self.scenario.path}: "
                              f"{error.strerror or error}.\n\nChoose Save As… to keep them "
                              "in a copy.")
            return False
        self._saved()
        self.window.statusBar().showMessage(
            f"Saved {len(self.cues)} cues to {Path(self.scenario.path) / 'chapters.toml'}", 5000)
        return True

    def save_as(self, folder: str | Path | None = None) -> bool:
        """Copy the scenario with these cues to ``folder`` (asked for when None), open it."""
        if folder is None:
            start = scenario_files.free_folder(scenario_files.own_copies_folder(),
                                               Path(self.scenario.path).stem)
            chosen, _ = QFileDialog.getSaveFileName(self, "Save scenario as", str(start),
                                                    "Scenario folder (*)")
            if not chosen:
                return False
            folder = chosen
        folder = Path(folder)
        try:
            scenario_files.copy_scenario(self.scenario, folder)
            save_chapters(folder, self.cues, self.scenario.calendar)
        except OSError as error:
            self.show_message(f"Could not save a copy in {folder}: {error.strerror or error}.")
            return False
        cues = list(self.cues)
        if not self.window.open_scenario(folder):
            return False
        self.scenario = self.window.scenario
        self.cues = self.saved = cues
        self._asked_copy = False
        self._update_title()
        self.window.statusBar().showMessage(f"Saved a copy of the scenario in {folder}", 8000)
        return True

    def _saved(self) -> None:
        self.scenario.chapters[:] = self.cues
        self.saved = list(self.cues)
        self._update_title()

    def show_message(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, APP, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("cue_editor_message")
        box.open()
        self.message_box = box

    # -- closing ------------------------------------------------------------------------
    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel'."""
        B = QMessageBox.StandardButton
        answer = QMessageBox.question(self, APP, "The cue list has unsaved changes. Save them?",
                                      B.Save | B.Discard | B.Cancel, B.Save)
        return {B.Save: "save", B.Discard: "discard"}.get(answer, "cancel")

    def reject(self) -> None:
        """Close, Esc and the window's close button: ask first when there are changes."""
        if self.dirty:
            choice = self.ask_unsaved()
            if choice == "cancel" or (choice == "save" and not self.save()):
                return
        super().reject()
