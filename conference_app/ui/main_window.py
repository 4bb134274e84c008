"""The shell: navigation between pages, the conference switcher, menus, import and drag-and-drop."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from conference_app import __version__
from conference_app.core.domain.program import ImportReport
from conference_app.core.errors import UserError
from conference_app.core.importers.csv_agenda import NO_TIME_ZONE, CsvMappingNeeded, FirstDayNeeded
from conference_app.core.importers.program import ReadOptions
from conference_app.core.services.getting_started import GettingStarted
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.workspace import Workspace
from conference_app.ui import keyboard, theme
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.database_watch import DatabaseWatch
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.csv_mapping_dialog import CsvMappingDialog
from conference_app.ui.import_runner import ImportRunner
from conference_app.ui.notifications import AGENDA, Banner, Notifier, Reminder, TrayReminders
from conference_app.ui.widgets.getting_started_panel import GettingStartedPanel
from conference_app.ui.pages.agenda_page import AgendaPage
from conference_app.ui.pages.goals_page import GoalsPage
from conference_app.ui.pages.outreach_page import OutreachPage
from conference_app.ui.pages.people_page import PeoplePage
from conference_app.ui.people_actions import PeopleActions, is_contact_file, is_image_file
from conference_app.ui.pages.program_page import ProgramPage
from conference_app.ui.pages.speakers_page import SpeakersPage
from conference_app.ui.pages.tasks_page import TasksPage
from conference_app.ui.pages.network_page import NetworkPage
from conference_app.ui.pages.now_page import SHORTCUT as NOW_SHORTCUT, NowPage

PROGRAM_FILES = "Conference programs (*.xml *.json *.ics *.ical *.csv *.tsv *.txt);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        theme.follow_system_scheme()
        keyboard.install()
        self.workspace = workspace
        self.bus = DataBus(self)
        # First of all the listeners: the conference list, so that pages never reload one that is gone.
        self.bus.changed.connect(self._data_changed)
        self.bus.database_path = workspace.database.path
        self.setWindowTitle("Conference Companion")
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        program = workspace.program
        self.program_page = ProgramPage(program, self.bus)
        self.speakers_page = SpeakersPage(workspace, self.bus)
        self.goals_page = GoalsPage(workspace, self.bus)
        self.agenda_page = AgendaPage(workspace, self.bus)
        self.outreach_page = OutreachPage(workspace, self.bus)
        self.people_page = PeoplePage(workspace, self.bus)
        self.tasks_page = TasksPage(workspace, self.bus)
        self.now_page = NowPage(workspace, self.bus)
        self.network_page = NetworkPage(workspace, self.bus)
        self.pages: list[tuple[str, QWidget]] = [
            ("Program", self.program_page),
            ("Speakers", self.speakers_page),
            ("Goals", self.goals_page),
            ("My agenda", self.agenda_page),
            ("Outreach", self.outreach_page),
            ("People", self.people_page),
            ("Follow-ups", self.tasks_page),  # appended last: the other pages keep their positions
            ("Now & next", self.now_page),
            ("My network", self.network_page),
        ]
        self.people = PeopleActions(self, workspace, self.bus)
        self.goals_page.met_requested.connect(self.people.capture_for_speaker)
        self.speakers_page.met_requested.connect(self.people.capture_for_speaker)
        self.people_page.capture_requested.connect(self.people.capture)
        self.people_page.edit_requested.connect(self.people.edit_person)
        self.people.person_saved.connect(self.people_page.select_person)
        self.now_page.capture_requested.connect(self.people.capture_prefilled)
        self.now_page.follow_ups_requested.connect(lambda: self.show_page(self.tasks_page))
        self.network_page.person_requested.connect(
            lambda person_id: (self.show_page(self.people_page), self.people_page.select_person(person_id))
        )
        self.network_page.speaker_requested.connect(
            lambda speaker_id: (self.show_page(self.speakers_page), self.speakers_page.select_speaker(speaker_id))
        )
        self.program_page.speaker_requested.connect(
            lambda speaker_id: (self.show_page(self.speakers_page), self.speakers_page.select_speaker(speaker_id))
        )
        self.outreach_page.follow_ups_requested.connect(lambda: self.show_page(self.tasks_page))
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName("Pages")
        for name, page in self.pages:
            self.nav.addItem(name)
            self.stack.addWidget(page)
        self.nav.setFixedWidth(160)
        self.nav.setObjectName("navigation")
        theme.style(self.nav, navigation_style)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 4)
        self.banner = Banner()
        self.banner.show_requested.connect(self._show_reminder_page)
        column.addWidget(self.banner)
        self.getting_started = GettingStartedPanel(GettingStarted(workspace.database.sessions), self.bus)
        self.getting_started.profile_requested.connect(self.goals_page.edit_profile)
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

        self.importer = ImportRunner(program, self, workspace.database.path)
        self.importer.finished.connect(self._import_finished)
        self.database_watch = DatabaseWatch(self, workspace.database, self.bus, lambda: self.importer.busy)
        self._pending: tuple[Path, ReadOptions] | None = None
        self._build_menus()
        self._restore_geometry()
        self.nav.setCurrentRow(0)
        self._load_conferences()
        QTimer.singleShot(0, self.people.offer_draft)
        self.notifier.start()

    # --- menus --------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import program…", self, shortcut=QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_import_file)
        file_menu.addAction(self.import_action)
        import_contacts = QAction("Import &contacts…", self, shortcut=QKeySequence("Ctrl+Shift+I"))
        import_contacts.setToolTip("vCard files (.vcf) or pictures of QR codes")
        import_contacts.triggered.connect(lambda: self.people.import_contacts())
        file_menu.addAction(import_contacts)
        export_people = QAction("&Export people…", self)
        export_people.triggered.connect(self.people_page.export_people)
        file_menu.addAction(export_people)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        conference_menu = self.menuBar().addMenu("&Conference")
        settings_action = QAction("Conference &settings…", self)
        settings_action.setToolTip("The conference's name and the time zone it is held in")
        settings_action.triggered.connect(lambda: self.program_page.edit_conference_settings())
        conference_menu.addAction(settings_action)
        delete_action = QAction("&Remove this conference…", self)
        delete_action.triggered.connect(self._delete_conference)
        conference_menu.addAction(delete_action)

        plan_menu = self.menuBar().addMenu("&Plan")
        profile_action = QAction("My &profile…", self, shortcut=QKeySequence("Ctrl+Shift+P"))
        profile_action.triggered.connect(self.goals_page.edit_profile)
        plan_menu.addAction(profile_action)
        goal_action = QAction("&New goal…", self, shortcut=QKeySequence("Ctrl+Shift+G"))
        goal_action.triggered.connect(lambda: (self.nav.setCurrentRow(2), self.goals_page.add_goal()))
        plan_menu.addAction(goal_action)

        people_menu = self.menuBar().addMenu("P&eople")
        self.capture_action = QAction("&Capture a person…", self, shortcut=QKeySequence("Ctrl+N"))
        self.capture_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.capture_action.triggered.connect(lambda: self.people.capture())
        people_menu.addAction(self.capture_action)
        scan_action = QAction("&Scan a code…", self, shortcut=QKeySequence("Ctrl+Shift+N"))
        scan_action.triggered.connect(lambda: self.people.scan())
        people_menu.addAction(scan_action)
        self.people.add_card_menu(people_menu)
        card_action = QAction("Show &my card", self, shortcut=QKeySequence("Ctrl+K"))
        card_action.triggered.connect(self.people.show_my_card)
        people_menu.addAction(card_action)
        people_menu.addSeparator()
        follow_ups_action = QAction("&Follow-ups", self, shortcut=QKeySequence("Ctrl+Shift+U"))
        follow_ups_action.setToolTip("Whom to write to after the conference, and when")
        follow_ups_action.triggered.connect(lambda: self.show_page(self.tasks_page))
        people_menu.addAction(follow_ups_action)
        mail_action = QAction("Mail &server…", self)
        mail_action.setToolTip("Where the app sends your follow-up emails from")
        mail_action.triggered.connect(self._edit_mail_server)
        people_menu.addAction(mail_action)

        view_menu = self.menuBar().addMenu("&View")
        find = QAction("&Search the program", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        view_menu.addAction(find)
        now_action = QAction("&Now and next at the venue", self, shortcut=QKeySequence(NOW_SHORTCUT))
        now_action.setToolTip("The pick running now, the next one, and the people to meet there")
        now_action.triggered.connect(lambda: (self.show_page(self.now_page), self.now_page.focus_people()))
        view_menu.addAction(now_action)
        for position, (name, _page) in enumerate(self.pages):
            action = QAction(name, self, shortcut=QKeySequence(f"Ctrl+{position + 1}"))
            action.triggered.connect(lambda _checked=False, p=position: self.nav.setCurrentRow(p))
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        getting_started = QAction("&Getting started", self)
        getting_started.setToolTip("The four steps to get ready: profile, goals, suggestions, picks")
        getting_started.triggered.connect(lambda: self.getting_started.set_hidden(False))
        help_menu.addAction(getting_started)
        about = QAction("&About Conference Companion", self)
        about.triggered.connect(
            lambda: messages.show_info(
                self,
                f"Conference Companion {__version__}\n\nPlan the people you want to meet at a conference, "
                f"capture who you met, and follow up on time.\nYour data stays on this computer:\n"
                f"{self.workspace.database.path}",
            )
        )
        help_menu.addAction(about)

    def _edit_mail_server(self) -> None:
        from conference_app.ui.dialogs.mail_settings_dialog import MailSettingsDialog

        MailSettingsDialog.edit(self.workspace, self.bus, self)

    def _focus_search(self) -> None:
        self.nav.setCurrentRow(0)
        self.program_page.focus_search()

    # --- conferences --------------------------------------------------------------------

    def _load_conferences(self) -> None:
        conferences = self.workspace.program.conferences()
        current = self.workspace.program.current_conference_id()
        self.conference_box.clear()
        for conference in conferences:
            self.conference_box.addItem(f"{conference.title}  ({conference.sessions} sessions)", conference.id)
        if current is not None:
            self.conference_box.setCurrentIndex(self.conference_box.findData(current))
        self._show_conference(current)

    def _show_conference(self, conference_id: int | None) -> None:
        self.current_conference_id = conference_id
        self.people.conference_id = conference_id
        self.notifier.conference_id = conference_id
        self.getting_started.show_conference(conference_id)
        for _name, page in self.pages:
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

    # --- import -------------------------------------------------------------------------

    def choose_import_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Import a conference program", "", PROGRAM_FILES)
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path, options: ReadOptions | None = None) -> None:
        if self.importer.busy:
            messages.show_error(self, "An import is already running; wait for it or cancel it first.")
            return
        self._pending = (Path(path), options or ReadOptions())
        self.statusBar().showMessage(f"Importing {Path(path).name}…")
        self.importer.start(*self._pending)

    def _import_finished(self, outcome: Outcome[ImportReport] | None, error: UserError | None) -> None:
        pending, self._pending = self._pending, None
        if outcome is not None:
            self.bus.publish(outcome.changed)
            report = outcome.value
            self.statusBar().showMessage(import_summary(report), 15000)
            warnings = [w for w in report.warnings if w != NO_TIME_ZONE]  # asked for below, not hidden in details
            if report.updated or warnings:
                details = "\n".join(
                    [f"{'★ ' if c.picked else ''}{', '.join(c.what)}: {c.title}" for c in report.changes]
                    + [f"warning: {w}" for w in warnings]
                )
                messages.show_info(self, import_summary(report), details)
            if NO_TIME_ZONE in report.warnings and pending is not None:
                self.program_page.edit_conference_settings(
                    f"{pending[0].name} does not say which time zone its times are in, so they were taken as UTC. "
                    "Choose where the conference is held.",
                    report.conference_id,
                )
        elif isinstance(error, (CsvMappingNeeded, FirstDayNeeded)) and pending is not None:
            self.statusBar().clearMessage()
            answer = CsvMappingDialog.ask(self, pending[0], error.layout)
            if answer is not None:
                column_map, first_day = answer
                self.import_file(pending[0], replace(pending[1], column_map=column_map, first_day=first_day))
        elif error is not None:
            self.statusBar().showMessage(f"Not imported: {error}", 15000)
            messages.show_error(self, str(error))
        else:
            self.statusBar().showMessage("Import cancelled; nothing was changed.", 10000)

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
        self.importer.cancel()
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


def import_summary(report: ImportReport) -> str:
    verb = "Updated" if report.updated else "Imported"
    text = f"{verb} {report.conference}: {report.sessions} sessions, {report.speakers} speakers"
    if report.updated:
        text += f" — {report.added} added, {report.changed} changed, {report.removed} cancelled"
    return text
