"""The cards of the Now & next page: a picked session with the people to meet there, and what to say."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.now_next import MAKE_IT_SPECIFIC, NowNext, PersonToMeet, PickedSlot
from conference_app.ui.widgets.card_list import CardList

MAX_VISIBLE_PEOPLE = 3  # more scroll inside the list


def _label(text: str = "", *, muted: bool = False, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if muted:
        theme.style(label, theme.hint_sheet)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def card_frame(frame: QFrame) -> None:
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setObjectName("venueCard")
    frame.setStyleSheet("#venueCard { border: 1px solid palette(mid); border-radius: 6px; }")


def _selection_sheet(colours: QPalette) -> str:
    """A light wash of the accent for the chosen person keeps the muted "why" line readable on it."""
    wash = theme.tint(theme.accent(colours), colours, 0.14)
    return (
        f"QListWidget::item:selected {{ background: {wash.name()}; color: {theme.text_on(wash, colours).name()};"
        " border-left: 4px solid palette(highlight); }"
    )


class PersonCard(QWidget):
    """Someone to meet: name, position and institution, and why they matter to a goal."""

    def __init__(self, person: PersonToMeet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        e = html.escape
        who = f" — {e(person.who)}" if person.who else ""
        self.name = _label(f"<b>{e(person.name)}</b>{who}")
        self.why = _label(person.why, muted=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(1)
        layout.addWidget(self.name)
        layout.addWidget(self.why)


class PeopleList(CardList):
    """The people to meet at one session; as tall as its cards up to a few, Enter notes the conversation."""

    met = Signal(object)  # PersonToMeet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("People to meet")
        theme.style(self, _selection_sheet)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self, self.note_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # each list its own Enter
        self.itemDoubleClicked.connect(lambda _item: self.note_current())

    def set_people(self, people: tuple[PersonToMeet, ...]) -> None:
        self.clear()
        for person in people:
            self.add_card(PersonCard(person), person)
        if people:
            self.setCurrentRow(0)
        self._fit_height()

    def current_person(self) -> PersonToMeet | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def note_current(self) -> None:
        person = self.current_person()
        if person is not None:
            self.met.emit(person)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        heights = [self.item(row).sizeHint().height() for row in range(min(self.count(), MAX_VISIBLE_PEOPLE))]
        self.setFixedHeight(sum(heights) + 2 * self.frameWidth() + 2 if heights else 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, self.height())


class SlotCard(QFrame):
    """Now or next: the session's title, room and hours, the time left or when it starts, whom to meet."""

    met = Signal(object)  # PersonToMeet

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        card_frame(self)
        self.heading = QLabel(f"<b>{html.escape(heading)}</b>")
        self.heading.setStyleSheet("font-size: 13pt;")
        self.title = _label(selectable=True)
        self.title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.where = _label()
        self.when = _label()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setAccessibleName("Time gone")
        self.people_heading = QLabel("<b>People to meet here</b>")
        self.people = PeopleList()
        self.people.met.connect(self.met)
        self.nobody = _label(muted=True)
        self.met_button = QPushButton("I met them…")
        self.met_button.setToolTip("Note the conversation with the person chosen above (Enter)")
        self.met_button.clicked.connect(self.people.note_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        for widget in (
            self.heading,
            self.title,
            self.where,
            self.when,
            self.progress,
            self.people_heading,
            self.people,
            self.nobody,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.met_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_slot(
        self, slot: PickedSlot | None, when: str, people: tuple[PersonToMeet, ...], empty: str, share: float | None
    ) -> None:
        """The session (or `empty` in words when there is none) and the people to meet there."""
        has_slot = slot is not None
        self.title.setText(slot.title if slot is not None else empty)
        theme.style(self.title, (lambda _colours: "font-size: 12pt; font-weight: 600;") if has_slot else theme.hint_sheet)
        if slot is not None:
            must = "must see" if slot.priority == "must" else "nice to see"
            room = f"{slot.room} · " if slot.room else ""
            self.where.setText(f"{room}{slot.start:%a %H:%M}–{slot.end:%H:%M} · {must}")
        self.where.setVisible(has_slot)
        self.when.setText(f"<b>{html.escape(when)}</b>")
        self.when.setVisible(has_slot and bool(when))
        self.progress.setVisible(share is not None)
        self.progress.setValue(round((share or 0.0) * 1000))
        self.people.set_people(people)
        self.people.setVisible(bool(people))
        self.met_button.setVisible(bool(people))
        self.people_heading.setVisible(has_slot)
        self.nobody.setText(
            "Nobody marked to meet here. Mark speakers with Plan to meet on the Speakers page or Meet on the "
            "Goals page; Ctrl+N notes anyone you meet."
        )
        self.nobody.setVisible(has_slot and not people)


class TalkCard(QFrame):
    """What to say: the user's pitch, openers for the session, and a graceful exit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        card_frame(self)
        self.text = _label(selectable=True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.text)

    def show_view(self, view: NowNext) -> None:
        e = html.escape
        pitch = (
            e(view.pitch)
            if view.pitch
            else "<i>No pitch yet: write one or two sentences about yourself and your work in "
            "Plan ▸ My profile… (Ctrl+Shift+P).</i>"
        )
        openers = "".join(f"<li><b>{e(o.about)}:</b> {e(o.text)}</li>" for o in view.openers)
        self.text.setText(
            "<span style='font-size: 13pt;'><b>What to say</b></span>"
            f"<p><b>Your pitch:</b> {pitch}</p>"
            f"<p style='margin-bottom: 0;'><b>Openers</b> — {e(MAKE_IT_SPECIFIC)}</p><ul style='margin-top: 2px;'>"
            f"{openers}</ul>"
            f"<p><b>A graceful exit:</b> {e(view.exit_line)}<br>"
            "<i>Then note what each of you promised, while it is fresh.</i></p>"
        )
