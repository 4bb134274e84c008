"""Speakers of the conference, each with their sessions, and whether the user means to meet them or has met them."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.program import SpeakerDetail, SpeakerRow
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.models.session_table import pick_mark
from conference_app.ui.widgets.detail_view import DetailView

TOPICS = {Topic.PROGRAM, Topic.TARGETS, Topic.CONTACTS}

Index = QModelIndex | QPersistentModelIndex


class SpeakerListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[SpeakerRow] = []

    def set_rows(self, rows: list[SpeakerRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, position: int) -> SpeakerRow:
        return self._rows[position]

    def position_of(self, speaker_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == speaker_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            extra = " · ".join(x for x in (row.role, row.affiliation) if x)
            return status_mark(row) + (f"{row.name} — {extra}" if extra else row.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            sessions = f"{row.sessions} session{'' if row.sessions == 1 else 's'}"
            return f"{sessions} · {status_text(row)}" if status_text(row) else sessions
        return None


def status_mark(row: SpeakerRow) -> str:
    return "✓ " if row.met else ("◎ " if row.planned else "")


def status_text(row: SpeakerRow) -> str:
    """What the user has done about a speaker, in words."""
    if row.met:
        return "met"
    return "planned to meet" if row.planned else ""


class SpeakersPage(QWidget):
    met_requested = Signal(int)  # a speaker the user met: the window opens the capture dialog

    def __init__(self, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._program = workspace.program
        self._bus = bus
        self._conference_id: int | None = None
        self.search = QLineEdit(placeholderText="Search speakers by name, institution or role")
        self.search.setAccessibleName("Search speakers")
        self.search.setClearButtonEnabled(True)
        self.model = SpeakerListModel()
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Speakers")
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.legend = QLabel("◎ planned to meet · ✓ met")
        theme.style(self.legend, theme.hint_sheet)
        self.detail = DetailView()
        self.detail.setAccessibleName("Speaker details")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.meet_button = QPushButton("Plan to meet")
        self.meet_button.setToolTip("Add to the people you mean to meet, after their next session")
        self.meet_button.clicked.connect(self.plan_to_meet)
        self.met_button = QPushButton("I met them…")
        self.met_button.setToolTip("Note the conversation with this speaker")
        self.met_button.clicked.connect(self._met)
        self.status = QLabel(PLAN_HINT)
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.meet_button)
        actions.addWidget(self.met_button)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(theme.page_title("Speakers"))
        top.addWidget(self.search, 1)
        top.addWidget(self.legend)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        self._timer = QTimer(self, singleShot=True, interval=80)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._loader = DeferredReload(self)
        bus.changed.connect(lambda topics: self._loader.request(self.reload) if topics & TOPICS else None)
        self._update_buttons()

    def show_conference(self, conference_id: int | None) -> None:
        self._conference_id = conference_id
        self._loader.request(self.reload)

    def reload(self) -> None:
        chosen = self.selected_speaker_id()
        rows = self._program.speakers(self._conference_id, self.search.text()) if self._conference_id else []
        self.model.set_rows(rows)
        self.detail.clear()
        if not rows:
            self.detail.setHtml(empty_text(self._conference_id is not None, self.search.text()))
        position = self.model.position_of(chosen) if chosen is not None else None
        if position is None and rows:
            position = 0
        if position is not None:
            self.list.setCurrentIndex(self.model.index(position, 0))
        self._update_buttons()

    def select_speaker(self, speaker_id: int) -> None:
        """Show one speaker (clicked elsewhere, e.g. in a session's details), clearing a search that hides them."""
        if self.model.position_of(speaker_id) is None and self.search.text():
            self._timer.stop()
            was = self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(was)
            self.reload()
        position = self.model.position_of(speaker_id)
        if position is not None:
            self.list.setCurrentIndex(self.model.index(position, 0))
            self.list.scrollTo(self.model.index(position, 0))

    def selected_speaker_id(self) -> int | None:
        current = self.list.currentIndex()
        return self.model.row_at(current.row()).id if current.isValid() else None

    def _selected_row(self) -> SpeakerRow | None:
        current = self.list.currentIndex()
        return self.model.row_at(current.row()) if current.isValid() else None

    def _update_buttons(self) -> None:
        row = self._selected_row()
        self.meet_button.setEnabled(row is not None and not row.planned and not row.met)
        self.meet_button.setText("Planned to meet" if row is not None and row.planned else "Plan to meet")
        self.met_button.setEnabled(row is not None)

    def plan_to_meet(self) -> None:
        speaker_id = self.selected_speaker_id()
        if speaker_id is None:
            return
        target = run_action(self, self._bus, lambda: self._workspace.planning.add_target(speaker_id))
        if target is not None:
            where = f" — {target.where}" if target.where else ""
            self.status.setText(
                f"Planned to meet {target.name}{where}. Goals lists them under People to meet, "
                "and Outreach has an email to them."
            )

    def _met(self) -> None:
        speaker_id = self.selected_speaker_id()
        if speaker_id is not None:
            self.met_requested.emit(speaker_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            row = self.model.row_at(current.row())
            self.detail.setHtml(speaker_html(self._program.speaker_detail(row.id), status_text(row)))
        self._update_buttons()


def speaker_html(detail: SpeakerDetail, status: str = "") -> str:
    e = html.escape
    s = detail.speaker
    parts = [f"<h2>{e(s.name)}</h2>"]
    facts = [x for x in (s.role, s.affiliation) if x]
    if facts:
        parts.append(f"<p>{e(' · '.join(facts))}</p>")
    if status:
        parts.append(f"<p><b>{'✓ Met' if status == 'met' else '◎ Planned to meet'}</b></p>")
    if detail.sessions:
        items = "".join(
            f"<li>{pick_mark(r.priority) + ' ' if r.picked else ''}{r.start:%a %H:%M}–{r.end:%H:%M} · {e(r.room)}<br><b>{e(r.title)}</b></li>"
            for r in detail.sessions
        )
        parts.append(f"<h3>Sessions</h3><ul>{items}</ul>")
    if detail.biography_html:
        parts.append(f"<h3>Biography</h3>{detail.biography_html}")
    return "".join(parts)


PLAN_HINT = "Choose someone you would like to meet and press Plan to meet: they join your people to meet on Goals and Outreach."


def empty_text(has_conference: bool, search: str) -> str:
    """What to do when the list is empty, in words."""
    if not has_conference:
        text = ("No speakers yet. Import a conference program with File ▸ Import program… (Ctrl+I), "
                "or drop the file on this window: its speakers appear here.")
    elif search.strip():
        text = f"No speaker matches “{html.escape(search.strip())}”. Try part of a name or an institution, or clear the search."
    else:
        text = "This conference's program names no speakers."
    return f"<p>{text}</p>"

