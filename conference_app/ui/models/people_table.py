"""The people list as a Qt table, and the filters over it (kept in memory: fast at 10,000 people)."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from conference_app.core.domain.people import PersonSummary, search_key
from conference_app.core.domain.people_filter import PeopleFilter

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Institution", "Position", "Relationship", "Last met", "Talks", "Details from")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class PeopleTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PersonSummary] = []
        self._search_texts: list[str] = []

    def set_rows(self, rows: list[PersonSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._search_texts = [row.search_text() for row in rows]
        self.endResetModel()

    def row_at(self, position: int) -> PersonSummary:
        return self._rows[position]

    def search_text(self, position: int) -> str:
        return self._search_texts[position]

    def position_of(self, person_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.id == person_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == SORT_ROLE:
            if column == 4:
                return row.last_met.isoformat() if row.last_met else ""
            if column == 5:
                return row.conversations
            return search_key(_display(row, column) or "")
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return "\n".join((*row.emails, *row.phones)) or None
        return None


def _display(row: PersonSummary, column: int) -> str:
    if column == 0:
        return row.name
    if column == 1:
        return row.institution
    if column == 2:
        return row.position
    if column == 3:
        return row.relationship.label if row.relationship.value else ""
    if column == 4:
        return f"{row.last_met:%d %b %Y}" if row.last_met else "not yet"
    if column == 5:
        return str(row.conversations) if row.conversations else ""
    return row.obtained.label


class PeopleFilterModel(QSortFilterProxyModel):
    def __init__(self, source: PeopleTableModel) -> None:
        super().__init__()
        self._source = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._filter = PeopleFilter()
        self._now = datetime.now(timezone.utc)

    def set_filter(self, people_filter: PeopleFilter) -> None:
        self.beginFilterChange()
        self._filter = people_filter
        self._now = datetime.now(timezone.utc)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, _parent: Index) -> bool:  # noqa: N802 - Qt override
        return self._filter.keeps(self._source.row_at(source_row), self._source.search_text(source_row), self._now)
