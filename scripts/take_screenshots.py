"""Render the README's screenshots from the bundled demo congress.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_screenshots.py [OUT_DIR] [--dark]

Uses a throwaway database, so the user's own data is never touched. With --dark the window is shown
in the dark palette a dark desktop gets, to check how every page reads there.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from conference_app.core.domain.people import (
    CaptureData,
    ContactDetails,
    ConversationNote,
    Direction,
    Obtained,
    Relationship,
)
from conference_app.core.domain.planning import GoalFields, GoalKind, ProfileData
from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace
from conference_app.ui import theme
from conference_app.ui.main_window import MainWindow

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def file_name(page: str) -> str:
    """"Now & next" → "now-next"."""
    return "-".join(re.findall(r"[a-z0-9]+", page.lower()))


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def plan_like_a_resident(workspace: Workspace, conference_id: int) -> None:
    """A fictional PGY-3 with two goals, suggestions accepted, so the planning pages have content."""
    workspace.planning.save_profile(
        ProfileData(
            name="Zoë Ångström",
            stage="PGY-3",
            institution="Riverside Medical Center",
            interests=("surgical oncology", "HPB"),
            target_institutions=("Lakeshore University Medical Center", "Prairie Crest University Hospital"),
            email="zoe@riverside.example",
            pitch="I study textbook oncologic outcome after pancreatectomy and hope to train in surgical oncology.",
        )
    )
    meet = workspace.planning.add_goal(
        conference_id,
        GoalFields(GoalKind.MEET, "Meet 3 surgical oncologists", 3, keywords=("surgical oncology",),
                   roles=("Program Director", "Fellowship Director")),
    ).value
    workspace.planning.add_goal(
        conference_id,
        GoalFields(GoalKind.INTRODUCE, "Introduce myself to program directors from 2 target institutions", 2,
                   institutions=("Lakeshore University Medical Center", "Prairie Crest University Hospital"),
                   roles=("Program Director",)),
    )
    suggestions = workspace.suggestions.suggest(meet.id)
    for suggestion in [s for s in suggestions if s.kind == "speaker"][:3]:
        meet_at = suggestion.meet_at
        workspace.planning.add_target(suggestion.row_id, meet.id, meet_at.id if meet_at else None)
    for suggestion in [s for s in suggestions if s.kind == "session"][:2]:
        workspace.planning.accept_session(meet.id, suggestion.row_id, "must")
    first_target = workspace.planning.targets(conference_id)[0]
    workspace.planning.mark_met(first_target.id, place="after the tumor boards debate")


def meet_people_at_the_posters(workspace: Workspace, conference_id: int) -> None:
    """Conversations at the poster session, so the People page and the capture dialog have content."""
    goals = {g.title: g.id for g in workspace.planning.goals(conference_id)}
    picks = [item for item in workspace.agenda.agenda(conference_id).items if item.kind == "session"]
    people = [
        ("Dr. Lena Okafor", "Prairie Crest University Hospital", "Program Director", "general surgery",
         "lena.okafor@prairiecrest.example", Relationship.MENTOR, ("Her residents' research curriculum",),
         ("send my abstract on pancreatic leaks",), ("introduce me to her chief resident",)),
        ("Marco Ruiz", "Lakeshore University Medical Center", "Resident", "surgical oncology",
         "mruiz@lakeshore.example", Relationship.PEER, ("Poster 214: ERAS after Whipple",), (), ()),
        ("Dr. Hana Sato", "Lakeshore University Medical Center", "Fellowship Director", "surgical oncology",
         "hsato@lakeshore.example", Relationship.SPONSOR, ("The HPB fellowship's research year",),
         ("email my CV next week",), ()),
        ("Priya Raman", "Riverside Medical Center", "Medical Student", "", "", Relationship.NEAR_PEER,
         ("Wants to join our database project",), (), ("send her slides",)),
    ]
    for number, (name, institution, position, specialty, email, relationship, points, mine, theirs) in enumerate(people):
        pick = picks[number % len(picks)] if picks else None
        workspace.people.capture(
            CaptureData(
                details=ContactDetails(name=name, institution=institution, position=position, specialty=specialty,
                                       emails=(email,) if email else ()),
                relationship=relationship,
                direction=Direction.HORIZONTAL if position in ("Resident", "Medical Student") else Direction.VERTICAL,
                obtained=(Obtained.QR, Obtained.TYPED, Obtained.CARD, Obtained.TYPED)[number],
                conversation=ConversationNote(
                    conference_id=conference_id, event_id=pick.id if pick else None, poster="214" if number == 1 else "",
                    points=points, my_promises=mine, their_promises=theirs,
                ),
                goal_ids=tuple(goals.values())[:1] if position != "Medical Student" else (),
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="Render the README's screenshots from the bundled demo congress.")
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help=f"folder to write to ({DEFAULT_OUT})")
    parser.add_argument("--dark", action="store_true", help="show the window in a dark palette")
    arguments = parser.parse_args()
    out = arguments.out
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Conference Companion screenshots")
    if arguments.dark:
        app.setPalette(theme.dark_palette())
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(Path(folder) / "demo.sqlite")
        workspace.program.load_demo_if_empty()
        conference_id = workspace.program.current_conference_id()
        rows = workspace.program.sessions(SessionFilter(conference_id))
        for row in [r for r in rows if r.day_index == 1][:40:6]:
            workspace.program.pick(row.id, "must" if row.id % 2 else "nice")
        plan_like_a_resident(workspace, conference_id)
        meet_people_at_the_posters(workspace, conference_id)
        window = MainWindow(workspace)
        window.resize(1360, 820)
        window.show()
        page = window.program_page
        page.search.setText("surgical oncology")
        page._apply_filter()  # noqa: SLF001 - skip the typing delay for a still picture
        page.table.selectRow(1)
        settle(app)
        window.grab().save(str(out / "main-window.png"))
        page.search.setText("")
        page._apply_filter()  # noqa: SLF001
        # Now & next as it reads during the congress: ten minutes into the first picked session.
        first_pick = min(workspace.agenda.agenda(conference_id).days[0].items, key=lambda item: item.start)
        window.now_page.clock = lambda: first_pick.start + timedelta(minutes=10)
        for position, (name, _page) in enumerate(window.pages):
            window.nav.setCurrentRow(position)
            settle(app)
            window.grab().save(str(out / f"{file_name(name)}.png"))
        window.people.capture()
        dialog = window.people.capture_dialog
        assert dialog is not None
        dialog.name.setText("Dr. Amara Osei")
        dialog.institution.setText("Lakeshore University Medical Center")
        dialog.position.setCurrentText("Program Director")
        dialog.specialty.setText("surgical oncology")
        dialog.points.setPlainText("Her registry of peritoneal metastases\nAsked how residents join the registry")
        dialog.my_promises.setPlainText("send my case series by Friday")
        dialog._suggest_goals()  # noqa: SLF001 - skip the typing delay for a still picture
        settle(app)
        dialog.grab().save(str(out / "capture.png"))
        dialog.hide()
        tasks = window.tasks_page
        window.nav.setCurrentRow(window.pages.index(("Follow-ups", tasks)))
        tasks.select_tasks([t.id for t in workspace.follow_ups.tasks() if t.kind.value == "follow_up"])
        composer = tasks.write_emails()
        assert composer is not None
        composer.resize(1100, 680)
        settle(app)
        composer.grab().save(str(out / "batch-composer.png"))
        composer.hide()
        window.people.show_my_card()
        card = window.people.card_dialog
        assert card is not None
        settle(app)
        card.grab().save(str(out / "my-card.png"))
        card.hide()
        window.close()
        workspace.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
