"""Follow-up emails: the default texts per task kind, the fields they may use, and the checks.

Templates render through email_templates (the same Jinja2 sandbox as outreach). The checks read
each merged message the way a careful mentor would before it leaves: short, specific, addressed,
not a mass mailing, no patient information. They warn; the user decides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from conference_app.core.domain.email_templates import ConferenceFields, MeFields, word_count
from conference_app.core.domain.follow_up_clock import TaskKind
from conference_app.core.domain.patient_info import patient_info_warnings

MAX_WORDS = 150

_SUBJECT_START = "{{ me.stage }}{% if me.institution %} from {{ me.institution }}{% endif %}"

DEFAULT_SUBJECTS: dict[TaskKind, str] = {
    TaskKind.FOLLOW_UP: _SUBJECT_START + " – Follow-Up from {{ conference.title or 'our conversation' }}",
    TaskKind.PROMISE: _SUBJECT_START + " – Follow-Up from {{ conference.title or 'our conversation' }}",
    TaskKind.NUDGE: _SUBJECT_START + " – Following Up from {{ conference.title or 'our conversation' }}",
    TaskKind.REPLY: _SUBJECT_START + " – Thank You for Your Reply",
    TaskKind.KEEP_IN_TOUCH: _SUBJECT_START + " – An Update",
}

_GREETING = "Dear {{ them.salutation }},\n\n"
_PROMISES = """\
{% if my_promises %}
What I promised: {{ my_promises | join('; ') }}.
{% endif %}
{% if their_promises %}
You kindly offered: {{ their_promises | join('; ') }}. I would be very grateful.
{% endif %}
"""
_CLOSING = "\nThank you again for your time.\n\nBest regards,\n\n{{ me.signature }}\n"

DEFAULT_BODIES: dict[TaskKind, str] = {
    TaskKind.FOLLOW_UP: _GREETING + """\
Thank you for speaking with me {{ met.how }}. I am {{ me.name }}, {{ me.stage_phrase }} at {{ me.institution }}.
{% if points %}

I keep thinking about {{ points | join(' and ') }}.
{% endif %}

""" + _PROMISES + """
I would be glad to stay in touch and to help where I can.
""" + _CLOSING,
    TaskKind.NUDGE: _GREETING + """\
I am writing again briefly after we met {{ met.how }}, in case my earlier email was buried.
{% if points %}
I would still value your thoughts on {{ points | first }}.
{% endif %}

I know how busy you are, so no need for a long answer.
""" + _CLOSING,
    TaskKind.PROMISE: _GREETING + """\
We met {{ met.how }}.

""" + _PROMISES + _CLOSING,
    TaskKind.REPLY: _GREETING + """\
Thank you for your reply. I am {{ me.name }}; we met {{ met.how }}.

""" + _CLOSING,
    TaskKind.KEEP_IN_TOUCH: _GREETING + """\
I hope you are well. A short update since we last spoke{% if met.conference %} at {{ met.conference }}{% endif %}:

[what you have done since: a paper, a presentation, the match, fellowship plans]

Thank you again for your guidance; it has made a real difference.
""" + _CLOSING,
}

FIELDS: tuple[tuple[str, str], ...] = (
    ("them.title", "how they are addressed: Dr., Professor, or Mr./Ms. where you set that for them"),
    ("them.name", "their name"),
    ("them.first_name", "their first name"),
    ("them.salutation", "title and surname, e.g. \"Dr. Okafor\" or \"Mr. Hughes\""),
    ("met.how", "how you met, e.g. \"after the Trauma systems panel on Saturday, October 17\""),
    ("met.session", "the session where you met, or empty"),
    ("met.poster", "the poster or abstract number, or empty"),
    ("met.day", "the day you met, e.g. Saturday, October 17"),
    ("met.place", "where you met"),
    ("met.conference", "the conference where you met"),
    ("points", "the concrete points you talked about (a list)"),
    ("my_promises", "what you promised (a list)"),
    ("their_promises", "what they promised (a list)"),
    ("me.name / me.stage / me.stage_phrase / me.institution / me.signature", "about you, from your profile"),
    ("conference.title", "the conference's name"),
)


@dataclass(frozen=True)
class ThemFields:
    FIELD_GROUP: ClassVar[str] = "them"
    title: str
    name: str
    first_name: str
    salutation: str


@dataclass(frozen=True)
class MetFields:
    FIELD_GROUP: ClassVar[str] = "met"
    how: str
    session: str
    poster: str
    day: str
    place: str
    conference: str

    def mentions(self) -> tuple[str, ...]:
        """What would tell the reader how we met, any one of which the body should contain."""
        return tuple(text for text in (self.session, self.poster, self.place, self.conference) if text.strip())


@dataclass(frozen=True)
class FollowUpFields:
    """Everything a follow-up template can say."""

    me: MeFields
    them: ThemFields
    met: MetFields
    conference: ConferenceFields
    points: tuple[str, ...]
    my_promises: tuple[str, ...]
    their_promises: tuple[str, ...]

    def as_context(self) -> dict[str, Any]:
        return {
            "me": self.me, "them": self.them, "met": self.met, "conference": self.conference,
            "points": list(self.points), "my_promises": list(self.my_promises),
            "their_promises": list(self.their_promises),
        }


def how_we_met(session: str, poster: str, place: str, day: str, conference: str) -> str:
    """"at your poster 214 at ACS 2026 on Saturday, October 17" — whatever is known."""
    if poster:
        label = poster if poster.casefold().startswith(("poster", "abstract")) else f"poster {poster}"
        where = f"at {label}"
    elif session:
        where = f"after the session \"{session}\""
    elif place:
        where = f"at the {place}" if place[:1].islower() else f"at {place}"
    else:
        where = ""
    parts = [where] if where else []
    if conference:
        parts.append(f"at {conference}" if not where else f"during {conference}")
    if day:
        parts.append(f"on {day}")
    return " ".join(parts) or "recently"


@dataclass(frozen=True)
class MessageToCheck:
    kind: str
    to: str
    subject: str
    body: str
    met: MetFields
    points: tuple[str, ...]


def message_warnings(message: MessageToCheck, same_body_count: int = 1) -> tuple[str, ...]:
    """What to look at before this message leaves."""
    warnings = []
    words = word_count(message.body)
    if words > MAX_WORDS:
        warnings.append(f"{words} words: busy surgeons read short emails, aim for {MAX_WORDS} or fewer")
    if message.kind in (TaskKind.FOLLOW_UP.value, TaskKind.NUDGE.value):
        body = message.body.casefold()
        if not any(text.casefold() in body for text in message.met.mentions()):
            warnings.append("does not say how you met (a session, a poster, a place)")
        if not any(point.casefold() in body for point in message.points):
            warnings.append("mentions no concrete point from your conversation")
    if not message.to:
        warnings.append("no email address known: fill in To")
    if same_body_count > 1:
        warnings.append(f"the same text goes to {same_body_count} people: make each one specific")
    for found in patient_info_warnings(f"{message.subject}\n{message.body}"):
        warnings.append(f"{found}: never put patient information in an email")
    return tuple(warnings)


def same_body_counts(bodies: Sequence[tuple[int, str]]) -> list[int]:
    """For each (person, body), how many different people get that very body (spacing ignored)."""
    keys = [" ".join(body.split()).casefold() for _person, body in bodies]
    people_per_key: Counter[str] = Counter()
    for key in set(zip(keys, (person for person, _body in bodies), strict=True)):
        people_per_key[key[0]] += 1
    return [people_per_key[key] for key in keys]
