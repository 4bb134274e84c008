"""Capture a person in seconds: who they are, where we met, what was said and promised.

Only a name (or an email) is needed. Enter (or Ctrl+Enter from a text box) saves. Every keystroke
is kept as a draft in the database, so a crash or a closed lid loses nothing: the next start offers
the draft back. Points and promises that look like patient information are flagged while typing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.patient_info import patient_info_warnings
from conference_app.core.domain.people import (
    POSITIONS,
    CaptureData,
    CaptureResult,
    ContactDetails,
    ConversationNote,
    Direction,
    Obtained,
    Relationship,
    find_orcid,
    split_lines,
)
from conference_app.core.errors import UserError
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages

ELSEWHERE = -1  # the "where we met" choice for a place that is no session
DRAFT_DELAY_MS = 400


def _split_values(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").replace("\n", ",").split(",") if part.strip())


class CaptureDialog(QDialog):
    """A new conversation with someone (new or known), or the details of a known person."""

    saved = Signal(object)  # CaptureResult

    def __init__(
        self,
        workspace: Workspace,
        bus: DataBus,
        conference_id: int | None,
        prefill: CaptureData | None = None,
        parent: QWidget | None = None,
        restored: bool = False,
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._bus = bus
        self._conference_id = conference_id
        self._prefill = prefill or CaptureData(details=ContactDetails())
        self._goals_touched = False
        self.editing = editing
        self.result_value: CaptureResult | None = None
        known = self._prefill.person_id is not None
        if editing:
            self.setWindowTitle(f"Edit {self._prefill.details.name}")
        else:
            self.setWindowTitle(f"New conversation with {self._prefill.details.name}" if known else "Capture a person")

        self.name = QLineEdit(placeholderText="Name (or just an email)")
        self.institution = QLineEdit(placeholderText="Hospital or university")
        self.position = QComboBox(editable=True)
        self.position.addItems(["", *POSITIONS])
        self.specialty = QLineEdit(placeholderText="e.g. surgical oncology")
        self.emails = QLineEdit(placeholderText="one or more, separated by commas")
        self.phones = QLineEdit(placeholderText="one or more, separated by commas")
        self.urls = QLineEdit(placeholderText="LinkedIn, X, a homepage…")
        self.orcid = QLineEdit(placeholderText="0000-0000-0000-0000")
        who = QFormLayout()
        for label, widget in (
            ("&Name", self.name),
            ("&Institution", self.institution),
            ("&Position", self.position),
            ("Spec&ialty", self.specialty),
            ("&Emails", self.emails),
            ("P&hones", self.phones),
            ("&Web", self.urls),
            ("&ORCID", self.orcid),
        ):
            who.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        self.relationship = _enum_box(Relationship)
        self.direction = _enum_box(Direction)
        self.obtained = _enum_box(Obtained)
        for label, widget in (
            ("&Relationship", self.relationship),
            ("&Direction", self.direction),
            ("Details &from", self.obtained),
        ):
            who.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        who_box = QGroupBox("Who")
        who_box.setLayout(who)

        self.where = QComboBox()
        self.where.setAccessibleName("Where we met")
        self.place = QLineEdit(placeholderText="Room, reception, poster hall…")
        self.poster = QLineEdit(placeholderText="Poster or abstract number")
        self.points = _text_box("1–2 concrete things you talked about, one a line", 3)
        self.my_promises = _text_box("e.g. send my case series by Friday", 2)
        self.their_promises = _text_box("e.g. introduce me to their program director", 2)
        talk = QFormLayout()
        for label, widget in (
            ("&Where we met", self.where),
            ("P&lace", self.place),
            ("Poster / a&bstract", self.poster),
            ("What we &talked about", self.points),
            ("I pro&mised", self.my_promises),
            ("They promi&sed", self.their_promises),
        ):
            talk.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        self.goals = QListWidget()
        self.goals.setAccessibleName("Goals this advances")
        self.goals.setMaximumHeight(90)
        self.goals.itemChanged.connect(lambda _item: setattr(self, "_goals_touched", True))
        talk.addRow("&Goals it advances", self.goals)
        talk_box = QGroupBox("The conversation")
        talk_box.setLayout(talk)

        self.warning = QLabel()
        self.warning.setWordWrap(True)
        theme.style(self.warning, lambda c: theme.warning_sheet(c) + " font-weight: bold;")
        self.warning.setAccessibleName("Patient information warning")
        self.warning.hide()
        self.restored_note = QLabel("Restored what you were typing when the app closed.")
        self.restored_note.setVisible(restored)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Enter, or Ctrl+Enter anywhere)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self, activated=self.save)

        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(who_box, 1)
        columns.addWidget(talk_box, 1)
        talk_box.setVisible(not editing)
        # On a small screen or with large text the form scrolls instead of leaving the screen.
        scroller = QScrollArea()
        scroller.setAccessibleName("The person and the conversation")
        scroller.setWidget(content)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(self.restored_note)
        layout.addWidget(scroller, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

        self._fill_sessions()
        self._fill_goals()
        self._show(self._prefill)
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._save_draft)
        self._suggest_timer = QTimer(self, singleShot=True, interval=300)
        self._suggest_timer.timeout.connect(self._suggest_goals)
        for edit in (self.name, self.institution, self.specialty, self.emails, self.phones, self.urls, self.orcid,
                     self.place, self.poster):
            edit.textChanged.connect(self._edited)
        for box in (self.points, self.my_promises, self.their_promises):
            box.textChanged.connect(self._edited)
        for combo in (self.position, self.relationship, self.direction, self.obtained, self.where):
            combo.currentTextChanged.connect(self._edited)
        self.goals.itemChanged.connect(lambda _item: self._draft_timer.start())
        self._check_patient_info()
        self._fit_screen(content)

    def _fit_screen(self, content: QWidget) -> None:
        wanted = content.sizeHint() + QSize(40, 120)
        wanted = wanted.expandedTo(QSize(900 if not self.editing else 480, 0))
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            wanted = wanted.boundedTo(QSize(screen.width() - 40, screen.height() - 60))
        self.resize(wanted)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Typing starts in the first empty field: the name, or what to say about a known person.
        (self.points if self.name.text() and not self.editing else self.name).setFocus()

    # --- filling -----------------------------------------------------------------------

    def _fill_sessions(self) -> None:
        self.where.addItem("Not at a session", ELSEWHERE)
        if self._conference_id is None:
            return
        # The user's picks: where a conversation most often happens.
        for item in self._ws.agenda.agenda(self._conference_id).items:
            if item.kind == "session":
                self.where.addItem(f"{item.start:%a %H:%M} · {item.title}", item.id)

    def _fill_goals(self) -> None:
        self.goals.blockSignals(True)
        for goal in self._ws.planning.goals(self._conference_id):
            if goal.status != "active" or goal.kind.counts_sessions:
                continue
            item = QListWidgetItem(f"{goal.title}  ({goal.progress.label})")
            item.setData(Qt.ItemDataRole.UserRole, goal.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.goals.addItem(item)
        self.goals.blockSignals(False)

    def _show(self, data: CaptureData) -> None:
        details = data.details
        self.name.setText(details.name)
        self.institution.setText(details.institution)
        self.position.setCurrentText(details.position)
        self.specialty.setText(details.specialty)
        self.emails.setText(", ".join(details.emails))
        self.phones.setText(", ".join(details.phones))
        self.urls.setText(", ".join(u for u in details.urls if not find_orcid(u)))
        self.orcid.setText(details.orcid)
        _choose(self.relationship, data.relationship)
        _choose(self.direction, data.direction)
        _choose(self.obtained, data.obtained)
        note = data.conversation
        if note is None and data.person_id is None:
            note = self._ws.people.where_we_are(self._conference_id)
        if note is not None:
            index = self.where.findData(note.event_id) if note.event_id is not None else -1
            if note.event_id is not None and index < 0:
                title = self._event_title(note.event_id)
                self.where.addItem(title, note.event_id)
                index = self.where.count() - 1
            self.where.setCurrentIndex(max(index, 0))
            self.place.setText(note.place)
            self.poster.setText(note.poster)
            self.points.setPlainText("\n".join(note.points))
            self.my_promises.setPlainText("\n".join(note.my_promises))
            self.their_promises.setPlainText("\n".join(note.their_promises))
        self._check_goals(data.goal_ids)
        if not data.goal_ids:
            self._suggest_goals()

    def _event_title(self, event_id: int) -> str:
        try:
            return self._ws.program.session_detail(event_id).row.title
        except UserError:
            return f"Session {event_id}"

    def _check_goals(self, goal_ids: tuple[int, ...]) -> None:
        self.goals.blockSignals(True)
        for row in range(self.goals.count()):
            item = self.goals.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in goal_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.goals.blockSignals(False)

    # --- while typing ------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        self._check_patient_info()
        self._draft_timer.start()
        if not self._goals_touched:
            self._suggest_timer.start()

    def _suggest_goals(self) -> None:
        if self._goals_touched or self.goals.count() == 0:
            return
        self._check_goals(self._ws.people.suggested_goals(self.details(), self._conference_id))

    def warnings(self) -> list[str]:
        texts = [self.place.text(), self.poster.text(), self.points.toPlainText(), self.my_promises.toPlainText(),
                 self.their_promises.toPlainText()]
        return [str(w) for text in texts for w in patient_info_warnings(text)]

    def _check_patient_info(self) -> None:
        found = self.warnings()
        self.warning.setText(
            "⚠ Possible patient information — keep notes free of anything that identifies a patient: "
            + "; ".join(found)
        )
        self.warning.setVisible(bool(found))

    def draft_state(self) -> dict[str, object]:
        """Everything typed, as JSON values (what the draft keeps)."""
        return {
            "name": self.name.text(), "institution": self.institution.text(), "position": self.position.currentText(),
            "specialty": self.specialty.text(), "emails": self.emails.text(), "phones": self.phones.text(),
            "urls": self.urls.text(), "orcid": self.orcid.text(),
            "relationship": self.relationship.currentData(), "direction": self.direction.currentData(),
            "obtained": self.obtained.currentData(), "event_id": self._event_id(), "place": self.place.text(),
            "poster": self.poster.text(), "points": self.points.toPlainText(),
            "my_promises": self.my_promises.toPlainText(), "their_promises": self.their_promises.toPlainText(),
            "goal_ids": list(self.checked_goals()), "speaker_id": self._prefill.speaker_id,
            "person_id": self._prefill.person_id, "conference_id": self._conference_id,
        }  # fmt: skip

    def _save_draft(self) -> None:
        if self.editing:
            return
        if any(str(v).strip() for k, v in self.draft_state().items() if k not in ("relationship", "direction",
                                                                                  "obtained", "conference_id")):
            try:
                self._ws.people.save_draft(self.draft_state())
            except UserError:
                pass  # the database is busy or read-only: the dialog still holds the text

    # --- reading -----------------------------------------------------------------------

    def _event_id(self) -> int | None:
        value = self.where.currentData()
        return None if value in (None, ELSEWHERE) else int(value)

    def checked_goals(self) -> tuple[int, ...]:
        return tuple(
            int(self.goals.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.goals.count())
            if self.goals.item(row).checkState() == Qt.CheckState.Checked
        )

    def details(self) -> ContactDetails:
        orcid = find_orcid(self.orcid.text())
        return ContactDetails(
            name=self.name.text(),
            institution=self.institution.text(),
            position=self.position.currentText(),
            specialty=self.specialty.text(),
            emails=_split_values(self.emails.text()),
            phones=_split_values(self.phones.text()),
            urls=_split_values(self.urls.text()),
            orcid=orcid,
            note=self._prefill.details.note,
            photo=self._prefill.details.photo,
        )

    def capture_data(self) -> CaptureData:
        note = ConversationNote(
            conference_id=self._conference_id,
            event_id=self._event_id(),
            met_at=datetime.now(timezone.utc),
            place=self.place.text(),
            poster=self.poster.text(),
            points=split_lines(self.points.toPlainText()),
            my_promises=split_lines(self.my_promises.toPlainText()),
            their_promises=split_lines(self.their_promises.toPlainText()),
        )
        return replace(
            self._prefill,
            details=self.details(),
            relationship=Relationship(self.relationship.currentData()),
            direction=Direction(self.direction.currentData()),
            obtained=Obtained(self.obtained.currentData()),
            conversation=note,
            goal_ids=self.checked_goals(),
        )

    # --- saving ------------------------------------------------------------------------

    def save(self) -> None:
        if not (self.name.text().strip() or self.emails.text().strip()):
            messages.show_error(self, "Type a name or an email address first.")
            self.name.setFocus()
            return
        orcid_text = self.orcid.text().strip()
        if orcid_text and not find_orcid(orcid_text):
            messages.show_error(self, f"“{orcid_text}” is not an ORCID iD (it looks like 0000-0002-1825-0097).")
            self.orcid.setFocus()
            return
        found = self.warnings()
        if found and not messages.confirm(
            self, "These notes may identify a patient:\n\n" + "\n".join(found) + "\n\nSave them anyway?"
        ):
            return
        self._draft_timer.stop()
        data = self.capture_data()
        if self.editing:
            if run_action(self, self._bus, lambda: self._ws.people.update_person(data)) is not None:
                self.accept()
            return
        result = run_action(self, self._bus, lambda: self._ws.people.capture(data))
        if result is None:
            return  # the message is shown; everything typed stays in the dialog
        self.result_value = result
        self.saved.emit(result)
        self.accept()

    def reject(self) -> None:
        """Cancel: a note with something typed is thrown away only when the user says so."""
        self._draft_timer.stop()
        typed = not self.editing and any(
            str(value).strip()
            for key, value in self.draft_state().items()
            if key in ("points", "my_promises", "their_promises", "poster")
        )
        if typed and not messages.confirm(self, "Discard this note?"):
            return
        if not self.editing:
            try:
                self._ws.people.discard_draft()
            except UserError:
                pass
        super().reject()

    # --- drafts ------------------------------------------------------------------------

    @staticmethod
    def from_draft(draft: dict[str, object]) -> tuple[CaptureData, int | None]:
        """A capture and its conference from a stored draft (see draft_state)."""

        def text(key: str) -> str:
            value = draft.get(key)
            return value if isinstance(value, str) else ""

        def number(key: str) -> int | None:
            value = draft.get(key)
            return value if isinstance(value, int) else None

        def member(kind, key, default):  # type: ignore[no-untyped-def]
            try:
                return kind(draft.get(key))
            except ValueError:
                return default

        goal_ids = draft.get("goal_ids")
        data = CaptureData(
            details=ContactDetails(
                name=text("name"), institution=text("institution"), position=text("position"),
                specialty=text("specialty"), emails=_split_values(text("emails")),
                phones=_split_values(text("phones")), urls=_split_values(text("urls")), orcid=text("orcid"),
            ),
            relationship=member(Relationship, "relationship", Relationship.NONE),
            direction=member(Direction, "direction", Direction.NONE),
            obtained=member(Obtained, "obtained", Obtained.TYPED),
            conversation=ConversationNote(
                event_id=number("event_id"), place=text("place"), poster=text("poster"),
                points=split_lines(text("points")), my_promises=split_lines(text("my_promises")),
                their_promises=split_lines(text("their_promises")),
            ),
            goal_ids=tuple(g for g in goal_ids if isinstance(g, int)) if isinstance(goal_ids, list) else (),
            speaker_id=number("speaker_id"),
            person_id=number("person_id"),
        )  # fmt: skip
        return data, number("conference_id")


def _text_box(placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _enum_box(kind) -> QComboBox:  # type: ignore[no-untyped-def]
    box = QComboBox()
    for member in kind:
        box.addItem(member.label, member.value)
    return box


def _choose(box: QComboBox, member: object) -> None:
    index = box.findData(getattr(member, "value", member))
    box.setCurrentIndex(max(index, 0))
