"""The program list as a Qt table: a thin adapter over SessionRow values, filtered in place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from conference_app.core.domain.program import SessionRow

Index = QModelIndex | QPersistentModelIndex
STAR, TIME, TITLE, SPEAKERS, ROOM, TRACK, TYPE = range(7)
HEADERS = ("★", "When", "Title", "Speakers", "Room", "Track", "Type")
MUST_MARK, NICE_MARK = "★", "☆"  # the same two marks wherever a pick is shown


def pick_mark(priority: str) -> str:
    """★ for a must-see pick, ☆ for a nice-to-see one."""
    return MUST_MARK if priority == "must" else NICE_MARK


@dataclass(frozen=True)
class SessionFilterState:
    day: int | None = None
    track: str = ""
    room: str = ""
    type: str = ""
    matching_ids: frozenset[int] | None = None  # from the search box; None: no search

    def accepts(self, row: SessionRow) -> bool:
        return (
            (self.day is None or row.day_index == self.day)
            and (not self.track or row.track == self.track)
            and (not self.room or row.room == self.room)
            and (not self.type or row.type == self.type)
            and (self.matching_ids is None or row.id in self.matching_ids)
        )

    def select(self, rows: Sequence[SessionRow]) -> list[SessionRow]:
        """The rows this filter lets through, in order. With only a search in use (every keystroke
        in the search box), just the row's id is looked at."""
        if self.day is None and not (self.track or self.room or self.type):
            ids = self.matching_ids
            return list(rows) if ids is None else [row for row in rows if row.id in ids]
        return [row for row in rows if self.accepts(row)]


class SessionTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._all: list[SessionRow] = []
        self._rows: list[SessionRow] = []
        self._filter = SessionFilterState()
        self._bold = QFont()
        self._bold.setBold(True)

    # --- content ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[SessionRow], state: SessionFilterState | None = None) -> None:
        self.beginResetModel()
        self._all = list(rows)
        if state is not None:
            self._filter = state
        self._rows = self._filter.select(self._all)
        self.endResetModel()

    def set_filter(self, state: SessionFilterState) -> None:
        self.beginResetModel()
        self._filter = state
        self._rows = state.select(self._all)
        self.endResetModel()

    def replace_row(self, updated: SessionRow) -> None:
        """Show a changed session (e.g. picked) without reloading the list."""
        self._all = [updated if r.id == updated.id else r for r in self._all]
        for position, row in enumerate(self._rows):
            if row.id == updated.id:
                self._rows[position] = updated
                self.dataChanged.emit(self.index(position, 0), self.index(position, len(HEADERS) - 1))

    def row_at(self, position: int) -> SessionRow:
        return self._rows[position]

    def position_of(self, event_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == event_id), None)

    @property
    def total(self) -> int:
        return len(self._all)

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STAR:
                return "Picked: " + row.priority if row.picked else "Not picked (Space to pick)"
            if column == TITLE:
                return row.title
        if role == Qt.ItemDataRole.FontRole and row.picked and column == TITLE:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == STAR:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _display(row: SessionRow, column: int) -> str:
    if column == STAR:
        return pick_mark(row.priority) if row.picked else ""
    if column == TIME:
        return f"{row.start:%a %H:%M}–{row.end:%H:%M}"
    if column == TITLE:
        return f"{row.title} (cancelled)" if row.cancelled else row.title
    if column == SPEAKERS:
        return row.speakers
    if column == ROOM:
        return row.room
    if column == TRACK:
        return row.track
    if column == TYPE:
        return row.type
    return ""
