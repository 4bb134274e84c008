"""Service: short emails to speakers the user means to meet, written as .eml drafts or mailto: links.

One draft per person (a speaker marked to meet for several goals still gets one email). The text
comes from the user's outreach template; a draft the user edited by hand keeps its edits (stored
with its OutgoingMessage) until they reset it, while untouched drafts follow template changes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain import email_templates as templates
from conference_app.core.domain.email_templates import OUTREACH
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.exporters import email_output
from conference_app.core.exporters.email_output import Mailbox, PlainEmail
from conference_app.core.services.outcome import Outcome, Topic

# The drafts and the choice of which leave live in their own modules; callers import them from here.
from conference_app.core.services.outreach_drafting import CUSTOMIZED as CUSTOMIZED
from conference_app.core.services.outreach_drafting import FINAL_STATES as FINAL_STATES
from conference_app.core.services.outreach_drafting import MAX_WORDS as MAX_WORDS
from conference_app.core.services.outreach_drafting import NO_ADDRESS as NO_ADDRESS
from conference_app.core.services.outreach_drafting import DraftEdit as DraftEdit
from conference_app.core.services.outreach_drafting import OutreachDraft as OutreachDraft
from conference_app.core.services.outreach_drafting import _Drafting as _Drafting
from conference_app.core.services.outreach_drafting import _me as _me
from conference_app.core.services.outreach_drafting import _sample_fields, _template_row
from conference_app.core.services.outreach_drafting import stored_message as stored_message
from conference_app.core.services.outreach_selection import ChosenDraft as ChosenDraft
from conference_app.core.services.outreach_selection import _text_for
from conference_app.core.services.outreach_selection import chosen_drafts as chosen_drafts
from conference_app.core.services.outreach_selection import remember_edits as remember_edits
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import (
    Conference,
    EmailTemplate,
    Event,
    OutgoingMessage,
    Profile,
    Speaker,
    Target,
)
from conference_app.core.storage.settings import get_setting, put_setting

LAST_FOLDER = "outreach.last_folder"
TEMPLATE_NAME = "Outreach before the conference"


@dataclass(frozen=True)
class TemplateText:
    subject: str
    body: str
    is_default: bool


class OutreachService:
    """Every public method is one user action in one transaction, returning plain values."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- drafts ---------------------------------------------------------------------------

    def drafts(self, conference_id: int) -> list[OutreachDraft]:
        """One draft per person to meet in the conference, by name."""
        with self._sessions() as session:
            return _Drafting(session, conference_id).drafts()

    def conference_ended(self, conference_id: int, now: datetime) -> date | None:
        """The conference's last day if it is over at `now` (a day in its own zone), else None.

        Past that day an introduction asking for five minutes after a session no longer fits:
        the people met are followed up instead.
        """
        with self._sessions() as session:
            conference = get_or_raise(session, Conference, conference_id, "conference")
            last_day = conference.end_date
            if last_day is None:
                last = session.scalar(select(func.max(Event.end)).where(Event.conference_id == conference_id))
                last_day = last.astimezone(ZoneInfo(conference.time_zone)).date() if last is not None else None
            today = now.astimezone(ZoneInfo(conference.time_zone)).date()
        return last_day if last_day is not None and today > last_day else None

    def missing_profile_fields(self) -> tuple[str, ...]:
        """The profile fields an outreach email needs that are still empty."""
        with self._sessions() as session:
            profile = session.get(Profile, 1)
            values = {
                "name": profile.name if profile else "",
                "stage": profile.stage if profile else "",
                "institution": profile.institution if profile else "",
                "email": profile.email if profile else "",
            }
        return tuple(field for field, value in values.items() if not (value or "").strip())

    def mailto_url(self, target_id: int, edit: DraftEdit | None = None) -> str:
        """A mailto: link for the person's draft (or for `edit`, the text as the user changed it)."""
        with self._sessions() as session:
            target = session.get(Target, target_id)
            speaker = session.get(Speaker, target.speaker_id) if target else None
            if speaker is None:
                raise NotFoundError(f"no person to meet with id {target_id}")
            draft = _Drafting(session, speaker.conference_id).draft_for(target_id)
        subject, body, to = _text_for(draft, edit)
        recipient = email_output.parse_address(to, f"the address for {draft.speaker}")
        return email_output.mailto_url(recipient, subject, body)

    def write_eml(
        self,
        conference_id: int,
        out_dir: Path,
        only_target_ids: Collection[int] | None = None,
        edits: Mapping[int, DraftEdit | tuple[str, str]] | None = None,
    ) -> Outcome[list[Path]]:
        """Write one .eml draft (X-Unsent: 1) per person to meet into `out_dir`, in the order of drafts().

        Writing again for the same person rewrites the same file and updates the same stored
        message (same Message-ID); nothing is duplicated.
        """
        folder = email_output.check_output_dir(Path(out_dir)).resolve()
        with self._sessions.begin() as session:
            drafting = _Drafting(session, conference_id)
            ready = chosen_drafts(session, drafting, only_target_ids, edits)
            sender = drafting.sender()
            written: list[Path] = []
            for chosen in ready:
                path = self._write_one(session, folder, chosen.draft, sender, chosen.to, chosen.subject, chosen.body,
                                       written)  # fmt: skip
                written.append(path)
            remember_edits(session, ready)
            put_setting(session, LAST_FOLDER, str(folder))
        return Outcome(written, frozenset({Topic.MESSAGES}))

    def _write_one(
        self,
        session: Session,
        folder: Path,
        draft: OutreachDraft,
        sender: Mailbox,
        recipient: str,
        subject: str,
        body: str,
        taken: list[Path],
    ) -> Path:
        stored = stored_message(session, draft.speaker_id)
        now = datetime.now(timezone.utc)
        if stored is None:
            stored = OutgoingMessage(
                message_id=email_output.new_message_id(sender.address), speaker_id=draft.speaker_id, kind=OUTREACH,
                created_at=now, subject="", body="",
            )
            session.add(stored)
        earlier = Path(stored.eml_path) if stored.eml_path else None
        if earlier is not None and earlier.parent == folder and earlier not in taken:
            path = earlier
        else:
            name = email_output.eml_file_name(draft.session_date, draft.speaker, _file_topic(session, draft))
            path = email_output.unique_path(folder, name, taken, keep=earlier)
        message = email_output.build_message(
            PlainEmail(sender, Mailbox(draft.speaker, recipient), subject, body, stored.message_id, now)
        )
        email_output.write_eml(message, path)
        if stored.state in FINAL_STATES:
            return path  # it went (or may have): the record keeps what was sent; the file is a copy to read
        stored.recipient = recipient
        stored.subject = subject
        stored.body = body
        stored.state = "draft"
        stored.eml_path = str(path)
        session.flush()
        return path

    def last_folder(self) -> Path | None:
        """The folder drafts were last written to, to offer it again."""
        with self._sessions() as session:
            value = get_setting(session, LAST_FOLDER)
        return Path(value) if isinstance(value, str) and value else None

    # --- the template ---------------------------------------------------------------------

    def template(self) -> TemplateText:
        """The outreach template in use: the user's own, or the default."""
        with self._sessions() as session:
            row = _template_row(session)
            if row is None:
                return TemplateText(templates.OUTREACH_SUBJECT, templates.OUTREACH_BODY, True)
            return TemplateText(row.subject, row.body, False)

    def default_template(self) -> TemplateText:
        return TemplateText(templates.OUTREACH_SUBJECT, templates.OUTREACH_BODY, True)

    def template_fields(self) -> tuple[tuple[str, str], ...]:
        """The fields a template may use, each with what it holds."""
        return templates.FIELDS

    def preview_template(
        self, subject: str, body: str, conference_id: int | None = None, target_id: int | None = None
    ) -> tuple[str, str]:
        """The subject and body `subject`/`body` give for a person to meet (or for a sample person)."""
        compiled = templates.compile_template(subject, body)
        with self._sessions() as session:
            fields = None
            if conference_id is not None:
                drafting = _Drafting(session, conference_id)
                fields = drafting.fields_for(target_id) if target_id is not None else drafting.first_fields()
            if fields is None:
                fields = _sample_fields(session)
        return templates.render(compiled, fields.as_context())

    def save_template(self, subject: str, body: str) -> Outcome[TemplateText]:
        """Store the user's own template, once it renders for a sample person without error.

        Saving the default text again is the same as resetting to the default.
        """
        if not subject.strip() or not body.strip():
            raise UserError("the template needs a subject and a body")
        if (subject, body) == (templates.OUTREACH_SUBJECT, templates.OUTREACH_BODY):
            return self.reset_template()
        compiled = templates.compile_template(subject, body)
        with self._sessions.begin() as session:
            templates.render(compiled, _sample_fields(session).as_context())
            row = _template_row(session)
            if row is None:
                session.add(EmailTemplate(kind=OUTREACH, name=TEMPLATE_NAME, subject=subject, body=body))
            else:
                row.subject, row.body = subject, body
        return Outcome(TemplateText(subject, body, False), frozenset({Topic.MESSAGES}))

    def reset_template(self) -> Outcome[TemplateText]:
        """Go back to the default template."""
        with self._sessions.begin() as session:
            row = _template_row(session)
            if row is not None:
                session.delete(row)
        return Outcome(self.default_template(), frozenset({Topic.MESSAGES}))


def _file_topic(session: Session, draft: OutreachDraft) -> str:
    """A few words for the file name; the subject itself is too long to read in a file list."""
    event = session.get(Event, draft.session_id) if draft.session_id else None
    return f"Visiting your {templates.session_kind(event.type)}" if event else "Meeting at the conference"
