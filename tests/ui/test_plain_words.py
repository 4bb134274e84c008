"""The GUI speaks to people: no page or dialog shows a command-line flag or the command's name."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from conference_app.core.importers.csv_agenda import inspect
from conference_app.core.services.outcome import Topic
from conference_app.ui.dialogs.conference_settings_dialog import ConferenceSettingsDialog
from conference_app.ui.dialogs.csv_mapping_dialog import CsvMappingDialog
from conference_app.ui.dialogs.goal_dialog import GoalDialog
from conference_app.ui.dialogs.personal_item_dialog import PersonalItemDialog
from conference_app.ui.dialogs.profile_dialog import ProfileDialog
from conference_app.ui.dialogs.template_dialog import TemplateDialog
from tests.ui.test_window_fits import plan_a_busy_conference

COMMAND_LINE = re.compile(r"--[a-z]|conference-app")


def texts(widget: QWidget) -> list[str]:
    """What a person can read in a widget and its children: labels, buttons, fields, lists, tooltips."""
    found = [widget.windowTitle(), widget.toolTip()]
    for child in widget.findChildren(QWidget):
        found.append(child.toolTip())
        if isinstance(child, (QLabel, QAbstractButton)):
            found.append(child.text())
        elif isinstance(child, QLineEdit):
            found += [child.text(), child.placeholderText()]
        elif isinstance(child, QTextEdit):
            found += [child.toPlainText(), child.placeholderText()]
        elif isinstance(child, QComboBox):
            found += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            found += [str(model.index(r, 0).data() or "") for r in range(min(model.rowCount(), 50))]
    return [text for text in found if text]


def command_line_words(widget: QWidget) -> list[str]:
    return [text for text in texts(widget) if COMMAND_LINE.search(text)]


def test_no_page_or_menu_shows_command_line_words(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    for row, (name, page) in enumerate(main_window.pages):  # empty: every page shows its "what to do" text
        main_window.nav.setCurrentRow(row)
        assert command_line_words(page) == [], name
    plan_a_busy_conference(main_window.workspace)
    main_window.bus.publish(frozenset(Topic))
    for row, (name, page) in enumerate(main_window.pages):
        main_window.nav.setCurrentRow(row)
        assert command_line_words(page) == [], name
    for menu_action in main_window.menuBar().actions():
        for action in menu_action.menu().actions():
            assert not COMMAND_LINE.search(action.text() + action.toolTip()), action.text()


def test_no_dialog_shows_command_line_words(qtbot, main_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = main_window.workspace
    plan_a_busy_conference(workspace)
    conference_id = workspace.program.current_conference_id()
    unknown = tmp_path / "skills.csv"
    unknown.write_text("Slot,Was,Wo\n2026-05-04 09:00,Opening,Lab 1\n", encoding="utf-8")
    day_names = tmp_path / "camp.csv"
    day_names.write_text("day,start_hour,title\nFreitag,12,Welcome\n", encoding="utf-8")
    dialogs = [
        CsvMappingDialog(unknown, inspect(unknown)),
        CsvMappingDialog(day_names, inspect(day_names)),
        ConferenceSettingsDialog(workspace.program, main_window.bus, conference_id, "a note"),
        GoalDialog(workspace.planning, main_window.bus, conference_id),
        GoalDialog(workspace.planning, main_window.bus, conference_id, workspace.planning.goals(conference_id)[0]),
        PersonalItemDialog("America/Chicago", [date(2026, 10, 17)]),
        TemplateDialog(workspace.outreach, main_window.bus, conference_id, None),
        ProfileDialog(workspace.planning, main_window.bus),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert command_line_words(dialog) == [], type(dialog).__name__
