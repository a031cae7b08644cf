"""The "Where the sources disagree" window: the story model's disputed events, listed.

Each row is an event whose accounts differ (:func:`geodata.disagreements.disagreements`):
the window the sources allow, the site, the caption; below the list, the selected event's
note and its sources. A check box adds the events whose time is only uncertain. Choosing a
row (double-click or Enter) goes to that event on the map, as the event log does.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..geodata.disagreements import DIFFER, label, uncertain_events, window_text
from ..geodata.model import Scenario
from .i18n import text, tr
from .panels import sources_html


class DisagreementView(QDialog):
    """A non-modal window listing where the sources disagree; emits ``event_chosen``."""

    event_chosen = Signal(int)   # index into scenario.events

    def __init__(self, scenario: Scenario, lang: str = "en", parent=None):
        super().__init__(parent)
        self.scenario = scenario
        self.lang = lang
        self.setModal(False)
        self.resize(760, 520)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(True)
        self.uncertain = QCheckBox()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setSizes([360, 160])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.uncertain)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.tree.itemActivated.connect(self._choose)
        self.uncertain.toggled.connect(lambda _on: self.fill())
        self.set_language(lang)

    def rows(self):
        """The disputed events shown (and the only-uncertain ones when asked for)."""
        return [d for d in uncertain_events(self.scenario)
                if d.kind == DIFFER or self.uncertain.isChecked()]

    def fill(self) -> None:
        lang, scenario = self.lang, self.scenario
        self.tree.clear()
        for d in self.rows():
            e = d.event
            item = QTreeWidgetItem([window_text(e, scenario.calendar, lang, day=True),
                                    scenario.site(e.site).name(lang), e.text(lang)])
            item.setData(0, Qt.ItemDataRole.UserRole, d.index)
            item.setToolTip(0, label(e, scenario.calendar, lang))
            item.setToolTip(2, e.note)
            if e.control:
                item.setForeground(0, QColor(scenario.controls[e.control].colour).darker(130))
            if d.kind != DIFFER:   # only uncertain: set apart from the disputes
                font = item.font(0)
                font.setItalic(True)
                for column in range(3):
                    item.setFont(column, font)
            self.tree.addTopLevelItem(item)
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        else:
            self.detail.clear()

    def _show_detail(self, item, _previous=None) -> None:
        if item is None:
            self.detail.clear()
            return
        e = self.scenario.events[item.data(0, Qt.ItemDataRole.UserRole)]
        esc = html.escape
        self.detail.setHtml(
            f"<p><b>{esc(label(e, self.scenario.calendar, self.lang))}</b> · "
            f"{esc(self.scenario.site(e.site).name(self.lang))}</p>"
            f"<p>{esc(e.text(self.lang))}</p><p><i>{esc(e.note)}</i></p>"
            f"<p><small>{sources_html(self.scenario, e.sources)}</small></p>")

    def _choose(self, item, _column: int = 0) -> None:
        self.event_chosen.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.setWindowTitle(text("view_title", lang, "disagreements"))
        self.uncertain.setText(text("show_uncertain", lang, "disagreements"))
        self.tree.setHeaderLabels([tr("When", lang), tr("Site", lang), tr("Events", lang)])
        self.fill()
