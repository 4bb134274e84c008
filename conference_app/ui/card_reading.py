"""Reading a card or badge: a photo from a file, the clipboard or the camera (the scan window's button
and the People menu).

The picture's text is read on this computer (see `ocr_runner`); `card_read` carries the reading,
and the window that holds the button opens the capture dialog prefilled from it for the user to
confirm. Where the text reader cannot run, the button is disabled and its tooltip says why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QPushButton, QWidget

from conference_app.core.importers.card_ocr import CardReading, unavailable_reason
from conference_app.ui.ocr_runner import CardReader

BUTTON_TEXT = "Read a card or badge…"
BUTTON_TIP = "Read the name, email and phone printed on a business card or badge — on this computer, nothing is sent"
PHOTO_FILES = "Photos (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff);;All files (*)"
NO_PICTURE_IN_CLIPBOARD = "The clipboard holds no picture — copy a photo of the card or badge first"
CAMERA_OFF = "The camera is off — start it and hold the card up to it, or open a photo of the card"


def ask_card_photo(parent: QWidget) -> str:
    """Ask for a photo of a card or badge; "" when the user cancels. Tests replace this."""
    path, _filter = QFileDialog.getOpenFileName(parent, "Open a photo of a business card or badge", "", PHOTO_FILES)
    return path


def camera_picture(camera: QWidget) -> QImage | None:
    """The picture the camera preview inside `camera` shows now, or None when it shows none."""
    video = camera.findChild(QVideoWidget)
    if video is None:
        return None
    frame = video.videoSink().videoFrame()
    image = frame.toImage() if frame.isValid() else QImage()
    return None if image.isNull() else image


class CardSources(QObject):
    """Reads a card or badge from a photo file, the clipboard or a camera preview, one at a time.

    `card_read(CardReading)` follows a reading with text, `problem(str)` anything else, in one line."""

    card_read = Signal(object)  # CardReading, with some text
    problem = Signal(str)

    def __init__(self, parent: QWidget, camera: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._camera = camera
        self._label = ""
        self.reader = CardReader(parent)
        self.reader.read.connect(self._read)
        self.reader.failed.connect(self.problem)

    def read_photo(self) -> None:
        path = ask_card_photo(self._parent.window())
        if path:
            self.read(Path(path), Path(path).name)

    def read_clipboard(self) -> None:
        mime = QApplication.clipboard().mimeData()
        files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
        if files:
            self.read(files[0], files[0].name)
        elif mime.hasImage():
            self.read(QImage(mime.imageData()), "the pasted picture")
        else:
            self.problem.emit(NO_PICTURE_IN_CLIPBOARD)

    def camera_picture(self) -> QImage | None:
        return camera_picture(self._camera) if self._camera is not None else None

    def read_camera(self) -> None:
        image = self.camera_picture()
        if image is None:
            self.problem.emit(CAMERA_OFF)
        else:
            self.read(image, "the camera picture")

    def read(self, source: Path | QImage, label: str) -> None:
        """Read a picture file or image; `label` names it in messages. Ignored while a reading runs."""
        if self.reader.start(source, label):
            self._label = label

    def _read(self, reading: CardReading) -> None:
        if reading.lines:
            self.card_read.emit(reading)
        else:
            self.problem.emit(f"{self._label}: no text found in this picture — try a sharper, closer photo")


class ReadCardButton(QPushButton):
    """The button and its menu of picture sources; `card_read(CardReading)` or `problem(str)` follow a reading."""

    card_read = Signal(object)  # CardReading, with some text
    problem = Signal(str)

    def __init__(self, camera: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(BUTTON_TEXT, parent)
        self.sources = CardSources(self, camera)
        self.sources.card_read.connect(self.card_read)
        self.sources.problem.connect(self.problem)
        self.reader = self.sources.reader
        self.reader.failed.connect(lambda _message: self.refresh_availability())  # unavailable from now on
        menu = QMenu(self)
        self.photo_action = menu.addAction("From a photo…")
        self.photo_action.triggered.connect(self.sources.read_photo)
        self.clipboard_action = menu.addAction("From the clipboard")
        self.clipboard_action.triggered.connect(self.sources.read_clipboard)
        self.camera_action = menu.addAction("From the camera")
        self.camera_action.triggered.connect(self.sources.read_camera)
        menu.aboutToShow.connect(lambda: self.camera_action.setEnabled(self.sources.camera_picture() is not None))
        self.setMenu(menu)
        self.refresh_availability()

    def refresh_availability(self) -> None:
        """Enable the button where the text reader can run; otherwise say why in its tooltip."""
        reason = unavailable_reason()
        self.setEnabled(not reason)
        self.setToolTip(f"Not available on this computer: {reason}" if reason else BUTTON_TIP)

    def read_photo(self) -> None:
        self.sources.read_photo()

    def read_clipboard(self) -> None:
        self.sources.read_clipboard()

    def read_camera(self) -> None:
        self.sources.read_camera()

    def read(self, source: Path | QImage, label: str) -> None:
        """Read a picture file or image; `label` names it in messages. Ignored while a reading runs."""
        self.sources.read(source, label)
