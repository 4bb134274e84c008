"""The conference program: filter by day, track, room and type; search as you type; pick; read details."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.domain.program import SessionDetail
from conference_app.core.services.outcome import Topic
from conference_app.core.services.program import ProgramService, SessionFilter
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.models.session_table import (
    ROOM,
    SPEAKERS,
    STAR,
    TIME,
    TITLE,
    TRACK,
    TYPE,
    SessionFilterState,
    SessionTableModel,
)
from conference_app.ui.widgets.detail_view import DetailView, speakers_html

SEARCH_DELAY_MS = 60
TOPICS = {Topic.PROGRAM, Topic.PICKS}


class ProgramPage(QWidget):
    def __init__(self, program: ProgramService, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._program = program
        self._bus = bus
        self._conference_id: int | None = None
        self._filled = False

        self.search = QLineEdit(placeholderText="Search titles, abstracts, speakers, affiliations  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.day = QComboBox()
        self.track = QComboBox()
        self.room = QComboBox()
        self.type = QComboBox()
        for combo, name in ((self.day, "day"), (self.track, "track"), (self.room, "room"), (self.type, "type")):
            combo.setAccessibleName(f"Filter by {name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(260)
            combo.currentIndexChanged.connect(self._apply_filter)
        self.count = QLabel()

        self.model = SessionTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((STAR, 28), (TIME, 118), (SPEAKERS, 140), (ROOM, 110), (TRACK, 130)):
            header.resizeSection(column, width)
        self.table.setColumnHidden(TYPE, True)  # the type filter and the detail pane show it
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.clicked.connect(self._clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.detail = DetailView()
        self.detail.setMinimumWidth(300)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.day, self.track, self.room, self.type):
            filters.addWidget(combo, 1)
        filters.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        splitter.setSizes([860, 400])

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.table, self._toggle_current_pick)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._loader = DeferredReload(self)
        bus.changed.connect(self._data_changed)

    # --- loading ------------------------------------------------------------------------

    def show_conference(self, conference_id: int | None) -> None:
        self._conference_id = conference_id
        self._loader.request(self._fill_facets, self.reload)

    def reload(self) -> None:
        rows = self._program.sessions(SessionFilter(self._conference_id)) if self._conference_id else []
        selected = self.selected_event_id()
        self.model.set_rows(rows)
        self._update_count()
        self._filled = True
        if selected is not None:
            self.select_event(selected)
        elif rows:
            self.table.selectRow(0)  # the detail pane is never blank while there is a program

    def wait_until_filled(self) -> None:
        """Startup measurement: the list is filled synchronously on show_conference()."""
        if not self._filled:
            self._fill_facets()
            self.reload()

    def _fill_facets(self) -> None:
        facets = self._program.facets(self._conference_id) if self._conference_id else None
        blocked = [combo.blockSignals(True) for combo in (self.day, self.track, self.room, self.type)]
        self.day.clear()
        self.day.addItem("All days", None)
        for index, day in facets.days if facets else ():
            self.day.addItem(f"Day {index} · {day:%a %d %b}", index)
        for combo, label, values in (
            (self.track, "All tracks", facets.tracks if facets else ()),
            (self.room, "All rooms", facets.rooms if facets else ()),
            (self.type, "All types", facets.types if facets else ()),
        ):
            combo.clear()
            combo.addItem(label, "")
            for value in values:
                combo.addItem(value, value)
        for combo, was in zip((self.day, self.track, self.room, self.type), blocked):
            combo.blockSignals(was)

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if Topic.PROGRAM in topics:
            self._loader.request(self._fill_facets, self.reload)
        elif topics & TOPICS:
            self._loader.request(self.reload)

    # --- filtering ----------------------------------------------------------------------

    def _apply_filter(self) -> None:
        text = self.search.text().strip()
        matching = frozenset(self._program.search_ids(self._conference_id, text)) if text else None
        selected = self.selected_event_id()
        self.model.set_filter(
            SessionFilterState(
                day=self.day.currentData(),
                track=self.track.currentData() or "",
                room=self.room.currentData() or "",
                type=self.type.currentData() or "",
                matching_ids=matching,
            )
        )
        self._update_count()
        if selected is not None:
            self.select_event(selected)

    def _update_count(self) -> None:
        self.count.setText(f"{self.model.rowCount()} of {self.model.total} sessions")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- selection, detail and picks ----------------------------------------------------

    def selected_event_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def select_event(self, event_id: int) -> None:
        position = self.model.position_of(event_id)
        if position is not None:
            self.table.selectRow(position)
            self.table.scrollTo(self.model.index(position, 0))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        event_id = self.selected_event_id()
        if event_id is None:
            self.detail.clear()
        else:
            self.detail.setHtml(session_html(self._program.session_detail(event_id)))

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == STAR:
            self._toggle(self.model.row_at(index.row()).id)

    def _toggle_current_pick(self) -> None:
        event_id = self.selected_event_id()
        if event_id is not None:
            self._toggle(event_id)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        menu = QMenu(self)
        for priority, label in (("must", "★ Must see"), ("nice", "☆ Nice to see")):
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(row.priority == priority)
            action.triggered.connect(lambda _c=False, p=priority: self.set_priority(row.id, p))
        if row.picked:
            menu.addSeparator()
            menu.addAction("Remove from my agenda").triggered.connect(lambda: self._toggle(row.id))
        menu.exec(self.table.viewport().mapToGlobal(position))

    def set_priority(self, event_id: int, priority: str) -> None:
        row = run_action(self, self._bus, lambda: self._program.pick(event_id, priority))
        if row is not None:
            self.model.replace_row(row)

    def _toggle(self, event_id: int) -> None:
        row = run_action(self, self._bus, lambda: self._program.toggle_pick(event_id))
        if row is not None:
            self.model.replace_row(row)
            self._selection_changed(QItemSelection(), QItemSelection())


def session_html(detail: SessionDetail) -> str:
    row = detail.row
    e = html.escape
    parts = [f"<h2>{e(row.title)}</h2>"]
    if detail.subtitle:
        parts.append(f"<p><i>{e(detail.subtitle)}</i></p>")
    when = f"{row.start:%A %d %B, %H:%M}–{row.end:%H:%M} ({e(detail.time_zone)})"
    facts = [when, e(row.room)] + [e(x) for x in (row.track, row.type, detail.language) if x]
    parts.append("<p>" + " · ".join(f for f in facts if f) + "</p>")
    if row.cancelled:
        parts.append("<p><b>Cancelled: no longer in the latest program.</b></p>")
    if row.picked:
        parts.append(f"<p>★ In my agenda ({e(row.priority)})</p>")
    parts.append(speakers_html(detail.speakers))
    if detail.abstract_html:
        parts.append(detail.abstract_html)
    links = [(t, u) for t, u in detail.links if u.startswith(("http://", "https://"))]
    if links:
        items = "".join(f'<li><a href="{e(u)}">{e(t or u)}</a></li>' for t, u in links)
        parts.append(f"<h3>Links</h3><ul>{items}</ul>")
    return "".join(parts)
