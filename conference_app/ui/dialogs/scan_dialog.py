"""Scan someone's code: from the webcam, a photo or screenshot file, a dropped picture or the clipboard.

Every code found is listed (what it is and a short summary); choosing one emits `code_chosen`
with its `ScannedCode`, and the main window opens a prefilled capture dialog from it for the
user to confirm. Nothing is stored from here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QHideEvent,
    QImage,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.errors import UserError
from conference_app.core.importers.pictures import MAX_PIXELS
from conference_app.core.importers.qr_image import (
    code_label,
    code_summary,
    decode_image_bytes,
    decode_image_file,
)
from conference_app.core.importers.qr_payload import ScannedCode, classify_payload
from conference_app.ui.card_reading import ReadCardButton
from conference_app.ui.dialogs.my_card_dialog import fit_to_screen
from conference_app.ui.widgets.camera_scanner import CameraScanner

IMAGE_FILES = "Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;All files (*)"
CODE_ROLE = Qt.ItemDataRole.UserRole
REPEAT_STYLE = "background: palette(alternate-base); color: palette(text); padding: 8px 12px; border-radius: 6px;"
USED_MARK = "✓ "


def ask_open_image(parent: QWidget) -> str:
    """Ask for a picture of a code; "" when the user cancels. Tests replace this."""
    path, _filter = QFileDialog.getOpenFileName(parent, "Open a photo or screenshot of a code", "", IMAGE_FILES)
    return path


class ScanDialog(QDialog):
    """The camera with the picture and clipboard routes beside it, and the list of codes found.

    `code_chosen(ScannedCode)` fires when the user picks a code. Without "Keep scanning" that
    also closes the dialog (accepted, with `chosen` set); with it the dialog stays open for the
    next poster and skips codes it has already seen.
    """

    code_chosen = Signal(object)  # ScannedCode
    card_read = Signal(object)  # CardReading: the text of a card or badge photo, for a prefilled capture

    def __init__(self, parent: QWidget | None = None, start_camera: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Scan a code")
        self.setAcceptDrops(True)
        self.chosen: ScannedCode | None = None
        self._start_camera = start_camera
        self._items: dict[str, QListWidgetItem] = {}  # decoded text → its row: what this session has seen
        self._announced: QListWidgetItem | None = None  # the code the green banner names

        self.camera = CameraScanner()
        self.camera.codes_found.connect(self.add_texts)
        self.open_button = QPushButton("Open image…")
        self.open_button.setToolTip("A photo or screenshot of a QR code")
        self.open_button.clicked.connect(self.open_image)
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("A copied screenshot of a code, or a copied contact card or link (Ctrl+V)")
        self.paste_button.clicked.connect(self.paste)
        drop_hint = QLabel("or drop a picture here")
        theme.style(drop_hint, theme.hint_sheet)
        self.read_card_button = ReadCardButton(self.camera)
        self.read_card_button.card_read.connect(self._card_read)
        self.read_card_button.problem.connect(lambda text: self._report([], [text]))
        sources = QHBoxLayout()
        sources.addWidget(self.open_button)
        sources.addWidget(self.paste_button)
        sources.addWidget(drop_hint, 1)
        sources.addWidget(self.read_card_button)
        left = QVBoxLayout()
        left.addWidget(self.camera, 1)
        left.addLayout(sources)

        self.banner = QLabel()
        self.banner.setAccessibleName("Scan result")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        theme.style(self.problem, theme.problem_sheet)
        self.problem.hide()

        results_title = QLabel("Codes found")
        results_title.setStyleSheet("font-weight: 600;")
        self.results = QListWidget()
        self.results.setAccessibleName("Codes found")
        self.results.setMinimumWidth(300)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._choose_item)
        self.results.currentItemChanged.connect(lambda *_: self._update_use_button())
        self.use_button = QPushButton("Use this")
        self.use_button.setToolTip("Open a new contact filled in from this code (Enter or double-click)")
        self.use_button.clicked.connect(self.choose_current)
        self.continuous = QCheckBox("Keep scanning, poster to poster")
        self.continuous.setToolTip(
            "The window stays open after you use a code, and codes you have already scanned are skipped"
        )
        right = QVBoxLayout()
        right.addWidget(results_title)
        right.addWidget(self.results, 1)
        right.addWidget(self.use_button)
        right.addWidget(self.continuous)

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.problem)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

        paste_shortcut = QShortcut(QKeySequence.StandardKey.Paste, self)
        paste_shortcut.activated.connect(self.paste)
        self._update_use_button()
        fit_to_screen(self, QSize(940, 560))

    # --- sources ---------------------------------------------------------------------------------

    def open_image(self) -> None:
        """Ask for a picture file and scan it."""
        path = ask_open_image(self)
        if path:
            self.scan_files([Path(path)])

    def scan_files(self, paths: list[Path]) -> None:
        """Scan picture files; a file that is not a usable picture, or holds no code, is named in one line."""
        texts: list[str] = []
        problems: list[str] = []
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in paths:
                try:
                    found = decode_image_file(path)
                except UserError as error:
                    problems.append(str(error))
                    continue
                if not found:
                    problems.append(f"{path.name}: no QR code found in this picture")
                texts.extend(found)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._report(texts, problems)

    def scan_image(self, image: QImage, source: str) -> None:
        """Scan a picture held in memory (pasted or dropped); `source` names it in a problem line."""
        if image.width() * image.height() > MAX_PIXELS:
            self._report([], [f"{source}: the picture is too large to read (over 50 megapixels)"])
            return
        try:
            texts = decode_image_bytes(_png_bytes(image), source)
        except UserError as error:
            self._report([], [str(error)])
            return
        self._report(texts, [] if texts else [f"{source}: no QR code found in this picture"])

    def paste(self) -> None:
        """Scan what the clipboard holds: a picture, copied picture files, or a contact card or link as text."""
        self.take_mime(QApplication.clipboard().mimeData(), "the pasted picture", from_clipboard=True)

    def take_mime(self, mime: QMimeData | None, source: str, from_clipboard: bool = False) -> None:
        """Scan dropped or pasted data: picture files first, then picture data, then text."""
        files = _local_files(mime)
        if files:
            self.scan_files(files)
        elif mime is not None and mime.hasImage():
            image = QImage(mime.imageData())
            self.scan_image(image, source)
        elif mime is not None and mime.hasText() and mime.text().strip():
            self._take_text(mime.text().strip(), "The clipboard" if from_clipboard else "The dropped text")
        elif from_clipboard:
            self._report([], ["The clipboard holds no picture or text — copy a screenshot of the code first"])
        else:
            self._report([], ["That is not a picture — drop a photo or screenshot of the code"])

    def _take_text(self, text: str, where: str) -> None:
        code = classify_payload(text)
        if code.kind == "text":
            self._report([], [f"{where} holds text, but not a contact card, link, email address or phone number"])
        else:
            self._report([text], [])

    # --- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if _local_files(mime) or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        event.acceptProposedAction()
        self.take_mime(event.mimeData(), "the dropped picture")

    # --- results ---------------------------------------------------------------------------------

    def add_texts(self, texts: list[str]) -> None:
        """List the decoded texts this session has not seen; announce the new ones in the green banner."""
        self._report(texts, [])

    def choose_current(self) -> None:
        """Use the selected code: emit `code_chosen`; close unless scanning continuously."""
        item = self.results.currentItem()
        if item is not None:
            self._choose_item(item)

    def _choose_item(self, item: QListWidgetItem) -> None:
        self.results.setCurrentItem(item)
        code: ScannedCode = item.data(CODE_ROLE)
        if not item.text().startswith(USED_MARK):
            item.setText(USED_MARK + item.text())
        self.chosen = code
        self.code_chosen.emit(code)
        if not self.continuous.isChecked():
            self.accept()

    def _card_read(self, reading: object) -> None:
        """A card's text was read: hand it on for a prefilled capture; close unless scanning continuously."""
        self.problem.hide()
        self.card_read.emit(reading)
        if not self.continuous.isChecked():
            self.accept()

    def _report(self, texts: list[str], problems: list[str]) -> None:
        new: list[QListWidgetItem] = []
        repeats: list[QListWidgetItem] = []
        for text in texts:
            known = self._items.get(text)
            if known is not None:
                repeats.append(known)
                continue
            new.append(self._add_item(text))
        if new or problems:  # a repeat alone leaves an earlier problem line standing
            self.problem.setText("\n".join(problems))
            self.problem.setVisible(bool(problems))
        if new:
            self._announce(new)
        elif repeats:
            self._repeat(repeats[0])
        elif problems:
            self.banner.hide()

    def _add_item(self, text: str) -> QListWidgetItem:
        code = classify_payload(text)
        item = QListWidgetItem(f"{code_label(code)} · {code_summary(code)}")
        item.setData(CODE_ROLE, code)
        item.setToolTip(text if len(text) <= 600 else text[:600] + "…")
        self.results.addItem(item)
        self._items[text] = item
        return item

    def _announce(self, new: list[QListWidgetItem]) -> None:
        first: ScannedCode = new[0].data(CODE_ROLE)
        more = f" and {len(new) - 1} more" if len(new) > 1 else ""
        self.banner.setText(f"✓ Scanned: {code_summary(first)}{more} — press Enter to use it")
        theme.style(self.banner, theme.banner_sheet)
        self.banner.show()
        self._announced = new[0]
        self.results.setCurrentItem(new[0])
        self.results.setFocus()

    def _repeat(self, item: QListWidgetItem) -> None:
        if item is self._announced:
            return  # the camera still sees the code just announced: keep the green banner up
        code: ScannedCode = item.data(CODE_ROLE)
        self.banner.setText(f"Already scanned: {code_summary(code)}")
        theme.style(self.banner, lambda _colours: REPEAT_STYLE)
        self.banner.show()
        # Going poster to poster the selection stays on the newest code; otherwise it goes to this one.
        if not self.continuous.isChecked():
            self.results.setCurrentItem(item)

    def _update_use_button(self) -> None:
        self.use_button.setEnabled(self.results.currentItem() is not None)

    # --- the camera's lifetime follows the window's ------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._start_camera and not event.spontaneous():
            self.camera.start()

    def hideEvent(self, event: QHideEvent) -> None:
        # Closed, hidden or minimised: the camera goes off (its light too) until asked again.
        self.camera.stop()
        super().hideEvent(event)


def _local_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Light compression: this PNG is read back at once. (PySide's stub wants bytes, its runtime a str.)
    image.save(buffer, "PNG", 90)  # type: ignore[call-overload]
    return bytes(data.data())
