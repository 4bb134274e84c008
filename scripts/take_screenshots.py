"""Render the README's screenshots from the bundled demo congress.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_screenshots.py [OUT_DIR]

Uses a throwaway database, so the user's own data is never touched.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from conference_app.core.domain.planning import GoalFields, GoalKind, ProfileData
from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace
from conference_app.ui.main_window import MainWindow

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


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


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Conference Companion screenshots")
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(Path(folder) / "demo.sqlite")
        workspace.program.load_demo_if_empty()
        conference_id = workspace.program.current_conference_id()
        rows = workspace.program.sessions(SessionFilter(conference_id))
        for row in [r for r in rows if r.day_index == 1][:40:6]:
            workspace.program.pick(row.id, "must" if row.id % 2 else "nice")
        plan_like_a_resident(workspace, conference_id)
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
        for position, (name, _page) in enumerate(window.pages):
            window.nav.setCurrentRow(position)
            settle(app)
            window.grab().save(str(out / f"{name.lower().replace(' ', '-')}.png"))
        window.close()
        workspace.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
