"""The profile dialog: fill the form, save, and find it stored."""

from __future__ import annotations


import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from conference_app.core.domain.planning import ProfileData
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus
from conference_app.ui.dialogs.profile_dialog import ProfileDialog


def make_dialog(qtbot, workspace: Workspace, bus: DataBus) -> ProfileDialog:  # type: ignore[no-untyped-def]
    dialog = ProfileDialog(workspace.planning, bus)
    qtbot.addWidget(dialog)
    return dialog


def save_button(dialog: ProfileDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_filling_the_form_and_saving_stores_every_field(qtbot, workspace: Workspace, bus: DataBus, errors) -> None:
    dialog = make_dialog(qtbot, workspace, bus)
    dialog.name.setText("Ana Ruiz")
    dialog.stage.setCurrentIndex(dialog.stage.findData("PGY-2"))
    dialog.institution.setText("Home University Hospital")
    dialog.interests.setText("surgical oncology,  HPB , ")
    dialog.target_institutions.setPlainText("Lakeshore University Medical Center\n\nUniversity of California, San Francisco")
    dialog.target_fellowships.setPlainText("Complex General Surgical Oncology")
    dialog.email.setText("ana@example.org")
    dialog.phone.setText("+1 555 0100")
    dialog.linkedin.setText("linkedin.com/in/anaruiz")
    dialog.x_handle.setText("@anaruiz")
    dialog.pitch.setPlainText("PGY-2 at Home University, studying outcomes after liver resection.")
    dialog.signature.setPlainText("Ana Ruiz, MD\nPGY-2, Home University Hospital")

    with qtbot.waitSignal(bus.changed) as published:
        save_button(dialog).click()

    assert published.args == [frozenset({Topic.PROFILE})]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert errors == []
    assert workspace.planning.profile() == ProfileData(
        name="Ana Ruiz",
        stage="PGY-2",
        institution="Home University Hospital",
        interests=("surgical oncology", "HPB"),
        target_institutions=("Lakeshore University Medical Center", "University of California, San Francisco"),
        target_fellowships=("Complex General Surgical Oncology",),
        email="ana@example.org",
        phone="+1 555 0100",
        linkedin="linkedin.com/in/anaruiz",
        x_handle="@anaruiz",
        pitch="PGY-2 at Home University, studying outcomes after liver resection.",
        signature="Ana Ruiz, MD\nPGY-2, Home University Hospital",
    )
    assert dialog.saved == workspace.planning.profile()


def test_the_form_opens_with_the_stored_profile(qtbot, workspace: Workspace, bus: DataBus) -> None:
    workspace.planning.save_profile(
        ProfileData(name="Li Wei", stage="MS3", interests=("trauma", "critical care"),
                    target_institutions=("Prairie Crest University Hospital", "Summit Ridge Medical Center"))
    )

    dialog = make_dialog(qtbot, workspace, bus)

    assert (dialog.name.text(), dialog.stage.currentText()) == ("Li Wei", "MS3")
    assert dialog.interests.text() == "trauma, critical care"
    assert dialog.target_institutions.toPlainText() == "Prairie Crest University Hospital\nSummit Ridge Medical Center"
    assert dialog.data() == workspace.planning.profile()


def test_a_bad_email_blocks_saving_with_a_message(qtbot, workspace: Workspace, bus: DataBus) -> None:
    dialog = make_dialog(qtbot, workspace, bus)
    dialog.name.setText("Ana Ruiz")

    dialog.email.setText("ana at example")

    assert not save_button(dialog).isEnabled()
    assert dialog.problem.text() == "That email address does not look right."
    dialog.email.setText("ana@example.org")
    assert save_button(dialog).isEnabled() and dialog.problem.text() == ""


def test_a_long_pitch_is_flagged_but_still_saved(qtbot, workspace: Workspace, bus: DataBus, errors) -> None:
    dialog = make_dialog(qtbot, workspace, bus)
    hint = dialog.pitch_note.text()

    dialog.pitch.setPlainText("I am a student. I like surgery. I like research. I like trains.")

    assert hint.startswith("1–2 sentences")
    assert dialog.pitch_note.text() == "4 sentences: a pitch works best as 1–2 sentences."
    save_button(dialog).click()
    assert workspace.planning.profile().pitch.endswith("I like trains.")


def test_the_signature_can_be_filled_in_from_the_profile(qtbot, workspace: Workspace, bus: DataBus) -> None:
    dialog = make_dialog(qtbot, workspace, bus)
    dialog.name.setText("Ana Ruiz")
    dialog.stage.setCurrentIndex(dialog.stage.findData("MS4"))
    dialog.institution.setText("Home University")
    dialog.email.setText("ana@example.org")

    assert dialog.signature.placeholderText() == "Ana Ruiz\nMS4, Home University\nana@example.org"
    dialog.fill_signature.click()
    assert dialog.signature.toPlainText() == "Ana Ruiz\nMS4, Home University\nana@example.org"


def test_a_service_error_keeps_the_dialog_open(
    qtbot, workspace: Workspace, bus: DataBus, errors, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog(qtbot, workspace, bus)
    dialog.stage.addItem("PGY-9", "PGY-9")  # a stage the service does not know
    dialog.stage.setCurrentIndex(dialog.stage.count() - 1)

    save_button(dialog).click()

    assert errors and errors[0].startswith("unknown stage 'PGY-9'")
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.saved is None
    assert workspace.planning.profile() == ProfileData()


def test_ask_saves_and_returns_the_profile(qtbot, workspace: Workspace, bus: DataBus, monkeypatch) -> None:
    def answer(dialog: ProfileDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.name.setText("Kwame Mensah")
        save_button(dialog).click()
        return dialog.result()

    monkeypatch.setattr(ProfileDialog, "exec", answer)

    saved = ProfileDialog.ask(None, workspace.planning, bus)

    assert saved is not None and saved.name == "Kwame Mensah"
    assert workspace.planning.profile().name == "Kwame Mensah"
    monkeypatch.setattr(ProfileDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert ProfileDialog.ask(None, workspace.planning, bus) is None
