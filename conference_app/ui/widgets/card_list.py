"""A list of card widgets whose rows grow to fit their wrapped text at the list's width."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class CardList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)

    def add_card(self, card: QWidget, data: object = None) -> QListWidgetItem:
        item = QListWidgetItem()
        if data is not None:
            item.setData(Qt.ItemDataRole.UserRole, data)
        self.addItem(item)
        self.setItemWidget(item, card)
        self._fit(item)
        return item

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        for row in range(self.count()):
            self._fit(self.item(row))

    def _fit(self, item: QListWidgetItem) -> None:
        card = self.itemWidget(item)
        if card is None:
            return
        width = max(200, self.viewport().width() - 2)
        height = card.heightForWidth(width) if card.hasHeightForWidth() else card.sizeHint().height()
        item.setSizeHint(QSize(width, max(height, card.minimumSizeHint().height())))
