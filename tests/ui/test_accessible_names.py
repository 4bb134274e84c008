"""Every control a keyboard can reach says what it is: a screen reader gets a name for each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from tests.ui.test_window_fits import plan_a_busy_conference


def labelled_by_a_buddy(widget: QWidget, window: QWidget) -> bool:
    return any(label.buddy() is widget for label in window.findChildren(QLabel))


def labelled_in_a_form(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel) and label.text().strip():
                return True
        parent = parent.parentWidget()
    return False


def unnamed(page: QWidget, window: QWidget) -> list[str]:
    found = []
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(page):
            continue
        if widget.accessibleName().strip():
            continue
        if isinstance(widget, QAbstractButton) and (widget.text().strip() or widget.toolTip().strip()):
            continue
        if isinstance(widget, QLabel):  # a label that takes focus for its links reads out its own text
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the text field inside a spin box or combo box: the box itself is checked and named

        if labelled_by_a_buddy(widget, window) or labelled_in_a_form(widget):
            continue
        if widget.parentWidget() is not None and widget.parentWidget().accessibleName().strip() and \
                type(widget).__name__ in ("QWidget", "QScrollBar"):
            continue
        found.append(f"{type(widget).__name__} {widget.objectName() or ''} in {type(widget.parentWidget()).__name__}")
    return found


def test_every_focusable_control_on_every_page_has_a_name(qtbot, workspace, shown_messages) -> None:
    from conference_app.ui.main_window import MainWindow

    plan_a_busy_conference(workspace)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    missing = {}
    for row, (name, page) in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        gaps = unnamed(page, window)
        if gaps:
            missing[name] = gaps
    shell = [w for w in unnamed(window.centralWidget(), window) if " in " in w]
    assert missing == {}
    assert shell == []


def test_every_focusable_control_in_the_everyday_dialogs_has_a_name(qtbot, workspace, bus, shown_messages) -> None:
    from conference_app.ui.dialogs.capture_dialog import CaptureDialog
    from conference_app.ui.dialogs.conference_settings_dialog import ConferenceSettingsDialog
    from conference_app.ui.dialogs.goal_dialog import GoalDialog
    from conference_app.ui.dialogs.mail_settings_dialog import MailSettingsDialog
    from conference_app.ui.dialogs.profile_dialog import ProfileDialog

    plan_a_busy_conference(workspace)
    conference = workspace.program.current_conference_id()
    assert conference is not None
    dialogs = {
        "profile": ProfileDialog(workspace.planning, bus),
        "goal": GoalDialog(workspace.planning, bus, conference),
        "capture": CaptureDialog(workspace, bus, conference),
        "mail server": MailSettingsDialog(workspace, bus),
        "conference settings": ConferenceSettingsDialog(workspace.program, bus, conference),
    }
    missing = {}
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        gaps = unnamed(dialog, dialog)
        if gaps:
            missing[name] = gaps
        dialog.close()
    assert missing == {}
