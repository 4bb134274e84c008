"""The main window as a user drives it: import, browse, search, filter, pick."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from conference_app.core.importers.program import ReadOptions
from conference_app.core.services.program import SessionFilter
from conference_app.ui.models.session_table import STAR, TITLE
from tests.conftest import shared_file

SMALL_FRAB = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Regional ACS Chapter Meeting</title><acronym>acs-reg-26</acronym>
    <time_zone_name>America/New_York</time_zone_name></conference>
  <day index="1" date="2026-03-06">
    <room name="Hall A">
      <event guid="a1" id="1"><date>2026-03-06T09:00:00-05:00</date><start>09:00</start><duration>01:00</duration>
        <room>Hall A</room><title>Trauma systems in rural states</title><track>Trauma</track><type>panel</type>
        <abstract>How rural trauma networks triage.</abstract>
        <persons><person id="7">Dr. Amelia Ortiz</person></persons></event>
      <event guid="a2" id="2"><date>2026-03-06T10:30:00-05:00</date><start>10:30</start><duration>00:45</duration>
        <room>Hall A</room><title>Résidents et chirurgie colorectale</title><track>Colorectal</track><type>podium</type>
        <persons><person id="8">Dr. Björn Løvaas</person></persons></event>
    </room>
    <room name="Hall B">
      <event guid="b1" id="3"><date>2026-03-06T09:30:00-05:00</date><start>09:30</start><duration>01:00</duration>
        <room>Hall B</room><title>Applying to general surgery</title><track>Education</track><type>panel</type>
        <persons><person id="9">Dr. Chen Wu</person></persons></event>
    </room>
  </day>
</schedule>
"""


def write_program(tmp_path: Path) -> Path:
    path = tmp_path / "regional.xml"
    path.write_text(SMALL_FRAB, encoding="utf-8")
    return path


def import_through_gui(qtbot, window, path: Path, options: ReadOptions | None = None) -> None:
    with qtbot.waitSignal(window.importer.finished, timeout=30000):
        window.import_file(path, options)


def visible_titles(window) -> list[str]:
    model = window.program_page.model
    return [model.index(r, TITLE).data() for r in range(model.rowCount())]


def test_import_shows_the_program_in_local_time(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    assert visible_titles(main_window) == [
        "Trauma systems in rural states",
        "Applying to general surgery",
        "Résidents et chirurgie colorectale",
    ]
    model = main_window.program_page.model
    assert model.index(0, 1).data() == "Fri 09:00–10:00"  # New York time, as the conference has it
    assert main_window.conference_box.currentText().startswith("Regional ACS Chapter Meeting")
    assert main_window.program_page.count.text() == "3 of 3 sessions"
    assert "Imported Regional ACS Chapter Meeting" in main_window.statusBar().currentMessage()


def test_search_as_you_type_and_filters(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    page.search.setText("bjorn")  # speaker name, diacritics folded
    qtbot.waitUntil(lambda: visible_titles(main_window) == ["Résidents et chirurgie colorectale"])
    page.search.setText("")
    qtbot.waitUntil(lambda: len(visible_titles(main_window)) == 3)
    page.room.setCurrentIndex(page.room.findData("Hall B"))
    assert visible_titles(main_window) == ["Applying to general surgery"]
    page.room.setCurrentIndex(0)
    page.type.setCurrentIndex(page.type.findData("panel"))
    assert visible_titles(main_window) == ["Trauma systems in rural states", "Applying to general surgery"]


def test_pick_with_click_and_space_then_agenda_lists_overlap(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    model = page.model
    rect = page.table.visualRect(model.index(0, STAR))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert model.index(0, STAR).data() == "★"
    # Space is a shortcut, and shortcuts reach only the active window: a slow import's progress dialog
    # may have held that place a moment ago.
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    page.table.setFocus()
    page.table.selectRow(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert model.index(1, STAR).data() == "★"
    picked = main_window.workspace.program.sessions(SessionFilter(picked_only=True))
    assert [r.title for r in picked] == ["Trauma systems in rural states", "Applying to general surgery"]
    # Space again removes the pick
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert model.index(1, STAR).data() == ""


def test_detail_pane_shows_speakers_and_sanitised_abstract(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    page.table.selectRow(0)
    text = page.detail.toPlainText()
    assert "Trauma systems in rural states" in text
    assert "Dr. Amelia Ortiz" in text
    assert "How rural trauma networks triage." in text
    assert "America/New_York" in text


def test_bad_file_shows_one_line_and_keeps_data(qtbot, main_window, tmp_path, shown_messages):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    broken = tmp_path / "broken.xml"
    broken.write_text("<schedule><conference>", encoding="utf-8")
    import_through_gui(qtbot, main_window, broken)
    errors = [text for kind, text in shown_messages if kind == "error"]
    assert len(errors) == 1 and errors[0].startswith("broken.xml: ") and "\n" not in errors[0]
    assert len(visible_titles(main_window)) == 3


def test_drop_a_file_imports_it(qtbot, main_window, tmp_path):
    path = write_program(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(main_window.importer.finished, timeout=30000):
        main_window.dropEvent(event)
    assert len(visible_titles(main_window)) == 3


def test_switch_between_conferences(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    import_through_gui(qtbot, main_window, shared_file("frab/aksw-lswt2019-schedule.xml"))
    assert main_window.conference_box.count() == 2
    assert len(visible_titles(main_window)) == 31
    first = main_window.conference_box.findText("Regional ACS Chapter Meeting  (3 sessions)")
    main_window.conference_box.setCurrentIndex(first)
    main_window.conference_box.activated.emit(first)
    assert len(visible_titles(main_window)) == 3
    assert main_window.workspace.program.current_conference_id() == main_window.conference_box.itemData(first)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    qtmodeltester.check(main_window.program_page.model)
    main_window.nav.setCurrentRow(1)  # Speakers
    qtmodeltester.check(main_window.speakers_page.model)


def test_speakers_page_lists_each_speaker_with_sessions(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    main_window.nav.setCurrentRow(1)  # Speakers
    page = main_window.speakers_page
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert names == ["Dr. Amelia Ortiz", "Dr. Björn Løvaas", "Dr. Chen Wu"]
    page.list.setCurrentIndex(page.model.index(1, 0))
    assert "Résidents et chirurgie colorectale" in page.detail.toPlainText()


def test_ctrl_f_focuses_search(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    main_window.nav.setCurrentRow(1)
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is main_window.program_page


def test_plan_to_meet_a_speaker_from_the_speakers_page(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    main_window.nav.setCurrentRow(1)  # Speakers
    page = main_window.speakers_page
    page.list.setCurrentIndex(page.model.index(2, 0))  # Dr. Chen Wu
    page.meet_button.click()
    targets = main_window.workspace.planning.targets(main_window.current_conference_id)
    assert [(t.name, t.event_title) for t in targets] == [("Dr. Chen Wu", "Applying to general surgery")]
    assert "Planned to meet Dr. Chen Wu" in page.status.text()


def test_priority_from_the_context_menu_action(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    first = page.model.row_at(0)
    page.set_priority(first.id, "nice")
    assert page.model.index(0, STAR).data() == "☆"
    assert main_window.workspace.program.sessions(SessionFilter(picked_only=True))[0].priority == "nice"


def test_hidden_pages_load_when_first_shown(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    speakers = main_window.speakers_page
    assert speakers.model.rowCount() == 0  # not on screen yet: nothing loaded
    main_window.nav.setCurrentRow(1)
    assert speakers.model.rowCount() == 3


def test_cancelling_an_import_keeps_the_database_as_it_was(qtbot, main_window, tmp_path, monkeypatch):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    program = main_window.workspace.program
    # Cancel from the progress dialog the moment the worker reports progress.
    real_import = program.import_program

    def import_and_cancel(path, options=None, progress=None, cancelled=None):
        def progress_then_cancel(done, total):
            main_window.importer.cancel()
            if progress is not None:
                progress(done, total)

        return real_import(path, options, progress_then_cancel, cancelled)

    monkeypatch.setattr(program, "import_program", import_and_cancel)
    with qtbot.waitSignal(main_window.importer.finished, timeout=30000) as finished:
        main_window.import_file(shared_file("frab/mttcrsp-fosdem-2026-schedule.xml"))
    assert finished.args == [None, None]
    assert main_window.statusBar().currentMessage() == "Import cancelled; nothing was changed."
    assert [c.title for c in program.conferences()] == ["Regional ACS Chapter Meeting"]
