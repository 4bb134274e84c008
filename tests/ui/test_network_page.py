"""My network page: everyone drawn by level and goal, a click opens them, the picture saves as PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsEllipseItem

from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote, Relationship
from conference_app.core.domain.planning import GoalKind, ProfileData
from conference_app.ui.data_bus import DataBus
from conference_app.ui.pages.network_page import NOBODY_TEXT, NetworkPage
from conference_app.ui.widgets.network_scene import GOAL_COLOURS, KEY, RADIUS
from tests.core.test_now_next import Venue


@pytest.fixture
def venue(tmp_path: Path):  # type: ignore[no-untyped-def]
    venue = Venue(tmp_path)
    yield venue
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    venue.workspace.close()


def met_and_planned(venue: Venue) -> dict[str, int]:
    """A resident who met a program director and a peer, and means to meet a speaker."""
    workspace = venue.workspace
    workspace.planning.save_profile(ProfileData(stage="PGY-2"))
    pds = venue.goal("Meet program directors", GoalKind.INTRODUCE, roles=("Program Director",))
    venue.goal("Meet a bariatric surgeon", GoalKind.MEET, keywords=("bariatric",))
    venue.target("Dr. Lin Zhou", pds)
    note = ConversationNote(conference_id=venue.conference_id, event_id=venue.event_id("e1"))
    director = workspace.people.capture(
        CaptureData(
            details=ContactDetails(name="Helen Osei", position="Program Director"), conversation=note, goal_ids=(pds,)
        )
    ).value.person_id
    peer = workspace.people.capture(
        CaptureData(
            details=ContactDetails(name="Priya Raman", position="Resident"),
            relationship=Relationship.PEER,
            conversation=note,
        )
    ).value.person_id
    return {"director": director, "peer": peer, "speaker": venue.speaker_id("Dr. Lin Zhou"), "goal": pds}


def dot_of(page: NetworkPage, key: str) -> QGraphicsEllipseItem:
    return next(i for i in page.scene.items() if isinstance(i, QGraphicsEllipseItem) and i.data(KEY) == key)


def open_page(qtbot, venue: Venue) -> NetworkPage:  # type: ignore[no-untyped-def]
    page = NetworkPage(venue.workspace, DataBus())
    qtbot.addWidget(page)
    page.resize(1100, 640)
    page.show()
    page.show_conference(venue.conference_id)
    return page


def test_everyone_is_drawn_and_a_goal_with_nobody_stands_out(qtbot, venue: Venue) -> None:
    ids = met_and_planned(venue)
    page = open_page(qtbot, venue)

    keys = {i.data(KEY) for i in page.scene.items() if isinstance(i, QGraphicsEllipseItem) and i.data(KEY)}
    assert keys == {f"person:{ids['director']}", f"person:{ids['peer']}", f"speaker:{ids['speaker']}"}
    director = dot_of(page, f"person:{ids['director']}")
    assert director.brush().color() == QColor(GOAL_COLOURS[0])  # met: filled with the goal's colour
    speaker = dot_of(page, f"speaker:{ids['speaker']}")
    assert speaker.brush().color() == QColor("white") and speaker.pen().style() == Qt.PenStyle.DashLine
    assert "Dr. Lin Zhou" in speaker.toolTip() and "To meet" in speaker.toolTip()
    # Seniors above the user, the peer on the user's own line.
    assert (
        director.sceneBoundingRect().center().y()
        < dot_of(page, f"person:{ids['peer']}").sceneBoundingRect().center().y()
    )
    legend = page.legend.text()
    assert "Meet program directors — 2 people, 1 met" in legend
    assert "Meet a bariatric surgeon</b>" in legend and "nobody yet" in legend
    assert not page.message.isVisible()


def test_nobody_yet_says_how_people_get_here(qtbot, venue: Venue) -> None:
    page = open_page(qtbot, venue)

    assert page.message.text() == NOBODY_TEXT and page.message.isVisible()
    assert "No goals that count people yet" in page.legend.text()


def test_a_click_opens_the_person_or_the_speaker(qtbot, venue: Venue, shown_messages) -> None:
    from conference_app.ui.main_window import MainWindow

    ids = met_and_planned(venue)
    window = MainWindow(venue.workspace)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.network_page)
    page = window.network_page
    view = page.view

    def click(key: str) -> None:
        centre = view.mapFromScene(dot_of(page, key).sceneBoundingRect().center())
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    click(f"person:{ids['director']}")
    assert window.stack.currentWidget() is window.people_page
    current = window.people_page.table.currentIndex()
    assert window.people_page.model.row_at(current.row()).id == ids["director"]

    window.show_page(page)
    click(f"speaker:{ids['speaker']}")
    assert window.stack.currentWidget() is window.speakers_page
    assert window.speakers_page.selected_speaker_id() == ids["speaker"]


def test_the_picture_saves_as_png_with_its_legend(qtbot, venue: Venue, tmp_path: Path, errors: list[str]) -> None:
    ids = met_and_planned(venue)
    page = open_page(qtbot, venue)

    written = page.export_png(tmp_path / "my network")

    assert written == tmp_path / "my network.png"
    image = QImage(str(written))
    scene = page.scene.sceneRect()
    assert (image.width(), image.height() > scene.height()) == (int(scene.width()), True)
    # The met program director's dot, in the goal's colour, where the scene has it (below the initials).
    centre = dot_of(page, f"person:{ids['director']}").sceneBoundingRect().center() - scene.topLeft()
    assert image.pixelColor(int(centre.x()), int(centre.y() + RADIUS * 0.7)) == QColor(GOAL_COLOURS[0])

    # Under the picture, the legend: the first goal's dot in its colour.
    legend = [image.pixelColor(x, y) for y in range(int(scene.height()), image.height()) for x in range(60)]
    assert QColor(GOAL_COLOURS[0]) in legend

    assert page.export(tmp_path / "missing folder" / "net.png") is None
    assert errors == ["net.png: could not be written (is the folder there and writable?)"]
