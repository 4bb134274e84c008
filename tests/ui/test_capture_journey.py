"""The at-the-poster journey through the real main window: capture by keyboard only, scan a code from a
picture and from the clipboard, import a .vcf, merge a speaker with a captured person, watch goal
progress move, and get an interrupted note back after a restart."""

from __future__ import annotations

import io
from pathlib import Path

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from conference_app.core.domain.planning import GoalFields, GoalKind
from conference_app.core.workspace import Workspace
from conference_app.ui import people_actions
from conference_app.ui.dialogs import merge_dialog, scan_dialog
from conference_app.ui.dialogs.capture_dialog import CaptureDialog
from conference_app.ui.main_window import MainWindow

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström-Nuñez\r\nN:Ångström-Nuñez;Zoë;;;\r\n"
    "ORG:Lakeshore University Medical Center\r\nTITLE:Fellowship Director\r\n"
    "EMAIL;TYPE=INTERNET:zoe@lakeshore.example\r\nTEL:+1 312 555 0142\r\nEND:VCARD\r\n"
)


def qr_png(text: str, path: Path) -> Path:
    image = qrcode.make(text.encode("utf-8"))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def open_window(qtbot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


def current_capture(window: MainWindow) -> CaptureDialog:
    dialog = window.people.capture_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_capture_by_keyboard_only_moves_goal_progress(qtbot, workspace, shown_messages) -> None:
    workspace.program.load_demo_if_empty()
    conference_id = workspace.program.current_conference_id()
    goal = workspace.planning.add_goal(
        conference_id, GoalFields(GoalKind.MEET, "Meet 3 surgical oncologists", 3, keywords=("surgical oncology",))
    ).value
    window = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts go to the active window

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = current_capture(window)
    qtbot.waitUntil(dialog.name.hasFocus)
    qtbot.keyClicks(dialog.name, "Dr. Amara Osei")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Lakeshore University Medical Center")
    dialog.specialty.setFocus()
    qtbot.keyClicks(dialog.specialty, "surgical oncology")
    dialog.points.setFocus()
    qtbot.keyClicks(dialog.points, "Her registry of peritoneal metastases")
    dialog.my_promises.setFocus()
    qtbot.keyClicks(dialog.my_promises, "send my case series")
    # The goal is suggested from her field while typing.
    qtbot.waitUntil(lambda: dialog.checked_goals() == (goal.id,), timeout=2000)
    qtbot.keyClick(dialog.my_promises, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # one keystroke

    assert not dialog.isVisible()
    people = workspace.people.people()
    assert [(p.name, p.institution, p.specialty, p.conversations) for p in people] == [
        ("Dr. Amara Osei", "Lakeshore University Medical Center", "surgical oncology", 1)
    ]
    assert workspace.planning.goal(goal.id).progress.label.startswith("1 of 3")
    person = workspace.people.person(people[0].id)
    assert person.conversations[0].points == ("Her registry of peritoneal metastases",)
    assert person.conversations[0].my_promises == ("send my case series",)
    assert workspace.people.draft() is None
    # The People page shows her and her timeline.
    window.nav.setCurrentRow(window.pages.index(("People", window.people_page)))
    assert window.people_page.model.rowCount() == 1
    assert "Her registry of peritoneal metastases" in window.people_page.detail.toPlainText()
    assert "Last met at" in window.people_page.detail.toPlainText()


def test_patient_information_is_flagged_before_saving_and_the_user_decides(qtbot, workspace, monkeypatch) -> None:
    answers: list[str] = []
    from conference_app.ui.dialogs import messages

    monkeypatch.setattr(messages, "confirm", lambda parent, question: answers.append(question) or False)
    window = open_window(qtbot, workspace)
    dialog = window.people.capture()
    dialog.name.setText("Jonas Berg")
    dialog.points.setPlainText("Discussed MRN 12345678 and the leak")
    assert dialog.warning.isVisible() and "medical record number" in dialog.warning.text()

    dialog.save()  # the user says no: nothing stored, the dialog stays
    assert answers and "MRN 12345678" in answers[0]
    assert dialog.isVisible() and workspace.people.people() == []

    monkeypatch.setattr(messages, "confirm", lambda parent, question: True)
    dialog.save()
    assert [p.name for p in workspace.people.people()] == ["Jonas Berg"]


def test_scan_a_picture_then_the_clipboard_into_prefilled_captures(qtbot, workspace, tmp_path, monkeypatch,
                                                                   shown_messages) -> None:
    window = open_window(qtbot, workspace)
    picture = qr_png(CARD, tmp_path / "card.png")
    monkeypatch.setattr(scan_dialog, "ask_open_image", lambda parent: str(picture))

    window.people.scan()
    scanner = window.people.scan_dialog
    scanner.open_image()
    scanner.choose_current()

    dialog = current_capture(window)
    assert dialog.name.text() == "Zoë Ångström-Nuñez"
    assert dialog.institution.text() == "Lakeshore University Medical Center"
    assert dialog.emails.text() == "zoe@lakeshore.example"
    assert dialog.obtained.currentData() == "qr"
    assert workspace.people.people() == []  # never a silent insert
    dialog.save()
    [zoe] = workspace.people.people()
    assert (zoe.name, zoe.emails, zoe.obtained.value) == ("Zoë Ångström-Nuñez", ("zoe@lakeshore.example",), "qr")

    # The same card pasted as a screenshot goes to the same person (her email matches).
    QApplication.clipboard().setImage(QImage(str(picture)))
    window.people.scan()
    window.people.scan_dialog.paste()
    window.people.scan_dialog.choose_current()
    current_capture(window).points.setPlainText("Asked about the HPB fellowship")
    current_capture(window).save()
    [zoe] = workspace.people.people()
    assert zoe.conversations == 2


def test_import_vcards_from_the_file_menu(qtbot, workspace, tmp_path, monkeypatch, shown_messages) -> None:
    cards = tmp_path / "people.vcf"
    cards.write_text(CARD + CARD.replace("Zoë Ångström-Nuñez", "Li Wei").replace("zoe@", "li@").replace("0142", "0143"))
    monkeypatch.setattr(people_actions, "choose_contact_files", lambda parent: [str(cards)])
    window = open_window(qtbot, workspace)

    window.people.import_contacts()
    window.people.import_contacts()  # again: no duplicates

    assert sorted(p.name for p in workspace.people.people()) == ["Li Wei", "Zoë Ångström-Nuñez"]
    assert "2 already known" in window.statusBar().currentMessage()


def test_i_met_them_merges_a_speaker_with_a_captured_person(qtbot, workspace, monkeypatch, shown_messages) -> None:
    workspace.program.load_demo_if_empty()
    conference_id = workspace.program.current_conference_id()
    speaker = workspace.program.speakers(conference_id)[0]
    goal = workspace.planning.add_goal(conference_id, GoalFields(GoalKind.CUSTOM, "Two good conversations", 2)).value
    target = workspace.planning.add_target(speaker.id, goal.id).value
    window = open_window(qtbot, workspace)

    # First met at a reception, typed in a hurry without knowing she speaks.
    dialog = window.people.capture()
    dialog.name.setText(speaker.name)
    dialog.institution.setText(speaker.affiliation)
    dialog.save()

    # Then "I met them…" on the Goals page: the same dialog, prefilled with the speaker.
    window.nav.setCurrentRow(2)
    window.goals_page.goal_list.setCurrentRow(0)
    window.goals_page.target_list.setCurrentRow(0)
    assert window.goals_page.selected_target_id() == target.id
    window.goals_page.mark_met()
    dialog = current_capture(window)
    assert dialog.name.text() == speaker.name
    assert dialog.where.currentData() == target.event_id
    assert goal.id in dialog.checked_goals()
    dialog.save()

    people = workspace.people.people()
    assert len(people) == 2  # a close name at the same institution is never merged silently
    linked = next(p for p in people if p.speaker_ids)
    page = window.people_page
    window.nav.setCurrentRow(window.pages.index(("People", page)))
    assert page.select_person(linked.id)
    assert page.merge_button.isEnabled()
    monkeypatch.setattr(merge_dialog.MergeDialog, "ask", classmethod(lambda cls, parent, a, b: merge_dialog.KEEP_FIRST))
    page.compare_and_merge()

    [person] = workspace.people.people()
    assert person.speaker_ids == (speaker.id,) and person.conversations == 2
    assert workspace.planning.goal(goal.id).progress.done == 1
    assert page.undo_action.isEnabled()
    page.undo_merge()
    assert len(workspace.people.people()) == 2


def test_an_interrupted_note_comes_back_after_a_restart(qtbot, tmp_path, monkeypatch) -> None:
    db = tmp_path / "app.sqlite"
    first = Workspace.open(db)
    window = open_window(qtbot, first)
    dialog = window.people.capture()
    qtbot.keyClicks(dialog.name, "Priya Raman")
    dialog.points.setPlainText("Her work on frailty scores")
    qtbot.waitUntil(lambda: first.people.draft() is not None, timeout=3000)
    qtbot.waitUntil(lambda: "frailty" in str(first.people.draft()), timeout=3000)
    # The app dies here: no save, no cancel.
    dialog.hide()
    window.hide()
    first.close()

    from conference_app.ui.dialogs import messages

    monkeypatch.setattr(messages, "confirm", lambda parent, question: "Priya Raman" in question)
    second = Workspace.open(db)
    restarted = open_window(qtbot, second)
    qtbot.waitUntil(lambda: restarted.people.capture_dialog is not None, timeout=2000)
    restored = current_capture(restarted)
    assert restored.name.text() == "Priya Raman"
    assert restored.points.toPlainText() == "Her work on frailty scores"
    assert restored.restored_note.isVisibleTo(restored)
    restored.save()
    assert [p.name for p in second.people.people()] == ["Priya Raman"]
    assert second.people.draft() is None
    second.close()


def test_i_met_them_from_the_speakers_page(qtbot, workspace, shown_messages) -> None:
    workspace.program.load_demo_if_empty()
    window = open_window(qtbot, workspace)
    window.nav.setCurrentRow(1)  # Speakers
    page = window.speakers_page
    page.list.setCurrentIndex(page.model.index(3, 0))
    speaker = page.model.row_at(3)

    page.met_button.click()

    dialog = current_capture(window)
    assert (dialog.name.text(), dialog.institution.text()) == (speaker.name, speaker.affiliation)
    assert dialog.where.currentData() is not None  # their session
    assert dialog.obtained.currentData() == "program"
    dialog.save()
    [person] = workspace.people.people()
    assert person.speaker_ids == (speaker.id,)
