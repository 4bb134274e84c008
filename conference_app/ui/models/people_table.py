"""The people list as a Qt table.

The page filters and sorts in Python (conference_app.core.domain.people_filter) and hands the
model just the rows to show: a Qt proxy would call back into Python for every row on every
keystroke and every comparison of a sort, far too slow at 10,000 people.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from conference_app.core.domain.people import PersonSummary, search_key

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Institution", "Position", "Relationship", "Last met", "Talks", "Details from")


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


SORT_KEYS: dict[int, Callable[[PersonSummary], object]] = {
    4: lambda row: row.last_met.isoformat() if row.last_met else "",
    5: lambda row: row.conversations,
}


def sort_key(column: int) -> Callable[[PersonSummary], object]:
    """How a column sorts: dates and counts as such, text with case and accents folded."""
    return SORT_KEYS.get(column, lambda row: search_key(_display(row, column)))


class PeopleTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PersonSummary] = []

    def set_rows(self, rows: list[PersonSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, position: int) -> PersonSummary:
        return self._rows[position]

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
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return "\n".join((*row.emails, *row.phones)) or None
        return None
