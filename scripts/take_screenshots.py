"""Render the README's screenshots from the bundled demo congress.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_screenshots.py [OUT_DIR]

Uses a throwaway database, so the user's own data is never touched.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace
from conference_app.ui.main_window import MainWindow

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Conference Companion screenshots")
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(Path(folder) / "demo.sqlite")
        workspace.program.load_demo_if_empty()
        rows = workspace.program.sessions(SessionFilter(workspace.program.current_conference_id()))
        for row in [r for r in rows if r.day_index == 1][:40:6]:
            workspace.program.pick(row.id, "must" if row.id % 2 else "nice")
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
