"""The at-the-poster actions the window offers from any page: capture, scan, my card, contacts in and out.

Dialogs open window-modal without blocking (`open()`), so typing starts at once and tests drive
them directly. The scan and card dialogs load their heavier libraries on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.storage import database_errors  # DATABASE_ERRORS on use: it imports SQLAlchemy
from conference_app.core.storage.database_errors import database_error
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus
from conference_app.ui.dialogs import messages

if TYPE_CHECKING:
    from conference_app.core.domain.people import CaptureData, CaptureResult
    from conference_app.ui.dialogs.capture_dialog import CaptureDialog
    from conference_app.core.importers.card_ocr import CardReading
    from conference_app.core.importers.qr_payload import ScannedCode
    from conference_app.core.services.people_exchange import FileCardError

CONTACT_FILES = "Contacts (*.vcf *.vcard *.png *.jpg *.jpeg *.webp *.bmp *.gif);;All files (*)"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
CONTACT_SUFFIXES = {".vcf", ".vcard"}


def choose_contact_files(parent: QMainWindow) -> list[str]:
    """The files the user picked to import people from. Tests replace this entry point."""
    names, _filter = QFileDialog.getOpenFileNames(parent, "Import contacts", "", CONTACT_FILES)
    return names


class PeopleActions(QObject):
    person_saved = Signal(int)  # the person a capture went to

    def __init__(self, window: QMainWindow, workspace: Workspace, bus: DataBus) -> None:
        super().__init__(window)
        self._window = window
        self._ws = workspace
        self._bus = bus
        self.conference_id: int | None = None
        self.capture_dialog: CaptureDialog | None = None
        self.scan_dialog = None
        self.card_dialog = None
        self.card_sources = None  # CardSources, made on the first reading from the People menu

    # --- capture -----------------------------------------------------------------------

    def capture(self, person_id: int | None = None) -> CaptureDialog | None:
        """Ctrl+N: a new person, or a new conversation with a known one. A pending draft comes back first."""
        if self.capture_dialog is not None and self.capture_dialog.isVisible():
            self.capture_dialog.raise_()
            self.capture_dialog.activateWindow()
            return self.capture_dialog
        draft = self._ws.people.draft()
        if draft is not None and person_id is None:
            return self._open_draft(draft)
        prefill = None
        if person_id is not None:
            try:
                prefill = self._ws.people.details_of(person_id)
            except UserError as error:
                messages.show_error(self._window, str(error))
                return None
        return self._open(prefill)

    def capture_for_speaker(self, speaker_id: int) -> CaptureDialog | None:
        """"I met them…": the capture dialog prefilled with the speaker, at their session."""
        try:
            prefill = self._ws.people.for_speaker(speaker_id)
        except UserError as error:
            messages.show_error(self._window, str(error))
            return None
        return self._open(prefill)

    def capture_prefilled(self, prefill: CaptureData) -> CaptureDialog:
        """The capture dialog prefilled by a page that knows who and where (Now & next: a speaker at a session)."""
        return self._open(prefill)

    def capture_code(self, code: ScannedCode) -> CaptureDialog | None:
        """A scanned code becomes a prefilled capture dialog, never a silent insert."""
        from conference_app.core.domain.people import CaptureData, Obtained

        prefill = CaptureData(
            details=code.details.with_name_fallback() if code.kind != "text" else code.details,
            obtained=Obtained.QR,
            vcard=code.text if code.kind in ("vcard", "mecard") else "",
        )
        return self._open(prefill)

    def capture_card(self, reading: CardReading) -> CaptureDialog:
        """The text read from a card or badge becomes a prefilled capture dialog, never a silent insert."""
        from conference_app.core.domain.people import CaptureData, Obtained

        fields = reading.fields
        prefill = CaptureData(
            details=fields.details().with_name_fallback(),
            obtained=Obtained.BADGE if fields.badge else Obtained.CARD,
        )
        return self._open(prefill)

    def edit_person(self, person_id: int) -> CaptureDialog | None:
        try:
            prefill = self._ws.people.details_of(person_id)
        except UserError as error:
            messages.show_error(self._window, str(error))
            return None
        return self._open(prefill, editing=True)

    def offer_draft(self) -> CaptureDialog | None:
        """At start: a capture interrupted by a crash or a closed lid is offered back."""
        draft = self._ws.people.draft()
        if draft is None:
            return None
        name = str(draft.get("name") or draft.get("emails") or "someone")
        if messages.confirm(self._window, f"You were writing a note about {name} when the app closed. Continue it?"):
            return self._open_draft(draft)
        self._ws.people.discard_draft()
        return None

    def _open_draft(self, draft: dict[str, object]) -> CaptureDialog:
        from conference_app.ui.dialogs.capture_dialog import CaptureDialog  # with the people modules: on first use

        data, conference_id = CaptureDialog.from_draft(draft)
        return self._open(data, conference_id=conference_id, restored=True)

    def _open(
        self,
        prefill: CaptureData | None,
        *,
        conference_id: int | None = None,
        restored: bool = False,
        editing: bool = False,
    ) -> CaptureDialog:
        from conference_app.ui.dialogs.capture_dialog import CaptureDialog

        dialog = CaptureDialog(
            self._ws,
            self._bus,
            conference_id if conference_id is not None else self.conference_id,
            prefill,
            self._window,
            restored=restored,
            editing=editing,
        )
        dialog.saved.connect(self._saved)
        self.capture_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, result: CaptureResult) -> None:
        person = self._ws.people.person(result.person_id)
        verb = "Added a conversation with" if not result.created else "Saved"
        text = f"{verb} {person.summary.name}"
        if result.merged_into is not None:
            text += " (already known by their email, phone or ORCID)"
        if result.possible_duplicates:
            text += f" — may be the same person as {result.possible_duplicates[0].name}: see People"
        self._window.statusBar().showMessage(text, 15000)
        self.person_saved.emit(result.person_id)

    # --- my card and scanning ----------------------------------------------------------

    def show_my_card(self) -> None:
        from conference_app.ui.dialogs.my_card_dialog import MyCardDialog

        dialog = MyCardDialog(self._ws.planning.profile(), self._window)
        dialog.profile_requested.connect(self._edit_profile)
        self.card_dialog = dialog
        dialog.open()

    def _edit_profile(self) -> None:
        edit = getattr(self._window, "goals_page", None)
        if edit is not None:
            edit.edit_profile()

    def scan(self, files: list[Path] | None = None) -> None:
        from conference_app.ui.dialogs.scan_dialog import ScanDialog

        if self.scan_dialog is None or not self.scan_dialog.isVisible():
            dialog = ScanDialog(self._window)
            dialog.code_chosen.connect(self.capture_code)
            dialog.card_read.connect(self.capture_card)
            self.scan_dialog = dialog
            dialog.open()
        if files:
            self.scan_dialog.scan_files(files)

    # --- reading a card or badge from the People menu ------------------------------------

    def add_card_menu(self, menu: QMenu) -> QMenu:
        """People ▸ Read a card or badge: from a photo, the clipboard, or the camera (in the scan window)."""
        submenu = menu.addMenu("&Read a card or badge")
        photo = submenu.addAction("From a &photo…")
        photo.setShortcut(QKeySequence("Ctrl+Shift+R"))
        photo.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        photo.setToolTip("A photo of a business card or conference badge; its text is read on this computer")
        photo.triggered.connect(self.read_card_photo)
        clipboard = submenu.addAction("From the &clipboard")
        clipboard.triggered.connect(self.read_card_clipboard)
        camera = submenu.addAction("With the c&amera…")
        camera.setToolTip("Opens the scan window: hold the card up to the camera, then Read a card or badge…")
        camera.triggered.connect(lambda: self.scan())
        self.card_actions = (photo, clipboard)
        submenu.aboutToShow.connect(self._refresh_card_actions)
        return submenu

    def _refresh_card_actions(self) -> None:
        from conference_app.core.importers.card_ocr import unavailable_reason

        reason = unavailable_reason()
        for action in self.card_actions:
            action.setEnabled(not reason)
            if reason:
                action.setToolTip(f"Not available on this computer: {reason}")

    def _sources(self):  # type: ignore[no-untyped-def]
        if self.card_sources is None:
            from conference_app.ui.card_reading import CardSources

            self.card_sources = CardSources(self._window)
            self.card_sources.card_read.connect(self.capture_card)
            self.card_sources.problem.connect(lambda text: messages.show_error(self._window, text))
        return self.card_sources

    def read_card_photo(self) -> None:
        if self._card_reader_available():
            self._sources().read_photo()

    def read_card_clipboard(self) -> None:
        if self._card_reader_available():
            self._sources().read_clipboard()

    def _card_reader_available(self) -> bool:
        from conference_app.core.importers.card_ocr import unavailable_reason

        reason = unavailable_reason()
        if reason:
            messages.show_error(self._window, f"Cards cannot be read on this computer: {reason}.")
        return not reason

    # --- contacts in and out -----------------------------------------------------------

    def import_contacts(self, paths: list[Path] | None = None) -> None:
        from conference_app.core.services.people_exchange import import_contact_files

        if paths is None:
            paths = [Path(name) for name in choose_contact_files(self._window)]
        if not paths:
            return
        try:
            report = import_contact_files(self._ws.people, paths)
        except UserError as error:
            messages.show_error(self._window, str(error))
            return
        except database_errors.DATABASE_ERRORS as error:
            messages.show_error(self._window, str(database_error(self._ws.database.path, error)))
            return
        if report.stored:
            self._bus.publish(frozenset({Topic.CONTACTS}))
        summary = f"Imported {report.imported} new {'person' if report.imported == 1 else 'people'}"
        if report.merged:
            summary += f"; {report.merged} already known, updated"
        if not report.stored:
            summary = "No contact could be imported."
        def line(problem: FileCardError) -> str:
            where = f"{Path(problem.file).name}, card {problem.card}" if problem.card else Path(problem.file).name
            return f"{where}: {problem.reason}"

        problems = [line(e) for e in report.errors] + [f"warning: {line(w)}" for w in report.warnings]
        if report.stored and not problems:
            self._window.statusBar().showMessage(summary + ".", 15000)
        else:
            messages.show_info(self._window, summary + ".", "\n".join(problems))


def is_contact_file(path: Path) -> bool:
    return path.suffix.casefold() in CONTACT_SUFFIXES


def is_image_file(path: Path) -> bool:
    return path.suffix.casefold() in IMAGE_SUFFIXES
