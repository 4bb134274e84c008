"""A person's page as rich text: details, "last met at …", and the conversations as a timeline."""

from __future__ import annotations

from html import escape

from conference_app.core.domain.people import ConversationView, PersonView
from conference_app.ui import theme


def empty_html() -> str:
    return f"<p style='color: {theme.css(theme.muted())}'>Choose a person on the left, or capture someone new with Ctrl+N.</p>"


def _line(label: str, values: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(escape(v) for v in values if v)
    muted = theme.css(theme.muted())
    return f"<tr><td style='color: {muted}; padding-right: 12px'>{escape(label)}</td><td>{shown}</td></tr>" if shown else ""


def _conversation(conversation: ConversationView) -> str:
    parts = [
        f"<p><b>{escape(f'{conversation.met_at:%a %d %b %Y, %H:%M}')}</b>"
        f" — {escape(conversation.conference_title or 'no conference')}"
    ]
    if conversation.where:
        parts.append(f"<br>{escape(conversation.where)}")
    parts.append("</p><ul>")
    for point in conversation.points:
        parts.append(f"<li>{escape(point)}</li>")
    for promise in conversation.my_promises:
        parts.append(f"<li><i>I promised:</i> {escape(promise)}</li>")
    for promise in conversation.their_promises:
        parts.append(f"<li><i>They promised:</i> {escape(promise)}</li>")
    parts.append("</ul>")
    return "".join(parts)


def person_html(person: PersonView, goal_titles: dict[int, str]) -> str:
    s = person.summary
    heading = escape(s.name)
    subtitle = " · ".join(escape(x) for x in (s.position, s.institution, s.specialty) if x)
    rows = "".join(
        (
            _line("Email", s.emails),
            _line("Phone", s.phones),
            _line("Web", s.urls),
            _line("ORCID", [s.orcid] if s.orcid else []),
            _line("Relationship", [s.relationship.label] if s.relationship.value else []),
            _line("Network", [s.direction.label] if s.direction.value else []),
            _line("Details from", [s.obtained.label]),
            _line("Goals", [goal_titles.get(g, f"goal {g}") for g in s.goal_ids]),
        )
    )
    html = [f"<h2 style='margin-bottom: 2px'>{heading}</h2>"]
    if subtitle:
        html.append(f"<p style='margin-top: 0'>{subtitle}</p>")
    html.append(f"<p><b>{escape(person.last_met)}</b></p>" if person.last_met else "<p><i>Not met yet.</i></p>")
    html.append(f"<table>{rows}</table>")
    if person.note:
        html.append(f"<p>{escape(person.note).replace(chr(10), '<br>')}</p>")
    if person.possible_duplicates:
        names = "; ".join(
            escape(" · ".join(x for x in (d.name, d.institution) if x)) for d in person.possible_duplicates
        )
        html.append(f"<p style='color: {theme.css(theme.warning())}'>May be the same person as: {names}</p>")
    if person.conversations:
        html.append("<h3>Conversations</h3>")
        html.extend(_conversation(c) for c in person.conversations)
    return "".join(html)
