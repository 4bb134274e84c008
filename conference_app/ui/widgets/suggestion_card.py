"""One ranked suggestion: what it is, where and when, why it fits, and the buttons to accept it."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from conference_app.ui import theme
from conference_app.core.domain.ranking import Suggestion
from conference_app.ui.models.session_table import pick_mark


class SuggestionCard(QWidget):
    def __init__(
        self,
        suggestion: Suggestion,
        on_pick: Callable[[Suggestion, str], None],
        on_meet: Callable[[Suggestion], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        e = html.escape
        s = suggestion
        if s.kind == "session":
            icon = f"{pick_mark(s.priority)} " if s.picked else "▣ "
            when = f"{s.start:%a %H:%M}–{s.end:%H:%M}" if s.start and s.end else ""
            facts = " · ".join(x for x in (when, s.room, s.track, s.type) if x)
        else:
            icon = "✓ " if s.targeted else "☺ "
            meet = s.meet_at
            where = f"speaks {meet.start:%a %H:%M} in {meet.room}" if meet else ""
            facts = " · ".join(x for x in (s.role, s.affiliation, where) if x)
        self.heading = QLabel(f"<b>{icon}{e(s.title)}</b>")
        self.heading.setWordWrap(True)
        self.facts = QLabel(e(facts))
        self.facts.setWordWrap(True)
        self.reasons = QLabel("<br>".join(f"• {e(r)}" for r in s.reasons))
        self.reasons.setWordWrap(True)
        theme.style(self.reasons, lambda c: f"color: {theme.css(theme.success(c))};")
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.heading)
        text.addWidget(self.facts)
        text.addWidget(self.reasons)
        text.addStretch(1)
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        if s.kind == "session":
            for priority, label in (("must", "Must see"), ("nice", "Nice to see")):
                button = QPushButton(label)
                button.setCheckable(True)
                button.setChecked(s.picked and s.priority == priority)
                button.clicked.connect(lambda _c=False, p=priority: on_pick(suggestion, p))
                buttons.addWidget(button)
                self.buttons[priority] = button
        else:
            button = QPushButton("Planned to meet" if s.targeted else "Meet")
            button.setEnabled(not s.targeted)
            button.clicked.connect(lambda _c=False: on_meet(suggestion))
            buttons.addWidget(button)
            self.buttons["meet"] = button
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addLayout(text, 1)
        row.addLayout(buttons)
