"""Outreach drafts on the demo congress: text, .eml files, stored messages, templates and the sandbox."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from conference_app.core.demo import demo_program_path
from conference_app.core.domain import email_templates as templates
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.services.outreach import DraftEdit, OutreachDraft
from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote
from conference_app.core.storage.models import (
    Event,
    EventSpeaker,
    Goal,
    OutgoingMessage,
    Profile,
    Speaker,
    Target,
)
from conference_app.core.workspace import Workspace

NOW = datetime(2026, 10, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo congress imported once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    workspace = Workspace.open(path)
    workspace.program.import_program(demo_program_path())
    workspace.close()
    return path


def open_demo_copy(demo_database: Path, folder: Path) -> Workspace:
    copy = folder / "app.sqlite"
    shutil.copyfile(demo_database, copy)
    return Workspace.open(copy)


def speaker_id(workspace: Workspace, name: str) -> int:
    with workspace.database.sessions() as session:
        return session.scalars(select(Speaker.id).where(Speaker.name == name)).one()


def event_id(workspace: Workspace, title: str) -> int:
    with workspace.database.sessions() as session:
        return session.scalars(select(Event.id).where(Event.title == title)).one()


def plan_outreach(
    workspace: Workspace, name: str = "Zoë Ångström", email: str = "zoe@riverside.example"
) -> dict[str, int]:
    """A profile and three people to meet, created the way the planning service stores them.

    Zinnia Umberger is a target for two goals (one email still), at a chosen session; Umar
    Calloway has no session chosen; Yara Holloway is a medical student.
    """
    with workspace.database.sessions.begin() as session:
        session.add(Profile(
            id=1, name=name, stage="PGY-3", institution="Riverside Medical Center", email=email,
            interests=["trauma systems"], signature="",
        ))
        oncology = Goal(kind="meet", title="Meet 3 surgical oncologists", target_count=3,
                        keywords=["surgical oncology"], created_at=NOW)
        directors = Goal(kind="introduce", title="Program directors", target_count=2, created_at=NOW)
        session.add_all([oncology, directors])
        session.flush()
        ids = {"oncology_goal": oncology.id, "directors_goal": directors.id}
    umberger = speaker_id(workspace, "Zinnia Umberger")
    calloway = speaker_id(workspace, "Umar Calloway")
    student = speaker_id(workspace, "Yara Holloway")
    debate = event_id(workspace, "Debate: Multidisciplinary Tumor Boards")
    with workspace.database.sessions.begin() as session:
        rows = {
            "umberger": Target(speaker_id=umberger, goal_id=ids["oncology_goal"], event_id=debate, created_at=NOW),
            "umberger_again": Target(speaker_id=umberger, goal_id=ids["directors_goal"], event_id=None, created_at=NOW),
            "calloway": Target(speaker_id=calloway, goal_id=None, event_id=None, created_at=NOW),
            "student": Target(speaker_id=student, goal_id=None, event_id=None, created_at=NOW),
        }
        session.add_all(rows.values())
        session.flush()
        ids.update({key: row.id for key, row in rows.items()})
    ids.update(umberger_speaker=umberger, calloway_speaker=calloway, student_speaker=student)
    return ids


@pytest.fixture
def workspace(demo_database: Path, tmp_path: Path):
    ws = open_demo_copy(demo_database, tmp_path)
    yield ws
    ws.close()


@pytest.fixture
def plan(workspace: Workspace) -> dict[str, int]:
    return plan_outreach(workspace)


@pytest.fixture
def conference_id(workspace: Workspace) -> int:
    found = workspace.program.current_conference_id()
    assert found is not None
    return found


def by_speaker(drafts: list[OutreachDraft]) -> dict[str, OutreachDraft]:
    return {d.speaker: d for d in drafts}


def parse_eml(path: Path):
    with path.open("rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)


def message_rows(workspace: Workspace) -> list[OutgoingMessage]:
    with workspace.database.sessions() as session:
        return list(session.scalars(select(OutgoingMessage).order_by(OutgoingMessage.id)))


# --- drafts ------------------------------------------------------------------------------------


def test_one_draft_per_person_with_the_chosen_session(workspace, plan, conference_id) -> None:
    drafts = workspace.outreach.drafts(conference_id)
    assert [d.speaker for d in drafts] == ["Dr. Umar Calloway", "Yara Holloway", "Dr. Zinnia Umberger"]
    umberger = by_speaker(drafts)["Dr. Zinnia Umberger"]
    assert umberger.target_ids == (plan["umberger"], plan["umberger_again"])
    assert umberger.session_id == event_id(workspace, "Debate: Multidisciplinary Tumor Boards")
    assert umberger.session == (
        "Monday, October 19, 9:30 AM · Grand Ballroom A · Debate: Multidisciplinary Tumor Boards"
    )
    assert umberger.body.startswith("Dear Dr. Umberger,\n\nMy name is Zoë Ångström, a PGY-3 surgical resident at "
                                    "Riverside Medical Center. Your work in surgical oncology")
    assert 'your panel "Debate: Multidisciplinary Tumor Boards" on Monday, October 19 at 9:30 AM in Grand Ballroom A' \
        in umberger.body
    assert "five minutes" in umberger.body
    assert umberger.body.endswith("Zoë Ångström\nPGY-3, Riverside Medical Center\nzoe@riverside.example\n")
    assert umberger.subject == (
        "PGY-3 at Riverside Medical Center, interested in surgical oncology: five minutes after your panel on Monday?"
    )
    assert umberger.warnings == ("no email address known: fill in To",)
    assert umberger.to == "" and not umberger.customized and umberger.eml_path == ""


def test_without_a_chosen_session_the_first_one_is_named_in_the_conference_zone(workspace, plan, conference_id) -> None:
    calloway = by_speaker(workspace.outreach.drafts(conference_id))["Dr. Umar Calloway"]
    # the program says 15:15 Chicago time on Saturday 17 October (20:15 UTC)
    assert calloway.session.startswith("Saturday, October 17, 3:15 PM · Hall E · Tough Cases")
    assert "interested in trauma & acute care surgery" in calloway.subject
    assert "I want to learn more about trauma & acute care surgery" in calloway.body
    student = by_speaker(workspace.outreach.drafts(conference_id))["Yara Holloway"]
    assert student.body.startswith("Dear Yara,")


def test_a_cancelled_session_is_replaced_and_a_speaker_without_sessions_is_warned_about(
    workspace, plan, conference_id
) -> None:
    with workspace.database.sessions.begin() as session:
        for event in session.scalars(
            select(Event).join(EventSpeaker).where(EventSpeaker.speaker_id == plan["umberger_speaker"])
        ):
            event.cancelled = True
    umberger = by_speaker(workspace.outreach.drafts(conference_id))["Dr. Zinnia Umberger"]
    assert umberger.session_id is None
    assert 'the session "Debate: Multidisciplinary Tumor Boards" was cancelled' in umberger.warnings
    assert "no session found: the email cannot say where you will hear them" in umberger.warnings
    assert "I will be at Fictional American Surgical Congress 2026. Would you have five minutes" in umberger.body
    assert umberger.subject.endswith("hoping to meet you at Fictional American Surgical Congress 2026")


def test_a_known_contact_address_fills_the_recipient(workspace, plan, conference_id) -> None:
    # Known from a card exchanged before the session, not met yet: still an outreach email.
    workspace.people.capture(CaptureData(
        details=ContactDetails(name="Zinnia Umberger", emails=("z.umberger@lakeshore.example",)),
        speaker_id=plan["umberger_speaker"],
    ))
    umberger = by_speaker(workspace.outreach.drafts(conference_id))["Dr. Zinnia Umberger"]
    assert umberger.to == "z.umberger@lakeshore.example"
    assert umberger.warnings == ()


def test_someone_already_met_gets_no_cold_email(workspace, plan, conference_id) -> None:
    assert "Dr. Zinnia Umberger" in by_speaker(workspace.outreach.drafts(conference_id))
    workspace.people.capture(CaptureData(
        details=ContactDetails(name="Zinnia Umberger"),
        speaker_id=plan["umberger_speaker"],
        conversation=ConversationNote(met_at=NOW, points=("her trauma registry",)),
    ))
    assert "Dr. Zinnia Umberger" not in by_speaker(workspace.outreach.drafts(conference_id))


def test_long_drafts_are_warned_about(workspace, plan, conference_id) -> None:
    workspace.outreach.save_template("Hi", "Dear {{ speaker.salutation }},\n" + "word " * 160)
    draft = workspace.outreach.drafts(conference_id)[0]
    assert any(w.startswith("163 words") for w in draft.warnings), draft.warnings


def test_missing_profile_fields_are_reported(workspace, conference_id) -> None:
    assert workspace.outreach.missing_profile_fields() == ("name", "stage", "institution", "email")
    plan_outreach(workspace)
    assert workspace.outreach.missing_profile_fields() == ()


def test_no_targets_means_no_drafts_and_an_unknown_conference_is_an_error(workspace, conference_id, tmp_path) -> None:
    assert workspace.outreach.drafts(conference_id) == []
    assert workspace.outreach.write_eml(conference_id, tmp_path).value == []
    with pytest.raises(NotFoundError, match="no conference with id 999"):
        workspace.outreach.drafts(999)


# --- .eml files and stored messages ------------------------------------------------------------


def test_write_eml_writes_parseable_drafts(workspace, plan, conference_id, tmp_path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    outcome = workspace.outreach.write_eml(conference_id, out)
    assert outcome.changed == frozenset({Topic.MESSAGES})
    assert [p.name for p in outcome.value] == [
        "2026-10-17 Dr Umar Calloway - Visiting your panel.eml",
        "2026-10-18 Yara Holloway - Visiting your talk.eml",
        "2026-10-19 Dr Zinnia Umberger - Visiting your panel.eml",
    ]
    parsed = parse_eml(outcome.value[2])
    assert parsed["X-Unsent"] == "1"
    assert parsed["From"].addresses[0].display_name == "Zoë Ångström"
    assert parsed["From"].addresses[0].addr_spec == "zoe@riverside.example"
    assert parsed["To"] is None
    assert parsed["Subject"].startswith("PGY-3 at Riverside Medical Center, interested in surgical oncology")
    assert parsed["Date"].datetime.tzinfo is not None
    assert parsed["Message-ID"].endswith("@riverside.example>")
    body = parsed.get_content().replace("\r\n", "\n")
    assert "Monday, October 19 at 9:30 AM in Grand Ballroom A" in body
    assert "a PGY-3 surgical resident at Riverside Medical Center" in body
    rows = message_rows(workspace)
    assert [(r.kind, r.state, r.speaker_id) for r in rows] == [
        ("outreach", "draft", plan["calloway_speaker"]),
        ("outreach", "draft", plan["student_speaker"]),
        ("outreach", "draft", plan["umberger_speaker"]),
    ]
    assert rows[2].message_id == parsed["Message-ID"]
    assert rows[2].eml_path == str(outcome.value[2])
    assert workspace.outreach.last_folder() == out.resolve()


def test_writing_again_updates_the_same_files_and_rows(workspace, plan, conference_id, tmp_path) -> None:
    first = workspace.outreach.write_eml(conference_id, tmp_path).value
    ids = [r.message_id for r in message_rows(workspace)]
    second = workspace.outreach.write_eml(conference_id, tmp_path).value
    assert second == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".eml") == sorted(p.name for p in first)
    assert [r.message_id for r in message_rows(workspace)] == ids
    assert parse_eml(second[0])["Message-ID"] == ids[0]
    assert [d.eml_path for d in workspace.outreach.drafts(conference_id)] == [str(p) for p in first]


def test_only_selected_people_are_written_and_any_of_their_targets_selects_them(
    workspace, plan, conference_id, tmp_path
) -> None:
    paths = workspace.outreach.write_eml(conference_id, tmp_path, only_target_ids=[plan["umberger_again"]]).value
    assert [p.name for p in paths] == ["2026-10-19 Dr Zinnia Umberger - Visiting your panel.eml"]
    assert len(message_rows(workspace)) == 1
    with pytest.raises(NotFoundError, match="no person to meet with id 424242"):
        workspace.outreach.write_eml(conference_id, tmp_path, only_target_ids=[424242])


def test_a_missing_or_unwritable_folder_is_named(workspace, plan, conference_id, tmp_path) -> None:
    with pytest.raises(UserError, match="not-there.*does not exist"):
        workspace.outreach.write_eml(conference_id, tmp_path / "not-there")
    assert message_rows(workspace) == []


def test_edits_are_written_kept_and_reset(workspace, plan, conference_id, tmp_path) -> None:
    edit = DraftEdit("Hello from Riverside", "Dear Dr. Umberger,\n\nA shorter note.\n", "z.u@lakeshore.example")
    paths = workspace.outreach.write_eml(conference_id, tmp_path, edits={plan["umberger"]: edit}).value
    parsed = parse_eml(paths[2])
    assert parsed["Subject"] == "Hello from Riverside"
    assert parsed["To"].addresses[0].addr_spec == "z.u@lakeshore.example"
    assert parsed["To"].addresses[0].display_name == "Dr. Zinnia Umberger"
    umberger = by_speaker(workspace.outreach.drafts(conference_id))["Dr. Zinnia Umberger"]
    assert (umberger.subject, umberger.body, umberger.to) == ("Hello from Riverside", edit.body, edit.to)
    assert umberger.customized
    # a template change does not overwrite a hand-edited draft, but does reach the others
    workspace.outreach.save_template("New subject for {{ speaker.name }}", "Dear {{ speaker.salutation }},\n")
    drafts = by_speaker(workspace.outreach.drafts(conference_id))
    assert drafts["Dr. Zinnia Umberger"].subject == "Hello from Riverside"
    assert drafts["Dr. Zinnia Umberger"].template_subject == "New subject for Zinnia Umberger"
    assert drafts["Dr. Umar Calloway"].subject == "New subject for Umar Calloway"
    # writing the template's text again ends the customisation; the address stays
    reset = DraftEdit(drafts["Dr. Zinnia Umberger"].template_subject, drafts["Dr. Zinnia Umberger"].template_body)
    workspace.outreach.write_eml(conference_id, tmp_path, edits={plan["umberger"]: reset})
    umberger = by_speaker(workspace.outreach.drafts(conference_id))["Dr. Zinnia Umberger"]
    assert not umberger.customized and umberger.subject == "New subject for Zinnia Umberger"
    assert umberger.to == "z.u@lakeshore.example"
    assert len(message_rows(workspace)) == 3


def test_bad_addresses_are_refused_before_anything_is_stored(workspace, plan, conference_id, tmp_path) -> None:
    bad = DraftEdit("Hi", "Body", "umberger at lakeshore")
    with pytest.raises(UserError, match="the address for Dr. Zinnia Umberger 'umberger at lakeshore' is not"):
        workspace.outreach.write_eml(conference_id, tmp_path, edits={plan["umberger"]: bad})
    assert message_rows(workspace) == []
    assert list(tmp_path.glob("*.eml")) == []  # the people before her in the batch were not written either
    with workspace.database.sessions.begin() as session:
        profile = session.get(Profile, 1)
        assert profile is not None
        profile.email = "zoe(at)riverside"
    with pytest.raises(UserError, match="your profile's email 'zoe\\(at\\)riverside' is not an email address"):
        workspace.outreach.write_eml(conference_id, tmp_path)


def test_a_profile_without_email_writes_drafts_without_from(workspace, conference_id, tmp_path) -> None:
    plan_outreach(workspace, email="")
    paths = workspace.outreach.write_eml(conference_id, tmp_path).value
    parsed = parse_eml(paths[0])
    assert parsed["From"] is None and parsed["X-Unsent"] == "1"
    assert parsed["Message-ID"].endswith("@conference-companion.invalid>")


def test_mailto_url_round_trips(workspace, plan, conference_id) -> None:
    url = workspace.outreach.mailto_url(plan["umberger_again"])
    parts = urlsplit(url)
    fields = parse_qs(parts.query)
    umberger = by_speaker(workspace.outreach.drafts(conference_id))["Dr. Zinnia Umberger"]
    assert parts.scheme == "mailto" and parts.path == ""
    assert fields["subject"] == [umberger.subject]
    assert fields["body"][0].replace("\r\n", "\n") == umberger.body
    edited = workspace.outreach.mailto_url(plan["umberger"], DraftEdit("Hi Dr. Ümberger", "Short.", "z@l.example"))
    parts = urlsplit(edited)
    assert parts.path == "z@l.example"
    assert parse_qs(parts.query) == {"subject": ["Hi Dr. Ümberger"], "body": ["Short.\r\n"]}
    with pytest.raises(NotFoundError):
        workspace.outreach.mailto_url(424242)


# --- templates ---------------------------------------------------------------------------------


def test_the_default_template_is_used_until_the_user_saves_one(workspace, plan, conference_id) -> None:
    assert workspace.outreach.template().is_default
    saved = workspace.outreach.save_template(
        "{{ me.stage }} hoping to meet {{ speaker.salutation }}",
        "Dear {{ speaker.salutation }}, see you {{ session.day }} at {{ session.time }} in {{ session.room }}.",
    )
    assert saved.changed == frozenset({Topic.MESSAGES})
    assert not workspace.outreach.template().is_default
    umberger = by_speaker(workspace.outreach.drafts(conference_id))["Dr. Zinnia Umberger"]
    assert umberger.subject == "PGY-3 hoping to meet Dr. Umberger"
    assert umberger.body == "Dear Dr. Umberger, see you Monday at 9:30 AM in Grand Ballroom A.\n"
    workspace.outreach.reset_template()
    assert workspace.outreach.template() == workspace.outreach.default_template()
    assert by_speaker(workspace.outreach.drafts(conference_id))["Dr. Zinnia Umberger"].body.startswith("Dear Dr.")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Dear {{ speker.name }}", "template: unknown field 'speker'"),
        ("Dear {{ speaker.nmae }}", "template: unknown field 'speaker.nmae'"),
        ("Dear\n{{ speaker.name }\n", "template: unexpected '}' (body, line 2)"),
        ("{% if session %}open block", "template: Unexpected end of template"),
    ],
)
def test_template_mistakes_are_clear_errors(workspace, body: str, message: str) -> None:
    with pytest.raises(UserError) as raised:
        workspace.outreach.save_template("Subject", body)
    assert str(raised.value).startswith(message)
    assert workspace.outreach.template().is_default


def test_an_unknown_field_error_names_the_line(workspace, plan, conference_id) -> None:
    with pytest.raises(UserError, match=r"^template: unknown field 'speker' \(body, line 3\)$"):
        workspace.outreach.preview_template("Hi", "Dear Dr. X,\n\n{{ speker.name }}", conference_id)


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ speaker.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{% set x = speaker.roles.append(1) %}",
    ],
)
def test_the_sandbox_refuses_python_internals(workspace, body: str) -> None:
    with pytest.raises(UserError, match=r"^template: "):
        workspace.outreach.save_template("Subject", body)


def test_the_sandbox_names_unsafe_access(workspace) -> None:
    with pytest.raises(UserError, match="not allowed: access to attribute '__class__' of 'str' object is unsafe"):
        workspace.outreach.save_template("Subject", "{{ ''.__class__ }}")


def test_an_unguarded_session_field_only_fails_the_draft_without_a_session(workspace, plan, conference_id) -> None:
    workspace.outreach.save_template("Hi", "See you in {{ session.room }}")
    with workspace.database.sessions.begin() as session:
        for event in session.scalars(
            select(Event).join(EventSpeaker).where(EventSpeaker.speaker_id == plan["calloway_speaker"])
        ):
            event.cancelled = True
    drafts = by_speaker(workspace.outreach.drafts(conference_id))
    assert drafts["Dr. Zinnia Umberger"].body == "See you in Grand Ballroom A\n"
    assert drafts["Dr. Umar Calloway"].body == ""
    assert any(w.startswith("template: field 'room' is empty here") for w in drafts["Dr. Umar Calloway"].warnings)
    with pytest.raises(UserError, match="Dr. Umar Calloway: template: field 'room' is empty here"):
        workspace.outreach.write_eml(conference_id, Path(workspace.database.path).parent)


def test_preview_uses_a_person_to_meet_or_a_sample(workspace, plan, conference_id) -> None:
    template = workspace.outreach.default_template()
    subject, body = workspace.outreach.preview_template(template.subject, template.body, conference_id, plan["student"])
    assert body.startswith("Dear Yara,")
    subject, body = workspace.outreach.preview_template(template.subject, template.body)
    assert body.startswith("Dear Dr. Morgan,")
    assert "Saturday, October 17 at 9:30 AM in Hall C" in body
    assert {name for name, _ in workspace.outreach.template_fields()} >= {
        "me.stage", "me.institution", "speaker.salutation", "session.day", "session.time", "session.room",
        "interest_line",
    }


def test_empty_template_parts_are_refused(workspace) -> None:
    with pytest.raises(UserError, match="needs a subject and a body"):
        workspace.outreach.save_template("  ", "body")


def test_the_default_body_stays_short(workspace, plan, conference_id) -> None:
    for draft in workspace.outreach.drafts(conference_id):
        assert templates.word_count(draft.body) <= 150


# --- pure rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "salutation", "label"),
    [
        ("Zinnia Umberger", "Program Director", "Dr. Umberger", "Dr. Zinnia Umberger"),
        ("Dr. Amelia Ortiz", "", "Dr. Ortiz", "Dr. Amelia Ortiz"),
        ("Jane Doe, MD, FACS", "Faculty", "Dr. Doe", "Dr. Jane Doe"),
        ("Jane Doe MD PhD", "", "Dr. Doe", "Dr. Jane Doe"),
        ("Prof. Hans van der Berg", "Department Chair", "Professor van der Berg", "Professor Hans van der Berg"),
        ("Umberger, Zinnia", "", "Dr. Umberger", "Dr. Zinnia Umberger"),
        ("KEZIAH YODER", "Medical Student", "Keziah", "Keziah Yoder"),
        ("Mr. John Smith", "", "Mr. Smith", "Mr. John Smith"),
        ("Martin Luther King Jr.", "Resident", "Dr. King", "Dr. Martin Luther King Jr."),
        ("Martin Luther King, Jr., MD", "", "Dr. King", "Dr. Martin Luther King Jr."),
        ("Zoë Ångström", "Fellow", "Dr. Ångström", "Dr. Zoë Ångström"),
        ("Madonna", "", "Dr. Madonna", "Dr. Madonna"),
    ],
)
def test_salutations(name: str, role: str, salutation: str, label: str) -> None:
    person = templates.person_name(name, role)
    assert person.salutation == salutation
    assert person.label == label


@pytest.mark.parametrize(
    ("stage", "phrase"),
    [("MS3", "a third-year medical student"), ("ms 1", "a first-year medical student"),
     ("PGY-3", "a PGY-3 surgical resident"), ("pgy5", "a PGY-5 surgical resident"),
     ("research year", "a surgical resident in my research year"), ("Fellow", "a surgical fellow"),
     ("attending", "an attending surgeon"), ("intern", "an intern"), ("", "")],
)
def test_stage_phrases(stage: str, phrase: str) -> None:
    assert templates.stage_phrase(stage) == phrase


def test_clock_times_do_not_depend_on_the_locale() -> None:
    assert templates.clock_time(datetime(2026, 10, 17, 0, 5)) == "12:05 AM"
    assert templates.clock_time(datetime(2026, 10, 17, 12, 0)) == "12:00 PM"
    assert templates.clock_time(datetime(2026, 10, 17, 15, 15)) == "3:15 PM"


def test_interest_prefers_my_topics_that_the_session_mentions() -> None:
    found = templates.interest(["pancreas", "HPB surgery", "Surgical Oncology"], "Whipple outcomes", "HPB Surgery", "")
    assert found.topic == "HPB surgery"
    assert "Your work in HPB surgery" in found.line
    by_track = templates.interest(["vascular"], "Whipple outcomes", "HPB Surgery", "")
    assert by_track.topic == "HPB surgery" and by_track.line.startswith("I want to learn more about HPB surgery")
    assert templates.interest(["vascular"], "Keynote", "", "").topic == ""
    # a word inside another word does not count as a mention
    assert templates.interest(["ERAS"], "Erasing disparities", "", "").topic == ""


def test_counts_in_the_database_match_one_row_per_person(workspace, plan, conference_id, tmp_path) -> None:
    for _ in range(3):
        workspace.outreach.write_eml(conference_id, tmp_path)
    with workspace.database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutgoingMessage)) == 3
