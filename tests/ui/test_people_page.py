"""The People page: search as you type, filters, sorting, and the timeline on the right."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt

from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote, Relationship
from conference_app.ui.pages.people_page import PeoplePage

NOW = datetime.now(timezone.utc)


def shown(page: PeoplePage) -> list[str]:
    return [page.model.row_at(r).name for r in range(page.model.rowCount())]


def add(workspace, name, institution="", position="", relationship=Relationship.NONE, met_days_ago=None, email=""):
    conversation = None if met_days_ago is None else ConversationNote(met_at=NOW - timedelta(days=met_days_ago),
                                                                      points=(f"talked with {name}",))
    return workspace.people.capture(CaptureData(
        details=ContactDetails(name=name, institution=institution, position=position,
                               emails=(email,) if email else ()),
        relationship=relationship, conversation=conversation,
    )).value.person_id


def test_search_filters_and_sorting(qtbot, workspace, bus, qtmodeltester) -> None:
    add(workspace, "Zoë Müller", "Lakeshore University", "Program Director", Relationship.MENTOR, 2,
        "zoe@lakeshore.example")
    add(workspace, "Émile Durand", "Hôpital Lariboisière", "Resident", Relationship.PEER, 400)
    add(workspace, "Li Wei", "Peking Union Medical College", "Fellow")  # known from a card, not met
    page = PeoplePage(workspace, bus)
    qtbot.addWidget(page)
    page.show_conference(None)
    qtmodeltester.check(page.model)

    assert shown(page) == ["Émile Durand", "Li Wei", "Zoë Müller"]  # accents folded in the order
    assert page.count.text() == "3 people"

    qtbot.keyClicks(page.search, "muller")  # accents folded in the search
    qtbot.waitUntil(lambda: shown(page) == ["Zoë Müller"])
    assert "Last met at" in page.detail.toPlainText() and "talked with Zoë Müller" in page.detail.toPlainText()
    page.search.setText("lakeshore.example")
    qtbot.waitUntil(lambda: shown(page) == ["Zoë Müller"])
    page.search.setText("nobody")
    qtbot.waitUntil(lambda: shown(page) == [])
    assert page.count.text() == "Nobody matches these filters (of 3 people)."
    page.search.clear()
    qtbot.waitUntil(lambda: len(shown(page)) == 3)

    page.met_box.setCurrentIndex(page.met_box.findData(False))
    assert shown(page) == ["Li Wei"]
    page.met_box.setCurrentIndex(0)
    page.contact_box.setCurrentIndex(page.contact_box.findData("stale"))
    assert shown(page) == ["Émile Durand", "Li Wei"]  # over six months ago, or never
    page.contact_box.setCurrentIndex(0)
    page.relationship_box.setCurrentIndex(page.relationship_box.findData("mentor"))
    assert shown(page) == ["Zoë Müller"]
    page.relationship_box.setCurrentIndex(0)
    page.position_box.setCurrentIndex(page.position_box.findData("Resident"))
    assert shown(page) == ["Émile Durand"]
    page.position_box.setCurrentIndex(0)

    page.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.DescendingOrder)  # last met, newest first
    assert shown(page) == ["Zoë Müller", "Émile Durand", "Li Wei"]


def test_a_capture_elsewhere_shows_up_and_stays_selected(qtbot, workspace, bus) -> None:
    first = add(workspace, "Amara Osei", "Lakeshore University", met_days_ago=1)
    page = PeoplePage(workspace, bus)
    qtbot.addWidget(page)
    page.show_conference(None)
    assert page.selected_person_id() == first

    outcome = workspace.people.capture(CaptureData(details=ContactDetails(name="Jonas Berg")))
    bus.publish(outcome.changed)

    assert shown(page) == ["Amara Osei", "Jonas Berg"]
    assert page.selected_person_id() == first
    assert page.select_person(outcome.value.person_id)
    assert "Not met yet" in page.detail.toPlainText()


def test_how_emails_address_someone_and_how_often_to_keep_in_touch(qtbot, workspace, bus, monkeypatch) -> None:
    from conference_app.ui.pages import people_page

    person = add(workspace, "John Smith", "St Thomas' Hospital", "Consultant", Relationship.MENTOR, 1,
                 "john.smith@gstt.example")
    page = PeoplePage(workspace, bus)
    qtbot.addWidget(page)
    page.show_conference(None)
    answers = iter(["Mr", "Once a year"])
    monkeypatch.setattr(people_page, "ask_choice", lambda parent, title, question, choices: next(answers))

    page.address_action.trigger()
    page.keep_in_touch_action.trigger()

    draft = workspace.follow_ups.compose(task_ids=[f"follow_up:{workspace.people.person(person).conversations[0].id}"])
    assert draft[0].body.startswith("Dear Mr. Smith,")
    with workspace.database.sessions() as session:
        from conference_app.core.storage.models import Contact

        assert session.get(Contact, person).keep_in_touch_months == 12
