"""People ▸ Read a card or badge: a photo (Ctrl+Shift+R) or the clipboard becomes a prefilled capture dialog
without opening the scan window; the camera route opens it; without the reader the entries say why."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from conference_app.core.importers import card_ocr
from conference_app.ui import card_reading
from conference_app.ui.card_reading import NO_PICTURE_IN_CLIPBOARD
from tests.ui.test_card_reading import CARD, needs_reader, painted_card


def card_menu(window) -> QMenu:  # type: ignore[no-untyped-def]
    people = next(a.menu() for a in window.menuBar().actions() if a.text() == "P&eople")
    found = next(a.menu() for a in people.actions() if a.menu() is not None and "card or badge" in a.text())
    return found


def test_the_people_menu_offers_reading_a_card_from_a_photo_the_clipboard_or_the_camera(main_window) -> None:
    menu = card_menu(main_window)
    menu.aboutToShow.emit()
    entries = [a.text() for a in menu.actions()]
    assert entries == ["From a &photo…", "From the &clipboard", "With the c&amera…"]
    assert menu.actions()[0].shortcut().toString() == "Ctrl+Shift+R"
    assert all(a.isEnabled() for a in menu.actions()) == (not card_ocr.unavailable_reason())


@needs_reader
def test_ctrl_shift_r_reads_a_card_photo_into_a_prefilled_capture(
    qtbot, main_window, workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "card.png"
    assert painted_card(CARD).save(str(photo))
    monkeypatch.setattr(card_reading, "ask_card_photo", lambda parent: str(photo))

    qtbot.keyClick(main_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    sources = main_window.people.card_sources
    assert sources is not None and sources.reader.progress is not None  # reading, with Cancel
    qtbot.waitUntil(lambda: main_window.people.capture_dialog is not None, timeout=180_000)
    dialog = main_window.people.capture_dialog
    assert dialog.isVisible() and main_window.people.scan_dialog is None  # no detour through the scan window
    assert (dialog.name.text(), dialog.institution.text()) == ("Sofia Marchetti", "Riverside General Hospital")
    assert dialog.obtained.currentData() == "card"
    assert workspace.people.people() == []  # the user confirms before anything is stored


def test_the_clipboard_entry_without_a_picture_says_what_to_copy(main_window, shown_messages) -> None:
    if card_ocr.unavailable_reason():
        pytest.skip(card_ocr.unavailable_reason())
    QApplication.clipboard().setText("Sofia Marchetti")

    card_menu(main_window).actions()[1].trigger()

    assert shown_messages == [("error", NO_PICTURE_IN_CLIPBOARD)]
    assert main_window.people.capture_dialog is None


def test_the_camera_entry_opens_the_scan_window(main_window, monkeypatch: pytest.MonkeyPatch) -> None:
    from conference_app.ui.dialogs import scan_dialog

    original = scan_dialog.ScanDialog.__init__
    monkeypatch.setattr(
        scan_dialog.ScanDialog, "__init__", lambda self, parent=None: original(self, parent, start_camera=False)
    )

    card_menu(main_window).actions()[2].trigger()

    scanner = main_window.people.scan_dialog
    assert scanner is not None and scanner.isVisible() and scanner.read_card_button is not None
    scanner.close()


def test_without_the_reader_the_entries_are_greyed_out_and_say_why(
    main_window, shown_messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    monkeypatch.setattr(card_ocr, "_reader", None)
    menu = card_menu(main_window)

    menu.aboutToShow.emit()

    photo, clipboard, camera = menu.actions()
    assert not photo.isEnabled() and not clipboard.isEnabled() and camera.isEnabled()  # codes still scan
    assert photo.toolTip() == (
        "Not available on this computer: reading cards needs the on-device text reader, and RapidOCR is not installed"
    )
    main_window.people.read_card_photo()  # the shortcut, pressed anyway
    assert shown_messages == [("error", "Cards cannot be read on this computer: reading cards needs the on-device "
                                        "text reader, and RapidOCR is not installed.")]
