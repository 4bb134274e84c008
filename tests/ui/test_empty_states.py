"""Every page, opened on an empty database and on a conference with nothing planned yet, says in plain
words what to do next — a sentence the user can act on, never a command-line flag."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QTextEdit, QWidget

from conference_app.core.demo import demo_program_path
from tests.ui.test_window_fits import settle

COMMAND_LINE = re.compile(r"(?<![\w-])--[a-z]|conference-app|\b[A-Z]+_ID\b")
TAGS = re.compile(r"<[^>]+>")


def visible_texts(page: QWidget, window: QWidget) -> list[str]:
    """The words a user sees on the page: labels, read-only panes and the rows of short lists."""
    texts = []
    for label in page.findChildren(QLabel):
        if label.isVisibleTo(window):
            texts.append(TAGS.sub(" ", label.text()))
    for pane in page.findChildren(QTextEdit):
        if pane.isVisibleTo(window) and pane.isReadOnly():
            texts.append(pane.toPlainText())
    for rows in page.findChildren(QListWidget):
        if rows.isVisibleTo(window):
            texts.extend(rows.item(n).text() for n in range(min(rows.count(), 3)))
    return [" ".join(t.split()) for t in texts if t.strip()]


def guidance(texts: list[str]) -> list[str]:
    """Sentences that tell what to do: at least six words, naming a place, a menu, a key or a button."""
    doing = re.compile(r"Import|Press|Ctrl\+|F6|File ▸|star|Plan to meet|New goal|Mark speakers|Follow-ups|page", re.I)
    return [t for t in texts if len(t.split()) >= 6 and doing.search(t)]


def open_window(qtbot, workspace):  # type: ignore[no-untyped-def]
    from conference_app.ui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    settle()
    return window


@pytest.mark.parametrize("database", ["empty", "a conference, nothing planned"])
def test_every_page_says_what_to_do_next(qtbot, workspace, shown_messages, database: str) -> None:
    if database != "empty":
        workspace.program.import_program(demo_program_path())
    window = open_window(qtbot, workspace)
    silent, flags = [], {}
    for row, (name, page) in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        settle()
        texts = visible_texts(page, window)
        if not guidance(texts):
            silent.append(f"{name}: {texts}")
        cli = [t for t in texts if COMMAND_LINE.search(t)]
        if cli:
            flags[name] = cli
    assert silent == []
    assert flags == {}
    QApplication.processEvents()


def test_the_speakers_page_says_why_its_list_is_empty(qtbot, workspace, shown_messages) -> None:
    workspace.program.import_program(demo_program_path())
    window = open_window(qtbot, workspace)
    window.show_page(window.speakers_page)
    window.speakers_page.search.setText("Zzyzx")
    window.speakers_page.reload()
    assert window.speakers_page.detail.toPlainText() == (
        "No speaker matches “Zzyzx”. Try part of a name or an institution, or clear the search."
    )
