"""Introductions before the conference, through the same pipeline as the follow-ups after it.

The drafts of the Outreach page become messages with their record stored first (kind "outreach",
one per speaker, its Message-ID kept from draft to draft): `send_messages` then sends each exactly
once, and the whole batch can be saved as one mbox file. A speaker whose message went, or may
have gone, keeps that record: composing again never turns it back into a draft, so the next
batch skips it (or lists it as "check your Sent folder").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain.email_templates import OUTREACH
from conference_app.core.exporters import email_output, follow_up_files
from conference_app.core.exporters.email_output import Mailbox, PlainEmail
from conference_app.core.services.mail_sending import Outbound
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.services.outreach import (
    FINAL_STATES,
    NO_ADDRESS,
    DraftEdit,
    _Drafting,
    chosen_drafts,
    remember_edits,
    stored_message,
)
from conference_app.core.storage.models import OutgoingMessage


@dataclass(frozen=True)
class OutreachBatch:
    """The introductions ready to leave, and the people left out for want of an address."""

    messages: list[Outbound]
    speakers: dict[str, str]  # message key -> the speaker's name, for reports
    warnings: dict[str, tuple[str, ...]]  # message key -> what to look at before it leaves
    no_address: list[str]  # speakers' names


def outreach_key(speaker_id: int) -> str:
    return f"outreach:{speaker_id}"


class OutreachMail:
    """Every public method is one user action in one transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def compose(
        self,
        conference_id: int,
        only_target_ids: Collection[int] | None = None,
        edits: Mapping[int, DraftEdit | tuple[str, str]] | None = None,
    ) -> Outcome[OutreachBatch]:
        """The chosen drafts that have an address, each recorded, ready for `send_messages`."""
        with self._sessions.begin() as session:
            batch = _compose(session, conference_id, only_target_ids, edits)
        return Outcome(batch, frozenset({Topic.MESSAGES}))

    def write_mbox(
        self,
        conference_id: int,
        path: Path,
        only_target_ids: Collection[int] | None = None,
        edits: Mapping[int, DraftEdit | tuple[str, str]] | None = None,
    ) -> Outcome[OutreachBatch]:
        """The chosen drafts that have an address in one mbox file (mail programs import it as a folder)."""
        with self._sessions.begin() as session:
            batch = _compose(session, conference_id, only_target_ids, edits)
            messages = [email_output.build_message(m.email) for m in batch.messages]
            follow_up_files.write_mbox(messages, Path(path))
        return Outcome(batch, frozenset({Topic.MESSAGES}))


def _compose(
    session: Session,
    conference_id: int,
    only_target_ids: Collection[int] | None,
    edits: Mapping[int, DraftEdit | tuple[str, str]] | None,
) -> OutreachBatch:
    drafting = _Drafting(session, conference_id)
    chosen = chosen_drafts(session, drafting, only_target_ids, edits)
    sender = drafting.sender()
    now = datetime.now(timezone.utc)
    messages: list[Outbound] = []
    speakers: dict[str, str] = {}
    warnings: dict[str, tuple[str, ...]] = {}
    no_address: list[str] = []
    for item in chosen:
        draft = item.draft
        if not item.to:
            no_address.append(draft.speaker)
            continue
        stored = stored_message(session, draft.speaker_id)
        if stored is None:
            stored = OutgoingMessage(
                message_id=email_output.new_message_id(sender.address), speaker_id=draft.speaker_id, kind=OUTREACH,
                created_at=now, subject="", body="", state="draft",
            )  # fmt: skip
            session.add(stored)
        if stored.state not in FINAL_STATES:
            stored.recipient, stored.subject, stored.body = item.to, item.subject, item.body
            stored.state, stored.state_changed_at = "draft", now
        email = PlainEmail(sender, Mailbox(draft.speaker, item.to), item.subject, item.body, stored.message_id, now)
        key = outreach_key(draft.speaker_id)
        messages.append(Outbound(stored.message_id, key, item.to, item.subject, item.body, email))
        speakers[key] = draft.speaker
        warnings[key] = tuple(w for w in draft.warnings if w != NO_ADDRESS)
    remember_edits(session, chosen)
    session.flush()
    return OutreachBatch(messages, speakers, warnings, no_address)
