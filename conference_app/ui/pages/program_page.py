"""The conference program: filter by day, track, room and type; search as you type; pick; read details."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.program import Facets, SessionDetail, SessionRow
from conference_app.core.services.outcome import Topic
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.models.session_table import (
    STAR,
    TITLE,
    TYPE,
    SessionFilterState,
    SessionTableModel,
    pick_mark,
)
from conference_app.ui.pages.program_columns import ProgramColumns
from conference_app.ui.pages.program_detail import fill_filter_boxes, session_html
from conference_app.ui.widgets.detail_view import DetailView

if TYPE_CHECKING:
    from conference_app.core.services.program import ProgramService

SEARCH_DELAY_MS = 60
TOPICS = {Topic.PROGRAM, Topic.PICKS}


class ProgramPage(QWidget):
    speaker_requested = Signal(int)  # a speaker's name was clicked in the detail pane

    def __init__(self, program: ProgramService, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._program = program
        self._bus = bus
        self._conference_id: int | None = None
        self._facets_for: int | None = None  # the conference the filter boxes were filled for
        self._detail_id: int | None = None  # the session the detail pane shows
        self._filled = False
        self._selecting = False  # the list selects a row itself: the detail pane is filled once, after
        self._partial_total: int | None = None  # the first screen lists its first rows of this many: the rest follow
        # While the search index is being finished after an import: why a search lists nothing yet.
        self._search_waits: str | None = None

        self.search = QLineEdit(placeholderText="Search titles, abstracts, speakers, affiliations  (Ctrl+F)")
        self.search.setAccessibleName("Search the program")
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
        self.table.setAccessibleName("Sessions")
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
        self.columns = ProgramColumns(self.table)
        for column, width in self.columns.full_widths().items():
            header.resizeSection(column, width)
        self.table.viewport().installEventFilter(self)
        self.table.setColumnHidden(TYPE, True)  # the type filter and the detail pane show it
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.clicked.connect(self._clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.detail = DetailView()
        self.detail.setAccessibleName("Session details")
        self.detail.setMinimumWidth(200)
        self.detail.speaker_activated.connect(self.speaker_requested)

        self.no_match = QLabel()
        self.no_match.setWordWrap(True)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setAccessibleName("No sessions")
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.no_match)
        empty_layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(empty)

        self.zone_line = QLabel()
        self.zone_line.setAccessibleName("Time zone")
        theme.style(self.zone_line, theme.hint_sheet)
        self.zone_line.setWordWrap(True)
        self.zone_line.linkActivated.connect(lambda _link: self.edit_conference_settings())

        filters = QHBoxLayout()
        filters.addWidget(theme.page_title("Program"))
        filters.addWidget(self.search, 3)
        for combo in (self.day, self.track, self.room, self.type):
            filters.addWidget(combo, 1)
        filters.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.zone_line)
        splitter.setSizes([900, 300])

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.table, self._toggle_current_pick)
        # Ctrl+F is the window's "Search the program" action, which also brings this page forward.
        self._loader = DeferredReload(self)
        bus.changed.connect(self._data_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.columns.fit()
        return False

    # --- loading ------------------------------------------------------------------------

    def show_conference(self, conference_id: int | None) -> None:
        self._conference_id = conference_id
        self._partial_total = None  # the whole list is read again (now, or when the page is next shown)
        self._loader.request(self._fill_facets, self.reload)

    def show_first_screen(
        self, conference_id: int | None, facets: Facets | None, time_zone: str, rows: list[SessionRow],
        detail: SessionDetail | None, total: int | None = None,
    ) -> None:
        """The conference shown as the window opens, from values read before the services were
        loaded (ui/first_screen.py): the same screen show_conference() fills. `rows` may be the
        first `total` only: complete_rows() brings the rest once the window is drawn."""
        self._conference_id = conference_id
        self._fill_facets(facets, time_zone)
        self._partial_total = total if total is not None and total > len(rows) else None
        self.model.set_rows(rows, self._filter_state())
        self._filled = True
        self._filtered(None, refresh=True, detail=detail)

    def complete_rows(self, conference_id: int, rows: list[SessionRow]) -> None:
        """Every row of the conference the first screen listed the first rows of (unless the list
        was reloaded, or another conference shown, meanwhile); the selection and the scroll position stay."""
        if self._partial_total is None or conference_id != self._conference_id:
            return
        self._partial_total = None
        selected = self.selected_event_id()
        scrolled = self.table.verticalScrollBar().value()
        self.model.set_rows(rows, self._filter_state())
        self._filtered(selected)
        self.table.verticalScrollBar().setValue(scrolled)

    def reload(self) -> None:
        from conference_app.core.services.program import SessionFilter

        self._partial_total = None
        rows = self._program.sessions(SessionFilter(self._conference_id)) if self._conference_id else []
        selected = self.selected_event_id()
        self.model.set_rows(rows, self._filter_state())
        self._filled = True
        self._filtered(selected, refresh=True)  # the shown session may have changed too

    def wait_until_filled(self) -> None:
        """Startup measurement: the list is filled synchronously on show_conference()."""
        if not self._filled:
            self._fill_facets()
            self.reload()

    def _fill_facets(self, facets: Facets | None = None, time_zone: str | None = None) -> None:
        """Fill the filter boxes (with `facets` when given, as read for the first screen); a newer
        program of the same conference keeps the user's choices."""
        if facets is None and self._conference_id:
            facets = self._program.facets(self._conference_id)
        combos = (self.day, self.track, self.room, self.type)
        same = self._facets_for == self._conference_id
        chosen = [combo.currentData() for combo in combos] if same else [None] * len(combos)
        if not same:
            was = self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(was)
        self._facets_for = self._conference_id
        fill_filter_boxes(self.day, self.track, self.room, self.type, facets, chosen)
        self._show_zone(time_zone)

    def _show_zone(self, time_zone: str | None = None) -> None:
        if self._conference_id is None:
            self.zone_line.setText("")
            return
        if time_zone is None:
            time_zone = self._program.conference_settings(self._conference_id).time_zone
        zone = html.escape(time_zone)
        if zone == "UTC":
            self.zone_line.setText(
                "Times in UTC. If the conference is held elsewhere, <a href='settings'>set its time zone…</a>"
            )
        else:
            self.zone_line.setText(f"Times in {zone} · <a href='settings'>Conference settings…</a>")

    def edit_conference_settings(self, note: str = "", conference_id: int | None = None) -> None:
        """Rename the conference (the one shown, or `conference_id`) or say where it is held; every page
        reloads through the data bus."""
        from conference_app.ui.dialogs.conference_settings_dialog import ConferenceSettingsDialog

        conference_id = conference_id or self._conference_id
        if conference_id is not None:
            ConferenceSettingsDialog.edit(self, self._program, self._bus, conference_id, note)

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if Topic.PROGRAM in topics:
            self._loader.request(self._fill_facets, self.reload)
        elif topics & TOPICS:
            self._loader.request(self.reload)
        elif Topic.SEARCH in topics and self.search.text().strip():
            self._apply_filter()  # search was being prepared: the matches, now

    def search_failed(self, reason: str) -> None:
        """The search index could not be finished: a search says why instead of waiting."""
        if self._search_waits is not None:
            self._search_waits = f"Search could not be prepared: {reason}"
            self._update_count()

    # --- filtering ----------------------------------------------------------------------

    def _filter_state(self) -> SessionFilterState:
        """The filter as the boxes and the search field show it, for the conference on screen."""
        text = self.search.text().strip()
        matching = None
        self._search_waits = None
        if text and self._conference_id:
            # Never a search of an unfinished index, nor a wait for it here: the window finishes it.
            found = self._program.search_ids_if_ready(self._conference_id, text)
            if found is None:
                self._search_waits = (
                    f"Search is being prepared after the import; the sessions matching “{text}” appear in a moment."
                )
            matching = frozenset(found or ())
        elif text:
            matching = frozenset()
        return SessionFilterState(
            day=self.day.currentData(),
            track=self.track.currentData() or "",
            room=self.room.currentData() or "",
            type=self.type.currentData() or "",
            matching_ids=matching,
        )

    def _apply_filter(self) -> None:
        selected = self.selected_event_id()
        self.model.set_filter(self._filter_state())
        self._filtered(selected)

    def _filtered(self, selected: int | None, refresh: bool = False, detail: SessionDetail | None = None) -> None:
        """After the list changed: the count, the empty state, and a detail pane that shows a listed
        session (`detail`, when given, is that session's, read already)."""
        self._update_count()
        position = self.model.position_of(selected) if selected is not None else None
        if position is None and self.model.rowCount():
            position = 0  # the detail pane is never blank while sessions are listed
        if position is None:
            self.table.clearSelection()
            self._show_detail(None)
        else:
            self._selecting = True  # one read of the details below, not a second one from the selection
            try:
                self.table.selectRow(position)
            finally:
                self._selecting = False
            self.table.scrollTo(self.model.index(position, 0))
            self._show_detail(self.model.row_at(position).id, refresh, detail)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if self._partial_total is not None:  # the first screen: no filter yet, every session is listed
            shown = total = self._partial_total
        self.count.setText(f"{shown} of {total} sessions")
        self.list_stack.setCurrentIndex(0 if shown else 1)
        if self._search_waits is not None:
            self.no_match.setText(self._search_waits)
        elif total == 0:
            self.no_match.setText(
                "No program yet. Import one with File ▸ Import program… (Ctrl+I), or drop the file on this window."
            )
        else:
            self.no_match.setText(f"No session matches {self.filter_description()}.")
        self.clear_button.setVisible(total > 0)

    def filter_description(self) -> str:
        """The filters in words: “trauma” · Day 2 · Sun 18 Oct · Hall B."""
        parts = [f"“{self.search.text().strip()}”"] if self.search.text().strip() else []
        parts += [
            combo.currentText() for combo in (self.day, self.track, self.room, self.type) if combo.currentIndex() > 0
        ]
        return " · ".join(parts) if parts else "the filters"

    def clear_filters(self) -> None:
        combos = (self.search, self.day, self.track, self.room, self.type)
        blocked = [widget.blockSignals(True) for widget in combos]
        self.search.clear()
        for combo in (self.day, self.track, self.room, self.type):
            combo.setCurrentIndex(0)
        for widget, was in zip(combos, blocked):
            widget.blockSignals(was)
        self._apply_filter()

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
        if not self._selecting:
            self._show_detail(self.selected_event_id())

    def _show_detail(self, event_id: int | None, refresh: bool = False, detail: SessionDetail | None = None) -> None:
        if event_id == self._detail_id and not refresh:
            return
        self._detail_id = event_id
        if event_id is None:
            self.detail.clear()
        else:
            if detail is None or detail.row.id != event_id:
                detail = self._program.session_detail(event_id)
            self.detail.setHtml(session_html(detail))

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
        for priority, label in (
            ("must", f"{pick_mark('must')} Must see"),
            ("nice", f"{pick_mark('nice')} Nice to see"),
        ):
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
            self._show_detail(self.selected_event_id(), refresh=True)

    def _toggle(self, event_id: int) -> None:
        row = run_action(self, self._bus, lambda: self._program.toggle_pick(event_id))
        if row is not None:
            self.model.replace_row(row)
            self._show_detail(self.selected_event_id(), refresh=True)

