"""Outreach: a short email to each person I mean to meet, edited here, saved as .eml drafts or opened in my mail app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.email_templates import tidy_body, word_count
from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.services.outreach import MAX_WORDS, NO_ADDRESS, DraftEdit, OutreachDraft, OutreachService
from conference_app.core.workspace import Workspace
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.template_dialog import TemplateDialog
from conference_app.ui.pages.outreach_sending import OutreachSending

TOPICS = {Topic.PROGRAM, Topic.PROFILE, Topic.GOALS, Topic.TARGETS, Topic.MESSAGES}
TARGET_ID = Qt.ItemDataRole.UserRole
EMPTY_TEXT = (
    "<h3>No people to meet yet</h3>"
    "<p>Mark speakers to meet: <i>Meet</i> on a goal's suggested speakers, or <i>Plan to meet</i> on the "
    "Speakers page. Each one gets a short email here: who you are, the session where you will hear them, "
    "and a request for five minutes afterwards.</p>"
)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def ended_text(last_day: date, unmet: int) -> str:
    people = "person" if unmet == 1 else "people"
    missed = (
        f"<p>The {unmet} {people} listed here you planned to meet but did not; no introduction is drafted "
        "after the conference.</p>"
        if unmet
        else ""
    )
    return (
        f"<h3>The conference ended on {last_day:%A %d %B}</h3>"
        "<p>An email asking for five minutes after a session no longer fits. Write to the people you met "
        "instead: the Follow-ups page has a specific email for each, due 3 days after the conference.</p>" + missed
    )


def open_in_mail_app(url: str) -> bool:
    """Hand a mailto: link to the desktop's default mail program."""
    return QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))


class OutreachPage(QWidget):
    follow_ups_requested = Signal()  # after the conference: the window shows the Follow-ups page

    def __init__(self, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outreach: OutreachService = workspace.outreach
        self._bus = bus
        self._conference_id: int | None = None
        self._drafts: dict[int, OutreachDraft] = {}
        self._edits: dict[int, DraftEdit] = {}  # unsaved changes, by the draft's target id
        self._loading = False
        self._ended: date | None = None  # the conference's last day, once it is over
        self.clock: Callable[[], datetime] = _now  # tests set the day the page is about

        self.profile_note = QLabel(wordWrap=True)
        theme.style(self.profile_note, theme.note_sheet)
        self.profile_note.hide()

        self.people = QListWidget()
        self.people.setAccessibleName("People to meet")
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.people.setWordWrap(True)
        self.people.setSpacing(2)
        self.people.setAlternatingRowColors(True)
        self.people.currentItemChanged.connect(self._current_changed)
        self.people.itemSelectionChanged.connect(self._update_buttons)
        self.count = QLabel()

        self.to = QLineEdit(placeholderText="their email, if you know it (or add it in your mail app)")
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        for widget, name in ((self.to, "To"), (self.subject, "Subject"), (self.body, "Message")):
            widget.setAccessibleName(name)
        self.to.textEdited.connect(self._text_edited)
        self.subject.textEdited.connect(self._text_edited)
        self.body.textChanged.connect(self._text_edited)
        self.session = QLabel(wordWrap=True)
        self.session.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings = QLabel(wordWrap=True)
        theme.style(self.warnings, theme.warning_sheet)
        self.words = QLabel()
        self.saved = QLabel(wordWrap=True)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reset_button = QPushButton("Reset to template")
        self.reset_button.setToolTip("Throw away your changes to this email and use the template's text")
        self.reset_button.clicked.connect(self.reset_to_template)

        form = QFormLayout()
        form.addRow("Session:", self.session)
        form.addRow("To:", self.to)
        form.addRow("Subject:", self.subject)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.body, 1)
        status = QHBoxLayout()
        status.addWidget(self.words)
        status.addStretch(1)
        status.addWidget(self.reset_button)
        editor_layout.addLayout(status)
        editor_layout.addWidget(self.warnings)
        editor_layout.addWidget(self.saved)
        self.empty = QTextBrowser()
        self.empty.setHtml(EMPTY_TEXT)
        self.ended_note = QLabel(wordWrap=True)
        self.ended_note.setAccessibleName("The conference is over")
        self.ended_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.follow_ups_button = QPushButton("Open Follow-ups")
        self.follow_ups_button.clicked.connect(self.follow_ups_requested)
        ended = QWidget()
        ended_layout = QVBoxLayout(ended)
        ended_layout.addWidget(self.ended_note)
        ended_layout.addWidget(self.follow_ups_button, 0, Qt.AlignmentFlag.AlignLeft)
        ended_layout.addStretch(1)
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(editor)
        self.right.addWidget(ended)

        self.save_all_button = QPushButton("Save all as .eml drafts…")
        self.save_all_button.clicked.connect(lambda: self.save_drafts(selected_only=False))
        self.save_selected_button = QPushButton("Save selected as .eml drafts…")
        self.save_selected_button.clicked.connect(lambda: self.save_drafts(selected_only=True))
        self.mail_button = QPushButton("Open in mail app")
        self.mail_button.setToolTip("Start a new email with this text in your default mail program")
        self.mail_button.clicked.connect(self.open_current_in_mail_app)
        self.template_button = QPushButton("Edit template…")
        self.template_button.clicked.connect(self.edit_template)
        self.sending = OutreachSending(self, workspace, bus)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(theme.section_header("People to meet"))
        left_layout.addWidget(self.people, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([300, 800])
        files = QHBoxLayout()  # two rows: on a small screen at large text one row would widen the window
        for button in (self.save_all_button, self.save_selected_button, self.sending.mbox_button):
            files.addWidget(button)
        files.addStretch(1)
        files.addWidget(self.template_button)
        sending = QHBoxLayout()
        sending.addWidget(self.mail_button)
        sending.addWidget(self.sending.send_button)
        sending.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(theme.page_title("Outreach"))
        layout.addWidget(self.profile_note)
        layout.addWidget(splitter, 1)
        layout.addLayout(files)
        layout.addLayout(sending)
        self._loader = DeferredReload(self)
        bus.changed.connect(self._data_changed)
        self._update_buttons()

    # --- loading ------------------------------------------------------------------------

    def show_conference(self, conference_id: int | None) -> None:
        if conference_id != self._conference_id:
            self._edits.clear()
        self._conference_id = conference_id
        self._loader.request(self.reload)

    def reload(self) -> None:
        current = self.current_target_id()
        self._ended = (
            self._outreach.conference_ended(self._conference_id, self.clock()) if self._conference_id else None
        )
        drafts = self._outreach.drafts(self._conference_id) if self._conference_id else []
        self._drafts = {d.target_id: d for d in drafts}
        self._edits = {t: e for t, e in self._edits.items() if t in self._drafts}
        self._show_profile_gaps()
        self._loading = True
        self.people.clear()
        for draft in drafts:
            item = QListWidgetItem()
            item.setData(TARGET_ID, draft.target_id)
            self.people.addItem(item)
            self._label(item)
        self._loading = False
        self.count.setText(f"{len(drafts)} {'person' if len(drafts) == 1 else 'people'} to meet")
        if self._ended is not None:
            self.ended_note.setText(ended_text(self._ended, len(drafts)))
        self.right.setCurrentIndex(2 if self._ended is not None else (1 if drafts else 0))
        if drafts:
            position = next((i for i, d in enumerate(drafts) if d.target_id == current), 0)
            self.people.setCurrentRow(position)
        else:
            self._show_draft(None)
        self._update_buttons()

    def _show_profile_gaps(self) -> None:
        missing = self._outreach.missing_profile_fields() if self._drafts else ()
        self.profile_note.setText(
            f"Your profile has no {', '.join(missing)} yet: the emails need them (Profile…)." if missing else ""
        )
        self.profile_note.setVisible(bool(missing))

    def _label(self, item: QListWidgetItem) -> None:
        draft = self._drafts[int(item.data(TARGET_ID))]
        marks = []
        if draft.target_id in self._edits:
            marks.append("edited, not saved")
        elif draft.customized:
            marks.append("edited")
        if draft.state == "sent":
            marks.append("sent")
        elif draft.state:
            marks.append("may have been sent: check your Sent folder")
        elif draft.eml_path:
            marks.append("saved")
        problems = [w for w in draft.warnings if w != NO_ADDRESS]
        details = " · ".join(x for x in (draft.role, draft.affiliation) if x)
        first = f"{'⚠ ' if problems else ''}{draft.speaker}"
        item.setText("\n".join(x for x in (first, details, ", ".join(marks)) if x))
        item.setToolTip("\n".join(draft.warnings))

    def _data_changed(self, topics: frozenset[Topic]) -> None:
        if topics & TOPICS:
            self._loader.request(self.reload)

    # --- the current draft --------------------------------------------------------------

    def current_target_id(self) -> int | None:
        item = self.people.currentItem()
        return int(item.data(TARGET_ID)) if item is not None else None

    def selected_target_ids(self) -> list[int]:
        return [int(item.data(TARGET_ID)) for item in self.people.selectedItems()]

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._loading:
            return
        self._show_draft(self._drafts.get(int(current.data(TARGET_ID))) if current is not None else None)

    def _show_draft(self, draft: OutreachDraft | None) -> None:
        self._loading = True
        edit = self._edits.get(draft.target_id) if draft else None
        if draft is None:
            self.to.clear()
            self.subject.clear()
            self.body.clear()
        else:
            self.to.setText(edit.to if edit and edit.to is not None else draft.to)
            self.subject.setText(edit.subject if edit else draft.subject)
            self.body.setPlainText(edit.body if edit else draft.body)
        self._loading = False
        for widget in (self.to, self.subject, self.body):
            widget.setEnabled(draft is not None)
        self.session.setText(draft.session if draft and draft.session else "no session found")
        self._show_warnings(draft)
        self.saved.setText(f"Saved as {draft.eml_path}" if draft and draft.eml_path else "")
        self._update_words()
        self._update_buttons()

    def _text_edited(self, *_args: object) -> None:
        if self._loading:
            return
        target_id = self.current_target_id()
        draft = self._drafts.get(target_id) if target_id is not None else None
        if draft is None:
            return
        edit = self.current_edit()
        unchanged = (
            " ".join(edit.subject.split()) == draft.subject
            and tidy_body(edit.body) == tidy_body(draft.body)
            and (edit.to or "").strip() == draft.to
        )
        if unchanged:
            self._edits.pop(draft.target_id, None)
        else:
            self._edits[draft.target_id] = edit
        item = self.people.currentItem()
        if item is not None:
            self._label(item)
        self._show_warnings(draft)
        self._update_words()
        self._update_buttons()

    def _show_warnings(self, draft: OutreachDraft | None) -> None:
        """The draft's problems, as the editor now stands: an address typed in To settles the missing one."""
        warnings = draft.warnings if draft else ()
        if self.to.text().strip():
            warnings = tuple(w for w in warnings if w != NO_ADDRESS)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))

    def current_edit(self) -> DraftEdit:
        """The email as it stands in the editor."""
        return DraftEdit(self.subject.text(), self.body.toPlainText(), self.to.text().strip())

    def _update_words(self) -> None:
        count = word_count(self.body.toPlainText())
        self.words.setText(f"{count} words" + (f" — aim for {MAX_WORDS} or fewer" if count > MAX_WORDS else ""))

    def _update_buttons(self) -> None:
        has_drafts = bool(self._drafts) and self._ended is None
        target_id = self.current_target_id()
        draft = self._drafts.get(target_id) if target_id is not None else None
        self.save_all_button.setEnabled(has_drafts)
        self.save_all_button.setText(f"Save all {len(self._drafts)} as .eml drafts…" if has_drafts else
                                     "Save all as .eml drafts…")
        selected = len(self.selected_target_ids())
        self.save_selected_button.setEnabled(selected > 0 and self._ended is None)
        self.save_selected_button.setText(
            f"Save {selected} selected as .eml…" if selected > 1 else "Save selected as .eml…"
        )
        self.mail_button.setEnabled(draft is not None and self._ended is None)
        self.sending.enable(has_drafts)
        self.template_button.setEnabled(self._conference_id is not None)
        self.reset_button.setEnabled(
            draft is not None and (draft.customized or draft.target_id in self._edits)
        )

    def reset_to_template(self) -> None:
        target_id = self.current_target_id()
        draft = self._drafts.get(target_id) if target_id is not None else None
        if draft is None:
            return
        self.subject.setText(draft.template_subject)
        self.body.setPlainText(draft.template_body)  # textChanged records the edit
        self._text_edited()

    # --- actions ------------------------------------------------------------------------

    def choose_folder(self) -> Path | None:
        """Ask where to save the drafts (tests replace this)."""
        start = self._outreach.last_folder() or Path.home()
        chosen = QFileDialog.getExistingDirectory(self, "Save the email drafts in", str(start))
        return Path(chosen) if chosen else None

    def save_drafts(self, selected_only: bool = False) -> list[Path]:
        """Write .eml drafts for everyone (or the selected people) into a folder the user picks."""
        if self._conference_id is None or not self._drafts:
            return []
        only = self.selected_target_ids() if selected_only else None
        if selected_only and not only:
            return []
        folder = self.choose_folder()
        if folder is None:
            return []
        edits = dict(self._edits)
        conference_id = self._conference_id
        paths = run_action(self, self._bus, lambda: self._outreach.write_eml(conference_id, folder, only, edits))
        if paths is None:
            return []
        for target_id in only if only is not None else list(edits):
            self._edits.pop(target_id, None)
        self.reload()
        noun = "draft" if len(paths) == 1 else "drafts"
        messages.show_info(
            self,
            f"Saved {len(paths)} email {noun} in {folder}. Open one in your mail program to check it, add the "
            "address if it is missing, and send it.",
            "\n".join(p.name for p in paths),
        )
        return paths

    def open_current_in_mail_app(self) -> None:
        target_id = self.current_target_id()
        if target_id is None:
            return
        try:
            url = self._outreach.mailto_url(target_id, self.current_edit())
        except UserError as error:
            messages.show_error(self, str(error))
            return
        if not open_in_mail_app(url):
            messages.show_error(self, "No mail program answered. Save the draft as an .eml file instead.")

    def chosen_batch(self) -> tuple[int, list[int] | None, dict[int, DraftEdit]] | None:
        """What Save as mbox and Send take: the conference, the people selected (None: everyone), the edits."""
        if self._conference_id is None or not self._drafts:
            return None
        return self._conference_id, self.selected_target_ids() or None, dict(self._edits)

    def last_folder(self) -> Path | None:
        return self._outreach.last_folder()

    def forget_edits(self) -> None:
        """The typed texts were stored with the emails that leave: nothing is left unsaved."""
        self._edits.clear()

    def edit_template(self) -> None:
        """Open the template editor; a saved template reaches this page through the data bus."""
        TemplateDialog.edit(self, self._outreach, self._bus, self._conference_id, self.current_target_id())
