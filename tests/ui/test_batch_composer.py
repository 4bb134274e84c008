"""The batch composer: from the selected tasks to saved drafts, with the checks following each edit live."""

from __future__ import annotations

import mailbox
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from conference_app.core.services.mail_settings import save_smtp_settings
from conference_app.ui.dialogs import batch_composer
from conference_app.ui.dialogs.batch_composer import BatchComposer
from conference_app.ui.pages.tasks_page import TasksPage
from tests.ui.test_tasks_page import congress, page  # noqa: F401 - fixtures

LONG = " ".join(["We spoke about the registry and the next steps for the trauma bay project."] * 13)


def composer_for(page: TasksPage, *task_ids: str) -> BatchComposer:  # noqa: F811
    page.select_tasks(list(task_ids))
    composer = page.write_emails()
    assert composer is not None and composer.isVisible()
    return composer


def choose(composer: BatchComposer, name: str) -> None:
    row = next(i for i in range(composer.list.count()) if composer.list.item(i).text().startswith(name))
    composer.list.setCurrentRow(row)


def test_from_selection_to_saved_drafts_with_one_edited(qtbot, page: TasksPage, tmp_path: Path,  # noqa: F811
                                                       shown_messages, monkeypatch) -> None:
    page.select_first_follow_ups()
    composer = page.write_emails()
    assert composer is not None and composer.message_count() == 3
    labels = [composer.list.item(i).text() for i in range(composer.list.count())]
    assert [label.split(" <")[0] for label in labels] == ["Amara Okafor", "Dana Whitfield", "Jonas Berg"]
    assert labels[2].startswith("Jonas Berg <jonas@nordic.example>\nFollow up\nPGY-2 from Riverside University")
    assert all(label.endswith("✓ ready") for label in labels)

    choose(composer, "Dana Whitfield")
    composer.editor.subject.selectAll()
    qtbot.keyClicks(composer.editor.subject, "Thank you for the HPB advice")
    composer.editor.body.setPlainText("Dear Dr. Whitfield,\n\nThank you for the talk about robotic HPB training at "
                                      "the poster hall.\n\nSam")
    assert composer.list.currentItem().text().endswith("✓ ready · edited")

    out = tmp_path / "drafts"
    out.mkdir()
    monkeypatch.setattr(composer, "choose_folder", lambda: out)
    composer.drafts_button.click()
    assert shown_messages[-1][0] == "info" and shown_messages[-1][1].startswith(f"Saved 3 email drafts in {out}.")

    parsed = {}
    for file in sorted(out.glob("*.eml")):
        message = message_from_bytes(file.read_bytes(), policy=policy.default)
        parsed[str(message["To"].addresses[0].addr_spec)] = message
    assert set(parsed) == {"jonas@nordic.example", "dana@example.org", "amara@lakeshore.example"}
    assert all(m["X-Unsent"] == "1" and m["From"].addresses[0].addr_spec == "sam@riverside.example"
               for m in parsed.values())
    dana = parsed["dana@example.org"]
    assert dana["Subject"] == "Thank you for the HPB advice"
    assert dana.get_content().replace("\r\n", "\n").startswith("Dear Dr. Whitfield,\n\nThank you for the talk about robotic HPB")
    assert "Follow-Up from Test Surgical Congress 2026" in parsed["jonas@nordic.example"]["Subject"]
    assert "the trauma registry" in parsed["jonas@nordic.example"].get_content()
    # Drafts leave the tasks open: the user sends them from their own mail program, then marks them done.
    assert sorted(page.selected_task_ids()) == ["follow_up:1", "follow_up:2", "follow_up:3"]


def test_checks_follow_the_edits_live(qtbot, page: TasksPage) -> None:  # noqa: F811
    composer = composer_for(page, "follow_up:2", "follow_up:3")
    editor = composer.editor
    choose(composer, "Dana Whitfield")
    assert editor.check_texts() == []
    assert editor.checks.text().startswith("✓")

    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.body, "His MRN 12345678 came up.")
    assert any("medical record number" in w and "never put patient information" in w for w in editor.check_texts())
    assert "⚠ 1 to check" in composer.list.currentItem().text()

    editor.body.setPlainText(f"Dear Dr. Whitfield, robotic HPB training, the poster hall.\n\n{LONG}")
    assert any(w.endswith("words: busy surgeons read short emails, aim for 150 or fewer") for w in editor.check_texts())
    assert "aim for 150 or fewer" in editor.words.text()
    editor.body.setPlainText("Dear Dr. Whitfield, thank you for robotic HPB training at the poster hall.")
    assert editor.check_texts() == []  # cut below 150 words: the warning is gone

    choose(composer, "Amara Okafor")  # the same text to a second person is a mass mailing
    editor.body.setPlainText("Dear Dr. Whitfield, thank you for robotic HPB training at the poster hall.")
    assert "the same text goes to 2 people: make each one specific" in editor.check_texts()
    editor.reset_button.click()
    assert "the same text goes to 2 people: make each one specific" not in editor.check_texts()
    choose(composer, "Dana Whitfield")
    assert editor.check_texts() == [] and editor.reset_button.isEnabled()


def test_template_mbox_and_mail_app(qtbot, page: TasksPage, tmp_path: Path, shown_messages, monkeypatch) -> None:  # noqa: F811
    composer = composer_for(page, "follow_up:1", "promise:1:1")
    nudge = composer.template_box.findData("nudge")
    composer.template_box.setCurrentIndex(nudge)
    composer.template_box.activated.emit(nudge)
    assert "Following Up from Test Surgical Congress 2026" in composer.editor.subject.text()

    opened: list[str] = []
    monkeypatch.setattr(batch_composer, "open_in_mail_app", lambda url: opened.append(url) or True)
    composer.editor.subject.selectAll()
    qtbot.keyClicks(composer.editor.subject, "Zoe's registry, next steps")
    composer.mail_button.click()
    assert opened[0].startswith("mailto:jonas@nordic.example?subject=")
    assert "subject=Zoe%27s%20registry%2C%20next%20steps" in opened[0] and "Dear" in unquote(opened[0])

    target = tmp_path / "follow-ups.mbox"
    monkeypatch.setattr(composer, "choose_mbox_file", lambda: target)
    composer.mbox_button.click()
    box = mailbox.mbox(target)
    subjects = sorted(str(m["Subject"]) for m in box)
    box.close()
    assert len(subjects) == 2 and "Zoe's registry, next steps" in subjects
    assert shown_messages[-1][1].startswith("Saved 2 emails in follow-ups.mbox")
    composer.reject()
    assert not composer.isVisible()


def test_send_through_a_loopback_server_with_progress(qtbot, page: TasksPage, shown_messages) -> None:  # noqa: F811
    from tests.core.test_mail_sending import Collector, start_server

    for server in start_server(Collector(refuse={"dana@example.org"})):
        composer = composer_for(page, "follow_up:1", "follow_up:2", "follow_up:3")
        assert not composer.send_button.isEnabled()  # no mail server yet
        save_smtp_settings(page._ws.database.sessions, server.settings())
        composer.compose()
        assert composer.send_button.isEnabled() and composer.send_button.text() == "Send 3…"
        choose(composer, "Jonas Berg")
        composer.editor.subject.selectAll()
        qtbot.keyClicks(composer.editor.subject, "Your registry, as promised")

        composer.send_button.click()
        assert composer.sender.dialog is not None  # progress while the worker sends
        qtbot.waitUntil(lambda: composer.last_report is not None, timeout=10_000)

        assert sorted(server.handler.to()) == ["amara@lakeshore.example", "jonas@nordic.example"]
        subjects = {r.rcpt_tos[0]: str(r.message["Subject"]) for r in server.handler.received}
        assert subjects["jonas@nordic.example"] == "Your registry, as promised"  # sent as edited
        assert shown_messages[-1][1] == "Sent 2 emails. 1 failed: try them again on their own."
        # The two that went are done; the refused one stays in the composer and on the page.
        assert [composer.list.item(i).text().split(" <")[0] for i in range(composer.list.count())] == ["Dana Whitfield"]
        assert ("Done and skipped", "Jonas Berg", "Follow up", "done") in page.visible_rows()
        assert ("Due today", "Dana Whitfield", "Follow up", "due today") in page.visible_rows()


def test_mail_settings_keep_the_password_out_of_the_database(qtbot, workspace, bus) -> None:  # noqa: F811
    import keyring
    from keyring.backends import fail

    from conference_app.core.services.mail_settings import load_smtp_settings
    from conference_app.ui.dialogs.mail_settings_dialog import MailSettingsDialog

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = MailSettingsDialog(workspace, bus)
        qtbot.addWidget(dialog)
        dialog.host.setText("smtp.example.org")
        dialog.user.setText("sam")
        dialog.password.setText("s3cret-pass")
        assert not dialog.save()  # only an insecure store: refused, said plainly
        assert dialog.error.text().startswith("The server was saved, but not the password: no secure password store")
        assert dialog.password.text() == ""
    finally:
        keyring.set_keyring(before)
    assert load_smtp_settings(workspace.database.sessions).host == "smtp.example.org"
    assert b"s3cret-pass" not in workspace.database.path.read_bytes()


def test_an_uncertain_email_is_checked_then_sent_again_or_marked_sent(qtbot, page: TasksPage,  # noqa: F811
                                                                       shown_messages) -> None:
    from conference_app.core.storage.models import OutgoingMessage
    from tests.core.test_mail_sending import Collector, start_server

    workspace = page._ws
    composed = workspace.follow_ups.compose(page.today(), task_ids=["follow_up:1", "follow_up:2"])
    # The app died twice after committing "sending": the server may or may not have the emails.
    with workspace.database.sessions.begin() as session:
        for message in composed:
            session.add(OutgoingMessage(
                message_id=message.message_id, task_id=message.task.id, kind="follow_up",
                contact_id=message.task.person_id, recipient=message.to, subject=message.subject, body=message.body,
                state="sending", created_at=page.clock(), state_changed_at=page.clock(),
            ))
    page.reload()
    panel = page.uncertain
    assert panel.isVisibleTo(page) and panel.list.count() == 2

    panel.list.setCurrentRow(0)
    panel.went_button.click()  # found in the Sent folder
    assert panel.list.count() == 1

    for server in start_server(Collector()):
        save_smtp_settings(workspace.database.sessions, server.settings())
        panel.resend_button.click()  # not there: one click sends it again
        qtbot.waitUntil(lambda: not panel.runner.busy, timeout=10_000)
        assert server.handler.to() == [composed[1].to]
    assert shown_messages[-1][1] == "Sent 1 email."
    assert not panel.isVisibleTo(page)
    assert [t.id for t in workspace.follow_ups.tasks() if t.id in ("follow_up:1", "follow_up:2")] == []  # both done


def test_a_new_address_typed_in_to_is_kept_on_the_person_and_used(qtbot, page: TasksPage, congress,  # noqa: F811
                                                                   shown_messages, tmp_path: Path,
                                                                   monkeypatch) -> None:
    composer = composer_for(page, "follow_up:1", "promise:1:1", "follow_up:2")
    choose(composer, "Jonas Berg")
    to = composer.editor.to
    assert to.text() == "jonas@nordic.example" and to.isEnabled()

    to.selectAll()
    qtbot.keyClicks(to, "not an address")
    qtbot.keyClick(to, Qt.Key.Key_Return)
    assert shown_messages[-1][0] == "error" and "is not an email address" in shown_messages[-1][1]
    assert to.text() == "jonas@nordic.example"  # the refused text is not kept

    to.selectAll()
    qtbot.keyClicks(to, "j.berg@karolinska.example")
    qtbot.keyClick(to, Qt.Key.Key_Return)
    labels = [composer.list.item(i).text() for i in range(composer.list.count())]
    assert sum(label.startswith("Jonas Berg <j.berg@karolinska.example>") for label in labels) == 2  # both his emails
    assert any(label.startswith("Dana Whitfield <dana@example.org>") for label in labels)
    assert congress.people.details_of(1).details.emails == ("j.berg@karolinska.example", "jonas@nordic.example")

    out = tmp_path / "drafts"
    out.mkdir()
    monkeypatch.setattr(composer, "choose_folder", lambda: out)
    composer.drafts_button.click()
    sent_to = sorted(str(message_from_bytes(f.read_bytes(), policy=policy.default)["To"].addresses[0].addr_spec)
                     for f in out.glob("*.eml"))
    assert sent_to == ["dana@example.org", "j.berg@karolinska.example", "j.berg@karolinska.example"]
