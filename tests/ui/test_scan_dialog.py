"""The scan dialog: codes from a picture file, the clipboard, a drop and camera frames, and choosing one."""

from __future__ import annotations

from pathlib import Path

import pytest
import qrcode
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtMultimedia import QCamera, QCameraDevice, QVideoFrame, QVideoFrameFormat
from PySide6.QtWidgets import QApplication, QDialog

from conference_app.core.importers.qr_payload import classify_payload
from conference_app.ui.dialogs import scan_dialog
from conference_app.ui.dialogs.scan_dialog import ScanDialog
from conference_app.ui.widgets.camera_scanner import NO_CAMERA, gray_frame
from tests.core.test_qr_image import camera_frame

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström-Nuñez\r\nN:Ångström-Nuñez;Zoë;;;\r\n"
    "ORG:Universitätsspital Zürich\r\nEMAIL:zoe@example.org\r\nEND:VCARD\r\n"
)
POSTER = "https://example.org/posters/12"
ZOE = "Contact card (vCard) · Zoë Ångström-Nuñez, Universitätsspital Zürich"


def code_image(*texts: str) -> Image.Image:
    """One QR code per text, side by side on white, made with the qrcode package."""
    codes = []
    for text in texts:
        maker = qrcode.QRCode(box_size=6, border=4)
        maker.add_data(text.encode("utf-8"))
        codes.append(maker.make_image().get_image().convert("L"))
    sheet = Image.new("L", (sum(c.width + 40 for c in codes) + 40, max(c.height for c in codes) + 80), 255)
    x = 40
    for code in codes:
        sheet.paste(code, (x, 40))
        x += code.width + 40
    return sheet


def code_file(folder: Path, name: str, *texts: str) -> Path:
    path = folder / name
    code_image(*texts).save(path)
    return path


def nv12_frame(image: Image.Image) -> QVideoFrame:
    """A webcam-style frame: the picture as the brightness plane of an NV12 frame, neutral colour."""
    width, height = image.size
    frame = QVideoFrame(QVideoFrameFormat(QSize(width, height), QVideoFrameFormat.PixelFormat.Format_NV12))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    stride, luma, pixels = frame.bytesPerLine(0), frame.bits(0), image.tobytes()
    for y in range(height):
        luma[y * stride : y * stride + width] = pixels[y * width : (y + 1) * width]
    chroma = frame.bits(1)
    chroma[:] = b"\x80" * len(chroma)
    frame.unmap()
    return frame


def listed(dialog: ScanDialog) -> list[str]:
    return [dialog.results.item(row).text() for row in range(dialog.results.count())]


@pytest.fixture
def dialog(qtbot) -> ScanDialog:  # type: ignore[no-untyped-def]
    shown = ScanDialog()
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_without_a_camera_the_camera_area_says_what_to_do_instead(dialog: ScanDialog) -> None:
    assert dialog.camera.message.text() == "No camera found — open a photo of the code or paste a screenshot"
    assert dialog.camera.message.isVisible()
    assert not dialog.camera.is_running()
    assert not dialog.camera.start_button.isVisible()
    assert dialog.open_button.isEnabled() and dialog.paste_button.isEnabled()
    assert not dialog.use_button.isEnabled()


def test_open_image_lists_the_card_and_shows_the_green_banner(
    dialog: ScanDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = code_file(tmp_path, "card.png", VCARD)
    monkeypatch.setattr(scan_dialog, "ask_open_image", lambda parent: str(picture))

    dialog.open_button.click()

    assert listed(dialog) == [ZOE]
    assert dialog.banner.isVisible()
    assert dialog.banner.text().startswith("✓ Scanned: Zoë Ångström-Nuñez, Universitätsspital Zürich")
    assert "#15803d" in dialog.banner.styleSheet()
    assert not dialog.problem.isVisible()
    assert dialog.results.currentRow() == 0 and dialog.use_button.isEnabled()


def test_cancelling_the_file_picker_changes_nothing(dialog: ScanDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_dialog, "ask_open_image", lambda parent: "")

    dialog.open_button.click()

    assert listed(dialog) == [] and not dialog.problem.isVisible() and not dialog.banner.isVisible()


def test_a_picture_with_several_codes_lists_each_in_reading_order(dialog: ScanDialog, tmp_path: Path) -> None:
    dialog.scan_files([code_file(tmp_path, "board.png", VCARD, POSTER, "tel:+41445551234")])

    assert listed(dialog) == [ZOE, f"Web link · {POSTER}", "Phone number · +41445551234"]
    assert "and 2 more" in dialog.banner.text()


@pytest.mark.parametrize(
    ("name", "make", "problem"),
    [
        ("notes.txt", lambda p: p.write_text("met at poster 12", encoding="utf-8"),
         "notes.txt: not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP)"),
        ("blank.png", lambda p: Image.new("RGB", (400, 300), "white").save(p),
         "blank.png: no QR code found in this picture"),
        ("huge.png", lambda p: Image.new("1", (8000, 7000), 1).save(p),
         "huge.png: the picture is too large to read (8000×7000, over 50 megapixels)"),
    ],
)  # fmt: skip
def test_a_picture_without_a_usable_code_is_one_line_in_the_dialog(
    dialog: ScanDialog, tmp_path: Path, name: str, make, problem: str  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / name
    make(path)

    dialog.scan_files([path])

    assert dialog.problem.isVisible() and dialog.problem.text() == problem
    assert listed(dialog) == [] and not dialog.banner.isVisible()
    assert dialog.isVisible()


def test_pasting_a_screenshot_from_the_clipboard(dialog: ScanDialog, tmp_path: Path) -> None:
    QApplication.clipboard().setImage(QImage(str(code_file(tmp_path, "shot.png", POSTER))))

    dialog.paste_button.click()

    assert listed(dialog) == [f"Web link · {POSTER}"]


def test_ctrl_v_pastes_too(qtbot, dialog: ScanDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    QApplication.clipboard().setImage(QImage(str(code_file(tmp_path, "shot.png", VCARD))))
    dialog.activateWindow()
    qtbot.waitActive(dialog)

    qtbot.keyClick(dialog, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    assert listed(dialog) == [ZOE]


def test_pasting_a_copied_vcard_or_link_as_text(dialog: ScanDialog) -> None:
    QApplication.clipboard().setText(VCARD)
    dialog.paste()
    QApplication.clipboard().setText(f"  {POSTER}\n")
    dialog.paste()

    assert listed(dialog) == [ZOE, f"Web link · {POSTER}"]


def test_pasting_plain_words_or_nothing_says_so(dialog: ScanDialog) -> None:
    QApplication.clipboard().setText("see you at the reception")
    dialog.paste()
    assert dialog.problem.text() == (
        "The clipboard holds text, but not a contact card, link, email address or phone number"
    )

    QApplication.clipboard().clear()
    dialog.paste()
    assert dialog.problem.text() == "The clipboard holds no picture or text — copy a screenshot of the code first"
    assert listed(dialog) == []


def test_dropping_picture_files_on_the_dialog(dialog: ScanDialog, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(code_file(tmp_path, "a.png", VCARD))),
                  QUrl.fromLocalFile(str(code_file(tmp_path, "b.png", POSTER)))])  # fmt: skip
    where = QPointF(dialog.rect().center())
    enter = QDragEnterEvent(
        where.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    dialog.dragEnterEvent(enter)
    assert enter.isAccepted()

    dialog.dropEvent(
        QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    )

    assert listed(dialog) == [ZOE, f"Web link · {POSTER}"]


def test_dropping_something_that_is_not_a_picture_is_refused(dialog: ScanDialog, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setText("words")
    where = QPointF(10, 10)
    enter = QDragEnterEvent(
        where.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    enter.setAccepted(False)
    dialog.dragEnterEvent(enter)
    assert not enter.isAccepted()

    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.7 not really")
    mime.setUrls([QUrl.fromLocalFile(str(notes))])
    dialog.dropEvent(
        QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    )
    assert dialog.problem.text().startswith("notes.pdf: not a picture")


def test_use_this_emits_the_scanned_code_and_closes(qtbot, dialog: ScanDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.scan_files([code_file(tmp_path, "board.png", VCARD, POSTER)])
    dialog.results.setCurrentRow(1)

    with qtbot.waitSignal(dialog.code_chosen) as chosen:
        dialog.use_button.click()

    assert chosen.args == [classify_payload(POSTER)]
    assert dialog.chosen == classify_payload(POSTER)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_enter_on_a_listed_code_chooses_it_once(qtbot, dialog: ScanDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.scan_files([code_file(tmp_path, "card.png", VCARD)])
    chosen = []
    dialog.code_chosen.connect(chosen.append)

    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)

    assert chosen == [classify_payload(VCARD)]
    assert chosen[0].kind == "vcard" and chosen[0].details.name == "Zoë Ångström-Nuñez"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_continuous_mode_stays_open_and_skips_a_code_already_scanned(
    qtbot, dialog: ScanDialog, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    dialog.continuous.setChecked(True)
    dialog.scan_files([code_file(tmp_path, "first.png", VCARD)])
    with qtbot.waitSignal(dialog.code_chosen):
        dialog.use_button.click()
    assert dialog.isVisible()

    dialog.scan_files([code_file(tmp_path, "next.png", POSTER)])
    dialog.scan_files([code_file(tmp_path, "again.png", VCARD)])  # the first poster, seen again

    assert listed(dialog) == [f"✓ {ZOE}", f"Web link · {POSTER}"]
    assert dialog.banner.text() == "Already scanned: Zoë Ångström-Nuñez, Universitätsspital Zürich"
    assert dialog.results.currentRow() == 1, "the selection stays on the newest code"
    assert dialog.isVisible()


def test_camera_frames_are_decoded_off_the_ui_thread_and_announced(
    qtbot, dialog: ScanDialog  # type: ignore[no-untyped-def]
) -> None:
    frame = nv12_frame(camera_frame(VCARD))

    with qtbot.waitSignal(dialog.camera.codes_found, timeout=5000):
        dialog.camera.take_frame(frame)

    assert listed(dialog) == [ZOE]
    assert dialog.banner.text().startswith("✓ Scanned: Zoë Ångström-Nuñez")
    for _ in range(10):  # the same code on and on: still one row, frames beyond 4 a second skipped
        dialog.camera.take_frame(frame)
    assert listed(dialog) == [ZOE]
    assert dialog.camera.frames_taken == 1

    dialog.reject()
    assert dialog.camera.decoder_running() is False


def test_a_frame_without_a_code_changes_nothing(qtbot, dialog: ScanDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.camera.take_frame(nv12_frame(Image.new("L", (640, 480), 128)))
    qtbot.waitUntil(lambda: not dialog.camera.decoding(), timeout=5000)

    assert listed(dialog) == [] and not dialog.banner.isVisible()


def test_a_camera_error_stops_it_and_says_so(qtbot, dialog: ScanDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.camera.take_frame(nv12_frame(Image.new("L", (320, 240), 200)))  # the decoder thread is running

    dialog.camera._camera_failed(QCamera.Error.CameraError, "Device busy.")

    assert dialog.camera.message.text() == (
        "The camera stopped (Device busy) — open a photo of the code or paste a screenshot"
    )
    assert not dialog.camera.decoder_running()
    assert dialog.isVisible()


def test_packed_yuyv_frames_give_their_brightness(qtbot) -> None:  # type: ignore[no-untyped-def]
    frame = QVideoFrame(QVideoFrameFormat(QSize(4, 2), QVideoFrameFormat.PixelFormat.Format_YUYV))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    stride = frame.bytesPerLine(0)
    data = frame.bits(0)
    data[0:8] = bytes([10, 128, 20, 128, 30, 128, 40, 128])
    data[stride : stride + 8] = bytes([50, 128, 60, 128, 70, 128, 80, 128])
    frame.unmap()

    gray = gray_frame(frame)

    assert gray is not None and not isinstance(gray, QImage)
    rows = [gray.pixels[y * gray.stride : y * gray.stride + gray.width] for y in range(gray.height)]
    assert rows == [bytes([10, 20, 30, 40]), bytes([50, 60, 70, 80])]


def test_the_camera_message_is_the_no_camera_one_after_closing_and_reopening(dialog: ScanDialog) -> None:
    dialog.reject()
    dialog.show()

    assert dialog.camera.message.text() == NO_CAMERA


def test_a_camera_that_cannot_be_opened_says_so_and_stays_off(dialog: ScanDialog) -> None:
    dialog.camera._start_device(QCameraDevice())  # a device Qt cannot open, as when another app holds it

    assert not dialog.camera.is_running()
    assert dialog.camera.message.text() == (
        "The camera did not start (No camera detected) — open a photo of the code or paste a screenshot"
    )


def test_the_code_just_announced_seen_again_keeps_the_green_banner(dialog: ScanDialog) -> None:
    dialog.add_texts([VCARD])
    announced = dialog.banner.text()

    dialog.add_texts([VCARD])  # the camera still points at it

    assert dialog.banner.text() == announced and "#15803d" in dialog.banner.styleSheet()
    assert listed(dialog) == [ZOE]


def test_an_earlier_code_seen_again_is_selected_when_not_scanning_continuously(dialog: ScanDialog) -> None:
    dialog.add_texts([VCARD])
    dialog.add_texts([POSTER])

    dialog.add_texts([VCARD])

    assert listed(dialog) == [ZOE, f"Web link · {POSTER}"]
    assert dialog.results.currentRow() == 0
    assert dialog.banner.text() == "Already scanned: Zoë Ångström-Nuñez, Universitätsspital Zürich"


def test_cameras_coming_and_going_without_any_camera_keeps_the_plain_message(dialog: ScanDialog) -> None:
    dialog.camera._inputs_changed()

    assert dialog.camera.message.text() == NO_CAMERA
    assert not dialog.camera.start_button.isVisible() and not dialog.camera.device_choice.isVisible()
