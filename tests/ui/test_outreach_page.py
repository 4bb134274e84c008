"""The outreach page as a user drives it: read and edit drafts, save .eml files, open the mail app, edit the template."""

from __future__ import annotations

from datetime import datetime, timezone
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from sqlalchemy import delete

from conference_app.core.domain.email_templates import OUTREACH_BODY, OUTREACH_SUBJECT
from conference_app.core.services.outcome import Topic
from conference_app.core.storage.models import Target
from conference_app.ui.pages import outreach_page
from conference_app.ui.pages.outreach_page import OutreachPage, TemplateDialog
from tests.core.test_outreach import demo_database, open_demo_copy, plan_outreach  # noqa: F401 - a fixture


BEFORE_THE_CONGRESS = datetime(2026, 10, 1, 12, tzinfo=timezone.utc)  # the demo congress is 17–20 October 2026
AFTER_THE_CONGRESS = datetime(2026, 10, 21, 14, tzinfo=timezone.utc)


def make_page(qtbot, workspace, bus, now: datetime = BEFORE_THE_CONGRESS) -> OutreachPage:  # type: ignore[no-untyped-def]
    widget = OutreachPage(workspace, bus)
    qtbot.addWidget(widget)
    widget.clock = lambda: now
    widget.show_conference(workspace.program.current_conference_id())
    return widget


@pytest.fixture
def demo_workspace(demo_database: Path, tmp_path: Path):  # noqa: F811
    workspace = open_demo_copy(demo_database, tmp_path)
    yield workspace
    workspace.close()


@pytest.fixture
def page(qtbot, demo_workspace, bus, shown_messages) -> OutreachPage:
    plan_outreach(demo_workspace)
    widget = make_page(qtbot, demo_workspace, bus)
    widget.resize(1200, 760)
    widget.show()
    return widget


def people(page: OutreachPage) -> list[str]:
    return [page.people.item(i).text().split("\n")[0] for i in range(page.people.count())]


def choose(page: OutreachPage, name: str) -> None:
    position = next(i for i, text in enumerate(people(page)) if text.endswith(name))
    page.people.setCurrentRow(position)


def folder_chooser(monkeypatch, page: OutreachPage, folder: Path | None) -> list[int]:
    asked: list[int] = []
    monkeypatch.setattr(page, "choose_folder", lambda: asked.append(1) or folder)
    return asked


def parse(path: Path):
    with path.open("rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)


def test_the_page_lists_people_and_shows_the_draft(page: OutreachPage) -> None:
    assert people(page) == ["Dr. Umar Calloway", "Yara Holloway", "Dr. Zinnia Umberger"]
    assert page.count.text() == "3 people to meet"
    choose(page, "Dr. Zinnia Umberger")
    assert page.session.text().startswith("Monday, October 19, 9:30 AM · Grand Ballroom A")
    assert page.subject.text().startswith("PGY-3 at Riverside Medical Center, interested in surgical oncology")
    body = page.body.toPlainText()
    assert "on Monday, October 19 at 9:30 AM in Grand Ballroom A" in body
    assert "a PGY-3 surgical resident at Riverside Medical Center" in body
    assert page.warnings.text() == "⚠ no email address known: fill in To"
    assert page.words.text() == "105 words"
    assert not page.reset_button.isEnabled()
    assert page.save_all_button.text() == "Save all 3 as .eml drafts…"
    assert page.profile_note.isHidden()


def test_edit_save_all_and_reopen_keeps_the_edit(page: OutreachPage, monkeypatch, tmp_path, shown_messages) -> None:
    choose(page, "Dr. Zinnia Umberger")
    page.subject.setText("PGY-3, Riverside: your tumor board debate")
    page.subject.textEdited.emit(page.subject.text())
    page.to.setText("z.umberger@lakeshore.example")
    page.to.textEdited.emit(page.to.text())
    assert page.people.currentItem().text().endswith("edited, not saved")
    assert page.reset_button.isEnabled()
    asked = folder_chooser(monkeypatch, page, tmp_path)
    page.save_all_button.click()
    assert asked == [1]
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 3
    umberger = parse(tmp_path / "2026-10-19 Dr Zinnia Umberger - Visiting your panel.eml")
    assert umberger["Subject"] == "PGY-3, Riverside: your tumor board debate"
    assert umberger["To"].addresses[0].addr_spec == "z.umberger@lakeshore.example"
    assert umberger["X-Unsent"] == "1"
    assert shown_messages[-1][0] == "info" and shown_messages[-1][1].startswith(f"Saved 3 email drafts in {tmp_path}")
    # the saved edit is what the page shows after a reload, marked as edited and saved
    page.reload()
    choose(page, "Dr. Zinnia Umberger")
    assert page.subject.text() == "PGY-3, Riverside: your tumor board debate"
    assert page.to.text() == "z.umberger@lakeshore.example"
    assert page.people.currentItem().text().endswith("edited, saved")
    assert page.saved.text() == f"Saved as {tmp_path / '2026-10-19 Dr Zinnia Umberger - Visiting your panel.eml'}"
    # reset to the template and save again: the same file, the template's subject
    page.reset_button.click()
    assert page.subject.text().startswith("PGY-3 at Riverside Medical Center")
    page.save_all_button.click()
    assert sorted(tmp_path.glob("*.eml")) == files
    assert parse(files[-1])["Subject"].startswith("PGY-3 at Riverside Medical Center")


def test_save_selected_writes_only_those(page: OutreachPage, monkeypatch, tmp_path) -> None:
    choose(page, "Yara Holloway")
    assert page.save_selected_button.isEnabled()
    folder_chooser(monkeypatch, page, tmp_path)
    page.save_selected_button.click()
    assert [p.name for p in tmp_path.glob("*.eml")] == ["2026-10-18 Yara Holloway - Visiting your talk.eml"]
    page.people.selectAll()
    assert page.save_selected_button.text() == "Save 3 selected as .eml…"


def test_cancelling_the_folder_chooser_writes_nothing(page: OutreachPage, monkeypatch, shown_messages) -> None:
    asked = folder_chooser(monkeypatch, page, None)
    assert page.save_drafts() == []
    assert asked == [1] and shown_messages == []


def test_problems_are_shown_not_raised(page: OutreachPage, monkeypatch, tmp_path, shown_messages) -> None:
    folder_chooser(monkeypatch, page, tmp_path / "gone")
    page.save_all_button.click()
    assert shown_messages[-1][0] == "error" and "gone" in shown_messages[-1][1]
    assert "does not exist" in shown_messages[-1][1]
    choose(page, "Dr. Umar Calloway")
    page.to.setText("calloway at lakeshore")
    page.to.textEdited.emit(page.to.text())
    folder_chooser(monkeypatch, page, tmp_path)
    page.save_all_button.click()
    assert shown_messages[-1] == (
        "error", "the address for Dr. Umar Calloway 'calloway at lakeshore' is not an email address"
    )
    assert list(tmp_path.glob("*.eml")) == []


def test_open_in_mail_app_passes_the_edited_text(page: OutreachPage, monkeypatch, shown_messages) -> None:
    opened: list[str] = []
    monkeypatch.setattr(outreach_page, "open_in_mail_app", lambda url: opened.append(url) or True)
    choose(page, "Yara Holloway")
    page.body.setPlainText("Dear Yara,\n\nSee you at the mixer?\n")
    page.mail_button.click()
    fields = parse_qs(urlsplit(opened[0]).query)
    assert fields["body"] == ["Dear Yara,\r\n\r\nSee you at the mixer?\r\n"]
    assert fields["subject"][0].startswith("PGY-3 at Riverside Medical Center")
    monkeypatch.setattr(outreach_page, "open_in_mail_app", lambda url: False)
    page.mail_button.click()
    assert shown_messages[-1][0] == "error" and "No mail program answered" in shown_messages[-1][1]


def test_the_profile_note_names_missing_fields(qtbot, demo_workspace, bus, shown_messages) -> None:
    plan_outreach(demo_workspace, email="")
    page = make_page(qtbot, demo_workspace, bus)
    assert not page.profile_note.isHidden()
    assert page.profile_note.text().startswith("Your profile has no email yet")


def test_an_empty_plan_explains_what_to_do(qtbot, demo_workspace, bus) -> None:
    page = make_page(qtbot, demo_workspace, bus)
    assert page.people.count() == 0
    assert page.right.currentWidget() is page.empty
    assert "No people to meet yet" in page.empty.toPlainText()
    assert "Plan to meet on the Speakers page" in page.empty.toPlainText()
    assert "conference-app" not in page.empty.toPlainText()
    assert not page.save_all_button.isEnabled() and not page.mail_button.isEnabled()
    assert page.template_button.isEnabled()


def test_typing_an_address_settles_the_missing_address_warning(page: OutreachPage) -> None:
    choose(page, "Dr. Zinnia Umberger")
    assert page.warnings.text() == "⚠ no email address known: fill in To"
    page.to.setText("z.umberger@lakeshore.example")
    page.to.textEdited.emit(page.to.text())
    assert page.warnings.text() == ""
    page.to.setText("")
    page.to.textEdited.emit("")
    assert page.warnings.text() == "⚠ no email address known: fill in To"


def test_after_the_conference_the_page_points_to_the_follow_ups(qtbot, demo_workspace, bus) -> None:
    plan_outreach(demo_workspace)
    page = make_page(qtbot, demo_workspace, bus, AFTER_THE_CONGRESS)
    assert page.right.currentWidget() is page.ended_note.parentWidget()
    note = page.ended_note.text()
    assert "The conference ended on Tuesday 20 October" in note and "Follow-ups" in note
    assert not page.subject.isVisibleTo(page)  # no draft proposing "five minutes after your panel"
    assert not page.save_all_button.isEnabled() and not page.mail_button.isEnabled()
    with qtbot.waitSignal(page.follow_ups_requested):
        page.follow_ups_button.click()
    page.clock = lambda: BEFORE_THE_CONGRESS
    page.reload()
    assert page.right.currentWidget() is not page.ended_note.parentWidget()
    assert page.save_all_button.isEnabled()


def test_the_page_reloads_when_targets_change(page: OutreachPage, demo_workspace, bus) -> None:
    with demo_workspace.database.sessions.begin() as session:
        session.execute(delete(Target))
    bus.publish(frozenset({Topic.TARGETS}))
    assert page.people.count() == 0


def test_edit_template_opens_the_dialog(page: OutreachPage, monkeypatch) -> None:
    calls: list[tuple] = []
    monkeypatch.setattr(TemplateDialog, "edit", classmethod(lambda cls, *args: calls.append(args) or False))
    choose(page, "Yara Holloway")
    page.template_button.click()
    assert calls and calls[0][3] == page._conference_id and calls[0][4] == page.current_target_id()


def test_the_template_dialog_previews_refuses_mistakes_and_saves(qtbot, page: OutreachPage, demo_workspace, bus):
    choose(page, "Dr. Zinnia Umberger")
    dialog = TemplateDialog(demo_workspace.outreach, bus, page._conference_id, page.current_target_id())
    qtbot.addWidget(dialog)
    assert dialog.preview.toPlainText().startswith("Subject: PGY-3 at Riverside")
    assert "How to address them, e.g. \"Dr. Umberger\"" in [dialog.fields.item(i).text() for i in range(dialog.fields.count())]
    dialog.body.setPlainText("Dear {{ speker.name }}")
    assert not dialog.show_preview()
    assert dialog.error.text() == "template: unknown field 'speker' (body, line 1)"
    dialog.body.setPlainText("{{ ''.__class__ }}")
    dialog.save()
    assert dialog.result() == 0 and "not allowed" in dialog.error.text()
    dialog.subject.setPlainText("Meeting {{ speaker.salutation }}")
    dialog.body.setPlainText("Dear {{ speaker.salutation }},\n\nSee you in {{ session.room }}.\n")
    assert dialog.show_preview()
    assert dialog.preview.toPlainText() == (
        "Subject: Meeting Dr. Umberger\n\nDear Dr. Umberger,\n\nSee you in Grand Ballroom A.\n"
    )
    with qtbot.waitSignal(bus.changed):
        dialog.save()
    assert dialog.result() == TemplateDialog.DialogCode.Accepted
    assert page.subject.text() == "Meeting Dr. Umberger"  # the page reloaded through the bus
    dialog.reset_to_default()
    assert (dialog.subject.toPlainText(), dialog.body.toPlainText()) == (OUTREACH_SUBJECT, OUTREACH_BODY)
    dialog.save()
    assert demo_workspace.outreach.template().is_default


def test_details_go_in_from_the_list_where_the_cursor_is_and_the_preview_follows(qtbot, page: OutreachPage,
                                                                               demo_workspace, bus) -> None:
    choose(page, "Dr. Zinnia Umberger")
    dialog = TemplateDialog(demo_workspace.outreach, bus, page._conference_id, page.current_target_id())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # focus moves only in the active window
    dialog.body.setPlainText("See you in ")
    dialog.body.setFocus()
    dialog.body.moveCursor(QTextCursor.MoveOperation.End)
    room = next(dialog.fields.item(i) for i in range(dialog.fields.count())
                if dialog.fields.item(i).toolTip() == "Goes in as {{ session.room }}")
    dialog.fields.setCurrentItem(room)
    dialog.insert_button.click()
    assert dialog.body.toPlainText() == "See you in {{ session.room }}"
    qtbot.waitUntil(lambda: dialog.preview.toPlainText().rstrip().endswith("See you in Grand Ballroom A"),
                    timeout=3000)
    dialog.subject.setFocus()
    dialog.subject.setPlainText("Meeting ")
    dialog.subject.moveCursor(QTextCursor.MoveOperation.End)
    salutation = next(dialog.fields.item(i) for i in range(dialog.fields.count())
                      if dialog.fields.item(i).toolTip() == "Goes in as {{ speaker.salutation }}")
    dialog.fields.itemActivated.emit(salutation)  # a double-click
    assert dialog.subject.toPlainText() == "Meeting {{ speaker.salutation }}"
    qtbot.waitUntil(lambda: dialog.preview.toPlainText().startswith("Subject: Meeting Dr. Umberger"), timeout=3000)



def test_send_the_introductions_each_once_and_save_them_as_mbox(qtbot, page: OutreachPage, demo_workspace,
                                                                monkeypatch, tmp_path, shown_messages) -> None:
    import mailbox

    from conference_app.core.services.mail_settings import save_smtp_settings
    from tests.core.test_mail_sending import Collector, start_server

    for server in start_server(Collector()):
        save_smtp_settings(demo_workspace.database.sessions, server.settings())
        choose(page, "Dr. Zinnia Umberger")
        page.to.setText("z.umberger@lakeshore.example")
        page.to.textEdited.emit(page.to.text())
        page.subject.setText("PGY-3, Riverside: your tumor board debate")
        page.subject.textEdited.emit(page.subject.text())
        page.people.clearSelection()  # nobody selected: every email with an address

        box = tmp_path / "introductions.mbox"
        monkeypatch.setattr(page.sending, "choose_mbox_file", lambda: box)
        page.sending.mbox_button.click()
        assert shown_messages[-1][1].startswith("Saved 1 emails in introductions.mbox. Left out, no address known:")
        saved = mailbox.mbox(box)
        (only,) = list(saved)
        saved.close()
        assert only["Subject"] == "PGY-3, Riverside: your tumor board debate"

        assert page.sending.send_button.isEnabled()
        page.sending.send_button.click()
        assert shown_messages[-1][0] == "confirm" and "Send 1 email through 127.0.0.1" in shown_messages[-1][1]
        qtbot.waitUntil(lambda: page.sending.last_report is not None, timeout=10_000)
        (received,) = server.handler.received
        assert received.rcpt_tos == ["z.umberger@lakeshore.example"]
        assert str(received.message["Subject"]) == "PGY-3, Riverside: your tumor board debate"
        assert received.message["Message-ID"] == only["Message-ID"]  # the mbox copy and the email sent are one
        assert shown_messages[-1][1] == "Sent 1 email."
        qtbot.waitUntil(lambda: "sent" in page.people.item(people(page).index("Dr. Zinnia Umberger")).text())

        page.sending.last_report = None
        page.sending.send_button.click()  # again: nothing goes twice
        qtbot.waitUntil(lambda: page.sending.last_report is not None, timeout=10_000)
        assert len(server.handler.received) == 1
        assert page.sending.last_report.skipped and not page.sending.last_report.sent
