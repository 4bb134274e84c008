"""How the program list shares its width: fixed columns sized for their text in the table's font,
the title keeping its share, and side columns that shrink, and then give way, on a narrow table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from conference_app.ui.models.session_table import ROOM, SPEAKERS, STAR, TIME, TRACK

# Side columns at their full widths, in average characters of the table's font (so they grow with
# the text size). On a narrow table they shrink together so the title keeps at least TITLE_SHARE of
# it (their full text is in the detail pane), but never below their header's words: where even that
# leaves the title too little, the track goes, then the room, then the speakers.
SIDE_COLUMNS = {SPEAKERS: 18, ROOM: 13, TRACK: 16}
GIVE_WAY = (TRACK, ROOM, SPEAKERS)
STAR_WIDTH = 28
TITLE_SHARE = 0.45
_DAY_NAMES = [f"{date(2026, 6, day):%a}" for day in range(1, 8)]  # Monday to Sunday, as the locale writes them


class ProgramColumns:
    """The widths of `table`'s columns, worked out again whenever it is fitted (a resize, a new font)."""

    def __init__(self, table: QTableView) -> None:
        self._table = table

    def full_widths(self) -> dict[int, int]:
        """Every sized column at its full width: where a new table starts."""
        return {**self._fixed(), **self._sides()}

    def header_width(self, column: int) -> int:
        """What the column's header needs to show its word whole, with the header's margins."""
        word = str(self._table.model().headerData(column, Qt.Orientation.Horizontal))
        return _padded(self._table.horizontalHeader().fontMetrics(), word)

    def fit(self) -> None:
        """Share the table's width: the title never gets less than TITLE_SHARE of what the fixed columns
        leave; side columns that cannot then show their header are hidden, the least needed first."""
        fixed = self._fixed()
        header = self._table.horizontalHeader()
        for column, width in fixed.items():
            header.resizeSection(column, width)
        room = max(0.0, (self._table.viewport().width() - sum(fixed.values())) * (1 - TITLE_SHARE))
        sides = self._sides()
        least = {column: self.header_width(column) for column in sides}
        for column in GIVE_WAY:
            if sum(least[c] for c in sides) <= room:
                break
            del sides[column]
        for column in SIDE_COLUMNS:
            self._table.setColumnHidden(column, column not in sides)
        scale = min(1.0, room / sum(sides.values())) if sides else 1.0
        for column, width in sides.items():
            header.resizeSection(column, max(least[column], round(width * scale)))

    def _fixed(self) -> dict[int, int]:
        """The star, and the time wide enough for the widest day and times in the table's font
        ("Wed 23:59–23:59"), whatever the text size."""
        metrics = self._table.fontMetrics()
        return {STAR: STAR_WIDTH, TIME: max(_padded(metrics, f"{day} 00:00–00:00") for day in _DAY_NAMES)}

    def _sides(self) -> dict[int, int]:
        """The side columns' full widths in the table's font."""
        character = self._table.fontMetrics().averageCharWidth()
        return {column: characters * character for column, characters in SIDE_COLUMNS.items()}


def _padded(metrics: QFontMetrics, text: str) -> int:
    """What a cell or header needs to show `text` whole: its width, a character either side, the frame."""
    return metrics.horizontalAdvance(text) + 2 * metrics.averageCharWidth() + 8
