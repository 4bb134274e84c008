"""Follow-ups: whom to write to and when, on the etiquette's clock — overdue, due today, upcoming, done.

The tasks are derived by the service for the day shown; every button is one service call per task,
and the page reloads from the data bus like every other page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.domain.follow_up_clock import Task, TaskKind, TaskStatus
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui import theme
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import follow_up_dialogs, messages
from conference_app.ui.dialogs.batch_composer import BatchComposer
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.widgets.uncertain_messages import UncertainMessages
from conference_app.ui.pages.follow_up_words import due_words, kind_words

TOPICS = {Topic.FOLLOW_UPS, Topic.CONTACTS, Topic.MESSAGES}
TASK_ID = Qt.ItemDataRole.UserRole
NOT_AT_A_CONFERENCE = "Not tied to a conference"
EMPTY_TEXT = (
    "Nothing to follow up. Press Ctrl+N after each conversation to note whom you met; after a conference, "
    "they appear here 3 days after it ends, "
    "with what you promised them. Mentors and sponsors come back every few months for an update."
)
SECTIONS = ("Overdue", "Due today", "Upcoming", "Done and skipped")


def section_of(task: Task, today: date) -> int:
    if task.status is TaskStatus.OVERDUE:
        return 0
    if task.status is TaskStatus.OPEN and task.due <= today:
        return 1
    if task.status in (TaskStatus.OPEN, TaskStatus.SNOOZED):
        return 2
    return 3


def _now() -> datetime:
    return datetime.now(timezone.utc)


class TasksPage(QWidget):
    def __init__(self, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._bus = bus
        self._conference_title = ""
        self._tasks: dict[str, Task] = {}
        self.clock: Callable[[], datetime] = _now  # tests set the day the page is about
        self.composer: BatchComposer | None = None

        title = theme.page_title("Follow-ups")
        theme.follow(self, self.reload, now=False)
        self.by_person = QRadioButton("By person")
        self.by_conference = QRadioButton("By conference")
        self.by_person.setChecked(True)
        self.grouping = QButtonGroup(self)
        for button in (self.by_person, self.by_conference):
            button.setAccessibleName(f"Group {button.text().lower()}")
            self.grouping.addButton(button)
        self.by_person.toggled.connect(lambda _on: self.reload())
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(QLabel("Group:"))
        header.addWidget(self.by_person)
        header.addWidget(self.by_conference)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Follow-up tasks")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Task", "When", "Conference"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(2, 220)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self.write_emails() if item.data(0, TASK_ID) else None)
        self.empty = QLabel(EMPTY_TEXT, wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(24)
        self.body = QStackedWidget()
        self.body.addWidget(self.empty)
        self.body.addWidget(self.tree)

        self.count = QLabel(wordWrap=True)
        self.select_firsts_button = QPushButton("Select first follow-ups from this conference")
        self.select_firsts_button.setToolTip("Every open first follow-up from the conference of the chosen task")
        self.select_firsts_button.clicked.connect(self.select_first_follow_ups)
        self.write_button = QPushButton("Write emails…")
        self.write_button.setToolTip("Merge an email for each selected task, check them, then save or send them")
        self.write_button.clicked.connect(self.write_emails)
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("I did it (for example, I sent the email from my own mail program)")
        self.done_button.clicked.connect(self.mark_done)
        self.snooze_button = QPushButton("Snooze…")
        self.snooze_button.setToolTip("Hide until a day you choose")
        self.snooze_button.clicked.connect(self.snooze)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setToolTip("Not needed: keep it under Done and skipped")
        self.skip_button.clicked.connect(self.skip)
        self.replied_button = QPushButton("They replied…")
        self.replied_button.setToolTip("They wrote back: no nudge; a reply task if they asked for something")
        self.replied_button.clicked.connect(self.replied)
        self.calendar_button = QPushButton("Export to calendar…")
        self.calendar_button.setToolTip("The open tasks as calendar events with a reminder on the day they are due")
        self.calendar_button.clicked.connect(self.export_calendar)
        first_row = QHBoxLayout()
        first_row.addWidget(self.count, 1)
        first_row.addWidget(self.calendar_button)
        first_row.addWidget(self.select_firsts_button)
        first_row.addWidget(self.write_button)
        second_row = QHBoxLayout()
        second_row.addStretch(1)
        for button in (self.done_button, self.snooze_button, self.skip_button, self.replied_button):
            second_row.addWidget(button)

        self.uncertain = UncertainMessages(workspace, bus)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.uncertain)
        layout.addWidget(self.body, 1)
        layout.addLayout(first_row)
        layout.addLayout(second_row)
        self._loader = DeferredReload(self)
        bus.changed.connect(self._data_changed)
        self._update_buttons()

    # --- loading ------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock().astimezone().date()

    def show_conference(self, conference_id: int | None) -> None:
        titles = {c.id: c.title for c in self._ws.program.conferences()}
        self._conference_title = titles.get(conference_id, "") if conference_id is not None else ""
        self._loader.request(self.reload)

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if topics & TOPICS:
            self._loader.request(self.reload)

    def reload(self) -> None:
        self.uncertain.reload()
        selected = set(self.selected_task_ids(open_only=False))
        today = self.today()
        tasks = self._ws.follow_ups.tasks(today, include_all=True)
        self._tasks = {t.id: t for t in tasks}
        by_section: list[list[Task]] = [[], [], [], []]
        for task in tasks:
            by_section[section_of(task, today)].append(task)
        self.tree.clear()
        for number, (name, members) in enumerate(zip(SECTIONS, by_section, strict=True)):
            if not members:
                continue
            section = QTreeWidgetItem([f"{name} ({len(members)})"])
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            self.tree.addTopLevelItem(section)
            self._add_groups(section, members, today)
            section.setExpanded(number < 3)
        self.body.setCurrentIndex(1 if tasks else 0)
        open_count = sum(1 for t in tasks if t.is_open)
        late = len(by_section[0])
        self.count.setText(
            f"{open_count} open {'task' if open_count == 1 else 'tasks'}" + (f", {late} overdue" if late else "")
            if tasks else ""
        )
        self._select(selected)
        self._update_buttons()

    def _add_groups(self, section: QTreeWidgetItem, tasks: list[Task], today: date) -> None:
        by_conference = self.by_conference.isChecked()
        groups: dict[str, list[Task]] = {}
        for task in tasks:
            key = (task.conference or NOT_AT_A_CONFERENCE) if by_conference else task.name
            groups.setdefault(key, []).append(task)
        for key in sorted(groups, key=str.casefold) if by_conference else groups:
            group = QTreeWidgetItem([key])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            section.addChild(group)
            for task in groups[key]:
                what = kind_words(task) if not by_conference else f"{kind_words(task)} — {task.name}"
                item = QTreeWidgetItem([what, due_words(task, today), task.conference or NOT_AT_A_CONFERENCE])
                item.setData(0, TASK_ID, task.id)
                item.setToolTip(0, f"{kind_words(task)}\n{task.name}\ndue {task.due:%A %d %B %Y}")
                if task.status is TaskStatus.OVERDUE:
                    item.setForeground(1, theme.problem())
                group.addChild(item)
            group.setExpanded(True)

    def _leaves(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(i)
            for j in range(section.childCount()):
                group = section.child(j)
                found.extend(group.child(k) for k in range(group.childCount()))
        return found

    def _select(self, task_ids: set[str]) -> None:
        for item in self._leaves():
            if item.data(0, TASK_ID) in task_ids:
                item.setSelected(True)

    # --- selection ----------------------------------------------------------------------

    def visible_rows(self) -> list[tuple[str, str, str, str]]:
        """(section, group, task, when) for every task shown: what a user reads, for tests and checks."""
        rows = []
        for item in self._leaves():
            group = item.parent()
            section = group.parent().text(0).rsplit(" (", 1)[0]
            rows.append((section, group.text(0), item.text(0), item.text(1)))
        return rows

    def selected_task_ids(self, open_only: bool = True) -> list[str]:
        ids = [str(item.data(0, TASK_ID)) for item in self._leaves() if item.isSelected()]  # in the order shown
        return [i for i in ids if i in self._tasks and (self._tasks[i].is_open or not open_only)]

    def select_tasks(self, task_ids: list[str]) -> None:
        self.tree.clearSelection()
        self._select(set(task_ids))

    def select_first_follow_ups(self) -> list[str]:
        """Every open first follow-up from the chosen task's conference (or the conference shown)."""
        current = self.tree.currentItem()
        chosen = self._tasks.get(str(current.data(0, TASK_ID))) if current is not None else None
        conference = chosen.conference if chosen is not None and chosen.conference else self._conference_title
        ids = [t.id for t in self._tasks.values()
               if t.kind is TaskKind.FOLLOW_UP and t.is_open and t.conference == conference]
        self.select_tasks(ids)
        return ids

    def _update_buttons(self) -> None:
        chosen = self.selected_task_ids()
        for button in (self.done_button, self.snooze_button, self.skip_button, self.write_button):
            button.setEnabled(bool(chosen))
        self.write_button.setText(f"Write {len(chosen)} emails…" if len(chosen) > 1 else "Write emails…")
        self.replied_button.setEnabled(bool(self.selected_task_ids(open_only=False)))
        self.select_firsts_button.setEnabled(any(t.kind is TaskKind.FOLLOW_UP and t.is_open
                                                 for t in self._tasks.values()))

    # --- actions ------------------------------------------------------------------------

    def _each(self, action: Callable[[str], object]) -> None:
        for task_id in self.selected_task_ids():
            if run_action(self, self._bus, lambda t=task_id: action(t)) is None:  # type: ignore[misc]
                return

    def mark_done(self) -> None:
        today = self.today()
        self._each(lambda task_id: self._ws.follow_ups.done(task_id, today))

    def skip(self) -> None:
        today = self.today()
        self._each(lambda task_id: self._ws.follow_ups.skip(task_id, today))

    def snooze(self) -> None:
        chosen = self.selected_task_ids()
        if not chosen:
            return
        today = self.today()
        until = follow_up_dialogs.ask_snooze_until(self, today, len(chosen))
        if until is not None:
            self._each(lambda task_id: self._ws.follow_ups.snooze(task_id, until, today))

    def replied(self) -> None:
        chosen = self.selected_task_ids(open_only=False)
        if not chosen:
            return
        people = {self._tasks[i].person_id: self._tasks[i].name for i in chosen}
        for person_id, name in people.items():
            answer = follow_up_dialogs.ask_replied(self, name, self.today())
            if answer is None:
                return
            on, asks = answer
            def record(p: int = person_id, d: date = on, a: bool = asks) -> object:
                return self._ws.follow_ups.replied(p, d, a)

            if run_action(self, self._bus, record) is None:  # type: ignore[arg-type]
                return

    def export_calendar(self) -> None:
        path = ask_calendar_file(self)
        if path is None:
            return
        tasks = run_action(self, self._bus, lambda: self._ws.follow_ups.write_ics(path, self.today()))
        if tasks is not None:
            messages.show_info(self, f"Saved {len(tasks)} follow-up{'' if len(tasks) == 1 else 's'} to {path.name}; "
                                     "open it with your calendar app.")

    def write_emails(self) -> BatchComposer | None:
        """The batch composer for the selected open tasks; it opens without blocking the window."""
        chosen = self.selected_task_ids()
        if not chosen:
            return None
        self.composer = BatchComposer(self._ws, self._bus, chosen, self.today(), self, self.clock)
        self.composer.open()
        return self.composer


def ask_calendar_file(parent: QWidget) -> Path | None:
    """Where to save the follow-ups as an .ics file. Tests replace this entry point."""
    name, _filter = QFileDialog.getSaveFileName(parent, "Export follow-ups to calendar", "follow-ups.ics",
                                                "Calendar (*.ics)")
    return Path(name) if name else None
