"""My card: the user's contact details as a big QR code for someone else's phone to scan.

The code is drawn black on a white card in light and dark themes alike (scanners need the
contrast), with the name, stage and institution under it. F or F11 shows it full screen, Esc goes
back. It can be saved as a picture, a print-ready SVG or a contact file. With no name in the
profile there is no card to show: the dialog says so and offers to open the profile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.planning import ProfileData
from conference_app.core.errors import UserError
from conference_app.core.exporters.my_card import my_card_text
from conference_app.core.exporters.qr_image import qr_matrix, qr_png, qr_svg

CARD_STYLE = "QFrame#card { background: white; border-radius: 8px; } QFrame#card QLabel { color: black; }"
NO_NAME_TEXT = (
    "Your card needs your name. Add it to your profile — with your stage, institution and how to "
    "reach you — and your QR code appears here."
)
CARD_SIZE = QSize(860, 540)
NO_NAME_SIZE = QSize(600, 300)
# (what the button says, the dialog's title, the file filter, the suffix)
PNG_FILE = ("Save picture (PNG)…", "Save my card as a picture", "PNG pictures (*.png)", ".png")
SVG_FILE = ("Save for printing (SVG)…", "Save my card for printing", "SVG drawings (*.svg)", ".svg")
VCF_FILE = ("Save contact file (.vcf)…", "Save my card as a contact file", "Contact files (*.vcf)", ".vcf")


def ask_save_path(parent: QWidget, title: str, suggested_name: str, file_filter: str) -> str:
    """Ask where to save; "" when the user cancels. Tests replace this."""
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested_name, file_filter)
    return path


class QrCodeView(QWidget):
    """A QR code painted black on white, each module the same whole number of pixels when it fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("QR code of my card")

    def set_matrix(self, matrix: list[list[bool]]) -> None:
        self._matrix = matrix
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 400)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        count = len(self._matrix)
        if not count:
            return
        side = min(self.width(), self.height())
        # Whole pixels per module keep every edge sharp; a view smaller than the code gets fractions.
        module = side // count if side >= count else side / count
        origin_x = (self.width() - module * count) / 2
        origin_y = (self.height() - module * count) / 2
        black = QColor("black")
        for row, cells in enumerate(self._matrix):
            column = 0
            while column < count:
                if not cells[column]:
                    column += 1
                    continue
                run = column
                while run < count and cells[run]:
                    run += 1
                painter.fillRect(
                    QRect(int(origin_x + column * module), int(origin_y + row * module),
                          int(origin_x + run * module) - int(origin_x + column * module),
                          int(origin_y + (row + 1) * module) - int(origin_y + row * module)),
                    black,
                )  # fmt: skip
                column = run


class MyCardDialog(QDialog):
    """Shows the profile as a QR code to scan.

    With no name in the profile it offers to open the profile instead: the button emits
    `profile_requested` and closes the dialog with the result code `OPEN_PROFILE`.
    """

    OPEN_PROFILE = 2
    profile_requested = Signal()

    def __init__(self, profile: ProfileData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My card")
        self._profile = profile
        self._page_size: QSize | None = None

        # --- the card: code, name, stage and institution on white
        self.code_view = QrCodeView()
        self.name_label = QLabel()
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label.setWordWrap(True)
        self.name_label.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.role_label = QLabel()
        self.role_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.role_label.setWordWrap(True)
        self.role_label.setStyleSheet("font-size: 12pt;")
        self.card = QFrame()
        self.card.setObjectName("card")
        self.card.setStyleSheet(CARD_STYLE)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(16, 16, 16, 16)
        card_layout.addWidget(self.code_view, 1)
        card_layout.addWidget(self.name_label)
        card_layout.addWidget(self.role_label)

        # --- controls beside the card
        self.vcard_choice = QRadioButton("vCard — every phone reads it")
        self.mecard_choice = QRadioButton("MECARD — a smaller code, easier from afar")
        self.vcard_choice.setChecked(True)
        formats = QButtonGroup(self)
        formats.addButton(self.vcard_choice)
        formats.addButton(self.mecard_choice)
        self.mecard_choice.toggled.connect(lambda _checked: self._refresh_code())
        self.save_png = QPushButton(PNG_FILE[0])
        self.save_png.clicked.connect(lambda: self.save(PNG_FILE))
        self.save_svg = QPushButton(SVG_FILE[0])
        self.save_svg.clicked.connect(lambda: self.save(SVG_FILE))
        self.save_vcf = QPushButton(VCF_FILE[0])
        self.save_vcf.setToolTip("Always a vCard, for a contacts app or an email attachment")
        self.save_vcf.clicked.connect(lambda: self.save(VCF_FILE))
        self.full_screen_button = QPushButton("Full screen (F)")
        self.full_screen_button.setToolTip("Show the code as large as the screen allows; Esc to go back")
        self.full_screen_button.clicked.connect(self.toggle_full_screen)
        self.status = QLabel()
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)

        format_title = QLabel("The code holds")
        format_title.setStyleSheet("font-weight: 600;")
        save_title = QLabel("Keep a copy")
        save_title.setStyleSheet("font-weight: 600;")
        self.controls = QWidget()
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(format_title)
        controls.addWidget(self.vcard_choice)
        controls.addWidget(self.mecard_choice)
        controls.addSpacing(12)
        controls.addWidget(self.full_screen_button)
        controls.addSpacing(12)
        controls.addWidget(save_title)
        controls.addWidget(self.save_png)
        controls.addWidget(self.save_svg)
        controls.addWidget(self.save_vcf)
        controls.addWidget(self.status)
        controls.addStretch(1)
        controls.addWidget(close)

        card_page = QWidget()
        card_row = QHBoxLayout(card_page)
        card_row.setContentsMargins(0, 0, 0, 0)
        card_row.addWidget(self.card, 1)
        card_row.addWidget(self.controls)

        # --- no name yet
        self.no_name_text = QLabel(NO_NAME_TEXT)
        self.no_name_text.setWordWrap(True)
        self.no_name_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_name_text.setStyleSheet("font-size: 13pt;")
        self.open_profile_button = QPushButton("Open my profile…")
        self.open_profile_button.clicked.connect(self._open_profile)
        not_now = QPushButton("Not now")
        not_now.clicked.connect(self.reject)
        no_name_buttons = QHBoxLayout()
        no_name_buttons.addStretch(1)
        no_name_buttons.addWidget(self.open_profile_button)
        no_name_buttons.addWidget(not_now)
        no_name_buttons.addStretch(1)
        no_name_page = QWidget()
        no_name_layout = QVBoxLayout(no_name_page)
        no_name_layout.addStretch(1)
        no_name_layout.addWidget(self.no_name_text)
        no_name_layout.addSpacing(12)
        no_name_layout.addLayout(no_name_buttons)
        no_name_layout.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(card_page)
        self.pages.addWidget(no_name_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        for keys in ("F", "F11"):
            QShortcut(QKeySequence(keys), self, self.toggle_full_screen)
        self.set_profile(profile)

    # --- public ----------------------------------------------------------------------------------

    def set_profile(self, profile: ProfileData) -> None:
        """Show the card of this profile (after the user edited it)."""
        self._profile = profile
        has_name = bool(profile.name.strip())
        if not has_name and self.isFullScreen():
            self.controls.show()
            self.showNormal()
        if self._page_size is None or has_name != self.has_card():
            self._page_size = CARD_SIZE if has_name else NO_NAME_SIZE
            fit_to_screen(self, self._page_size)
        self.pages.setCurrentIndex(0 if has_name else 1)
        if has_name:
            self.name_label.setText(" ".join(profile.name.split()))
            role = " · ".join(part.strip() for part in (profile.stage, profile.institution) if part.strip())
            self.role_label.setText(role)
            self.role_label.setVisible(bool(role))
            self._refresh_code()
        else:
            self.code_view.set_matrix([])
        self.open_profile_button.setDefault(not has_name)

    def has_card(self) -> bool:
        """Whether there is a card to show (the profile has a name)."""
        return self.pages.currentIndex() == 0

    def card_text(self) -> str:
        """What the code holds now: the vCard or the MECARD."""
        return my_card_text(self._profile, mecard=self.mecard_choice.isChecked())

    def save(self, kind: tuple[str, str, str, str]) -> None:
        """Ask where, then write the card as a picture, a drawing or a contact file."""
        # Loaded here: its module brings the calendar library, which nothing else in this dialog needs.
        from conference_app.core.exporters.atomic_file import write_atomically

        _button, title, file_filter, suffix = kind
        suggested = _file_name(self._profile.name) + suffix
        chosen = ask_save_path(self, title, suggested, file_filter)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.casefold() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            if suffix == ".png":
                data = qr_png(self.card_text())
            elif suffix == ".svg":
                data = qr_svg(self.card_text()).encode("utf-8")
            else:
                data = my_card_text(self._profile, mecard=False).encode("utf-8")
            write_atomically(path, data)
        except UserError as error:
            self._say(str(error), theme.problem_sheet)
            return
        self._say(f"Saved {path.name} in {path.parent}", theme.hint_sheet)

    def toggle_full_screen(self) -> None:
        """Show only the card, as large as the screen allows; again to go back."""
        if not self.has_card():
            return
        if self.isFullScreen():
            self.controls.show()
            self.showNormal()
        else:
            self.controls.hide()
            self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.toggle_full_screen()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- inside ------------------------------------------------------------------------------------

    def _refresh_code(self) -> None:
        try:
            self.code_view.set_matrix(qr_matrix(self.card_text()))
        except UserError as error:  # e.g. a very long profile that overflows one code
            self.code_view.set_matrix([])
            self._say(str(error), theme.problem_sheet)
            return
        self._say("", theme.hint_sheet)

    def _say(self, text: str, sheet: Callable[[QPalette], str]) -> None:
        self.status.setText(text)
        theme.style(self.status, sheet)
        self.status.setVisible(bool(text))

    def _open_profile(self) -> None:
        self.profile_requested.emit()
        self.done(self.OPEN_PROFILE)


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Open at `preferred` size, or smaller on a small or zoomed screen (1280×720 at 150 % is 853×480)."""
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry().size()
        # Leave room for the title bar and the panel the window manager draws.
        preferred = preferred.boundedTo(QSize(int(room.width() * 0.96), int(room.height() * 0.9)))
    window.resize(preferred)


def _file_name(name: str) -> str:
    """The user's name as a file name: characters file systems refuse become dashes."""
    cleaned = "".join("-" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in " ".join(name.split()))
    return (cleaned.strip(" .-") or "my") + " card"
