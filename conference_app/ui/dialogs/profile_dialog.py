"""Edits the user's profile: who they are, where they are heading, how to reach them, their pitch."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.people import find_orcid
from conference_app.core.domain.planning import (
    STAGES,
    ProfileData,
    check_email,
    pitch_warning,
    split_list,
    suggested_signature,
)
from conference_app.core.errors import UserError
from conference_app.core.services.planning import PlanningService
from conference_app.ui.data_bus import DataBus, run_action

NO_STAGE = "(not set)"


class ProfileDialog(QDialog):
    """All profile fields in one form; Save stores them through the planning service."""

    def __init__(
        self, planning: PlanningService, bus: DataBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._planning = planning
        self._bus = bus
        self.saved: ProfileData | None = None
        self.setWindowTitle("My profile")
        profile = planning.profile()

        intro = QLabel(
            "Used to rank suggestions, fill in goal templates and sign your emails. "
            "It stays on this computer."
        )
        intro.setWordWrap(True)
        theme.style(intro, theme.hint_sheet)

        # --- about me
        self.name = QLineEdit(profile.name)
        self.name.setPlaceholderText("Full name as you sign emails")
        self.stage = QComboBox()
        self.stage.setAccessibleName("Stage")
        self.stage.addItem(NO_STAGE, "")
        for stage in STAGES:
            self.stage.addItem(stage, stage)
        self.stage.setCurrentIndex(max(0, self.stage.findData(profile.stage)))
        self.institution = QLineEdit(profile.institution)
        self.institution.setPlaceholderText("Your medical school or hospital")
        self.interests = QLineEdit(", ".join(profile.interests))
        self.interests.setPlaceholderText("surgical oncology, HPB, trauma")
        self.interests.setToolTip("Fields you care about, separated by commas")
        about, about_form = _form_group("About me")
        about_form.addRow("&Name", self.name)
        about_form.addRow("&Stage", self.stage)
        about_form.addRow("&Institution", self.institution)
        about_form.addRow("Inte&rests", self.interests)

        # --- where I am heading
        self.target_institutions = _list_edit(profile.target_institutions, "One per line, e.g.\nLakeshore University")
        self.target_fellowships = _list_edit(profile.target_fellowships, "One per line, e.g.\nSurgical oncology")
        heading, heading_form = _form_group("Where I am heading")
        heading_form.addRow("Target\ni&nstitutions", self.target_institutions)
        heading_form.addRow("Target\n&fellowships", self.target_fellowships)

        # --- contact
        self.email = QLineEdit(profile.email)
        self.email.setPlaceholderText("name@hospital.org")
        self.phone = QLineEdit(profile.phone)
        self.linkedin = QLineEdit(profile.linkedin)
        self.linkedin.setPlaceholderText("linkedin.com/in/…")
        self.x_handle = QLineEdit(profile.x_handle)
        self.x_handle.setPlaceholderText("@handle")
        self.orcid = QLineEdit(profile.orcid)
        self.orcid.setPlaceholderText("0000-0002-1825-0097")
        self.orcid.setToolTip("Your ORCID iD, or the link to your ORCID page")
        contact, contact_form = _form_group("How to reach me")
        contact_form.addRow("&Email", self.email)
        contact_form.addRow("&Phone", self.phone)
        contact_form.addRow("&LinkedIn", self.linkedin)
        contact_form.addRow("&X", self.x_handle)
        contact_form.addRow("&ORCID", self.orcid)

        # --- introductions
        self.pitch = QPlainTextEdit(profile.pitch)
        self.pitch.setPlaceholderText("Who you are and what you work on, in 1–2 sentences")
        self.pitch.setFixedHeight(64)
        self.pitch_note = QLabel()
        self.pitch_note.setWordWrap(True)
        self.pitch_note.setAccessibleName("Pitch length")
        self.signature = QPlainTextEdit(profile.signature)
        self.signature.setFixedHeight(72)
        self.fill_signature = QPushButton("Fill in from my profile")
        self.fill_signature.setToolTip("Name, stage and institution, email and phone")
        self.fill_signature.clicked.connect(self._fill_signature)
        fill_row = QHBoxLayout()
        fill_row.addWidget(self.fill_signature)
        fill_row.addStretch(1)
        introductions, introductions_form = _form_group("Introductions")
        introductions_form.addRow("P&itch", self.pitch)
        introductions_form.addRow("", self.pitch_note)
        introductions_form.addRow("Si&gnature", self.signature)
        introductions_form.addRow("", fill_row)

        self.problem = QLabel()
        theme.style(self.problem, theme.problem_sheet)
        self.problem.setAccessibleName("Problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(about)
        left.addWidget(contact)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(heading)
        right.addWidget(introductions)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(820)

        self.pitch.textChanged.connect(self._check)
        self.email.textChanged.connect(self._check)
        self.orcid.textChanged.connect(self._check)
        for edit in (self.name, self.institution, self.email, self.phone):
            edit.textChanged.connect(self._update_signature_hint)
        self.stage.currentIndexChanged.connect(self._update_signature_hint)
        self._check()
        self._update_signature_hint()

    def data(self) -> ProfileData:
        """The profile as typed (the service cleans and checks it when saving)."""
        return ProfileData(
            name=self.name.text(),
            stage=self.stage.currentData() or "",
            institution=self.institution.text(),
            interests=split_list(self.interests.text()),
            target_institutions=split_list(self.target_institutions.toPlainText(), "\n"),
            target_fellowships=split_list(self.target_fellowships.toPlainText(), "\n"),
            email=self.email.text(),
            phone=self.phone.text(),
            linkedin=self.linkedin.text(),
            x_handle=self.x_handle.text(),
            orcid=self.orcid.text(),
            pitch=self.pitch.toPlainText(),
            signature=self.signature.toPlainText(),
        )

    def problem_text(self) -> str:
        """What stops the profile from being saved, or ''."""
        try:
            check_email(self.email.text())
        except UserError:
            return "That email address does not look right."
        if self.orcid.text().strip() and not find_orcid(self.orcid.text()):
            return "That ORCID iD does not look right: an iD looks like 0000-0002-1825-0097."
        return ""

    def accept(self) -> None:
        saved = run_action(self, self._bus, lambda: self._planning.save_profile(self.data()))
        if saved is not None:
            self.saved = saved
            super().accept()

    def _check(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)
        warning = pitch_warning(self.pitch.toPlainText())
        self.pitch_note.setText(warning or "1–2 sentences you can say in the time it takes to shake hands.")
        theme.style(self.pitch_note, theme.warning_sheet if warning else theme.hint_sheet)

    def _update_signature_hint(self) -> None:
        self.signature.setPlaceholderText(suggested_signature(self.data()) or "Name\nStage, institution\nEmail")

    def _fill_signature(self) -> None:
        self.signature.setPlainText(suggested_signature(self.data()))

    @classmethod
    def ask(cls, parent: QWidget | None, planning: PlanningService, bus: DataBus) -> ProfileData | None:
        """Show the profile for editing; the saved profile, or None if the user cancelled."""
        dialog = cls(planning, bus, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.saved


def _form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
    group = QGroupBox(title)
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return group, form


def _list_edit(values: tuple[str, ...], placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit("\n".join(values))
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(72)
    edit.setTabChangesFocus(True)
    return edit
