"""Which drafts leave, with what text and address, and which of them keep the user's own edits.

Shared by writing .eml drafts (`OutreachService.write_eml`) and sending (`outreach_mail`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import NamedTuple

from sqlalchemy.orm import Session

from conference_app.core.domain import email_templates as templates
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.exporters import email_output
from conference_app.core.services.outreach_drafting import CUSTOMIZED, DraftEdit, OutreachDraft, _Drafting, _speaker_ids
from conference_app.core.storage.settings import get_setting, put_setting


class ChosenDraft(NamedTuple):
    """A draft picked to leave, with the text and address it leaves with (the user's edit, if any)."""

    draft: OutreachDraft
    edit: DraftEdit | None
    subject: str
    body: str
    to: str  # the bare address; "" when none is known


def chosen_drafts(
    session: Session,
    drafting: _Drafting,
    only_target_ids: Collection[int] | None,
    edits: Mapping[int, DraftEdit | tuple[str, str]] | None,
    need_address: bool = False,
) -> list[ChosenDraft]:
    """The drafts picked (all when `only_target_ids` is None), each checked before any is written or
    sent, so a mistake leaves no half-done batch behind. Without `need_address`, a draft with no
    address is kept (the user's mail program asks for one); with it, it is left out."""
    wanted = None if only_target_ids is None else set(only_target_ids)
    given = {target_id: DraftEdit(*edit) for target_id, edit in (edits or {}).items()}
    drafts = drafting.drafts()
    known = {t for d in drafts for t in d.target_ids}
    unknown = sorted((wanted or set()) - known) + sorted(set(given) - known)
    if unknown:
        raise NotFoundError(f"no person to meet with id {unknown[0]} in this conference")
    ready: list[ChosenDraft] = []
    for draft in drafts:
        if wanted is not None and not wanted & set(draft.target_ids):
            continue
        edit = next((given[t] for t in draft.target_ids if t in given), None)
        subject, body, to = _text_for(draft, edit)
        if not subject.strip() and not body.strip():
            problem = next((w for w in draft.warnings if w.startswith("template:")), "the email is empty")
            raise UserError(f"{draft.speaker}: {problem}")
        recipient = email_output.parse_address(to, f"the address for {draft.speaker}")
        if recipient or not need_address:
            ready.append(ChosenDraft(draft, edit, subject, body, recipient))
    return ready


def remember_edits(session: Session, ready: list[ChosenDraft]) -> None:
    """Drafts the user edited keep their text over template changes; an edit back to the template's text ends that."""
    customized = _speaker_ids(get_setting(session, CUSTOMIZED, []))
    for chosen in ready:
        if chosen.edit is None:
            continue
        if (chosen.subject, chosen.body) == (chosen.draft.template_subject, chosen.draft.template_body):
            customized.discard(chosen.draft.speaker_id)
        else:
            customized.add(chosen.draft.speaker_id)
    put_setting(session, CUSTOMIZED, sorted(customized))


def _text_for(draft: OutreachDraft, edit: DraftEdit | None) -> tuple[str, str, str]:
    if edit is None:
        return draft.subject, draft.body, draft.to
    to = draft.to if edit.to is None else edit.to
    return " ".join(edit.subject.split()), templates.tidy_body(edit.body), to
