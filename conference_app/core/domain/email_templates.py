"""Email templates: the default texts, the fields they may use, and safe rendering.

Templates are Jinja2 run in a sandbox: a template the user edits can read the fields listed in
FIELDS and nothing else (no Python internals, no files). A misspelt field is an error that names
it, never a silently empty gap in an email.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from conference_app.core.errors import UserError

OUTREACH = "outreach"

OUTREACH_SUBJECT = (
    "{{ me.stage }} at {{ me.institution }}{% if topic %}, interested in {{ topic }}{% endif %}"
    "{% if session %}: five minutes after your {{ session.kind }} on {{ session.day }}?"
    "{% else %}: hoping to meet you at {{ conference.title }}{% endif %}"
)

OUTREACH_BODY = """\
Dear {{ speaker.salutation }},

My name is {{ me.name }}, {{ me.stage_phrase }} at {{ me.institution }}. {{ interest_line }}

{% if session %}
I will be at your {{ session.kind }} "{{ session.title }}" on {{ session.day }}, {{ session.date }} \
at {{ session.time }}{% if session.room %} in {{ session.room }}{% endif %}. Would you have five minutes \
afterwards? I would like to introduce myself and ask you one or two questions about your work.
{% else %}
I will be at {{ conference.title }}. Would you have five minutes during the meeting? I would like to \
introduce myself and ask you one or two questions about your work.
{% endif %}

Thank you for your time, and I look forward to meeting you.

{{ me.signature }}
"""

# Every field a template may use, with what it holds: shown in the template editor.
FIELDS: tuple[tuple[str, str], ...] = (
    ("me.name", "your full name"),
    ("me.stage", "your stage as entered, e.g. PGY-3 or MS4"),
    ("me.stage_phrase", "your stage in words, e.g. \"a PGY-3 surgical resident\""),
    ("me.institution", "your institution"),
    ("me.pitch", "your one- or two-sentence pitch"),
    ("me.signature", "your signature (built from the profile when you have not written one)"),
    ("me.email", "your email address"),
    ("me.phone", "your phone number"),
    ("speaker.name", "the speaker's name as the program prints it"),
    ("speaker.first_name", "the speaker's first name"),
    ("speaker.salutation", "how to address them, e.g. \"Dr. Umberger\""),
    ("speaker.affiliation", "the speaker's institution"),
    ("speaker.role", "the speaker's role, e.g. Program Director"),
    ("speaker.roles", "the speaker's roles as a list"),
    ("session", "the session where you will hear them; empty when none was found"),
    ("session.title", "the session's title"),
    ("session.kind", "talk, panel, poster, plenary session... from the session's type"),
    ("session.day", "the weekday, e.g. Saturday"),
    ("session.date", "the date, e.g. October 17"),
    ("session.time", "the start time, e.g. 9:30 AM"),
    ("session.end_time", "the end time"),
    ("session.room", "the room"),
    ("session.track", "the session's track"),
    ("topic", "the subject you share with them, e.g. surgical oncology; may be empty"),
    ("interest_line", "one sentence on why their work interests you"),
    ("conference.title", "the conference's name"),
    ("conference.acronym", "the conference's short name"),
)


# --- the fields --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeFields:
    FIELD_GROUP: ClassVar[str] = "me"
    name: str
    stage: str
    stage_phrase: str
    institution: str
    pitch: str
    signature: str
    email: str
    phone: str


@dataclass(frozen=True)
class SpeakerFields:
    FIELD_GROUP: ClassVar[str] = "speaker"
    name: str
    first_name: str
    salutation: str
    affiliation: str
    role: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class SessionFields:
    FIELD_GROUP: ClassVar[str] = "session"
    title: str
    kind: str
    day: str
    date: str
    time: str
    end_time: str
    room: str
    track: str


@dataclass(frozen=True)
class ConferenceFields:
    FIELD_GROUP: ClassVar[str] = "conference"
    title: str
    acronym: str


@dataclass(frozen=True)
class OutreachFields:
    """Everything an outreach template can say."""

    me: MeFields
    speaker: SpeakerFields
    session: SessionFields | None
    conference: ConferenceFields
    topic: str
    interest_line: str

    def as_context(self) -> dict[str, Any]:
        return {
            "me": self.me, "speaker": self.speaker, "session": self.session, "conference": self.conference,
            "topic": self.topic, "interest_line": self.interest_line,
        }


# --- rendering ---------------------------------------------------------------------------------


class _UnknownField(StrictUndefined):
    """Fails on use with a message naming the field as the template spells it."""

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return str(self._undefined_hint)
        name = self._undefined_name
        owner = self._undefined_obj
        group = getattr(type(owner), "FIELD_GROUP", None)
        if group:
            return f"unknown field '{group}.{name}'"
        if owner is None:
            return f"field {name!r} is empty here (put it inside an {{% if %}} block)"
        return f"unknown field {name!r}"


def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        undefined=_UnknownField, autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )


@dataclass(frozen=True)
class CompiledTemplate:
    subject: Any
    body: Any


def compile_template(subject: str, body: str) -> CompiledTemplate:
    """Parse both parts once; a syntax error becomes a UserError with the part and line."""
    environment = _environment()
    return CompiledTemplate(_compile(environment, subject, "subject"), _compile(environment, body, "body"))


def _compile(environment: ImmutableSandboxedEnvironment, source: str, part: str) -> Any:
    try:
        return environment.from_string(source)
    except TemplateSyntaxError as error:
        raise UserError(f"template: {error.message} ({part}, line {error.lineno})") from None


def render(template: CompiledTemplate, context: dict[str, Any]) -> tuple[str, str]:
    """The subject (one line) and the body (paragraphs, trailing spaces trimmed)."""
    subject = _render(template.subject, context, "subject")
    body = _render(template.body, context, "body")
    return " ".join(subject.split()), tidy_body(body)


def _render(template: Any, context: dict[str, Any], part: str) -> str:
    try:
        return str(template.render(context))
    except SecurityError as error:
        raise UserError(f"template: not allowed: {error} ({part}{_line(error)})") from None
    except UndefinedError as error:
        raise UserError(f"template: {error} ({part}{_line(error)})") from None
    except TemplateError as error:
        raise UserError(f"template: {error} ({part}{_line(error)})") from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as error:
        raise UserError(f"template: {error} ({part}{_line(error)})") from None


def _line(error: BaseException) -> str:
    """The template line of a rendering error, from the frames Jinja maps back to the template."""
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return f", line {line}" if line else ""


def tidy_body(text: str) -> str:
    """Trailing spaces gone, at most one blank line between paragraphs, one newline at the end."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    tidy: list[str] = []
    for line in lines:
        if not line and (not tidy or not tidy[-1]):
            continue
        tidy.append(line)
    while tidy and not tidy[-1]:
        tidy.pop()
    return "\n".join(tidy) + "\n"


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))


# --- people ------------------------------------------------------------------------------------

_TITLES = {"dr": "Dr.", "doctor": "Dr.", "prof": "Professor", "professor": "Professor",
           "mr": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "mx": "Mx.", "miss": "Ms."}
_DOCTORAL = {"md", "do", "phd", "mbbs", "mbchb", "mbbch", "frcs", "frcsc", "frcse", "facs", "dphil", "dds", "dmd",
             "mdphd", "scd", "drmed"}
_OTHER_POSTNOMINALS = {"mph", "mba", "msc", "ms", "ma", "bs", "bsc", "rn", "np", "pa", "pa-c", "faans", "fascrs"}
_GENERATIONAL = {"jr", "sr", "ii", "iii", "iv"}
_PARTICLES = {"van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "ter", "ten", "bin",
              "ibn", "al", "el", "dos", "das", "do"}


@dataclass(frozen=True)
class PersonName:
    full: str  # without titles or post-nominals
    first: str
    surname: str
    title: str  # "Dr.", "Professor", "Mr."... or ""
    salutation: str  # "Dr. Umberger", or a student's first name

    @property
    def label(self) -> str:
        """The name with its title, for lists and file names: "Dr. Zinnia Umberger"."""
        return f"{self.title} {self.full}".strip()


def _key(token: str) -> str:
    return token.replace(".", "").replace(" ", "").casefold()


def person_name(name: str, role: str = "") -> PersonName:
    """How to address a speaker, from the name as the program prints it and their role.

    Surgeons, residents, fellows and faculty are "Dr. Surname" (a title or doctoral degree in
    the name says so too); a professor keeps "Professor"; a fellow student is greeted by first
    name. A name printed all in capitals or all in lower case is title-cased.
    """
    text = " ".join(name.split())
    if text and (text.isupper() or text.islower()):
        text = text.title()
    main, _, rest = text.partition(",")
    credentials = [c.strip() for c in rest.split(",") if c.strip()]
    if credentials and not all(_is_postnominal(c) for c in credentials):
        # "Umberger, Zinnia [, MD]": surname first
        given = credentials[0]
        credentials = credentials[1:]
        main = f"{given} {main}"
    tokens = main.split()
    title = ""
    while tokens and _key(tokens[0]) in _TITLES:
        title = title or _TITLES[_key(tokens[0])]
        tokens.pop(0)
    generational = [c for c in credentials if _key(c) in _GENERATIONAL]
    while tokens and len(tokens) > 1 and _is_postnominal(tokens[-1]) and _key(tokens[-1]) not in _GENERATIONAL:
        credentials.append(tokens.pop())
    tokens.extend(generational)
    if not title and any(_key(c) in _DOCTORAL for c in credentials):
        title = "Dr."
    full = " ".join(tokens)
    first = tokens[0] if tokens else ""
    surname = _surname(tokens)
    roles = role.casefold()
    if "student" in roles and not title:
        return PersonName(full, first, surname, "", first or full)
    title = title or "Dr."
    salutation = f"{title} {surname}" if surname else full
    return PersonName(full, first, surname, title, salutation)


def _is_postnominal(token: str) -> bool:
    key = _key(token)
    return key in _DOCTORAL or key in _OTHER_POSTNOMINALS or key in _GENERATIONAL


def _surname(tokens: Sequence[str]) -> str:
    words = [t for t in tokens if _key(t) not in _GENERATIONAL]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    start = len(words) - 1
    while start > 1 and _key(words[start - 1]) in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def split_roles(role: str) -> tuple[str, ...]:
    return tuple(r.strip() for r in re.split(r"[;,/]| and ", role) if r.strip())


_ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}


def stage_phrase(stage: str) -> str:
    """A stage as words after "My name is X,": "a PGY-3 surgical resident", "a third-year medical student"."""
    text = " ".join(stage.split())
    key = text.casefold().replace(" ", "").replace("-", "")
    if match := re.fullmatch(r"ms([1-4])", key):
        return f"a {_ORDINALS[match.group(1)]}-year medical student"
    if match := re.fullmatch(r"pgy(\d)", key):
        return f"a PGY-{match.group(1)} surgical resident"
    if "research" in key:
        return "a surgical resident in my research year"
    if key == "fellow":
        return "a surgical fellow"
    if key in ("attending", "attendingsurgeon"):
        return "an attending surgeon"
    if not text:
        return ""
    article = "an" if text[0].casefold() in "aeiou" else "a"
    return f"{article} {text}"


def default_signature(name: str, stage: str, institution: str, email: str, phone: str) -> str:
    """Full name, role and institution, then how to reach me: the etiquette for a signature."""
    role_line = ", ".join(p for p in (stage.strip(), institution.strip()) if p)
    return "\n".join(line for line in (name.strip(), role_line, email.strip(), phone.strip()) if line)


# --- sessions ----------------------------------------------------------------------------------

_KINDS = {
    "podium session": "talk", "podium": "talk", "talk": "talk", "lecture": "lecture", "keynote": "keynote",
    "lightning talk": "talk", "panel": "panel", "panel discussion": "panel", "plenary": "plenary session",
    "poster session": "poster session", "poster": "poster", "workshop": "workshop", "skills lab": "skills lab",
    "symposium": "symposium", "debate": "debate", "video session": "video session",
}


def session_kind(event_type: str) -> str:
    return _KINDS.get(" ".join(event_type.casefold().split()), "session")


def clock_time(moment: datetime) -> str:
    """"9:30 AM": written out by hand so the result never depends on the machine's locale."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def session_fields(title: str, event_type: str, start: datetime, end: datetime, room: str, track: str) -> SessionFields:
    """Fields of a session; `start` and `end` already in the conference's own zone."""
    return SessionFields(
        title=title.strip(),
        kind=session_kind(event_type),
        day=_WEEKDAYS[start.weekday()],
        date=f"{_MONTHS[start.month - 1]} {start.day}",
        time=clock_time(start),
        end_time=clock_time(end),
        room=room.strip(),
        track=track.strip(),
    )


# --- why their work interests me ---------------------------------------------------------------


@dataclass(frozen=True)
class Interest:
    topic: str
    line: str


def as_topic(text: str) -> str:
    """"Surgical Oncology" -> "surgical oncology"; acronyms such as HPB or MIS keep their capitals."""
    words = text.strip().split()
    return " ".join(w.lower() if w[:1].isupper() and w[1:].islower() else w for w in words)


def _mentions(haystack: str, term: str) -> bool:
    term = " ".join(term.casefold().split())
    return bool(term) and re.search(rf"(?<!\w){re.escape(term)}(?!\w)", haystack) is not None


def interest(my_topics: Iterable[str], session_title: str, track: str, about: str) -> Interest:
    """The shared subject and one sentence on it.

    `my_topics` are the goal's keywords, then the user's interests, best first; the first one the
    session (title, track, abstract) or the speaker (`about`) mentions wins. Otherwise the
    session's track is the subject.
    """
    haystack = " ".join(" ".join((session_title, track, about)).casefold().split())
    for candidate in my_topics:
        if _mentions(haystack, candidate):
            topic = as_topic(candidate)
            return Interest(
                topic, f"Your work in {topic} is very close to what I hope to do, and I have been looking "
                       "forward to hearing you speak."
            )
    if track.strip():
        topic = as_topic(track)
        return Interest(
            topic, f"I want to learn more about {topic}, and your session is high on my list for this meeting."
        )
    return Interest("", "I have been looking forward to hearing about your work.")
