"""The first-run path across the top of the window: four steps, each one click, each ticked when done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from conference_app.core.services.getting_started import GOALS_WANTED, GettingStarted, StartProgress
from conference_app.core.services.outcome import Topic
from conference_app.ui.data_bus import DataBus, run_action

TOPICS = {Topic.PROFILE, Topic.GOALS, Topic.PICKS, Topic.PROGRAM}


class GettingStartedPanel(QFrame):
    profile_requested = Signal()
    goal_requested = Signal()
    suggestions_requested = Signal()
    program_requested = Signal()

    def __init__(
        self, service: GettingStarted, bus: DataBus, progress: StartProgress | None = None, parent: QWidget | None = None
    ) -> None:
        """`progress`: the steps as already read (the window's first screen), else asked of `service`."""
        super().__init__(parent)
        self._service = service
        self._bus = bus
        self._conference_id: int | None = None
        self._asked = False  # shown from the Help menu: stays up even when every step is done
        self.progress: StartProgress | None = None
        self.setObjectName("gettingStarted")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#gettingStarted { background: palette(alternate-base); border-radius: 6px; }")
        self.title = QLabel("<b>Get ready for the congress in four steps</b>")
        self.hint = QLabel(wordWrap=True)
        self.profile_button = QPushButton()
        self.goals_button = QPushButton()
        self.suggestions_button = QPushButton()
        self.picks_button = QPushButton()
        self.hide_button = QPushButton("Hide")
        self.hide_button.setToolTip("Hide these steps; Help ▸ Getting started shows them again")
        self.profile_button.clicked.connect(self.profile_requested)
        self.goals_button.clicked.connect(self.goal_requested)
        self.suggestions_button.clicked.connect(self.suggestions_requested)
        self.picks_button.clicked.connect(self.program_requested)
        self.hide_button.clicked.connect(lambda: self.set_hidden(True))
        steps = QHBoxLayout()
        for button in (self.profile_button, self.goals_button, self.suggestions_button, self.picks_button):
            steps.addWidget(button)
        steps.addStretch(1)
        steps.addWidget(self.hide_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(steps)
        layout.addWidget(self.hint)
        bus.changed.connect(self._data_changed)
        self.refresh(progress)

    def show_conference(self, conference_id: int | None, progress: StartProgress | None = None) -> None:
        self._conference_id = conference_id
        self.refresh(progress)

    def set_hidden(self, hidden: bool) -> None:
        if run_action(self, self._bus, lambda: self._service.set_hidden(hidden)) is not None:
            self._asked = not hidden
            self.refresh()

    def refresh(self, progress: StartProgress | None = None) -> None:
        if progress is None:
            progress = self._service.progress(self._conference_id)
        self.progress = progress
        goals_text = f"2–3 goals for a {progress.stage}" if progress.stage else "2–3 goals"
        self.profile_button.setText("✓ Profile filled in" if progress.profile_done else "1 Fill in your profile")
        self.goals_button.setText(f"✓ {progress.goals} goals set" if progress.goals_done else f"2 Set {goals_text}")
        self.suggestions_button.setText("3 See suggestions")
        self.suggestions_button.setEnabled(progress.goals > 0)
        picked = f"✓ {progress.picks} session{'' if progress.picks == 1 else 's'} picked"
        self.picks_button.setText(picked if progress.picks_done else "4 Pick sessions")
        self.picks_button.setEnabled(self._conference_id is not None)
        self.hint.setText(self._next_step(progress))
        self.setVisible(not progress.hidden and (self._asked or not progress.all_done))

    def _next_step(self, progress: StartProgress) -> str:
        if progress.all_done:
            return ("All four steps are done. Next: My agenda shows your picks and clashes, Outreach drafts short "
                    "emails to the people you mean to meet.")  # fmt: skip
        if not progress.profile_done:
            return ("Start with who you are: your name, stage and institution make the suggestions and "
                    "emails yours. Each step can be skipped.")  # fmt: skip
        if not progress.goals_done:
            left = GOALS_WANTED - progress.goals
            return (f"Now {left} more goal{'s' if left > 1 else ''}: start from a template for your stage, such as "
                    "meeting program directors or presenting your research.")  # fmt: skip
        if self._conference_id is None:
            return "Import the conference's program (File ▸ Import program…) to see sessions and suggestions."
        return ("See which sessions and speakers serve your goals (best first, with the reasons), then pick the "
                "sessions you will attend: press Space on a session in the Program.")  # fmt: skip

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if topics & TOPICS:
            self.refresh()
