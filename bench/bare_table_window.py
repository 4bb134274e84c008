"""The floor for startup and memory: a bare PySide6 window showing a table of N rows, nothing else.

Prints {"startup_ms": N, "peak_rss_mb": M}: the time from process start to the shown window, measured
the same way as `conference-app --exit-after-startup`, and the peak memory up to that moment.
Usage: python -m bench.bare_table_window [ROWS]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conference_app.startup_clock import milliseconds_since_process_start  # no Qt, no database: costs nothing

COLUMNS = ("★", "When", "Title", "Speakers", "Room", "Track", "Type")


def main(argv: list[str]) -> int:
    rows_wanted = int(argv[0]) if argv else 10_000
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class RowsModel(QAbstractTableModel):
        def __init__(self, rows: list[tuple[str, ...]]) -> None:
            super().__init__()
            self._rows = rows

        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self._rows)

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(COLUMNS)

        def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            return None

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role == Qt.ItemDataRole.DisplayRole and index.isValid():
                return self._rows[index.row()][index.column()]
            return None

    app = QApplication(sys.argv[:1])
    rows = [
        ("", f"Sat {8 + i % 12:02d}:00–{9 + i % 12:02d}:00", f"Session {i}: outcomes after surgery", "A. Speaker",
         f"Hall {i % 100}", "Surgical Oncology", "podium session")
        for i in range(rows_wanted)
    ]
    window = QMainWindow()
    window.setWindowTitle("Bare table")
    table = QTableView()
    table.setModel(RowsModel(rows))
    window.setCentralWidget(table)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    startup_ms = round(milliseconds_since_process_start())
    peak_rss_mb = _peak_rss_mb()
    print(json.dumps({"startup_ms": startup_ms, "peak_rss_mb": peak_rss_mb}), flush=True)
    window.close()
    return 0


def _peak_rss_mb() -> float | None:
    """This process's peak resident memory so far (VmHWM), where /proc has it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
