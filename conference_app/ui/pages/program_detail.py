"""The program page's filter boxes and detail pane: the days, tracks, rooms and types to choose
from, and one session as rich text."""

from __future__ import annotations

import html

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox

from conference_app.core.domain.program import Facets, SessionDetail
from conference_app.ui.models.session_table import pick_mark
from conference_app.ui.widgets.detail_view import speakers_html


def fill_filter_boxes(
    day: QComboBox, track: QComboBox, room: QComboBox, type_: QComboBox, facets: Facets | None,
    chosen: Sequence[object],
) -> None:
    """Each box's values, "All …" first, with the value `chosen` (one per box) kept where it is
    still offered; without signals (the caller filters once, after)."""
    combos = (day, track, room, type_)
    blocked = [combo.blockSignals(True) for combo in combos]
    day.clear()
    day.addItem("All days", None)
    for index, first in facets.days if facets else ():
        day.addItem(f"Day {index} · {first:%a %d %b}", index)
    for combo, label, values in (
        (track, "All tracks", facets.tracks if facets else ()),
        (room, "All rooms", facets.rooms if facets else ()),
        (type_, "All types", facets.types if facets else ()),
    ):
        combo.clear()
        combo.addItem(label, "")
        for value in values:
            combo.addItem(value, value)
    for combo, value in zip(combos, chosen):
        found = combo.findData(value) if value not in (None, "") else -1
        combo.setCurrentIndex(max(0, found))
    for combo, was in zip(combos, blocked):
        combo.blockSignals(was)


def session_html(detail: SessionDetail) -> str:
    row = detail.row
    e = html.escape
    parts = [f"<h2>{e(row.title)}</h2>"]
    if detail.subtitle:
        parts.append(f"<p><i>{e(detail.subtitle)}</i></p>")
    when = f"{row.start:%A %d %B, %H:%M}–{row.end:%H:%M} ({e(detail.time_zone)})"
    facts = [when, e(row.room)] + [e(x) for x in (row.track, row.type, detail.language) if x]
    parts.append("<p>" + " · ".join(f for f in facts if f) + "</p>")
    if row.cancelled:
        parts.append("<p><b>Cancelled: no longer in the latest program.</b></p>")
    if row.picked:
        label = "must-see" if row.priority == "must" else "nice to see"
        parts.append(f"<p>{pick_mark(row.priority)} In my agenda: {label}</p>")
    parts.append(speakers_html(detail.speakers, linked=True))
    if detail.abstract_html:
        parts.append(detail.abstract_html)
    links = [(t, u) for t, u in detail.links if u.startswith(("http://", "https://"))]
    if links:
        items = "".join(f'<li><a href="{e(u)}">{e(t or u)}</a></li>' for t, u in links)
        parts.append(f"<h3>Links</h3><ul>{items}</ul>")
    return "".join(parts)
