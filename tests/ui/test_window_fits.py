"""The window fits a small laptop screen on every page, at 100% and at 150% text scale, and never resizes itself.

At 150% (QT_FONT_DPI=144) Qt scales every widget by 1.5, so a 1366×768 screen holds 910×512 logical
pixels: the logical sizes below are what each screen leaves for the window.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractScrollArea, QApplication, QWidget

from conference_app.core.demo import demo_program_path
from conference_app.core.domain.planning import GoalFields, GoalKind
from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace

SCREENS = {
    "1280x720 at 100%": QSize(1280, 720),
    "1366x768 at 150%": QSize(1366 * 2 // 3, 768 * 2 // 3),
}
LONG_GOAL = (
    "Meet three program directors from institutions with strong surgical oncology and "
    "hepatopancreatobiliary fellowship programs before the match"
)


def plan_a_busy_conference(workspace: Workspace) -> None:
    """The demo congress with what makes pages wide: a long goal title, clashing picks, people to meet."""
    conference_id = workspace.program.import_program(demo_program_path()).value.conference_id
    goal = workspace.planning.add_goal(
        conference_id, GoalFields(GoalKind.MEET, LONG_GOAL, 3, keywords=("surgical oncology",))
    ).value
    workspace.planning.add_goal(
        conference_id, GoalFields(GoalKind.ATTEND, "Attend trauma sessions", 2, keywords=("trauma",))
    )
    rows = workspace.program.sessions(SessionFilter(conference_id))
    same_time = [r for r in rows if (r.day_index, r.start.hour, r.start.minute) == (2, 9, 30)][:4]
    for n, row in enumerate(same_time):
        workspace.program.pick(row.id, "must" if n % 2 else "nice")
    for speaker in workspace.program.speakers(conference_id)[:3]:
        workspace.planning.add_target(speaker.id, goal.id)


@pytest.fixture
def window(qtbot, workspace, shown_messages):  # type: ignore[no-untyped-def]
    from conference_app.ui.main_window import MainWindow

    plan_a_busy_conference(workspace)
    shown = MainWindow(workspace)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def settle() -> None:
    for _ in range(3):  # layouts settle through posted events
        QApplication.processEvents()


def choose_rows(page: QWidget) -> int:
    """Select the first rows of every list on the page, as a user clicking through it would."""
    chosen = 0
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisibleTo(page) or model is None:
            continue
        for row in range(min(model.rowCount(), 4)):
            view.setCurrentIndex(model.index(row, 0))
            settle()
            chosen += 1
    return chosen


def scrolls(widget: QWidget, page: QWidget) -> bool:
    """Inside a list or scroll area, where being out of sight is what scrolling is for."""
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def buttons_off_screen(window: QWidget, page: QWidget) -> list[str]:
    area = window.rect()
    hidden = []
    for button in page.findChildren(QAbstractButton):
        if button.isVisibleTo(page) and button.text() and not scrolls(button, page):
            where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            if not area.contains(where):
                hidden.append(button.text())
    return hidden


@pytest.mark.parametrize("screen", list(SCREENS.values()), ids=list(SCREENS))
def test_every_page_fits_and_the_window_never_resizes_itself(qtbot, window, screen: QSize) -> None:
    window.resize(screen)
    settle()
    assert window.size() == screen
    for row, (name, page) in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        settle()
        choose_rows(page)
        hint = window.minimumSizeHint()
        assert hint.width() <= screen.width() and hint.height() <= screen.height(), (name, hint)
        assert window.size() == screen, f"the window resized itself on {name}: {window.size()}"
        assert buttons_off_screen(window, page) == [], name
