"""Now & next, at the venue: the pick running now and the next one, whom to meet there, what to say.

It follows the clock: every minute it asks the service again, in the conference's own time zone.
The clock is a callable so tests can set the moment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.now_next import (
    BETWEEN,
    NO_PICKS,
    OVER,
    PICKS_DONE,
    NowNext,
    PersonToMeet,
    elapsed_share,
    starts_in,
    time_left,
)
from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.storage.database_errors import DATABASE_ERRORS, database_error
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus
from conference_app.ui.keyboard import NOW_SHORTCUT
from conference_app.ui.dialogs import messages
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.widgets.now_cards import SlotCard, TalkCard, card_frame

SHORTCUT = NOW_SHORTCUT
TICK_MS = 60_000
TOPICS = {Topic.PROGRAM, Topic.PICKS, Topic.AGENDA, Topic.TARGETS, Topic.GOALS, Topic.PROFILE, Topic.CONTACTS}

NO_CONFERENCE_TEXT = (
    "No conference yet. Import its program with File ▸ Import program… (Ctrl+I), or drop the file on this window."
)
NO_PICKS_TEXT = (
    "You have not picked any sessions yet. Pick the ones you mean to attend on the Program page (click ★ or press "
    "Space), or take a goal's suggestions on the Goals page. The one running will show here, with the people to "
    "meet there."
)
PICKS_DONE_TEXT = "None of your picks is still to come. If you have time left, pick more on the Program page."
OVER_TEXT = (
    "The conference is over. This is the time to follow up, while they remember you: Follow-ups lists whom to "
    "write to, and by when."
)
HINT = (
    f"{SHORTCUT} opens this page from anywhere · Enter on a person notes your conversation · Ctrl+N notes anyone else"
)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class NowPage(QWidget):
    capture_requested = Signal(object)  # CaptureData: the window opens the capture dialog with it
    follow_ups_requested = Signal()

    def __init__(
        self,
        workspace: Workspace,
        bus: DataBus,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._bus = bus
        self.clock = clock
        self._conference_id: int | None = None
        self.view: NowNext | None = None

        self.clock_label = QLabel()
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock_label.setAccessibleName("Conference time")
        self.clock_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.follow_ups_button = QPushButton("Open Follow-ups")
        self.follow_ups_button.clicked.connect(self.follow_ups_requested)
        self.message_box = QFrame()
        card_frame(self.message_box)
        message_row = QHBoxLayout(self.message_box)
        message_row.setContentsMargins(12, 8, 12, 8)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.follow_ups_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.now_card = SlotCard("Now")
        self.next_card = SlotCard("Next")
        for card in (self.now_card, self.next_card):
            card.met.connect(self.note_meeting)
        self.talk_card = TalkCard()
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        theme.style(self.hint, theme.hint_sheet)

        self.content = content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(4, 4, 4, 4)
        title_row = QHBoxLayout()
        title_row.addWidget(theme.page_title("Now & next"))
        title_row.addWidget(self.clock_label, 1)
        grid.addLayout(title_row, 0, 0, 1, 2)
        grid.addWidget(self.message_box, 1, 0, 1, 2)
        grid.addWidget(self.now_card, 2, 0)
        grid.addWidget(self.next_card, 2, 1)
        grid.addWidget(self.talk_card, 3, 0, 1, 2)
        grid.addWidget(self.hint, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)
        self.scroll = scroll = QScrollArea()
        scroll.setAccessibleName("Now and next")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._loader = DeferredReload(self)
        bus.changed.connect(lambda topics: self._loader.request(self.reload) if topics & TOPICS else None)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._show(None)

    # --- loading -----------------------------------------------------------------------

    def show_conference(self, conference_id: int | None) -> None:
        self._conference_id = conference_id
        self._loader.request(self.reload)

    def tick(self) -> None:
        """The minute changed: look again (at once if the page is on screen, else when it is next shown)."""
        self._loader.request(self.reload)

    def reload(self) -> None:
        if self._conference_id is None:
            self._show(None)
            return
        try:
            view = self._ws.now_next.now_next(self._conference_id, self.clock())
        except UserError as error:
            self._show(None, str(error))
            return
        except DATABASE_ERRORS as error:
            self._show(None, str(database_error(self._bus.database_path, error)))
            return
        self._show(view)

    def _show(self, view: NowNext | None, problem: str = "") -> None:
        self.view = view
        if view is None:
            self.clock_label.setText("")
            self._set_message(problem or NO_CONFERENCE_TEXT)
            self.now_card.show_slot(None, "", (), "Nothing to show yet.", None)
            self.next_card.show_slot(None, "", (), "", None)
            self.now_card.setVisible(False)
            self.next_card.setVisible(False)
            self.talk_card.setVisible(False)
            return
        self.clock_label.setText(f"{view.at:%A %d %B, %H:%M} — conference time ({view.time_zone})")
        self._set_message(self._message_for(view), follow_ups=view.state == OVER)
        now, following = view.now, view.next
        self.now_card.show_slot(
            now,
            time_left(now, view.at) + f" · ends {now.end:%H:%M}" if now is not None else "",
            view.people_at(now),
            "Nothing you picked is running now.",
            elapsed_share(now, view.at) if now is not None else None,
        )
        # With neither, the message above says it all (no picks, picks over, conference over).
        self.now_card.setVisible(now is not None or following is not None)
        self.next_card.setVisible(now is not None or following is not None)
        self.next_card.show_slot(
            following,
            f"Starts {starts_in(following, view.at)}" if following is not None else "",
            view.people_at(following),
            "No pick after this one.",
            None,
        )
        self.talk_card.setVisible(bool(view.openers))
        self.talk_card.show_view(view)

    def _set_message(self, text: str, follow_ups: bool = False) -> None:
        self.message.setText(text)
        self.message_box.setVisible(bool(text))
        self.follow_ups_button.setVisible(follow_ups)

    @staticmethod
    def _message_for(view: NowNext) -> str:
        if view.state == NO_PICKS:
            return NO_PICKS_TEXT
        if view.state == PICKS_DONE:
            return PICKS_DONE_TEXT
        if view.state == OVER:
            return OVER_TEXT
        if view.state == BETWEEN and view.next is not None:
            room = f" in {view.next.room}" if view.next.room else ""
            return (
                f"Between sessions. Your next pick, “{view.next.title}”, starts {starts_in(view.next, view.at)}{room}."
            )
        return ""

    # --- actions -----------------------------------------------------------------------

    def focus_people(self) -> None:
        """Put the keyboard on the first list of people to meet, so Enter notes a conversation at once."""
        for card in (self.now_card, self.next_card):
            if card.people.count():
                card.people.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    def note_meeting(self, person: PersonToMeet) -> None:
        """Open the capture dialog prefilled with the person and the session where they are."""
        try:
            prefill = self._ws.now_next.capture_at(person.speaker_id, person.event_id)
        except UserError as error:
            messages.show_error(self, str(error))
            return
        except DATABASE_ERRORS as error:
            messages.show_error(self, str(database_error(self._bus.database_path, error)))
            return
        self.capture_requested.emit(prefill)

    def people_shown(self) -> list[str]:
        """The names in the two lists, now's first (what a user sees, for tests and screen readers)."""
        return [
            card.people.item(row).data(Qt.ItemDataRole.UserRole).name
            for card in (self.now_card, self.next_card)
            for row in range(card.people.count())
        ]
