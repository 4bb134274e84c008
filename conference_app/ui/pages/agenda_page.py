"""My agenda: the picked sessions by time, with overlaps marked."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from conference_app.core.domain.agenda import clashes
from conference_app.core.services.outcome import Topic
from conference_app.core.services.program import ProgramService, SessionFilter
from conference_app.ui.data_bus import DataBus


class AgendaPage(QWidget):
    def __init__(self, program: ProgramService, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._program = program
        self._conference_id: int | None = None
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["When", "Session", "Room", "Priority", "Overlaps with"])
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 120)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        bus.changed.connect(lambda topics: self.reload() if topics & {Topic.PICKS, Topic.PROGRAM} else None)

    def show_conference(self, conference_id: int | None) -> None:
        self._conference_id = conference_id
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        rows = self._program.sessions(SessionFilter(self._conference_id, picked_only=True)) if self._conference_id else []
        overlaps = clashes([(r.id, r.start, r.end) for r in rows if not r.cancelled])
        titles = {r.id: r.title for r in rows}
        days: dict[int, QTreeWidgetItem] = {}
        for row in rows:
            day = days.get(row.day_index)
            if day is None:
                day = QTreeWidgetItem([f"Day {row.day_index} · {row.start:%A %d %B}"])
                day.setFirstColumnSpanned(True)
                self.tree.addTopLevelItem(day)
                days[row.day_index] = day
            others = overlaps.get(row.id, [])
            item = QTreeWidgetItem(
                [
                    f"{row.start:%H:%M}–{row.end:%H:%M}",
                    f"{row.title} (cancelled)" if row.cancelled else row.title,
                    row.room,
                    row.priority,
                    "⚠ " + "; ".join(titles[o] for o in others) if others else "",
                ]
            )
            day.addChild(item)
        self.tree.expandAll()
        clash_count = sum(1 for v in overlaps.values() if v)
        self.summary.setText(
            f"{len(rows)} picked sessions" + (f", {clash_count} overlapping" if clash_count else "")
            if rows else "No sessions picked yet: star sessions in the program (click ★ or press Space)."
        )
