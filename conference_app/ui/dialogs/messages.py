"""Message boxes through one entry point each, so tests can answer them without a modal loop."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "Conference Companion"


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, TITLE, message)


def show_info(parent: QWidget | None, message: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, TITLE, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def confirm(parent: QWidget | None, question: str) -> bool:
    answer = QMessageBox.question(parent, TITLE, question)
    return answer == QMessageBox.StandardButton.Yes
