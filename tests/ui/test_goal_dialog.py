"""The goal dialog: start from a template, edit, save; bad input gets a message, not a crash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from conference_app.core.domain.planning import GoalFields, GoalKind, ProfileData
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus
from conference_app.ui.dialogs.goal_dialog import GoalDialog
from tests.core.test_planning import write_test_congress

PROFILE = ProfileData(
    name="Ana Ruiz",
    stage="MS4",
    interests=("surgical oncology",),
    target_institutions=("Lakeshore University Medical Center", "Harbor Point Medical College"),
)


@pytest.fixture
def conference_id(workspace: Workspace, tmp_path: Path) -> int:
    workspace.planning.save_profile(PROFILE)
    return workspace.program.import_program(write_test_congress(tmp_path)).value.conference_id


def make_dialog(qtbot, workspace: Workspace, bus: DataBus, conference_id: int | None, goal=None) -> GoalDialog:  # type: ignore[no-untyped-def]
    dialog = GoalDialog(workspace.planning, bus, conference_id, goal)
    qtbot.addWidget(dialog)
    return dialog


def ok_button(dialog: GoalDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def combo_items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]


def checked_roles(dialog: GoalDialog) -> list[str]:
    return [
        dialog.roles.item(i).text()
        for i in range(dialog.roles.count())
        if dialog.roles.item(i).checkState() == Qt.CheckState.Checked
    ]


def test_templates_follow_the_profile_stage(qtbot, workspace: Workspace, bus: DataBus, conference_id: int) -> None:
    dialog = make_dialog(qtbot, workspace, bus, conference_id)

    assert combo_items(dialog.template) == [
        "Blank goal",
        "Program directors from target programs",
        "Possible letter writers",
        "People at away-rotation sites",
        "2–3 meaningful conversations (for introverts)",
    ]
    assert dialog.windowTitle() == "New goal"
    assert not ok_button(dialog).isEnabled()  # no title yet


def test_a_goal_from_a_template_can_be_edited_then_saved(
    qtbot, workspace: Workspace, bus: DataBus, conference_id: int, errors
) -> None:
    dialog = make_dialog(qtbot, workspace, bus, conference_id)

    dialog.template.setCurrentIndex(dialog.template.findData("applicant-program-directors"))

    assert dialog.kind.currentData() == "introduce"
    assert dialog.title.text() == "Introduce myself to program directors from 2 target programs"
    assert (dialog.target.value(), dialog.target.suffix()) == (2, " institutions")
    assert dialog.institutions.toPlainText() == "Lakeshore University Medical Center\nHarbor Point Medical College"
    assert checked_roles(dialog) == ["Program Director", "Associate Program Director"]
    assert dialog.template_why.text().startswith("A program director who remembers you")
    assert dialog.deadline.date() == QDate(2026, 10, 19)

    dialog.target.setValue(1)
    dialog.title.setText("Introduce myself to the Lakeshore program director")
    dialog.institutions.setPlainText("Lakeshore University Medical Center")
    dialog.roles.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.keywords.setText("surgical oncology, HPB")
    with qtbot.waitSignal(bus.changed) as published:
        ok_button(dialog).click()

    assert published.args == [frozenset({Topic.GOALS})]
    assert errors == []
    assert dialog.result() == QDialog.DialogCode.Accepted
    [goal] = workspace.planning.goals(conference_id)
    assert goal.fields == GoalFields(
        GoalKind.INTRODUCE,
        "Introduce myself to the Lakeshore program director",
        1,
        ("surgical oncology", "HPB"),
        ("Lakeshore University Medical Center",),
        ("Program Director",),
        date(2026, 10, 19),
    )
    assert dialog.saved == goal
    assert goal.progress.label == "0 of 1 institution reached (program directors)"


def test_an_unknown_institution_gets_a_message_and_the_dialog_stays_open(
    qtbot, workspace: Workspace, bus: DataBus, conference_id: int, errors
) -> None:
    dialog = make_dialog(qtbot, workspace, bus, conference_id)
    dialog.kind.setCurrentIndex(dialog.kind.findData("meet"))
    dialog.title.setText("Meet people from Atlantis")
    dialog.institutions.setPlainText("Atlantis General")

    ok_button(dialog).click()

    assert errors == [
        "unknown institution 'Atlantis General': add it to your target institutions in your profile, "
        "or use a speaker's affiliation from the program"
    ]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert workspace.planning.goals(conference_id) == []


def test_an_empty_title_cannot_be_saved_and_the_target_is_at_least_one(
    qtbot, workspace: Workspace, bus: DataBus, conference_id: int
) -> None:
    dialog = make_dialog(qtbot, workspace, bus, conference_id)
    qtbot.keyClicks(dialog.title, "x")
    dialog.title.selectAll()
    qtbot.keyClick(dialog.title, Qt.Key.Key_Backspace)

    dialog.target.setValue(0)

    assert dialog.problem.text() == "Give the goal a title."
    assert not ok_button(dialog).isEnabled()
    assert dialog.target.value() == 1


def test_known_institutions_can_be_added_from_the_list(
    qtbot, workspace: Workspace, bus: DataBus, conference_id: int
) -> None:
    dialog = make_dialog(qtbot, workspace, bus, conference_id)
    assert combo_items(dialog.add_institution)[1:] == [
        "Lakeshore University Medical Center",
        "Harbor Point Medical College",
        "Prairie Crest University Hospital",
        "Summit Ridge Medical Center",
    ]

    for name in ("Summit Ridge Medical Center", "Harbor Point Medical College", "Summit Ridge Medical Center"):
        index = dialog.add_institution.findData(name)
        dialog.add_institution.setCurrentIndex(index)
        dialog.add_institution.activated.emit(index)

    assert dialog.institutions.toPlainText() == "Summit Ridge Medical Center\nHarbor Point Medical College"
    assert dialog.add_institution.currentIndex() == 0


def test_editing_a_goal_updates_it(qtbot, workspace: Workspace, bus: DataBus, conference_id: int, errors) -> None:
    goal = workspace.planning.add_goal(
        conference_id,
        GoalFields(GoalKind.ATTEND, "Oncology sessions", 3, ("surgical oncology",), deadline=date(2026, 10, 18)),
    ).value
    dialog = make_dialog(qtbot, workspace, bus, conference_id, goal)

    assert dialog.windowTitle() == "Edit goal" and dialog.template.isHidden()
    assert (dialog.kind.currentData(), dialog.title.text(), dialog.target.value()) == ("attend", "Oncology sessions", 3)
    assert dialog.target.suffix() == " sessions"
    assert dialog.keywords.text() == "surgical oncology"
    assert dialog.deadline.date() == QDate(2026, 10, 18)

    dialog.target.setValue(5)
    dialog.deadline.setDate(QDate(2026, 10, 19))
    with qtbot.waitSignal(bus.changed) as published:
        ok_button(dialog).click()

    assert published.args == [frozenset({Topic.GOALS, Topic.TARGETS})]
    [stored] = workspace.planning.goals(conference_id)
    assert (stored.id, stored.target_count, stored.deadline) == (goal.id, 5, date(2026, 10, 19))
    assert errors == []


def test_without_a_conference_the_goal_has_no_deadline(qtbot, workspace: Workspace, bus: DataBus) -> None:
    dialog = make_dialog(qtbot, workspace, bus, None)
    assert dialog.deadline.text() == "No deadline"
    dialog.title.setText("Write to two mentors")
    dialog.kind.setCurrentIndex(dialog.kind.findData("custom"))
    dialog.target.setValue(2)

    ok_button(dialog).click()

    [goal] = workspace.planning.goals(None)
    assert (goal.kind, goal.deadline, goal.conference_id, goal.target_count) == (GoalKind.CUSTOM, None, None, 2)


def test_ask_returns_the_saved_goal(qtbot, workspace: Workspace, bus: DataBus, conference_id: int, monkeypatch) -> None:
    def answer(dialog: GoalDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.template.setCurrentIndex(dialog.template.findData("few-meaningful-conversations"))
        ok_button(dialog).click()
        return dialog.result()

    monkeypatch.setattr(GoalDialog, "exec", answer)

    goal = GoalDialog.ask(None, workspace.planning, bus, conference_id)

    assert goal is not None
    assert (goal.title, goal.target_count) == ("Have 2–3 meaningful conversations about surgical oncology", 2)
    assert [g.id for g in workspace.planning.goals(conference_id)] == [goal.id]
    monkeypatch.setattr(GoalDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert GoalDialog.ask(None, workspace.planning, bus, conference_id, goal) is None
