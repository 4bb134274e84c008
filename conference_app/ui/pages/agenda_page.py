"""My agenda: a day-by-day calendar of picks and personal items, with clashes, free time and export."""

from __future__ import annotations

import html
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.domain.agenda_view import MUST, NICE, PERSONAL, AgendaItem, AgendaView
from conference_app.core.domain.text import safe_html
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.widgets.detail_view import speakers_html
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.personal_item_dialog import PersonalItemDialog, PersonalItemDraft
from conference_app.ui.widgets.agenda_calendar import AgendaCalendar
from conference_app.ui import theme
from conference_app.ui.widgets.agenda_grid import colours_for, lines_for
from conference_app.ui.widgets.detail_view import DetailView

TOPICS = {Topic.PICKS, Topic.AGENDA, Topic.PROGRAM, Topic.TARGETS}
CALENDAR_FILES = "iCalendar files (*.ics);;All files (*)"


class AgendaPage(QWidget):
    def __init__(self, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._bus = bus
        self._conference_id: int | None = None
        self.view: AgendaView | None = None

        heading = theme.page_title("My agenda")
        self.summary = QLabel()
        self.summary.setAccessibleName("Agenda summary")
        self.summary.setWordWrap(True)
        self.add_button = QPushButton("Add personal item…")
        self.add_button.setToolTip("A meeting with a mentor, a dinner… (also: double-click free space)")
        self.add_button.clicked.connect(lambda: self.add_personal_item())
        self.export_button = QPushButton("Export to calendar…")
        self.export_button.setToolTip("Write an .ics file; importing a newer one updates the same events")
        self.export_button.clicked.connect(self.export_calendar)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.export_button)
        facts = QHBoxLayout()
        facts.addWidget(self.summary, 1)
        facts.addWidget(_legend())

        self.hint = theme.muted_label()
        self.status = QLabel()
        self.status.setAccessibleName("Agenda status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.calendar = AgendaCalendar()
        self.calendar.setAccessibleName("My agenda by day and time")
        self.calendar.grid.on_selected = self._show_selection
        self.calendar.grid.on_activated = self._activated
        self.calendar.grid.on_empty_activated = self.add_personal_item

        self.detail = DetailView()
        self.detail.setAccessibleName("Agenda item details")
        self.detail.setAccessibleName("Selected item")
        self.priority_button = QPushButton("Make nice-to-see")
        self.priority_button.clicked.connect(self.toggle_priority)
        self.attended_button = QPushButton("Mark attended")
        self.attended_button.setCheckable(True)
        self.attended_button.clicked.connect(self.toggle_attended)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Take the selected item out of the agenda")
        self.remove_button.clicked.connect(self.remove_selected)
        actions = QHBoxLayout()
        for button in (self.priority_button, self.attended_button, self.edit_button, self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.clash_list = QListWidget()
        self.clash_list.setAccessibleName("Clashes")
        self.clash_list.setWordWrap(True)
        self.clash_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clash_list.itemActivated.connect(self._list_chosen)
        self.clash_list.itemClicked.connect(self._list_chosen)
        self.clash_title = _section("Clashes")
        self.gap_list = QListWidget()
        self.gap_list.setAccessibleName("Free time")
        self.gap_list.setWordWrap(True)
        self.gap_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gap_title = _section("Free time between plans")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 3)
        side_layout.addLayout(actions)
        side_layout.addWidget(self.clash_title)
        side_layout.addWidget(self.clash_list, 1)
        side_layout.addWidget(self.gap_title)
        side_layout.addWidget(self.gap_list, 1)
        side.setMinimumWidth(320)
        for box in (self.detail, self.clash_list, self.gap_list):  # small screens: each keeps a few lines
            box.setMinimumHeight(3 * box.fontMetrics().lineSpacing())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.calendar)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([900, 360])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self._loader = DeferredReload(self)
        bus.changed.connect(self._data_changed)
        self._show_selection(None)
        theme.follow(self, self._restyle, now=False)

    # --- loading ------------------------------------------------------------------------

    def show_conference(self, conference_id: int | None) -> None:
        first_time = conference_id != self._conference_id
        self._conference_id = conference_id
        if first_time:
            self._loader.request(self.reload, self.calendar.scroll_to_first_item)
        else:
            self._loader.request(self.reload)

    def reload(self) -> None:
        selected = self.calendar.grid.selected
        self.view = self._workspace.agenda.agenda(self._conference_id) if self._conference_id else None
        view = self.view
        self.calendar.set_days(view.days if view else ())
        self.add_button.setEnabled(view is not None)
        self.export_button.setEnabled(bool(view and view.items))
        self._fill_summary(view)
        self._fill_clashes(view)
        self._fill_gaps(view)
        self.calendar.grid.select(selected, notify=False)
        self._show_selection(self.selected_item())

    def _restyle(self) -> None:
        """The palette changed: texts that carry colours are written again; the calendar paints itself."""
        self._fill_summary(self.view)
        self._fill_clashes(self.view)
        self._show_selection(self.selected_item())

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if topics & TOPICS:
            self._loader.request(self.reload)

    def _fill_summary(self, view: AgendaView | None) -> None:
        if view is None:
            self.summary.setText("")
            self.hint.setText("Import a conference program to plan your days.")
            self.hint.show()
            return
        parts = [_count(view.session_count, "session"), _count(view.personal_count, "personal item")]
        musts = sum(1 for i in view.items if i.priority == MUST)
        if musts:
            parts.append(f"{musts} must-see")
        text = " · ".join(parts)
        if view.clashes:
            text += f" · <span style='color:{theme.css(theme.problem())}'><b>⚠ {_count(len(view.clashes), 'clash', 'clashes')}</b></span>"
        self.summary.setText(text + f" · times in {html.escape(view.time_zone)}")
        if not view.items:
            self.hint.setText(
                "Nothing planned yet: star sessions in the Program (★ or Space), accept suggestions for your goals, "
                "or add a personal item."
            )
        self.hint.setVisible(not view.items)

    def _fill_clashes(self, view: AgendaView | None) -> None:
        self.clash_list.clear()
        clashes = view.clashes if view else ()
        for clash in clashes:
            entry = QListWidgetItem(f"⚠ {clash.first.start:%a %H:%M}  {clash.first.title}\n      overlaps {clash.second.title}")
            entry.setToolTip(
                f"{clash.first.title} ({clash.first.start:%H:%M}–{clash.first.end:%H:%M})\n"
                f"overlaps {clash.second.title} ({clash.second.start:%H:%M}–{clash.second.end:%H:%M})"
            )
            entry.setForeground(theme.problem())
            entry.setData(Qt.ItemDataRole.UserRole, (clash.first.kind, clash.first.ref))
            self.clash_list.addItem(entry)
        if not clashes:
            placeholder = QListWidgetItem("No clashes: every plan has its own time.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.clash_list.addItem(placeholder)
        self.clash_title.setText(f"Clashes ({len(clashes)})" if clashes else "Clashes")

    def _fill_gaps(self, view: AgendaView | None) -> None:
        self.gap_list.clear()
        for day in view.days if view else ():
            if not day.items:
                continue
            for gap in day.gaps:
                self.gap_list.addItem(f"{gap.start:%a %d %b}  {gap.text}")
        if self.gap_list.count() == 0:
            placeholder = QListWidgetItem("No free stretch of 30 minutes or more between plans.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.gap_list.addItem(placeholder)

    # --- selection ----------------------------------------------------------------------

    def selected_item(self) -> AgendaItem | None:
        key = self.calendar.grid.selected
        return self.calendar.grid.item(key) if key else None

    def select(self, kind: str, item_id: int) -> None:
        """Select an item as if the user clicked it (and scroll it into view)."""
        self.calendar.grid.select((kind, item_id))
        self.calendar.ensure_visible((kind, item_id))

    def _list_chosen(self, entry: QListWidgetItem) -> None:
        found = entry.data(Qt.ItemDataRole.UserRole)
        if found and self.view is not None:
            kind, ref = found
            item = next((i for i in self.view.items if i.kind == kind and i.ref == ref), None)
            if item is not None:
                self.select(item.kind, item.id)

    def _activated(self, item: AgendaItem) -> None:
        if item.kind == PERSONAL:
            self.edit_selected()

    def _show_selection(self, item: AgendaItem | None) -> None:
        is_session = item is not None and item.is_session
        self.priority_button.setVisible(item is None or is_session)
        self.attended_button.setVisible(item is None or is_session)
        self.edit_button.setVisible(item is not None and not is_session)
        for button in (self.priority_button, self.attended_button, self.edit_button, self.remove_button):
            button.setEnabled(item is not None and not (button is self.attended_button and item.cancelled))
        if item is None:
            self.detail.setHtml(
                f"<p style='color:{theme.css(theme.muted())}'>"
                "Select a session or personal item in the calendar to see it here.</p>"
            )
            self.remove_button.setText("Remove")
            self.attended_button.setChecked(False)
            return
        if is_session:
            self.priority_button.setText("Make nice-to-see" if item.priority == MUST else "Make must-see")
            self.attended_button.setChecked(item.attended)
            self.attended_button.setText("Attended ✓" if item.attended else "Mark attended")
            self.remove_button.setText("Remove")
        else:
            self.remove_button.setText("Delete")
        self.detail.setHtml(item_html(item))

    # --- actions ------------------------------------------------------------------------

    def add_personal_item(self, at: datetime | None = None) -> None:
        view = self.view
        if view is None:
            return
        days = [day.date for day in view.days]
        selected = self.selected_item()
        if at is None:
            base = selected.start.date() if selected else (days[0] if days else datetime.now().date())
            at = datetime.combine(base, time(12, 0))
        initial = PersonalItemDraft("", at, at + timedelta(hours=1))
        draft = PersonalItemDialog.ask(self, view.time_zone, days, initial)
        if draft is None:
            return
        conference_id = view.conference_id
        item = run_action(
            self, self._bus,
            lambda: self._workspace.agenda.add_personal_item(
                conference_id, draft.title, draft.start, draft.end, draft.location, draft.notes
            ),
        )
        if item is not None:
            self.select(PERSONAL, item.id)
            self.status.setText(_added_text(item))

    def edit_selected(self) -> None:
        item = self.selected_item()
        if item is None or item.is_session or self.view is None:
            return
        initial = PersonalItemDraft(
            item.title, item.start.replace(tzinfo=None), item.end.replace(tzinfo=None), item.place, item.notes
        )
        draft = PersonalItemDialog.ask(self, self.view.time_zone, [day.date for day in self.view.days], initial)
        if draft is None:
            return
        updated = run_action(
            self, self._bus,
            lambda: self._workspace.agenda.update_personal_item(
                item.id, draft.title, draft.start, draft.end, draft.location, draft.notes
            ),
        )
        if updated is not None:
            self.select(PERSONAL, updated.id)
            self.status.setText(_added_text(updated, "Saved"))

    def toggle_priority(self) -> None:
        item = self.selected_item()
        if item is None or not item.is_session:
            return
        priority = NICE if item.priority == MUST else MUST
        run_action(self, self._bus, lambda: self._workspace.agenda.set_priority(item.id, priority))

    def toggle_attended(self) -> None:
        item = self.selected_item()
        if item is None or not item.is_session:
            return
        run_action(self, self._bus, lambda: self._workspace.agenda.set_attended(item.id, not item.attended))

    def remove_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if item.is_session:
            if run_action(self, self._bus, lambda: self._workspace.agenda.remove_pick(item.id)) is not None:
                self.status.setText(f"Removed “{item.title}” from the agenda.")
        elif messages.confirm(self, f"Delete “{item.title}” from your agenda?"):
            if run_action(self, self._bus, lambda: self._workspace.agenda.delete_personal_item(item.id)) is not None:
                self.status.setText(f"Deleted “{item.title}”.")

    def choose_export_path(self, suggested: str) -> Path | None:
        """Where to write the .ics file (a file dialog; tests replace this method)."""
        name, _filter = QFileDialog.getSaveFileName(self, "Export agenda to calendar", suggested, CALENDAR_FILES)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".ics")

    def export_calendar(self) -> None:
        view = self.view
        if view is None:
            return
        path = self.choose_export_path(str(Path.home() / f"{view.conference_identity}-agenda.ics"))
        if path is None:
            return
        export = run_action(self, self._bus, lambda: self._workspace.agenda.export_ics(view.conference_id, path))
        if export is not None:
            reminders = f", {export.alarms} with a 15-minute reminder" if export.alarms else ""
            self.status.setText(
                f"Saved {_count(export.events, 'event')}{reminders} to {export.path}. "
                f"Importing it again later updates the same events."
            )


# --- presentation ------------------------------------------------------------------------------


def item_html(item: AgendaItem) -> str:
    e = html.escape
    parts = [f"<h2>{e(item.title)}</h2>"]
    when = f"{item.start:%A %d %B, %H:%M}–{item.end:%H:%M}"
    facts = [when] + [e(x) for x in (item.place, item.track, item.type) if x]
    parts.append("<p>" + " · ".join(facts) + "</p>")
    if item.is_session:
        label = "★ Must-see" if item.priority == MUST else "☆ Nice to see"
        attended = " · ✓ attended" if item.attended else ""
        parts.append(f"<p><b>{label}</b>{attended}</p>")
    else:
        parts.append("<p><b>Personal item</b></p>")
    if item.cancelled:
        parts.append("<p><b>Cancelled: no longer in the latest program.</b></p>")
    if item.clashes_with:
        rows = "".join(
            f"<li>{e(o.title)} ({o.start:%H:%M}–{o.end:%H:%M})</li>" for o in item.clashes_with
        )
        clash = theme.css(theme.problem())
        parts.append(f"<p style='color:{clash}'><b>⚠ Overlaps</b></p><ul style='color:{clash}'>{rows}</ul>")
    if item.meet:
        rows = "".join(f"<li>{e(note.text)}</li>" for note in item.meet)
        parts.append(f"<h3>People to meet</h3><ul>{rows}</ul>")
    parts.append(speakers_html(item.speakers))
    if item.summary:
        parts.append(safe_html(item.summary))
    if item.notes:
        parts.append(f"<h3>Notes</h3>{safe_html(item.notes)}")
    return "".join(parts)


def _added_text(item: AgendaItem, verb: str = "Added") -> str:
    text = f"{verb} “{item.title}”, {item.start:%a %d %b %H:%M}–{item.end:%H:%M}."
    if item.clashes_with:
        text += " ⚠ It overlaps " + "; ".join(o.title for o in item.clashes_with) + "."
    return text


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _section(text: str) -> QLabel:
    return theme.section_header(text)


def _legend() -> QWidget:
    """What the calendar's colours mean, in the colours of the current palette."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(10)
    for name, sample in (
        ("Must-see", _sample(MUST)),
        ("Nice to see", _sample(NICE)),
        ("Personal", _sample(PERSONAL)),
        ("Clash", None),
    ):
        chip = QFrame()
        chip.setFixedSize(14, 14)
        theme.style(chip, lambda colours, sample=sample: _chip_style(colours, sample))
        row.addWidget(chip)
        row.addWidget(QLabel(name))
    return box


def _sample(kind: str) -> AgendaItem:
    """A stand-in item of one kind, for its colours."""
    start = datetime(2000, 1, 1, 9)
    return AgendaItem(
        kind="session" if kind != PERSONAL else PERSONAL, id=0, ref="", title="", start=start, end=start,
        place="", priority=kind if kind != PERSONAL else "",
    )  # fmt: skip


def _chip_style(colours: QPalette, sample: AgendaItem | None) -> str:
    if sample is None:
        fill, border, width = colours.color(QPalette.ColorRole.Base), lines_for(colours).clash, 2
    else:
        block = colours_for(sample, colours)
        fill, border, width = block.fill, block.accent, 1
    return f"background: {fill.name()}; border: {width}px solid {border.name()}; border-radius: 3px;"
