"""FollowUpService: decisions, settings, composing with checks, safe headers, and mark_sent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select

from conference_app.core.domain.follow_up_clock import FollowUpState, TaskStatus
from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote, Relationship
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.storage.models import Contact, OutgoingMessage
from conference_app.core.workspace import Workspace
from tests.core.test_planning import write_test_congress

MET = datetime(2026, 10, 18, 21, 0, tzinfo=timezone.utc)  # Sunday 16:00 in Chicago


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "fu.sqlite")
    opened.program.import_program(write_test_congress(tmp_path))
    opened.planning.save_profile(
        replace(opened.planning.profile(), name="Sam Rivera", stage="PGY-2", institution="Riverside University",
                email="sam@riverside.example")
    )
    yield opened
    opened.close()


def meet(workspace: Workspace, name: str, email: str = "", points: tuple[str, ...] = (), place: str = "",
         relationship: Relationship = Relationship.NONE, promises: tuple[str, ...] = ()) -> int:
    conference_id = workspace.program.current_conference_id()
    note = ConversationNote(conference_id=conference_id, met_at=MET, place=place, points=points, my_promises=promises)
    details = ContactDetails(name=name, emails=(email,) if email else ())
    return workspace.people.capture(CaptureData(details, relationship=relationship, conversation=note)).value.person_id


def test_decisions_are_stored_and_unknown_tasks_refused(workspace: Workspace) -> None:
    meet(workspace, "Jonas Berg", "jonas@nordic.example", promises=("send my CV",))
    service = workspace.follow_ups
    outcome = service.skip("promise:1:1", as_of=date(2026, 10, 20))
    assert outcome.value.status is TaskStatus.SKIPPED and outcome.changed == frozenset({Topic.FOLLOW_UPS})
    assert [t.id for t in service.tasks(date(2026, 10, 22))] == ["follow_up:1"]
    with pytest.raises(UserError, match="snooze follow_up:1 until a later day than 2026-10-22"):
        service.snooze("follow_up:1", date(2026, 10, 21), as_of=date(2026, 10, 22))
    with pytest.raises(NotFoundError, match="no person with id 9"):
        service.replied(9)
    with pytest.raises(NotFoundError, match="no message with Message-ID '<x@y>'"):
        service.mark_sent("<x@y>")


def test_cadence_and_keep_in_touch_settings_change_the_clock(workspace: Workspace) -> None:
    person = meet(workspace, "Amara Okafor", relationship=Relationship.MENTOR)
    service = workspace.follow_ups
    service.set_cadence({"follow_up_days": 5, "follow_up_overdue_days": 10})
    service.set_keep_in_touch(person, 12)
    assert [(t.id, t.due) for t in service.tasks(date(2026, 10, 20))] == [
        ("follow_up:1", date(2026, 10, 24)), ("keep_in_touch:1:2027-10-18", date(2027, 10, 18)),
    ]
    assert workspace.follow_ups.cadence().follow_up_days == 5
    with pytest.raises(UserError, match="1 to 24 months"):
        service.set_keep_in_touch(person, 30)


def test_a_merged_persons_reply_counts_for_the_person_kept(workspace: Workspace) -> None:
    kept = meet(workspace, "Jonas Berg", "jonas@nordic.example")
    other = meet(workspace, "J. Berg", "berg@other.example")
    workspace.follow_ups.replied(other, date(2026, 10, 21))
    workspace.people.merge(kept, other)
    assert workspace.follow_ups.person_state(kept, date(2026, 10, 22)) is FollowUpState.REPLIED
    assert workspace.follow_ups.person_state(other, date(2026, 10, 22)) is FollowUpState.REPLIED


def test_line_breaks_and_non_ascii_cannot_add_headers(workspace: Workspace, tmp_path: Path) -> None:
    person = meet(workspace, "Zoë Müller", "zoe@example.org", points=("robotic HPB",), place="poster hall")
    with workspace.database.sessions.begin() as session:  # as an imported card might hold it
        session.get_one(Contact, person).name = "Zoë Müller\r\nBcc: everyone@example.org"
    workspace.follow_ups.set_address_title(person, "Ms")

    (draft,) = workspace.follow_ups.write_drafts(tmp_path, date(2026, 10, 22)).value
    message = message_from_bytes(draft.file.read_bytes(), policy=policy.default)

    assert message["Bcc"] is None and "Bcc" not in message.keys()
    assert message["To"].addresses[0].display_name == "Zoë Müller Bcc: everyone@example.org"
    assert message["To"].addresses[0].addr_spec == "zoe@example.org"
    assert message.get_content().startswith("Dear Ms. ")  # the title set for her, not the default Dr.
    assert "robotic HPB" in message.get_content() and "poster hall" in message.get_content()
    assert draft.file.read_bytes().isascii()  # every header and the body encoded for the wire


def test_checks_warn_on_each_message(workspace: Workspace, tmp_path: Path) -> None:
    meet(workspace, "Jonas Berg", points=("MRN 4482913 from the trauma bay",))
    meet(workspace, "Dana Whitfield", "dana@example.org")
    messages = workspace.follow_ups.compose(date(2026, 10, 22))
    warnings = {m.task.name: m.warnings for m in messages}
    assert "no email address known: fill in To" in warnings["Jonas Berg"]
    assert any("medical record number" in w for w in warnings["Jonas Berg"])
    assert "mentions no concrete point from your conversation" in warnings["Dana Whitfield"]
    assert "does not say how you met (a session, a poster, a place)" not in warnings["Dana Whitfield"]  # the congress


def test_mark_sent_closes_the_task_and_starts_the_nudge_clock(workspace: Workspace, tmp_path: Path) -> None:
    meet(workspace, "Jonas Berg", "jonas@nordic.example")
    (draft,) = workspace.follow_ups.write_drafts(tmp_path, date(2026, 10, 22)).value
    assert workspace.follow_ups.mark_sent(draft.message_id, datetime(2026, 10, 23, 9, tzinfo=timezone.utc)).value == "follow_up:1"
    workspace.follow_ups.mark_sent(draft.message_id, datetime(2026, 10, 30, 9, tzinfo=timezone.utc))  # kept the first
    with workspace.database.sessions() as session:
        stored = session.scalars(select(OutgoingMessage)).one()
        assert (stored.state, stored.task_id, stored.sent_at) == ("sent", "follow_up:1", datetime(2026, 10, 23, 9, tzinfo=timezone.utc))
    assert [(t.id, t.due) for t in workspace.follow_ups.tasks(date(2026, 10, 23))] == [("nudge:1", date(2026, 11, 6))]


def test_an_address_given_in_the_composer_becomes_the_persons_first_email(workspace: Workspace) -> None:
    service = workspace.follow_ups
    nobody = meet(workspace, "Kofi Mensah")  # met without an address
    two = meet(workspace, "Jonas Berg", "jonas@nordic.example")
    workspace.people.capture(CaptureData(ContactDetails(name="Jonas Berg", emails=("jonas@nordic.example",
                                                                                   "berg@uni.example"))))
    day = date(2026, 10, 23)
    assert {m.task.name: m.to for m in service.compose(day)} == {"Kofi Mensah": "", "Jonas Berg": "jonas@nordic.example"}

    outcome = service.set_email_address(nobody, "Kofi Mensah <kofi@accra.example>")
    assert outcome.value == "kofi@accra.example" and Topic.CONTACTS in outcome.changed
    service.set_email_address(two, "BERG@uni.example")  # a known address moves first, without a copy
    assert {m.task.name: m.to for m in service.compose(day)} == {
        "Kofi Mensah": "kofi@accra.example", "Jonas Berg": "berg@uni.example",
    }
    assert workspace.people.details_of(two).details.emails == ("berg@uni.example", "jonas@nordic.example")
    with pytest.raises(UserError, match="is not an email address"):
        service.set_email_address(two, "berg at uni")
    with pytest.raises(NotFoundError, match="no person with id 99"):
        service.set_email_address(99, "a@b.example")
