"""Everyone the user met or means to keep in touch with, across conferences, and each one's timeline."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.domain.people import POSITIONS, PersonSummary, PersonView, Relationship, search_key
from conference_app.core.domain.people_filter import PeopleFilter, filter_people
from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.merge_dialog import DIFFERENT, KEEP_FIRST, MergeDialog
from conference_app.ui.models.people_table import PeopleTableModel, sort_key
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui import theme
from conference_app.ui.widgets.person_view import empty_html, person_html

ANY = "__any__"


class PeoplePage(QWidget):
    capture_requested = Signal(object)  # a person id for a new conversation, or None for someone new
    edit_requested = Signal(int)

    def __init__(self, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._bus = bus
        self._conference_id: int | None = None
        self._person: PersonView | None = None
        self._stale = False

        self.search = QLineEdit(placeholderText="Search people by name, institution, position, email or phone")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search people")
        self.position_box = self._box("Position", [("Any position", ANY), *((p, p) for p in POSITIONS)])
        self.relationship_box = self._box(
            "Relationship", [("Any relationship", ANY), *((r.label, r.value) for r in Relationship if r.value)]
        )
        self.goal_box = self._box("Goal", [("Any goal", ANY)])
        self.conference_box = self._box("Conference", [("All conferences", ANY), ("This conference", "current")])
        self.met_box = self._box("Met", [("Met or not", ANY), ("Met", True), ("Not met yet", False)])
        self.contact_box = self._box(
            "Last contact",
            [("Any time", ANY), ("This week", "week"), ("This month", "month"), ("Over 6 months ago", "stale")],
        )
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        filters = QHBoxLayout()
        for box in (self.position_box, self.relationship_box, self.goal_box, self.conference_box, self.met_box,
                    self.contact_box):
            filters.addWidget(box, 1)

        self.model = PeopleTableModel()
        self._everyone: list[PersonSummary] = []
        self.table = QTableView()
        self.table.setAccessibleName("People")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(lambda _column, _order: self._apply_filter())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.log_conversation())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Person")
        self.detail.setOpenLinks(False)
        self.detail.setHtml(empty_html())
        theme.follow(self.detail, lambda: self._show_person(self._person), now=False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.count = QLabel(wordWrap=True)  # the empty state is a sentence: it wraps rather than widen the window
        self.new_button = QPushButton("New person…")
        self.new_button.setToolTip("Capture someone you just met (Ctrl+N)")
        self.log_button = QPushButton("Log a conversation…")
        self.merge_button = QPushButton("Compare and merge…")
        self.more_button = QToolButton(text="More")
        self.more_button.setAccessibleName("More actions on this person")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        self.edit_action = more.addAction("Edit details…", self._edit)
        self.undo_action = more.addAction("Undo the last merge", self.undo_merge)
        self.address_action = more.addAction("Address in emails as…", self.choose_address)
        self.keep_in_touch_action = more.addAction("Keep in touch every…", self.choose_keep_in_touch)
        more.addSeparator()
        self.delete_action = more.addAction("Delete…", self.delete_person)
        self.more_button.setMenu(more)
        self.new_button.clicked.connect(lambda: self.capture_requested.emit(None))
        self.log_button.clicked.connect(self.log_conversation)
        self.merge_button.clicked.connect(self.compare_and_merge)
        search_row.addWidget(self.new_button)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        for button in (self.log_button, self.merge_button, self.more_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        title = theme.page_title("People")
        layout.addWidget(title)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

        self._timer = QTimer(self, singleShot=True, interval=60)
        self._timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._loader = DeferredReload(self)
        bus.changed.connect(self._data_changed)
        self._update_buttons()

    def _box(self, name: str, choices: list[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        for label, value in choices:
            box.addItem(label, value)
        box.currentIndexChanged.connect(lambda _i: self._apply_filter())
        return box

    # --- loading -----------------------------------------------------------------------

    def show_conference(self, conference_id: int | None) -> None:
        self._conference_id = conference_id
        self._loader.request(self._load_goals, self.reload)

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if topics & {Topic.CONTACTS, Topic.GOALS}:
            self._loader.request(self._load_goals, self.reload)

    def _load_goals(self) -> None:
        chosen = self.goal_box.currentData()
        self.goal_box.blockSignals(True)
        self.goal_box.clear()
        self.goal_box.addItem("Any goal", ANY)
        self._goal_titles = {g.id: g.title for g in self._ws.planning.goals(self._conference_id)}
        for goal_id, title in self._goal_titles.items():
            self.goal_box.addItem(title, goal_id)
        self.goal_box.setCurrentIndex(max(self.goal_box.findData(chosen), 0))
        self.goal_box.blockSignals(False)

    def reload(self) -> None:
        self._everyone = self._ws.people.people()
        self._stale = True  # the person on the right may have changed too
        self._apply_filter()

    def _apply_filter(self) -> None:
        def value(box: QComboBox) -> object:
            data = box.currentData()
            return None if data == ANY else data

        conference = value(self.conference_box)
        selected = self.selected_person_id()
        shown_rows = filter_people(
            self._everyone,
            PeopleFilter(
                words=tuple(search_key(self.search.text()).split()),
                position=str(value(self.position_box) or ""),
                relationship=value(self.relationship_box),  # type: ignore[arg-type]
                goal_id=value(self.goal_box),  # type: ignore[arg-type]
                conference_id=self._conference_id if conference == "current" else None,
                met=value(self.met_box),  # type: ignore[arg-type]
                contact=str(value(self.contact_box) or ""),
            ),
            datetime.now(timezone.utc),
        )
        header = self.table.horizontalHeader()
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        if header.sortIndicatorSection() == 0:  # the service lists by name already: keep its order
            if descending:
                shown_rows.reverse()
        else:
            shown_rows.sort(key=sort_key(header.sortIndicatorSection()), reverse=descending)
        self.model.set_rows(shown_rows)
        shown, total = len(shown_rows), len(self._everyone)
        if total == 0:
            self.count.setText("No people yet. Press Ctrl+N after a conversation, or import contacts from the File menu.")
        elif shown == 0:
            self.count.setText(f"Nobody matches these filters (of {total} people).")
        else:
            self.count.setText(f"{shown} of {total} people" if shown != total else f"{total} people")
        if not shown:
            self._show_person(None)
        elif selected is None or not self.select_person(selected):
            self.table.setCurrentIndex(self.model.index(0, 0))

    # --- selection ---------------------------------------------------------------------

    def selected_person_id(self) -> int | None:
        current = self.table.currentIndex()
        if not current.isValid():
            return None
        return self.model.row_at(current.row()).id

    def select_person(self, person_id: int) -> bool:
        position = self.model.position_of(person_id)
        if position is None:
            return False
        index = self.model.index(position, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._show_person(None)
            return
        person_id = self.model.row_at(current.row()).id
        if self._person is not None and self._person.summary.id == person_id and not self._stale:
            return  # the same person, re-selected after the list was filtered
        self._stale = False
        try:
            self._show_person(self._ws.people.person(person_id))
        except UserError:
            self._show_person(None)

    def _show_person(self, person: PersonView | None) -> None:
        self._person = person
        titles = getattr(self, "_goal_titles", {})
        self.detail.setHtml(empty_html() if person is None else person_html(person, titles))
        self._update_buttons()

    def _update_buttons(self) -> None:
        person = self._person
        for widget in (self.log_button, self.more_button):
            widget.setEnabled(person is not None)
        self.merge_button.setEnabled(person is not None and bool(person.possible_duplicates))
        self.undo_action.setEnabled(person is not None and bool(person.merges))
        if person is not None and person.merges:
            self.undo_action.setText(f"Undo the merge with {person.merges[0].merged_name}")
        else:
            self.undo_action.setText("Undo the last merge")

    # --- actions -----------------------------------------------------------------------

    def log_conversation(self) -> None:
        if self._person is not None:
            self.capture_requested.emit(self._person.summary.id)

    def _edit(self) -> None:
        if self._person is not None:
            self.edit_requested.emit(self._person.summary.id)

    def compare_and_merge(self) -> None:
        person = self._person
        if person is None or not person.possible_duplicates:
            return
        other = person.possible_duplicates[0]
        answer = MergeDialog.ask(self, person.summary, other)
        if answer is None:
            return
        if answer == DIFFERENT:
            run_action(self, self._bus, lambda: self._ws.people.mark_distinct(person.summary.id, other.id))
            return
        keep, merged = (person.summary, other) if answer == KEEP_FIRST else (other, person.summary)
        if run_action(self, self._bus, lambda: self._ws.people.merge(keep.id, merged.id)) is not None:
            self.select_person(keep.id)

    def undo_merge(self) -> None:
        person = self._person
        if person is None or not person.merges:
            return
        merge = person.merges[0]
        run_action(self, self._bus, lambda: self._ws.people.undo_merge(merge.id))

    def choose_address(self) -> None:
        """Dr or Prof, or Mr/Ms as UK and Irish consultant surgeons are addressed; blank decides by name and role."""
        person = self._person
        if person is None:
            return
        title = ask_choice(self, "Address in emails as", f"How should emails to {person.summary.name} begin?",
                           ["(by name and role)", "Dr", "Prof", "Mr", "Ms", "Miss", "Mrs", "Mx"])
        if title is not None:
            value = "" if title.startswith("(") else title
            run_action(self, self._bus, lambda: self._ws.follow_ups.set_address_title(person.summary.id, value))

    def choose_keep_in_touch(self) -> None:
        person = self._person
        if person is None:
            return
        choices = {"Twice a year": 6, "Once a year": 12, "Never": 0, "As usual (mentors and sponsors twice a year)": None}
        chosen = ask_choice(self, "Keep in touch", f"How often to send {person.summary.name} an update?", list(choices))
        if chosen is not None:
            months = choices[chosen]
            run_action(self, self._bus, lambda: self._ws.follow_ups.set_keep_in_touch(person.summary.id, months))

    def delete_person(self) -> None:
        person = self._person
        if person is None:
            return
        name = person.summary.name
        if messages.confirm(self, f"Delete {name} and your notes of every conversation with them?"):
            run_action(self, self._bus, lambda: self._ws.people.delete_person(person.summary.id))

    def export_people(self) -> None:
        from conference_app.core.services.people_exchange import export_people

        name, _filter = QFileDialog.getSaveFileName(
            self, "Export people", "people.vcf", "vCard (*.vcf);;Spreadsheet (*.csv)"
        )
        if not name:
            return
        try:
            written = export_people(self._ws.people, Path(name))
        except UserError as error:
            messages.show_error(self, str(error))
            return
        messages.show_info(self, f"Saved {written} {'person' if written == 1 else 'people'} to {Path(name).name}.")


def ask_choice(parent: QWidget, title: str, question: str, choices: list[str]) -> str | None:
    """One of `choices`, or None when the user cancels. Tests replace this entry point."""
    chosen, accepted = QInputDialog.getItem(parent, title, question, choices, 0, False)
    return chosen if accepted else None
