"""Reading a card or badge from the scan window: a pasted photo read off the UI thread into a prefilled
capture dialog, Cancel, the photo and camera routes, and a computer without the text reader."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSize, Qt, QThreadPool
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QApplication, QPushButton

from conference_app.core.domain.card_fields import CardLine, pick_fields
from conference_app.core.importers import card_ocr
from conference_app.core.importers.card_ocr import CardReading
from conference_app.ui import card_reading
from conference_app.ui.card_reading import CAMERA_OFF, NO_PICTURE_IN_CLIPBOARD, camera_picture
from conference_app.ui.dialogs.scan_dialog import ScanDialog

needs_reader = pytest.mark.skipif(bool(card_ocr.unavailable_reason()), reason=card_ocr.unavailable_reason() or "-")
REPO = Path(__file__).resolve().parents[2]
CARD = (
    ("Dr. Sofia Marchetti", 46),
    ("Assistant Professor of Surgery", 28),
    ("Riverside General Hospital", 28),
    ("sofia.marchetti@riverside.example", 26),
    ("+1 (646) 555-0188", 26),
)


def painted_card(lines: tuple[tuple[str, int], ...], width: int = 820, angle: float = -3.0) -> QImage:
    """The lines painted with QPainter on a white card, turned `angle` degrees on a beige table, softened by
    scaling down and up again, and speckled with grey dots."""
    card = QImage(width, 40 + sum(size + 24 for _text, size in lines), QImage.Format.Format_RGB32)
    card.fill(QColor("white"))
    painter = QPainter(card)
    painter.setPen(QColor(30, 30, 40))
    y = 30
    for text, size in lines:
        font = QFont()
        font.setPixelSize(size)
        painter.setFont(font)
        painter.drawText(40, y + size, text)
        y += size + 24
    painter.end()
    photo = QImage(card.width() + 120, card.height() + 120, QImage.Format.Format_RGB32)
    photo.fill(QColor(232, 226, 214))
    painter = QPainter(photo)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.translate(photo.width() / 2, photo.height() / 2)
    painter.rotate(angle)
    painter.drawImage(QPointF(-card.width() / 2, -card.height() / 2), card)
    painter.resetTransform()
    rng = random.Random(11)
    for _ in range(6000):
        grey = rng.randrange(90, 200)
        painter.setPen(QPen(QColor(grey, grey, grey)))
        painter.drawPoint(rng.randrange(photo.width()), rng.randrange(photo.height()))
    painter.end()
    smooth = Qt.TransformationMode.SmoothTransformation
    return photo.scaled(photo.size() * 0.7, Qt.AspectRatioMode.IgnoreAspectRatio, smooth).scaled(
        photo.size(), Qt.AspectRatioMode.IgnoreAspectRatio, smooth
    )


@pytest.fixture
def scanner(qtbot) -> ScanDialog:
    shown = ScanDialog(start_camera=False)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@needs_reader
def test_a_pasted_card_photo_is_read_off_the_ui_thread_into_a_prefilled_capture(
    qtbot, main_window, workspace, shown_messages
) -> None:
    QApplication.clipboard().setImage(painted_card(CARD))
    main_window.people.scan()
    scanner = main_window.people.scan_dialog

    scanner.read_card_button.clipboard_action.trigger()
    progress = scanner.read_card_button.reader.progress
    assert progress is not None and progress.isVisible() and progress.windowTitle() == "Reading the card"
    qtbot.waitUntil(lambda: main_window.people.capture_dialog is not None, timeout=180_000)

    dialog = main_window.people.capture_dialog
    assert dialog.isVisible() and not scanner.isVisible() and scanner.read_card_button.reader.progress is None
    assert dialog.name.text() == "Sofia Marchetti"
    assert dialog.position.currentText() == "Assistant Professor of Surgery"
    assert dialog.institution.text() == "Riverside General Hospital"
    assert dialog.emails.text() == "sofia.marchetti@riverside.example"
    assert dialog.phones.text() == "+1 646-555-0188"
    assert dialog.obtained.currentData() == "card"
    assert workspace.people.people() == []  # never a silent insert: the user confirms
    dialog.save()
    [sofia] = workspace.people.people()
    assert (sofia.name, sofia.obtained.value) == ("Sofia Marchetti", "card")


@needs_reader
def test_cancel_closes_the_progress_at_once_and_the_reading_is_dropped(qtbot, scanner: ScanDialog) -> None:
    read: list[object] = []
    scanner.card_read.connect(read.append)
    button = scanner.read_card_button

    button.read(painted_card(CARD[:1], width=420), "the pasted picture")
    progress = button.reader.progress
    assert progress is not None and progress.isVisible()
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)

    assert not progress.isVisible() and not button.reader.busy()
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)  # any late news from the pool thread would arrive now
    assert read == [] and scanner.problem.isHidden() and scanner.isVisible()


def test_a_photo_that_is_not_a_picture_is_named_in_the_problem_line(
    qtbot, scanner: ScanDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "card.jpg"
    notes.write_text("Sofia Marchetti", encoding="utf-8")
    monkeypatch.setattr(card_reading, "ask_card_photo", lambda parent: str(notes))

    scanner.read_card_button.photo_action.trigger()

    qtbot.waitUntil(lambda: scanner.problem.isVisible(), timeout=10_000)
    assert scanner.problem.text() == "card.jpg: not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP)"
    assert scanner.isVisible()


def test_the_clipboard_without_a_picture_says_what_to_copy(scanner: ScanDialog) -> None:
    QApplication.clipboard().setText("Sofia Marchetti")

    scanner.read_card_button.clipboard_action.trigger()

    assert scanner.problem.text() == NO_PICTURE_IN_CLIPBOARD and scanner.problem.isVisible()


# Converting a frame to a picture without a GPU says so once; it is the same picture.
@pytest.mark.qt_log_ignore("No RHI backend")
def test_the_camera_route_takes_the_picture_the_preview_shows(qtbot, scanner: ScanDialog) -> None:
    button = scanner.read_card_button
    button.menu().aboutToShow.emit()
    assert not button.camera_action.isEnabled()
    button.read_camera()
    assert scanner.problem.text() == CAMERA_OFF

    preview = QVideoWidget(scanner.camera)  # what the camera widget shows while it runs
    frame = QVideoFrame(QVideoFrameFormat(QSize(64, 48), QVideoFrameFormat.PixelFormat.Format_BGRA8888))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    frame.bits(0)[:] = b"\xff" * len(frame.bits(0))
    frame.unmap()
    preview.videoSink().setVideoFrame(frame)
    button.menu().aboutToShow.emit()

    picture = camera_picture(scanner.camera)
    assert picture is not None and picture.size() == QSize(64, 48)
    assert button.camera_action.isEnabled()


def test_without_the_reader_the_button_is_disabled_and_says_why(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    monkeypatch.setattr(card_ocr, "_reader", None)

    dialog = ScanDialog(start_camera=False)
    qtbot.addWidget(dialog)

    assert not dialog.read_card_button.isEnabled()
    assert dialog.read_card_button.toolTip() == (
        "Not available on this computer: reading cards needs the on-device text reader, and RapidOCR is not installed"
    )
    assert dialog.open_button.isEnabled() and dialog.paste_button.isEnabled()  # codes still scan


def test_a_badge_reading_prefills_a_capture_marked_as_from_a_badge(main_window, workspace) -> None:
    lines = (CardLine("JONAS", 70), CardLine("WEBER", 70), CardLine("Chief Resident", 30), CardLine("SPEAKER", 30))

    dialog = main_window.people.capture_card(CardReading(lines, pick_fields(lines)))

    assert (dialog.name.text(), dialog.position.currentText()) == ("Jonas Weber", "Chief Resident")
    assert dialog.obtained.currentData() == "badge"
    assert workspace.people.people() == []


def test_opening_the_scan_window_does_not_load_the_reader() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from conference_app.ui.dialogs.scan_dialog import ScanDialog\n"
        "dialog = ScanDialog(start_camera=False)\n"
        "dialog.show()\n"
        "app.processEvents()\n"
        "print(dialog.read_card_button.isEnabled(),"
        " sorted(m for m in ('rapidocr', 'onnxruntime', 'cv2', 'numpy') if m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, timeout=120)

    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == f"{not card_ocr.unavailable_reason()} []"
