"""The shell: navigation between pages, the conference switcher, menus, import and drag-and-drop."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.errors import UserError
from conference_app.core.services.getting_started import GettingStarted
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui import keyboard, theme
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages
from conference_app.ui.first_screen import FirstScreen, change_number, read_first_screen, read_session_rows
from conference_app.ui.import_runner import ImportRunner
from conference_app.ui.search_index_runner import SearchIndexRunner
from conference_app.ui.notifications import AGENDA, Banner, Notifier, Reminder, TrayReminders
from conference_app.ui.widgets.getting_started_panel import GettingStartedPanel
from conference_app.ui.pages.program_page import ProgramPage
from conference_app.ui.people_actions import PeopleActions, is_contact_file, is_image_file
from conference_app.ui.window_menus import build_menus
from conference_app.ui.window_import import ProgramImports
from conference_app.ui.window_pages import PAGES, Deferred, LazyPages, Page

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent

    from conference_app.core.importers.program import ReadOptions
    from conference_app.ui.database_watch import DatabaseWatch


class MainWindow(ProgramImports):
    speakers_page = Page()
    goals_page = Page()
    agenda_page = Page()
    outreach_page = Page()
    people_page = Page()
    tasks_page = Page()
    now_page = Page()
    network_page = Page()

    def __init__(self, workspace: Workspace, first: FirstScreen | None = None) -> None:
        """`first`: the first screen as read before the services were loaded (read here if not given)."""
        super().__init__()
        theme.follow_system_scheme()
        # keyboard.install() (Tab leaves lists and text boxes in every window shown) waits for
        # finish_startup: an application-wide event filter in Python makes every event of the first
        # drawing cross into Python. This window gets the same at its first show (showEvent).
        self.workspace = workspace
        first = first or read_first_screen(workspace.path)
        self._first_change_number: int | None = first.change_number
        self._rest_of_list: int | None = None  # the conference whose list the first screen gave only the top of
        self._database_watch: DatabaseWatch | None = None
        self.bus = DataBus(self)
        # First of all the listeners: the conference list, so that pages never reload one that is gone.
        self.bus.changed.connect(self._data_changed)
        self.bus.database_path = workspace.path
        self.setWindowTitle("Conference Companion")
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        program = Deferred(lambda: workspace.program)
        self.program_page = ProgramPage(program, self.bus)  # type: ignore[arg-type]
        self.pages_built = LazyPages(self, lambda _attribute, kind: kind(workspace, self.bus), self._wire_page)
        self.pages_built.add("program_page", self.program_page)
        self.people = PeopleActions(self, workspace, self.bus)
        self.program_page.speaker_requested.connect(
            lambda speaker_id: (self.show_page(self.speakers_page), self.speakers_page.select_speaker(speaker_id))
        )
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName("Pages")
        for name, attribute, _module, _class in PAGES:
            self.nav.addItem(name)
            self.stack.addWidget(self.program_page if attribute == "program_page" else QWidget())
        self.nav.setFixedWidth(160)
        self.nav.setObjectName("navigation")
        theme.style(self.nav, navigation_style)
        self.nav.currentRowChanged.connect(self._page_chosen)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 4)
        self.banner = Banner()
        self.banner.show_requested.connect(self._show_reminder_page)
        column.addWidget(self.banner)
        getting_started = Deferred(lambda: GettingStarted(workspace.database.sessions))
        self.getting_started = GettingStartedPanel(getting_started, self.bus, first.progress)  # type: ignore[arg-type]
        self.getting_started.profile_requested.connect(lambda: self.goals_page.edit_profile())
        self.getting_started.goal_requested.connect(lambda: (self.show_page(self.goals_page), self.goals_page.add_goal()))
        self.getting_started.suggestions_requested.connect(lambda: self.show_page(self.goals_page))
        self.getting_started.program_requested.connect(lambda: self.show_page(self.program_page))
        column.addWidget(self.getting_started)
        row = QHBoxLayout()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)
        self.notifier = Notifier(workspace, self)
        self.tray = TrayReminders(self)
        self.notifier.reminded.connect(self._remind)

        self.conference_box = QComboBox()
        self.conference_box.setAccessibleName("Conference")
        self.conference_box.setMinimumWidth(320)
        self.conference_box.activated.connect(self._conference_chosen)
        toolbar = QToolBar("Conference")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Conference: "))
        toolbar.addWidget(self.conference_box)
        self.addToolBar(toolbar)

        self.importer = ImportRunner(program, self, workspace.path)  # type: ignore[arg-type]
        self.importer.finished.connect(self._import_finished)
        # An import (here or by another program) leaves the search index to finish: done here, in the background.
        self.search_index = SearchIndexRunner(program, self, workspace.path)  # type: ignore[arg-type]
        self.search_index.finished.connect(lambda outcome: self.bus.publish(outcome.changed))
        self.search_index.failed.connect(self._search_index_failed)
        self._pending: tuple[Path, ReadOptions] | None = None
        build_menus(self)
        self._restore_geometry()
        self.nav.setCurrentRow(0)
        self._load_conferences(first)
        # The rest of the start (SQLAlchemy, the change watch, reminders, a draft left open) once the
        # window has been drawn; or at once when asked for (database_watch, a test).
        self._started = False
        self.installEventFilter(self)

    # --- start-up -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self and event.type() == QEvent.Type.Paint and not self._started:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._complete_list)
        return False

    def _complete_list(self) -> None:
        """Right after the first drawing: the rest of the program list (plain SQL, quick), then the rest."""
        self._fill_rest_of_list()
        QTimer.singleShot(0, self.finish_startup)

    def _fill_rest_of_list(self) -> None:
        conference_id, self._rest_of_list = self._rest_of_list, None
        if conference_id is not None:
            self.program_page.complete_rows(conference_id, read_session_rows(self.workspace.path, conference_id))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if not self._started:
            keyboard.tab_moves_on(self)  # what keyboard.install() does to each window shown
        super().showEvent(event)

    def finish_startup(self) -> None:
        """What the first screen did not need: the engine and services, the watch for other
        programs' changes (reloading at once if one came after the first screen was read), the
        reminders, and a capture left open by a crash."""
        if self._started:
            return
        self._started = True
        keyboard.install()
        self._fill_rest_of_list()
        from conference_app.ui.database_watch import DatabaseWatch

        self._database_watch = DatabaseWatch(self, self.workspace.database, self.bus, lambda: self.importer.busy)
        if self._first_change_number is not None and change_number(self.workspace.path) != self._first_change_number:
            self.bus.publish(frozenset(Topic))
        self._first_change_number = None
        self.search_index.start()
        self.notifier.start()
        QTimer.singleShot(0, self.people.offer_draft)

    @property
    def database_watch(self) -> DatabaseWatch:
        self.finish_startup()
        assert self._database_watch is not None
        return self._database_watch

    @property
    def pages(self) -> list[tuple[str, QWidget]]:
        """Every page with its name (each built if it was not yet)."""
        return self.pages_built.every()

    def _page_chosen(self, row: int) -> None:
        if row >= 0:
            self.pages_built.at(row)
        self.stack.setCurrentIndex(row)

    def _wire_page(self, attribute: str, page: Any) -> None:
        """A page built just now: its requests to the window, and the conference on screen."""
        if attribute in ("goals_page", "speakers_page"):
            page.met_requested.connect(self.people.capture_for_speaker)
        if attribute == "people_page":
            page.capture_requested.connect(self.people.capture)
            page.edit_requested.connect(self.people.edit_person)
            self.people.person_saved.connect(page.select_person)
        if attribute == "now_page":
            page.capture_requested.connect(self.people.capture_prefilled)
            page.follow_ups_requested.connect(lambda: self.show_page(self.tasks_page))
        if attribute == "network_page":
            page.person_requested.connect(
                lambda person_id: (self.show_page(self.people_page), self.people_page.select_person(person_id))
            )
            page.speaker_requested.connect(
                lambda speaker_id: (self.show_page(self.speakers_page), self.speakers_page.select_speaker(speaker_id))
            )
        if attribute == "outreach_page":
            page.follow_ups_requested.connect(lambda: self.show_page(self.tasks_page))
        page.show_conference(self.current_conference_id)

    def _edit_mail_server(self) -> None:
        from conference_app.ui.dialogs.mail_settings_dialog import MailSettingsDialog

        MailSettingsDialog.edit(self.workspace, self.bus, self)

    def _focus_search(self) -> None:
        self.nav.setCurrentRow(0)
        self.program_page.focus_search()

    # --- conferences --------------------------------------------------------------------

    def _load_conferences(self, first: FirstScreen | None = None) -> None:
        if first is not None:
            conferences, current = first.conferences, first.current_id
        else:
            conferences = self.workspace.program.conferences()
            current = self.workspace.program.current_conference_id()
        self.conference_box.clear()
        for conference in conferences:
            self.conference_box.addItem(f"{conference.title}  ({conference.sessions} sessions)", conference.id)
        if current is not None:
            self.conference_box.setCurrentIndex(self.conference_box.findData(current))
        self._show_conference(current, first)

    def _show_conference(self, conference_id: int | None, first: FirstScreen | None = None) -> None:
        self.current_conference_id = conference_id
        self.people.conference_id = conference_id
        self.notifier.conference_id = conference_id
        if first is not None:  # as read for the first screen
            zone = next((c.time_zone for c in first.conferences if c.id == conference_id), "UTC")
            self.getting_started.show_conference(conference_id, first.progress)
            self.program_page.show_first_screen(conference_id, first.facets, zone, first.rows, first.detail, first.total)
            self._rest_of_list = None if first.complete else conference_id
        else:
            self.getting_started.show_conference(conference_id)
            self.program_page.show_conference(conference_id)
        for page in self.pages_built.shown():
            if page is not self.program_page:  # pages not built yet read the conference when they are
                page.show_conference(conference_id)  # type: ignore[attr-defined]
        title = self.conference_box.currentText().split("  (")[0] if conference_id else ""
        self.setWindowTitle(f"{title} — Conference Companion" if title else "Conference Companion")

    def _conference_chosen(self, index: int) -> None:
        conference_id = self.conference_box.itemData(index)
        if conference_id is not None:
            # Done, the PROGRAM topic shows the conference (_data_changed); refused, the box goes back.
            run_action(self, self.bus, lambda: self.workspace.program.switch_conference(conference_id))
        self.conference_box.setCurrentIndex(self.conference_box.findData(self.current_conference_id))

    def _delete_conference(self) -> None:
        conference_id = self.current_conference_id
        if conference_id is None:
            return
        name = self.conference_box.currentText().split("  (")[0]
        if messages.confirm(self, f"Remove “{name}” and your picks for it from this computer?"):
            run_action(self, self.bus, lambda: self.workspace.program.delete_conference(conference_id))

    def _remind(self, reminder: Reminder) -> None:
        self.banner.add(reminder)
        self.tray.show(reminder)

    def _show_reminder_page(self, page: str) -> None:
        self.show_page(self.agenda_page if page == AGENDA else self.tasks_page)

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(page))

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if Topic.PROGRAM in topics:
            self.conference_box.blockSignals(True)
            self._load_conferences()
            self.conference_box.blockSignals(False)
            if self._started:
                self.search_index.start()

    def _search_index_failed(self, error: UserError) -> None:
        """Shown where search is (its list says so while the text is typed) and in the status bar, not
        in a dialog: no action of the user's failed."""
        self.program_page.search_failed(str(error))
        self.statusBar().showMessage(f"Search could not be prepared: {error}", 15000)

    # --- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """A program imports; .vcf files import people; a picture is scanned for codes."""
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if not files:
            return
        event.acceptProposedAction()
        if all(is_contact_file(f) for f in files):
            self.people.import_contacts(files)
        elif all(is_image_file(f) for f in files):
            self.people.scan(files)
        else:
            self.import_file(files[0])

    # --- window state -------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:  # never larger than the screen, whatever was saved
            self.resize(self.size().boundedTo(screen.size() * 0.95))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._started = True  # closed before it was drawn: nothing more to start
        self.importer.cancel()
        self.search_index.wait()
        self.notifier.stop()
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)


def navigation_style(colours: QPalette) -> str:
    """The page list: the current page in the accent colour, deepened until its name reads on it."""
    on_accent = colours.color(QPalette.ColorRole.HighlightedText)
    selected = theme.readable(theme.accent(colours), on_accent)
    return (
        "#navigation { font-size: 11pt; border: none; background: palette(window); }"
        "#navigation::item { padding: 8px 10px; border-radius: 4px; }"
        f"#navigation::item:selected {{ background: {selected.name()}; color: {theme.readable(on_accent, selected).name()}; }}"
        f"#navigation:focus {{ outline: none; }} #navigation::item:focus {{ border: 2px solid {theme.accent_text(colours).name()}; }}"
    )
