"""The Program page as used: Ctrl+F, filters across conferences, a detail pane that follows the list,
an empty result that says so, room for titles, speakers one click away, and the same pick marks everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from conference_app.ui.models.session_table import ROOM, SPEAKERS, STAR, TIME, TITLE, TRACK
from conference_app.ui.pages.speakers_page import speaker_html
from tests.conftest import shared_file
from tests.ui.test_main_window import import_through_gui, visible_titles, write_program

FOSDEM = "frab/mttcrsp-fosdem-2026-schedule.xml"


def choose_conference(window, title: str) -> None:  # type: ignore[no-untyped-def]
    index = next(i for i in range(window.conference_box.count()) if window.conference_box.itemText(i).startswith(title))
    window.conference_box.setCurrentIndex(index)
    window.conference_box.activated.emit(index)


def test_ctrl_f_on_the_program_page_goes_to_the_search_field(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    page.search.setText("trauma")
    page.table.setFocus()
    # Two owners of Ctrl+F on this page made Qt log "Ambiguous shortcut overload" and do nothing.
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    assert page.search.selectedText() == "trauma"


def test_a_new_or_other_conference_shows_all_its_days(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    page.day.setCurrentIndex(1)  # Day 1 of the regional meeting
    page.search.setText("trauma")
    qtbot.waitUntil(lambda: page.count.text() == "1 of 3 sessions")

    import_through_gui(qtbot, main_window, shared_file(FOSDEM))
    assert (page.day.currentText(), page.search.text()) == ("All days", "")
    assert page.count.text() == "883 of 883 sessions"

    page.day.setCurrentIndex(page.day.findData(2))
    assert page.count.text() == "399 of 883 sessions"
    choose_conference(main_window, "Regional ACS Chapter Meeting")
    assert (page.day.currentText(), page.count.text()) == ("All days", "3 of 3 sessions")
    choose_conference(main_window, "FOSDEM")
    assert (page.day.currentText(), page.count.text()) == ("All days", "883 of 883 sessions")


def test_the_detail_pane_shows_only_a_listed_session_of_this_conference(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    page.select_event(page.model.row_at(2).id)  # Résidents et chirurgie colorectale, Hall A
    assert "Résidents et chirurgie colorectale" in page.detail.toPlainText()

    page.room.setCurrentIndex(page.room.findData("Hall B"))
    assert visible_titles(main_window) == ["Applying to general surgery"]
    assert page.detail.toPlainText().startswith("Applying to general surgery")

    import_through_gui(qtbot, main_window, shared_file(FOSDEM))
    shown = page.detail.toPlainText()
    assert "Applying to general surgery" not in shown
    assert shown.startswith(page.model.row_at(0).title)  # a session of FOSDEM, listed first


def test_a_filter_without_results_says_so_and_clears(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    page.room.setCurrentIndex(page.room.findData("Hall B"))
    page.search.setText("colorectal")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.list_stack.currentWidget() is not page.table
    assert page.no_match.text() == "No session matches “colorectal” · Hall B."
    assert page.clear_button.isVisibleTo(page)
    assert page.detail.toPlainText() == ""  # no session is listed, so none is shown
    page.clear_button.click()
    assert (page.search.text(), page.room.currentIndex(), page.count.text()) == ("", 0, "3 of 3 sessions")
    assert page.list_stack.currentWidget() is page.table


def test_the_title_column_gets_the_room(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    main_window.resize(1280, 720)
    QApplication.processEvents()
    page = main_window.program_page
    title = page.table.horizontalHeader().sectionSize(TITLE)
    assert title >= page.detail.width()
    assert title >= 38 * page.table.fontMetrics().averageCharWidth()


def test_a_speakers_name_in_the_details_opens_the_speaker(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    page.select_event(page.model.row_at(2).id)
    found = page.detail.document().find("Dr. Björn Løvaas")
    assert not found.isNull()
    inside = QTextCursor(page.detail.document())
    inside.setPosition(found.selectionStart() + 3)  # within the name, not at its edge
    spot = page.detail.cursorRect(inside).center()
    qtbot.mouseClick(page.detail.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    speakers = main_window.speakers_page
    assert main_window.stack.currentWidget() is speakers
    assert speakers.model.row_at(speakers.list.currentIndex().row()).name == "Dr. Björn Løvaas"
    assert speakers.detail.toPlainText().startswith("Dr. Björn Løvaas")


def test_nice_to_see_has_one_mark_everywhere(qtbot, main_window, tmp_path):
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    row = page.model.row_at(0)
    page.select_event(row.id)
    page.set_priority(row.id, "nice")
    assert page.model.index(0, STAR).data() == "☆"
    assert "☆ In my agenda: nice to see" in page.detail.toPlainText()
    assert "★" not in page.detail.toPlainText()
    speaker = main_window.workspace.program.speakers(main_window.current_conference_id)[0]  # Dr. Amelia Ortiz
    assert "☆ Fri 09:00" in speaker_html(main_window.workspace.program.speaker_detail(speaker.id))
    page.set_priority(row.id, "must")
    assert page.model.index(0, STAR).data() == "★"
    assert "★ In my agenda: must-see" in page.detail.toPlainText()


def test_every_time_fits_its_column_at_any_text_size(qtbot, main_window, tmp_path):  # type: ignore[no-untyped-def]
    import_through_gui(qtbot, main_window, write_program(tmp_path))
    page = main_window.program_page
    table, model = page.table, page.model
    for point_size in (table.font().pointSizeF(), table.font().pointSizeF() * 1.5):
        font = table.font()
        font.setPointSizeF(point_size)
        table.setFont(font)
        page.columns.fit()
        metrics = table.fontMetrics()
        width = table.columnWidth(TIME)
        texts = {str(model.index(row, TIME).data()) for row in range(model.rowCount())}
        texts |= {f"{day} 23:59–23:59" for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
        assert all(metrics.horizontalAdvance(text) + 2 * metrics.averageCharWidth() <= width for text in texts), width


def test_side_columns_grow_with_the_text_and_never_cut_their_headers(qtbot, main_window):  # type: ignore[no-untyped-def]
    page = main_window.program_page
    table = page.table
    table.resize(500, table.height())  # narrow: the side columns shrink to leave the title its share
    widths = {}
    for scale in (1.0, 1.5):
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        table.setFont(font)
        table.horizontalHeader().setFont(font)
        page.columns.fit()
        header_metrics = table.horizontalHeader().fontMetrics()
        shown = [column for column in (SPEAKERS, ROOM, TRACK) if not table.isColumnHidden(column)]
        for column in shown:
            word = str(page.model.headerData(column, Qt.Orientation.Horizontal))
            assert table.columnWidth(column) >= header_metrics.horizontalAdvance(word) + 2 * header_metrics.averageCharWidth()
        assert shown == [SPEAKERS, ROOM, TRACK][: len(shown)]  # the track gives way first, then the room
        assert table.columnWidth(TITLE) >= 0.4 * sum(table.columnWidth(c) for c in (TITLE, *shown))  # about its share
        widths[scale] = table.columnWidth(SPEAKERS)
    table.resize(2400, table.height())  # wide: each side column at its full width, larger with larger text
    for scale in (1.0, 1.5):
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        table.setFont(font)
        page.columns.fit()
        widths[scale] = table.columnWidth(SPEAKERS)
        assert not any(table.isColumnHidden(column) for column in (SPEAKERS, ROOM, TRACK))
    assert widths[1.5] > widths[1.0] * 1.3, widths
