"""My card dialog: a scannable code on screen, vCard/MECARD, saving, full screen, and no card without a name."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import vobject
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgRenderer

from conference_app.core.domain.planning import ProfileData
from conference_app.core.exporters.my_card import my_card_text
from conference_app.core.exporters.qr_image import qr_matrix
from conference_app.core.importers.qr_image import decode_image_bytes, decode_image_file
from conference_app.ui.dialogs import my_card_dialog
from conference_app.ui.dialogs.my_card_dialog import MyCardDialog
from conference_app.ui.dialogs.profile_dialog import ProfileDialog
from tests.qr_fixtures import CARD_PROFILE as PROFILE



def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def on_screen(dialog: MyCardDialog) -> list[str]:
    """What a phone would read off the dialog's code as drawn."""
    return decode_image_bytes(png_bytes(dialog.code_view.grab().toImage()))


@pytest.fixture
def dialog(qtbot) -> MyCardDialog:  # type: ignore[no-untyped-def]
    shown = MyCardDialog(PROFILE)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str, str]]:
    """Answer every save dialog with tmp_path/<suggested name>; the questions asked are recorded."""
    asked: list[tuple[str, str, str]] = []

    def answer(parent, title: str, suggested: str, file_filter: str) -> str:  # type: ignore[no-untyped-def]
        asked.append((title, suggested, file_filter))
        return str(tmp_path / suggested)

    monkeypatch.setattr(my_card_dialog, "ask_save_path", answer)
    return asked


def test_the_card_shows_a_scannable_code_with_my_name_under_it(dialog: MyCardDialog) -> None:
    assert dialog.has_card()
    assert dialog.name_label.text() == "Zoë Ångström-Nuñez"
    assert dialog.role_label.text() == "PGY-3 · Universitätsspital Zürich"

    [text] = on_screen(dialog)

    assert text == my_card_text(PROFILE)
    card = vobject.readOne(text)
    assert card.fn.value == "Zoë Ångström-Nuñez"
    assert "https://orcid.org/0000-0002-1825-0097" in {url.value for url in card.contents["url"]}


def test_the_code_stays_black_on_white_in_a_dark_theme(qtbot) -> None:  # type: ignore[no-untyped-def]
    dark = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        dark.setColor(role, QColor("#1e1e1e"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        dark.setColor(role, QColor("#eeeeee"))
    shown = MyCardDialog(PROFILE)
    shown.setPalette(dark)
    qtbot.addWidget(shown)
    shown.show()

    image = shown.code_view.grab().toImage()
    assert image.pixelColor(2, 2) == QColor("white")
    assert "#000000" in {image.pixelColor(x, image.height() // 2).name() for x in range(image.width())}
    card = shown.card.grab().toImage()
    assert card.pixelColor(card.width() // 2, card.height() - 4) == QColor("white")
    assert on_screen(shown) == [my_card_text(PROFILE)]


def test_mecard_makes_a_smaller_code_that_still_reads(dialog: MyCardDialog) -> None:
    vcard_modules = len(qr_matrix(dialog.card_text()))

    dialog.mecard_choice.click()

    assert dialog.card_text().startswith("MECARD:")
    assert len(qr_matrix(dialog.card_text())) < vcard_modules
    assert on_screen(dialog) == [my_card_text(PROFILE, mecard=True)]


def test_saving_png_svg_and_vcf(dialog: MyCardDialog, save_to, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.save_png.click()
    dialog.save_svg.click()
    dialog.save_vcf.click()

    assert [suggested for _title, suggested, _filter in save_to] == [
        "Zoë Ångström-Nuñez card.png", "Zoë Ångström-Nuñez card.svg", "Zoë Ångström-Nuñez card.vcf",
    ]  # fmt: skip
    assert decode_image_file(tmp_path / "Zoë Ångström-Nuñez card.png") == [my_card_text(PROFILE)]
    svg = (tmp_path / "Zoë Ångström-Nuñez card.svg").read_bytes()
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    assert decode_image_bytes(png_bytes(render_svg(svg))) == [my_card_text(PROFILE)]
    vcf = (tmp_path / "Zoë Ångström-Nuñez card.vcf").read_text(encoding="utf-8")
    assert vobject.readOne(vcf).fn.value == "Zoë Ångström-Nuñez"
    assert dialog.status.text() == f"Saved Zoë Ångström-Nuñez card.vcf in {tmp_path}"


def render_svg(svg: bytes) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg))
    assert renderer.isValid()
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 600, 600))
    painter.end()
    return image


def test_the_vcf_is_a_vcard_even_while_the_code_shows_a_mecard(
    dialog: MyCardDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(my_card_dialog, "ask_save_path", lambda *args: str(tmp_path / "me"))
    dialog.mecard_choice.click()

    dialog.save_vcf.click()

    assert (tmp_path / "me.vcf").read_text(encoding="utf-8").startswith("BEGIN:VCARD")


def test_saving_into_a_missing_folder_says_so_in_one_line(
    dialog: MyCardDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(my_card_dialog, "ask_save_path", lambda *args: str(tmp_path / "gone" / "card.png"))

    dialog.save_png.click()

    assert "does not exist" in dialog.status.text() and "\n" not in dialog.status.text()
    assert dialog.isVisible()


def test_cancelling_the_save_dialog_writes_nothing(
    dialog: MyCardDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(my_card_dialog, "ask_save_path", lambda *args: "")

    dialog.save_png.click()

    assert list(tmp_path.iterdir()) == [] and dialog.status.text() == ""


def test_f_goes_full_screen_and_escape_comes_back_then_closes(qtbot, dialog: MyCardDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    qtbot.waitActive(dialog)

    qtbot.keyClick(dialog, Qt.Key.Key_F)
    assert dialog.isFullScreen()
    assert not dialog.controls.isVisible() and dialog.code_view.isVisible()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isFullScreen() and dialog.isVisible() and dialog.controls.isVisible()

    qtbot.keyClick(dialog, Qt.Key.Key_F11)
    assert dialog.isFullScreen()
    qtbot.keyClick(dialog, Qt.Key.Key_F11)
    assert not dialog.isFullScreen()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_without_a_name_it_offers_to_open_the_profile(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = MyCardDialog(ProfileData(email="zoe@example.org"))
    qtbot.addWidget(dialog)
    dialog.show()

    assert not dialog.has_card()
    assert dialog.no_name_text.isVisible() and "needs your name" in dialog.no_name_text.text()
    assert not dialog.code_view.isVisible()
    dialog.toggle_full_screen()
    assert not dialog.isFullScreen(), "nothing to show full screen"

    with qtbot.waitSignal(dialog.profile_requested):
        dialog.open_profile_button.click()
    assert dialog.result() == MyCardDialog.OPEN_PROFILE


def test_the_card_appears_once_the_profile_has_a_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = MyCardDialog(ProfileData())
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.set_profile(ProfileData(name="Ana Ruiz"))

    assert dialog.has_card() and dialog.name_label.text() == "Ana Ruiz"
    assert not dialog.role_label.isVisible()
    assert on_screen(dialog) == [my_card_text(ProfileData(name="Ana Ruiz"))]


def test_the_orcid_typed_in_my_profile_ends_up_on_my_card(qtbot, workspace, bus, errors) -> None:  # type: ignore[no-untyped-def]
    profile_dialog = ProfileDialog(workspace.planning, bus)
    qtbot.addWidget(profile_dialog)
    profile_dialog.name.setText("Zoë Ångström-Nuñez")
    profile_dialog.orcid.setText("0000-0002-1825-009")
    assert "ORCID" in profile_dialog.problem_text()
    profile_dialog.orcid.setText("https://orcid.org/0000-0002-1825-0097")
    assert profile_dialog.problem_text() == ""
    profile_dialog.accept()
    assert errors == [] and workspace.planning.profile().orcid == "0000-0002-1825-0097"

    dialog = MyCardDialog(workspace.planning.profile())
    qtbot.addWidget(dialog)
    dialog.show()

    [text] = on_screen(dialog)
    assert "URL:https://orcid.org/0000-0002-1825-0097" in text


def test_a_profile_losing_its_name_while_full_screen_comes_back_to_the_window(dialog: MyCardDialog) -> None:
    dialog.toggle_full_screen()
    assert dialog.isFullScreen()

    dialog.set_profile(ProfileData())

    assert not dialog.isFullScreen() and not dialog.has_card()
