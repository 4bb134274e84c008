"""Adds or edits a goal: what it counts, how many, in which field, with whom, by when.

A new goal can start from a template for the user's stage; the user then edits anything.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.goal_templates import GoalTemplate
from conference_app.core.domain.planning import GoalFields, GoalKind, GoalView, split_list
from conference_app.core.services.planning import MAX_TARGET_COUNT, PlanningService
from conference_app.ui.data_bus import DataBus, run_action

BLANK = ""
NO_TITLE = "Give the goal a title."
NO_DEADLINE = QDate(2000, 1, 1)  # the date edit's "no deadline" value

# What the target counts, shown after the number.
COUNTED = {
    GoalKind.MEET: " people",
    GoalKind.INTRODUCE: " institutions",
    GoalKind.LEARN: " collaborations",
    GoalKind.ATTEND: " sessions",
    GoalKind.CUSTOM: "",
}
HOW_COUNTED = {
    GoalKind.MEET: "Counts the people you mark as met for this goal.",
    GoalKind.INTRODUCE: "Counts the institutions of the people you mark as met for this goal.",
    GoalKind.LEARN: "Counts the people you mark as met to talk about research together.",
    GoalKind.ATTEND: "Counts the sessions linked to this goal that you mark as attended.",
    GoalKind.CUSTOM: "Counts the people you link to this goal.",
}


class GoalDialog(QDialog):
    def __init__(
        self,
        planning: PlanningService,
        bus: DataBus,
        conference_id: int | None,
        goal: GoalView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._planning = planning
        self._bus = bus
        self._conference_id = conference_id
        self._goal = goal
        self.saved: GoalView | None = None
        self.setWindowTitle("Edit goal" if goal else "New goal")
        self.setMinimumWidth(560)

        profile = planning.profile()
        self.template = QComboBox()
        self.template.setAccessibleName("Start from a template")
        self.template.addItem("Blank goal", BLANK)
        self._templates: dict[str, GoalTemplate] = {}
        previous_group: object = None
        for template in planning.templates_for(profile.stage):
            if template.group != previous_group and self.template.count() > 1:
                self.template.insertSeparator(self.template.count())
            previous_group = template.group
            self.template.addItem(template.name, template.id)
            self.template.setItemData(self.template.count() - 1, template.why, Qt.ItemDataRole.ToolTipRole)
            self._templates[template.id] = template
        self.template_why = QLabel()
        self.template_why.setWordWrap(True)
        theme.style(self.template_why, theme.hint_sheet)
        stage_note = f"for {profile.stage}" if profile.stage else "for every stage (set your stage in your profile)"
        self.template.setToolTip(f"Templates {stage_note}")

        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for kind in GoalKind:
            self.kind.addItem(kind.label, kind.value)
        self.how_counted = QLabel()
        self.how_counted.setWordWrap(True)
        theme.style(self.how_counted, theme.hint_sheet)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Meet 3 surgeons in surgical oncology")
        self.target = QSpinBox()
        self.target.setRange(1, MAX_TARGET_COUNT)
        self.target.setAccessibleName("Target")
        self.keywords = QLineEdit()
        self.keywords.setPlaceholderText("surgical oncology, liver resection")
        self.keywords.setToolTip("Fields or topics, separated by commas: used to suggest sessions and speakers")

        self.institutions = QPlainTextEdit()
        self.institutions.setPlaceholderText("One per line (optional)")
        self.institutions.setFixedHeight(60)
        self.institutions.setTabChangesFocus(True)
        self.add_institution = QComboBox()
        self.add_institution.setAccessibleName("Add an institution")
        self.add_institution.addItem("Add one from your targets or the program…", BLANK)
        for name in planning.known_institutions(conference_id):
            self.add_institution.addItem(name, name)
        self.add_institution.activated.connect(self._add_institution)

        self.roles = QListWidget()
        self.roles.setAccessibleName("Roles")
        self.roles.setFixedHeight(96)
        for role in planning.known_roles(conference_id):
            self._add_role_item(role)

        self._default_deadline = planning.default_deadline(conference_id)
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("ddd d MMM yyyy")
        self.deadline.setMinimumDate(NO_DEADLINE)
        self.deadline.setSpecialValueText("No deadline")
        self.deadline.setAccessibleName("Deadline")

        self._form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if goal is None:
            form.addRow("Start from a &template", self.template)
            form.addRow("", self.template_why)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            form.addRow(line)
        else:
            self.template.hide()
            self.template_why.hide()
        form.addRow("&Kind", self.kind)
        form.addRow("", self.how_counted)
        form.addRow("T&itle", self.title)
        form.addRow("Tar&get", self.target)
        form.addRow("Key&words", self.keywords)
        form.addRow("I&nstitutions", self.institutions)
        form.addRow("", self.add_institution)
        form.addRow("&Roles", self.roles)
        form.addRow("&Deadline", self.deadline)

        self.problem = QLabel()
        theme.style(self.problem, theme.problem_sheet)
        self.problem.setAccessibleName("Problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save" if goal else "Add goal")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title.textChanged.connect(self._check)
        self.template.currentIndexChanged.connect(self._template_chosen)
        if goal is not None:
            self.set_fields(goal.fields)
        else:
            self.set_fields(GoalFields(GoalKind.MEET, "", 3, deadline=self._default_deadline))
            form.setRowVisible(self.template_why, False)
        self._check()

    # --- the form as GoalFields ---------------------------------------------------------

    def fields(self) -> GoalFields:
        """The goal as typed (the service cleans and checks it when saving)."""
        deadline = self.deadline.date()
        return GoalFields(
            kind=GoalKind(self.kind.currentData()),
            title=" ".join(self.title.text().split()),
            target_count=self.target.value(),
            keywords=split_list(self.keywords.text()),
            institutions=split_list(self.institutions.toPlainText(), "\n"),
            roles=tuple(
                self.roles.item(i).text()
                for i in range(self.roles.count())
                if self.roles.item(i).checkState() == Qt.CheckState.Checked
            ),
            deadline=None if deadline == NO_DEADLINE else date(deadline.year(), deadline.month(), deadline.day()),
        )

    def set_fields(self, fields: GoalFields) -> None:
        """Fill the form (from a goal being edited or a template)."""
        self.kind.setCurrentIndex(self.kind.findData(GoalKind(fields.kind).value))
        self.title.setText(fields.title)
        self.target.setValue(fields.target_count)
        self.keywords.setText(", ".join(fields.keywords))
        self.institutions.setPlainText("\n".join(fields.institutions))
        wanted = {r.casefold() for r in fields.roles}
        for role in fields.roles:
            if not self.roles.findItems(role, Qt.MatchFlag.MatchFixedString):
                self._add_role_item(role)
        for i in range(self.roles.count()):
            item = self.roles.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text().casefold() in wanted else Qt.CheckState.Unchecked)
        deadline = fields.deadline or self._default_deadline
        self.deadline.setDate(NO_DEADLINE if deadline is None else QDate(deadline.year, deadline.month, deadline.day))
        self._kind_changed()

    def problem_text(self) -> str:
        return NO_TITLE if not self.title.text().strip() else ""

    # --- actions ------------------------------------------------------------------------

    def accept(self) -> None:
        fields = self.fields()
        if self._goal is None:
            saved = run_action(self, self._bus, lambda: self._planning.add_goal(self._conference_id, fields))
        else:
            goal_id = self._goal.id
            saved = run_action(self, self._bus, lambda: self._planning.update_goal(goal_id, fields))
        if saved is not None:
            self.saved = saved
            super().accept()

    def _template_chosen(self) -> None:
        template_id = self.template.currentData()
        template = self._templates.get(template_id or "")
        self.template_why.setText(template.why if template else "")
        self._form.setRowVisible(self.template_why, template is not None)
        if template is not None:
            self.set_fields(self._planning.goal_from_template(template.id, self._conference_id))

    def _kind_changed(self) -> None:
        kind = GoalKind(self.kind.currentData())
        self.target.setSuffix(COUNTED[kind])
        self.how_counted.setText(HOW_COUNTED[kind])

    def _add_institution(self, index: int) -> None:
        name = self.add_institution.itemData(index)
        self.add_institution.setCurrentIndex(0)
        if not name:
            return
        current = split_list(self.institutions.toPlainText(), "\n")
        if name.casefold() not in {c.casefold() for c in current}:
            self.institutions.setPlainText("\n".join((*current, name)))

    def _add_role_item(self, role: str) -> None:
        item = QListWidgetItem(role)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.roles.addItem(item)

    def _check(self) -> None:
        problem = self.problem_text()
        self.problem.setText("" if problem == NO_TITLE and not self.title.isModified() else problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        planning: PlanningService,
        bus: DataBus,
        conference_id: int | None,
        goal: GoalView | None = None,
    ) -> GoalView | None:
        """Add a goal (or edit `goal`); the saved goal, or None if the user cancelled."""
        dialog = cls(planning, bus, conference_id, goal, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.saved
