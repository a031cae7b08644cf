"""Dock panels: the event log, the site panel, layers, and the site search."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QLineEdit,
    QListView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..geodata.disagreements import DIFFER, kind_of
from ..geodata.disagreements import label as dispute_label
from ..geodata.eventtime import event_when
from ..geodata.links import public_url
from ..geodata.model import Scenario
from ..geodata.style import load_style
from ..geodata.timeline import Timeline
from ..geodata.viewstate import ViewState
from .i18n import kind_name, layer_name, text, tr
from .symbols import colour


def sources_html(scenario: Scenario, refs: tuple[str, ...]) -> str:
    import html  # the panels' rich text comes after the first paint: html is not imported

    parts = []
    for source, locator in scenario.source_keys(refs):
        if source is None:
            continue
        text = html.escape(source.citation() + (f", {locator}" if locator else ""))
        url = public_url(source.url)
        parts.append(f"<a href='{html.escape(url, quote=True)}'>{text}</a>" if url else text)
    return "; ".join(parts)


class EventLogModel(QAbstractListModel):
    """Events up to the current time, newest first; only visible rows are ever built."""

    def __init__(self, timeline: Timeline):
        super().__init__()
        self.timeline = timeline
        self.count = 0
        self.current = -1   # the selected event's index, drawn highlighted
        self.lang = "en"

    def set_time(self, t: int) -> None:
        count = self.timeline.latest_event(t) + 1
        if count != self.count:
            self.beginResetModel()
            self.count = count
            self.endResetModel()

    def set_current(self, index: int) -> None:
        old, self.current = self.current, index
        for k in (old, index):
            if 0 <= k < self.count:
                row = self.index(self.count - 1 - k)
                self.dataChanged.emit(row, row)

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.count

    def index_at(self, row: int) -> int:
        """The index in ``scenario.events`` of the event shown in ``row``."""
        return self.count - 1 - row

    def event_at(self, row: int):
        return self.timeline.scenario.events[self.index_at(row)]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.event_at(index.row())
        scenario = self.timeline.scenario
        if role == Qt.ItemDataRole.DisplayRole:
            when = event_when(e, scenario.calendar, self.lang)
            place = scenario.site(e.site).name(self.lang)
            return f"{when} — {place}\n{e.text(self.lang)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            import html

            note = f"<br><i>{html.escape(e.note)}</i>" if e.note else ""
            return f"<p>{html.escape(e.text(self.lang))}{note}</p>"
        if role == Qt.ItemDataRole.DecorationRole:
            if e.control:
                return QColor(scenario.controls[e.control].colour)
            return colour("event_plain")
        current = self.index_at(index.row()) == self.current
        if role == Qt.ItemDataRole.FontRole and current:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.BackgroundRole and current:
            return QBrush(colour("event_current"))
        return None


class EventLog(QListView):
    """Click an event to jump to its time and centre the map on its site."""

    event_chosen = Signal(int)   # index into scenario.events

    def __init__(self, timeline: Timeline, parent=None):
        super().__init__(parent)
        self.model_ = EventLogModel(timeline)
        self.setModel(self.model_)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setAlternatingRowColors(True)
        self.clicked.connect(lambda index: self.event_chosen.emit(
            self.model_.index_at(index.row())))

    def set_time(self, t: int) -> None:
        self.model_.set_time(t)

    def set_current(self, index: int) -> None:
        self.model_.set_current(index)

    def set_language(self, lang: str) -> None:
        self.model_.lang = lang
        self.model_.layoutChanged.emit()


class HistoryStrip(QWidget):
    """The selected site's control over the whole span, as a coloured strip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.segments: list[tuple[int, int, QColor]] = []
        self.span = (0, 1)
        self.now = 0
        self.setFixedHeight(22)

    def set_site(self, timeline: Timeline, site_id: str | None, now: int) -> None:
        self.now = now
        self.span = (timeline.start, timeline.end)
        controls = timeline.scenario.controls
        self.segments = [] if site_id is None else [
            (span.start, span.end, QColor(controls[span.control].colour))
            for span in timeline.site_history(site_id)]
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        w, h = self.width() - 2, self.height() - 8
        t0, t1 = self.span

        def x(t):
            return 1 + (t - t0) / (t1 - t0) * w

        for a, b, c in self.segments:
            painter.fillRect(QRectF(x(a), 4, x(b) - x(a) + 0.5, h), c)
        if self.segments:
            painter.setPen(colour("ink"))
            painter.drawLine(int(x(self.now)), 0, int(x(self.now)), self.height())
        painter.end()


class SitePanel(QWidget):
    """Name, kind, description, control now, history and sources of the selected site.

    Its text browser is made when the first site (or none) is shown, after the app's first
    paint: until then an empty list view, a scroll area of the same size hints, holds its
    place."""

    def __init__(self, timeline: Timeline, parent=None):
        super().__init__(parent)
        self.timeline = timeline
        self.lang = "en"
        self.site_id: str | None = None
        self.now = timeline.start
        self.strip = HistoryStrip()
        self.text = None   # a QTextBrowser
        self._room = QListView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.strip)
        layout.addWidget(self._room)
        self.shown = False   # empty until the window first shows a site (or none)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.shown:
            self.show_site(self.site_id, self.now)

    def show_site(self, site_id: str | None, t: int) -> None:
        self.site_id, self.now, self.shown = site_id, t, True
        if self.text is None:
            from PySide6.QtWidgets import QTextBrowser

            self.text = QTextBrowser()
            self.text.setOpenExternalLinks(True)
            self.layout().replaceWidget(self._room, self.text)
            self._room.deleteLater()
        self.strip.set_site(self.timeline, site_id, t)
        self.text.setHtml(self.site_html(site_id, t))

    def site_html(self, site_id: str | None, t: int) -> str:
        lang = self.lang
        if site_id is None:
            return f"<p><i>{tr('No site selected. Click a site on the map.', lang)}</i></p>"
        scenario = self.timeline.scenario
        site = scenario.site(site_id)
        import html

        e = html.escape
        state = self.timeline.state_at(t)
        i = scenario.site_index(site_id)
        control = scenario.controls[self.timeline.control_ids[state.control[i]]]
        deciding = scenario.events[int(state.event[i])] if state.event[i] >= 0 else None
        dispute = dispute_label(deciding, scenario.calendar, lang) \
            if deciding is not None and kind_of(deciding) == DIFFER else ""
        dispute = f" <i>({e(dispute)})</i>" if dispute else ""
        out = [f"<h3>{e(site.name_en)}<br><span style='font-weight:normal'>{e(site.name_ru)}"
               f"</span></h3>",
               f"<p><i>{e(kind_name(site.kind, lang))}</i></p>",
               f"<p>{e(site.description_in(lang))}</p>",
               f"<p><b>{tr('Now', lang)}:</b> <span style='color:{e(control.colour)}'>■</span>"
               f" {e(control.label(lang))}{dispute}</p>",
               f"<h4>{tr('History of the site', lang)}</h4><table cellspacing='3'>"]
        for ev in self.timeline.site_events(site_id):
            swatch = ""
            if ev.control:
                swatch = (f"<span style='color:{e(scenario.controls[ev.control].colour)}'>■"
                          "</span> ")
            when = event_when(ev, scenario.calendar, lang)
            past = "" if ev.time <= t else f" style='color:{load_style().ui['ink_future']}'"
            label = dispute_label(ev, scenario.calendar, lang) or tr("Note", lang)
            note = (f"<br><small><b>{e(label[:1].upper() + label[1:])}.</b> {e(ev.note)}"
                    "</small>" if ev.note else "")
            out.append(f"<tr{past}><td valign='top'>{e(when)}</td><td>{swatch}"
                       f"{e(ev.text(lang))}<br>"
                       f"<small>{sources_html(scenario, ev.sources)}</small>{note}</td></tr>")
        out.append("</table>")
        items = "".join(f"<li>{sources_html(scenario, (ref,))}</li>" for ref in site.sources)
        out.append(f"<h4>{tr('Sources', lang)}</h4><ul>{items}</ul>")
        return "".join(out)


class LayersPanel(QTreeWidget):
    """Check boxes for basemap layers, kinds of site, routes, labels and captions: a mirror
    of a :class:`ViewState`'s visibility, writing the user's clicks back to it. The boxes
    come with :meth:`fill` (after the app's first paint)."""

    GROUPS = (("basemap", "Basemap"), ("kinds", "Kinds of site"), ("show", "Show"))

    def __init__(self, state: ViewState, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.state = state
        self.items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self.lang = state.lang
        self.itemChanged.connect(self._clicked)
        state.visibility_changed.connect(self._mirror)

    def fill(self) -> None:
        """The groups and their check boxes (once)."""
        if self.topLevelItemCount():
            return
        state = self.state
        for group, title in self.GROUPS:
            parent_item = QTreeWidgetItem(self, [title])
            parent_item.setData(0, Qt.ItemDataRole.UserRole, title)
            for name in state.offered(group):
                item = QTreeWidgetItem(parent_item, [name])
                item.setData(0, Qt.ItemDataRole.UserRole, name)
                self.items[(group, name)] = item
                self._mirror(group, name, state.is_visible(group, name))
            parent_item.setExpanded(True)
        self.set_language(self.lang)

    def checked(self, group: str) -> set[str]:
        return {name for (g, name), item in self.items.items()
                if g == group and item.checkState(0) == Qt.CheckState.Checked}

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        for (group, name), mine in self.items.items():
            if mine is item:
                on = item.checkState(0) == Qt.CheckState.Checked
                self.state.set_visible(group, name, on)

    def _mirror(self, group: str, name: str, on: bool) -> None:
        item = self.items.get((group, name))
        if item is not None:
            self.blockSignals(True)
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.blockSignals(False)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.blockSignals(True)
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            top.setText(0, tr(top.data(0, Qt.ItemDataRole.UserRole), lang))
            name_of = {"Basemap": layer_name, "Kinds of site": kind_name}.get(
                top.data(0, Qt.ItemDataRole.UserRole), text)
            for k in range(top.childCount()):
                child = top.child(k)
                child.setText(0, name_of(child.data(0, Qt.ItemDataRole.UserRole), lang))
        self.blockSignals(False)


class SearchBox(QLineEdit):
    """Type-ahead over site names in both languages; Enter selects the site. The names and
    their completer come with the first :meth:`set_scenario` (after the app's first paint)."""

    site_chosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: dict[str, int] = {}
        self.completer_ = None   # a QCompleter
        self.setPlaceholderText(tr("Search sites…"))
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(lambda: self._choose(self.text()))

    def set_language(self, lang: str) -> None:
        self.setPlaceholderText(tr("Search sites…", lang))

    def _complete(self) -> None:
        from PySide6.QtCore import QStringListModel
        from PySide6.QtWidgets import QCompleter

        self.name_list = QStringListModel(self)
        self.completer_ = QCompleter(self.name_list, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(self.completer_)
        self.completer_.activated.connect(self._choose)

    def set_scenario(self, scenario: Scenario) -> None:
        """Offer the names of ``scenario``'s sites."""
        if self.completer_ is None:
            self._complete()
        self.clear()
        self.names = {}
        for i, site in enumerate(scenario.sites):
            self.names[site.name_en] = i
            self.names[site.name_ru] = i
        self.name_list.setStringList(sorted(self.names))

    def find(self, text: str) -> int:
        """Index of the best match for ``text`` in either language, or -1."""
        needle = text.strip().casefold()
        if not needle:
            return -1
        for name, i in self.names.items():
            if name.casefold() == needle:
                return i
        for name, i in sorted(self.names.items()):
            if needle in name.casefold():
                return i
        return -1

    def _choose(self, text: str) -> None:
        i = self.find(text)
        if i >= 0:
            self.site_chosen.emit(i)
