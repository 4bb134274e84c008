"""The conference's name and the time zone it is held in, which every time in the app is shown in."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.program import ConferenceSettings
from conference_app.core.services.program import ProgramService
from conference_app.ui.data_bus import DataBus, run_action



def zone_words(name: str) -> str:
    """What a search is matched against: "America/New_York" → "america new york"."""
    return name.replace("/", " ").replace("_", " ").casefold()


def zone_label(name: str, at: datetime) -> str:
    """ "Europe/Berlin (CEST, UTC+02:00)" at a given moment."""
    local = at.astimezone(ZoneInfo(name))
    offset = local.strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    abbreviation = local.tzname() or ""
    short = abbreviation if abbreviation and not abbreviation.startswith(("+", "-")) and abbreviation != "UTC" else ""
    return f"{name} ({short + ', ' if short else ''}{utc})"


class ConferenceSettingsDialog(QDialog):
    def __init__(
        self, program: ProgramService, bus: DataBus, conference_id: int, note: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Conference settings")
        self._program = program
        self._bus = bus
        self._settings = program.conference_settings(conference_id)
        self.saved: ConferenceSettings | None = None

        self.note = QLabel(note)
        self.note.setWordWrap(True)
        theme.style(self.note, theme.note_sheet)
        self.note.setVisible(bool(note))
        self.name = QLineEdit(self._settings.title)
        self.name.setAccessibleName("Name")
        self.search = QLineEdit(placeholderText="Search a city or region, e.g. Chicago, Berlin, Tokyo")
        self.search.setAccessibleName("Search time zones")
        self.search.setClearButtonEnabled(True)
        self.zones = QListWidget()
        self.zones.setAccessibleName("Time zone")
        self.zones.setMinimumHeight(120)
        self.zones.addItems(sorted(available_timezones() | {self._settings.time_zone}))
        current = self.zones.findItems(self._settings.time_zone, Qt.MatchFlag.MatchExactly)
        if current:
            self.zones.setCurrentItem(current[0])
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        theme.style(self.effect, theme.hint_sheet)
        self.problem = QLabel()
        theme.style(self.problem, theme.problem_sheet)

        form = QFormLayout()
        form.addRow("&Name", self.name)
        zone_label_widget = QLabel("&Time zone")
        zone_label_widget.setBuddy(self.search)
        form.addRow(zone_label_widget, self.search)
        form.addRow("", self.zones)
        form.addRow("", self.chosen)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form, 1)
        layout.addWidget(self.effect)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self._filter)
        self.zones.currentTextChanged.connect(self._zone_changed)
        self.name.textChanged.connect(self._check)
        self._zone_changed(self.chosen_zone())
        self.resize(560, 460)

    # --- the form -----------------------------------------------------------------------

    def chosen_zone(self) -> str:
        item = self.zones.currentItem()
        return item.text() if item is not None and not item.isHidden() else ""

    def _filter(self, text: str) -> None:
        words = zone_words(text).split()
        first_shown = None
        for row in range(self.zones.count()):
            item = self.zones.item(row)
            shown = all(word in zone_words(item.text()) for word in words)
            item.setHidden(not shown)
            if shown and first_shown is None:
                first_shown = item
        current = self.zones.currentItem()
        if (current is None or current.isHidden()) and first_shown is not None:
            self.zones.setCurrentItem(first_shown)
        self._zone_changed(self.chosen_zone())

    def _zone_changed(self, _zone: str) -> None:
        zone = self.chosen_zone()
        settings = self._settings
        sample = settings.first_start or datetime.now(ZoneInfo(settings.time_zone))
        self.chosen.setText(f"Held in: <b>{html.escape(zone_label(zone, sample))}</b>" if zone else "")
        self.effect.setText(effect_text(settings, zone))
        self._check()

    def _check(self) -> None:
        problem = "" if self.name.text().strip() else "Give the conference a name."
        if not self.chosen_zone():
            problem = problem or "No time zone matches the search."
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)

    # --- saving -------------------------------------------------------------------------

    def accept(self) -> None:
        conference_id, name, zone = self._settings.id, self.name.text(), self.chosen_zone()
        saved = run_action(self, self._bus, lambda: self._program.update_conference(conference_id, name, zone))
        if saved is not None:
            self.saved = saved
            super().accept()

    @classmethod
    def edit(
        cls, parent: QWidget | None, program: ProgramService, bus: DataBus, conference_id: int, note: str = ""
    ) -> ConferenceSettings | None:
        """Show the dialog; the saved settings, or None if the user cancelled."""
        dialog = cls(program, bus, conference_id, note, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.saved


def effect_text(settings: ConferenceSettings, zone: str) -> str:
    """What a new zone does to the program's times, shown on its first session."""
    if not zone or zone == settings.time_zone:
        return "Every time in the app — program, agenda, reminders, calendar export, emails — is shown in this zone."
    first = settings.first_start
    if settings.times_as_written:
        example = f" The first session, {first:%a %d %b %H:%M}, stays at {first:%H:%M}." if first else ""
        return (
            "The program file gave its times without a zone, so they stay as written, now in "
            f"{zone} time; so do your own agenda items.{example}"
        )
    if first is None:
        return f"The program's times stay the same moments, shown in {zone} time."
    moved = first.astimezone(ZoneInfo(zone))
    return (
        f"The program gave exact times: they stay the same moments, shown in {zone} time. The first session, "
        f"{first:%a %d %b %H:%M} in {settings.time_zone}, shows as {moved:%a %d %b %H:%M}."
    )
