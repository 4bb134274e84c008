"""The window's pages: the Program page is built with the window, every other page (and the modules
behind it) the first time it is shown or asked for, then kept. Until then a page costs nothing at
start-up and needs no reloading when the data changes: it reads everything when it is built."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from conference_app.ui import keyboard

if TYPE_CHECKING:
    from conference_app.ui.main_window import MainWindow

# (name in the page list, window attribute, module, class); the order is the list's and Ctrl+1…9's.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("Program", "program_page", "conference_app.ui.pages.program_page", "ProgramPage"),
    ("Speakers", "speakers_page", "conference_app.ui.pages.speakers_page", "SpeakersPage"),
    ("Goals", "goals_page", "conference_app.ui.pages.goals_page", "GoalsPage"),
    ("My agenda", "agenda_page", "conference_app.ui.pages.agenda_page", "AgendaPage"),
    ("Outreach", "outreach_page", "conference_app.ui.pages.outreach_page", "OutreachPage"),
    ("People", "people_page", "conference_app.ui.pages.people_page", "PeoplePage"),
    ("Follow-ups", "tasks_page", "conference_app.ui.pages.tasks_page", "TasksPage"),  # appended last once
    ("Now & next", "now_page", "conference_app.ui.pages.now_page", "NowPage"),
    ("My network", "network_page", "conference_app.ui.pages.network_page", "NetworkPage"),
)
POSITIONS = {attribute: position for position, (_name, attribute, _module, _class) in enumerate(PAGES)}


class Deferred:
    """Stands for a service until its first use, when `make` makes it (and loads SQLAlchemy with it)."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._made: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._made is None:
            self._made = self._make()
        return getattr(self._made, name)


class Page:
    """A window attribute naming one of its pages: reading it builds the page if it is not yet built."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute = name

    def __get__(self, window: MainWindow | None, owner: type) -> Any:
        return self if window is None else window.pages_built.page(self.attribute)


class LazyPages:
    """Builds pages into the window's stack on demand; `wire` connects a new page to the window."""

    def __init__(self, window: MainWindow, make: Callable[[str, type], QWidget], wire: Callable[[str, QWidget], None]) -> None:
        self._window = window
        self._make = make
        self._wire = wire
        self.built: dict[str, QWidget] = {}

    def add(self, attribute: str, page: QWidget) -> None:
        """A page built by the window itself (the Program page)."""
        self.built[attribute] = page

    def page(self, attribute: str) -> QWidget:
        page = self.built.get(attribute)
        if page is None:
            _name, _attribute, module, class_name = PAGES[POSITIONS[attribute]]
            page = self._make(attribute, getattr(import_module(module), class_name))
            self.built[attribute] = page
            stack = self._window.stack
            position = POSITIONS[attribute]
            placeholder = stack.widget(position)
            current = stack.currentIndex()
            stack.insertWidget(position, page)
            stack.removeWidget(placeholder)
            placeholder.deleteLater()
            stack.setCurrentIndex(current)
            keyboard.tab_moves_on(page)  # as the window's own pages got it when the window was shown
            self._wire(attribute, page)
        return page

    def at(self, position: int) -> QWidget:
        return self.page(PAGES[position][1])

    def shown(self) -> list[QWidget]:
        """The pages built so far, in the list's order."""
        return [self.built[attribute] for _name, attribute, _m, _c in PAGES if attribute in self.built]

    def every(self) -> list[tuple[str, QWidget]]:
        """Every page with its name, building those not yet built."""
        return [(name, self.page(attribute)) for name, attribute, _m, _c in PAGES]
