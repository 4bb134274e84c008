"""Goals: progress at a glance, and for the chosen goal the sessions and speakers that fit, with reasons."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.domain.planning import GoalView, TargetView
from conference_app.core.domain.ranking import Suggestion
from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui import theme
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.goal_dialog import GoalDialog
from conference_app.ui.dialogs.profile_dialog import ProfileDialog
from conference_app.ui.widgets.card_list import CardList
from conference_app.ui.widgets.goal_card import GoalCard
from conference_app.ui.widgets.suggestion_card import SuggestionCard

TOPICS = {Topic.GOALS, Topic.PROFILE, Topic.TARGETS, Topic.PICKS, Topic.PROGRAM, Topic.CONTACTS}
SUGGESTIONS = 15


class GoalsPage(QWidget):
    met_requested = Signal(int)  # a speaker the user met: the window opens the capture dialog

    def __init__(self, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._bus = bus
        self._conference_id: int | None = None
        self._goals: list[GoalView] = []

        self.profile_line = QLabel()
        self.profile_line.setWordWrap(True)
        edit_profile = QPushButton("Edit profile…")
        edit_profile.clicked.connect(self.edit_profile)
        self.new_goal = QPushButton("New goal…")
        self.new_goal.clicked.connect(self.add_goal)
        header = QHBoxLayout()
        title = theme.page_title("Goals")
        header.addWidget(title)
        header.addWidget(self.profile_line, 1)
        header.addWidget(edit_profile)
        header.addWidget(self.new_goal)

        self.goal_list = CardList()
        self.goal_list.setAccessibleName("Goals")
        self.goal_list.currentRowChanged.connect(self._goal_chosen)
        self.goal_list.currentItemChanged.connect(self._mark_current)
        self.goal_list.itemDoubleClicked.connect(lambda _item: self.edit_goal())
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_goal)
        self.done_button = QPushButton("Mark done")
        self.done_button.clicked.connect(self.toggle_done)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_goal)
        goal_buttons = QHBoxLayout()
        for button in (self.edit_button, self.done_button, self.delete_button):
            goal_buttons.addWidget(button)
        goal_buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.goal_list, 1)
        left_layout.addLayout(goal_buttons)

        self.suggestions_title = QLabel()
        self.suggestions_title.setWordWrap(True)  # a long goal title wraps instead of widening the window
        self.suggestion_list = CardList()
        self.suggestion_list.setAccessibleName("Suggestions")
        self.suggestion_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.suggestion_list.setAlternatingRowColors(True)
        self.targets_title = QLabel("<b>People to meet for this goal</b>")
        self.targets_title.setWordWrap(True)
        self.target_list = QListWidget()
        self.target_list.setAccessibleName("People to meet")
        self.target_list.setMaximumHeight(120)
        self.target_list.setWordWrap(True)
        self.target_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.target_list.currentItemChanged.connect(lambda _current, _previous: self._update_target_buttons())
        self.met_button = QPushButton("I met them…")
        self.met_button.clicked.connect(self.mark_met)
        self.forget_button = QPushButton("Not anymore")
        self.forget_button.clicked.connect(self.remove_target)
        self._update_target_buttons()
        target_buttons = QHBoxLayout()
        target_buttons.addWidget(self.met_button)
        target_buttons.addWidget(self.forget_button)
        target_buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.suggestions_title)
        right_layout.addWidget(self.suggestion_list, 1)
        right_layout.addWidget(self.targets_title)
        right_layout.addWidget(self.target_list)
        right_layout.addLayout(target_buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 800])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        self._loader = DeferredReload(self)
        bus.changed.connect(self._data_changed)

    # --- loading ------------------------------------------------------------------------

    def show_conference(self, conference_id: int | None) -> None:
        self._conference_id = conference_id
        self._loader.request(self.reload)

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if topics & TOPICS:
            self._loader.request(self.reload)

    def reload(self) -> None:
        profile = self._ws.planning.profile()
        facts = " · ".join(x for x in (profile.name, profile.stage, profile.institution) if x)
        self.profile_line.setText(
            html.escape(facts) if facts else "<i>Fill in your profile so suggestions and emails know who you are.</i>"
        )
        chosen = self.current_goal_id()
        self._goals = self._ws.planning.goals(self._conference_id) if self._conference_id else []
        self.goal_list.blockSignals(True)
        self.goal_list.clear()
        for goal in self._goals:
            self.goal_list.add_card(GoalCard(goal), goal.id)
        self.goal_list.blockSignals(False)
        self.select_goal(chosen)

    def select_goal(self, goal_id: int | None) -> None:
        """Show one goal (the first when it is not listed) with its suggestions."""
        ids = [g.id for g in self._goals]
        self.goal_list.blockSignals(True)
        self.goal_list.setCurrentRow(ids.index(goal_id) if goal_id in ids else (0 if ids else -1))
        self.goal_list.blockSignals(False)
        self._mark_current(self.goal_list.currentItem(), None)
        self._goal_chosen(self.goal_list.currentRow())

    def _mark_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        """The chosen goal's card draws its text in the selection's colours."""
        for row in range(self.goal_list.count()):
            item = self.goal_list.item(row)
            card = self.goal_list.itemWidget(item)
            if isinstance(card, GoalCard):
                card.set_selected(item is current)

    def current_goal_id(self) -> int | None:
        item = self.goal_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def current_goal(self) -> GoalView | None:
        goal_id = self.current_goal_id()
        return next((g for g in self._goals if g.id == goal_id), None)

    def _goal_chosen(self, _row: int) -> None:
        goal = self.current_goal()
        for button in (self.edit_button, self.done_button, self.delete_button):
            button.setEnabled(goal is not None)
        self.suggestion_list.clear()
        self.target_list.clear()
        self._update_target_buttons()
        if goal is None:
            self.suggestions_title.setText(
                "<b>No goals yet.</b> Press <i>New goal…</i> and start from a template for your stage."
                if self._conference_id else "<b>Import a conference program first</b> (File ▸ Import program…, Ctrl+I): goals belong to a conference."
            )
            return
        self.done_button.setText("Reopen" if goal.status == "done" else "Mark done")
        self.show_suggestions(self._ws.suggestions.suggest(goal.id, limit=SUGGESTIONS))
        conference_id = goal.conference_id or self._conference_id or 0
        targets = self._ws.planning.targets(conference_id)
        # Those planned for no goal (from the Speakers page) are shown under every goal.
        self.show_targets([t for t in targets if t.goal_id == goal.id] + [t for t in targets if t.goal_id is None])

    def show_suggestions(self, suggestions: list[Suggestion]) -> None:
        goal = self.current_goal()
        title = html.escape(goal.title) if goal else ""
        self.suggestions_title.setText(
            f"<b>Suggested for “{title}”</b> — best first, with the reasons"
            if suggestions else f"<b>Nothing in the program matches “{title}” yet</b>: add keywords, "
            "institutions or roles to the goal."
        )
        for suggestion in suggestions:
            self.suggestion_list.add_card(SuggestionCard(suggestion, self.accept_session, self.meet_speaker))

    def show_targets(self, targets: list[TargetView]) -> None:
        for target in targets:
            facts = " · ".join(x for x in (target.role, target.affiliation) if x)
            where = f" — {target.where}" if target.where else ""
            no_goal = " · for no goal yet" if target.goal_id is None else ""
            label = (
                f"{'✓ met · ' if target.met else ''}{target.name}{' (' + facts + ')' if facts else ''}{where}{no_goal}"
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, target.id)
            self.target_list.addItem(item)
        if not targets:
            self.target_list.addItem(
                QListWidgetItem("Nobody yet: press Meet on a suggested speaker, or Plan to meet on the Speakers page.")
            )
            self.target_list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._update_target_buttons()

    def _update_target_buttons(self) -> None:
        chosen = self.selected_target_id() is not None
        for button in (self.met_button, self.forget_button):
            button.setEnabled(chosen)
        why = "" if chosen else "Choose a person in the list first"
        self.met_button.setToolTip(why or "Note the conversation with this person")
        self.forget_button.setToolTip(why or "You no longer mean to meet this person")

    # --- actions ------------------------------------------------------------------------

    def edit_profile(self) -> None:
        ProfileDialog.ask(self, self._ws.planning, self._bus)

    def add_goal(self) -> None:
        if self._conference_id is None:
            messages.show_error(self, "Import a conference program first: goals belong to a conference.")
            return
        added = GoalDialog.ask(self, self._ws.planning, self._bus, self._conference_id)
        if added is not None:
            self.select_goal(added.id)

    def edit_goal(self) -> None:
        goal = self.current_goal()
        if goal is not None:
            GoalDialog.ask(self, self._ws.planning, self._bus, goal.conference_id, goal)

    def toggle_done(self) -> None:
        goal = self.current_goal()
        if goal is not None:
            status = "active" if goal.status == "done" else "done"
            run_action(self, self._bus, lambda: self._ws.planning.set_goal_status(goal.id, status))

    def delete_goal(self) -> None:
        goal = self.current_goal()
        if goal is not None and messages.confirm(self, f"Delete the goal “{goal.title}”? People you met stay."):
            run_action(self, self._bus, lambda: self._ws.planning.delete_goal(goal.id))

    def accept_session(self, suggestion: Suggestion, priority: str) -> None:
        goal_id = self.current_goal_id()
        if goal_id is not None:
            run_action(self, self._bus, lambda: self._ws.planning.accept_session(goal_id, suggestion.row_id, priority))

    def meet_speaker(self, suggestion: Suggestion) -> None:
        goal_id = self.current_goal_id()
        meet_at = suggestion.meet_at
        run_action(
            self,
            self._bus,
            lambda: self._ws.planning.add_target(suggestion.row_id, goal_id, meet_at.id if meet_at else None),
        )

    def selected_target_id(self) -> int | None:
        item = self.target_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def mark_met(self) -> None:
        """Open the capture dialog for the chosen person to meet, prefilled with the speaker."""
        target_id = self.selected_target_id()
        if target_id is None:
            return
        try:
            speaker_id = self._ws.planning.target(target_id).speaker_id
        except UserError as error:
            messages.show_error(self, str(error))
            return
        self.met_requested.emit(speaker_id)

    def remove_target(self) -> None:
        target_id = self.selected_target_id()
        if target_id is not None:
            run_action(self, self._bus, lambda: self._ws.planning.remove_target(target_id))
