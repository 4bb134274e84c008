"""The window's menus: File, Conference, Plan, People, View and Help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from conference_app import __version__
from conference_app.ui import keyboard
from conference_app.ui.dialogs import messages
from conference_app.ui.window_pages import PAGES

if TYPE_CHECKING:
    from conference_app.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """File, Conference, Plan, People, View and Help."""
    file_menu = window.menuBar().addMenu("&File")
    window.import_action = QAction("&Import program…", window, shortcut=QKeySequence("Ctrl+I"))
    window.import_action.triggered.connect(window.choose_import_file)
    file_menu.addAction(window.import_action)
    import_contacts = QAction("Import &contacts…", window, shortcut=QKeySequence("Ctrl+Shift+I"))
    import_contacts.setToolTip("vCard files (.vcf) or pictures of QR codes")
    import_contacts.triggered.connect(lambda: window.people.import_contacts())
    file_menu.addAction(import_contacts)
    export_people = QAction("&Export people…", window)
    export_people.triggered.connect(lambda: window.people_page.export_people())
    file_menu.addAction(export_people)
    file_menu.addSeparator()
    quit_action = QAction("&Quit", window, shortcut=QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)

    conference_menu = window.menuBar().addMenu("&Conference")
    settings_action = QAction("Conference &settings…", window)
    settings_action.setToolTip("The conference's name and the time zone it is held in")
    settings_action.triggered.connect(lambda: window.program_page.edit_conference_settings())
    conference_menu.addAction(settings_action)
    delete_action = QAction("&Remove this conference…", window)
    delete_action.triggered.connect(window._delete_conference)
    conference_menu.addAction(delete_action)

    plan_menu = window.menuBar().addMenu("&Plan")
    profile_action = QAction("My &profile…", window, shortcut=QKeySequence("Ctrl+Shift+P"))
    profile_action.triggered.connect(lambda: window.goals_page.edit_profile())
    plan_menu.addAction(profile_action)
    goal_action = QAction("&New goal…", window, shortcut=QKeySequence("Ctrl+Shift+G"))
    goal_action.triggered.connect(lambda: (window.nav.setCurrentRow(2), window.goals_page.add_goal()))
    plan_menu.addAction(goal_action)

    people_menu = window.menuBar().addMenu("P&eople")
    window.capture_action = QAction("&Capture a person…", window, shortcut=QKeySequence("Ctrl+N"))
    window.capture_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.capture_action.triggered.connect(lambda: window.people.capture())
    people_menu.addAction(window.capture_action)
    scan_action = QAction("&Scan a code…", window, shortcut=QKeySequence("Ctrl+Shift+N"))
    scan_action.triggered.connect(lambda: window.people.scan())
    people_menu.addAction(scan_action)
    window.people.add_card_menu(people_menu)
    card_action = QAction("Show &my card", window, shortcut=QKeySequence("Ctrl+K"))
    card_action.triggered.connect(window.people.show_my_card)
    people_menu.addAction(card_action)
    people_menu.addSeparator()
    follow_ups_action = QAction("&Follow-ups", window, shortcut=QKeySequence("Ctrl+Shift+U"))
    follow_ups_action.setToolTip("Whom to write to after the conference, and when")
    follow_ups_action.triggered.connect(lambda: window.show_page(window.tasks_page))
    people_menu.addAction(follow_ups_action)
    mail_action = QAction("Mail &server…", window)
    mail_action.setToolTip("Where the app sends your follow-up emails from")
    mail_action.triggered.connect(window._edit_mail_server)
    people_menu.addAction(mail_action)

    view_menu = window.menuBar().addMenu("&View")
    find = QAction("&Search the program", window, shortcut=QKeySequence.StandardKey.Find)
    find.triggered.connect(window._focus_search)
    view_menu.addAction(find)
    now_action = QAction("&Now and next at the venue", window, shortcut=QKeySequence(keyboard.NOW_SHORTCUT))
    now_action.setToolTip("The pick running now, the next one, and the people to meet there")
    now_action.triggered.connect(lambda: (window.show_page(window.now_page), window.now_page.focus_people()))
    view_menu.addAction(now_action)
    for position, (name, _attribute, _module, _class) in enumerate(PAGES):
        action = QAction(name, window, shortcut=QKeySequence(f"Ctrl+{position + 1}"))
        action.triggered.connect(lambda _checked=False, p=position: window.nav.setCurrentRow(p))
        view_menu.addAction(action)

    help_menu = window.menuBar().addMenu("&Help")
    getting_started = QAction("&Getting started", window)
    getting_started.setToolTip("The four steps to get ready: profile, goals, suggestions, picks")
    getting_started.triggered.connect(lambda: window.getting_started.set_hidden(False))
    help_menu.addAction(getting_started)
    about = QAction("&About Conference Companion", window)
    about.triggered.connect(
        lambda: messages.show_info(
            window,
            f"Conference Companion {__version__}\n\nPlan the people you want to meet at a conference, "
            f"capture who you met, and follow up on time.\nYour data stays on this computer:\n"
            f"{window.workspace.database.path}",
        )
    )
    help_menu.addAction(about)
