"""Goals and Speakers as used: a new goal is the chosen one, its card stays legible, people planned anywhere
show up, buttons say when they cannot act, and the Speakers list tells who is planned or met."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette

from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote
from conference_app.core.domain.planning import GoalFields, GoalKind
from conference_app.core.domain.ranking import Suggestion
from conference_app.core.services.outcome import Topic
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs.goal_dialog import GoalDialog
from conference_app.ui.pages.goals_page import GoalsPage
from conference_app.ui.pages.speakers_page import SpeakersPage
from conference_app.ui.widgets.goal_card import GoalCard
from conference_app.ui.widgets.suggestion_card import SuggestionCard
from tests.core.test_agenda_service import Congress


@pytest.fixture
def congress(tmp_path: Path):  # type: ignore[no-untyped-def]
    congress = Congress(tmp_path)
    yield congress
    congress.workspace.close()


@pytest.fixture
def goals(qtbot, congress: Congress, bus: DataBus) -> GoalsPage:  # type: ignore[no-untyped-def]
    workspace = congress.workspace
    workspace.planning.add_goal(
        congress.conference_id, GoalFields(GoalKind.MEET, "Meet HPB surgeons", 2, keywords=("HPB",))
    )
    page = GoalsPage(workspace, bus)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show_conference(congress.conference_id)
    page.show()
    return page


def targets_shown(page: GoalsPage) -> list[str]:
    return [page.target_list.item(i).text() for i in range(page.target_list.count())]


def test_a_new_goal_is_the_chosen_one(goals: GoalsPage, congress: Congress, bus: DataBus, monkeypatch) -> None:
    def add_like_the_dialog(parent, planning, bus, conference_id, goal=None):  # type: ignore[no-untyped-def]
        fields = GoalFields(GoalKind.ATTEND, "Attend two trauma sessions", 2, keywords=("trauma",))
        return run_action(parent, bus, lambda: planning.add_goal(conference_id, fields))

    monkeypatch.setattr(GoalDialog, "ask", staticmethod(add_like_the_dialog))
    assert goals.current_goal().title == "Meet HPB surgeons"
    goals.new_goal.click()
    assert goals.current_goal().title == "Attend two trauma sessions"
    assert "Attend two trauma sessions" in goals.suggestions_title.text()


def test_i_met_them_needs_a_person_and_says_so(goals: GoalsPage, congress: Congress, bus: DataBus) -> None:
    assert not goals.met_button.isEnabled() and not goals.forget_button.isEnabled()
    assert goals.met_button.toolTip() == "Choose a person in the list first"
    goal_id = goals.current_goal_id()
    congress.workspace.planning.add_target(congress.speaker_id("Ana Ruiz"), goal_id)
    bus.publish(frozenset({Topic.TARGETS}))
    goals.target_list.setCurrentRow(0)
    assert goals.met_button.isEnabled() and goals.forget_button.isEnabled()


def test_people_planned_from_the_speakers_page_are_on_goals(
    qtbot,
    goals: GoalsPage,
    congress: Congress,
    bus: DataBus,  # type: ignore[no-untyped-def]
) -> None:
    speakers = SpeakersPage(congress.workspace, bus)
    qtbot.addWidget(speakers)
    speakers.show_conference(congress.conference_id)
    speakers.select_speaker(congress.speaker_id("Kwame Mensah"))
    speakers.meet_button.click()
    assert "Goals lists them under People to meet" in speakers.status.text()
    assert [t for t in targets_shown(goals) if t.startswith("Kwame Mensah")]
    assert targets_shown(goals)[0].endswith("for no goal yet")


def test_the_speakers_list_shows_who_is_planned_or_met(qtbot, congress: Congress, bus: DataBus) -> None:
    workspace = congress.workspace
    page = SpeakersPage(workspace, bus)
    qtbot.addWidget(page)
    page.show_conference(congress.conference_id)
    page.select_speaker(congress.speaker_id("Kwame Mensah"))
    page.meet_button.click()
    note = ConversationNote(conference_id=congress.conference_id, met_at=datetime(2026, 6, 11, 12, tzinfo=timezone.utc))
    capture = CaptureData(
        ContactDetails(name="Ana Ruiz"), conversation=note, speaker_id=congress.speaker_id("Ana Ruiz")
    )
    run_action(page, bus, lambda: workspace.people.capture(capture))
    shown = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert "◎ Kwame Mensah — Korle Bu" in shown
    assert "✓ Ana Ruiz" in shown
    assert "Zoë Müller — Charité Berlin" in shown
    page.select_speaker(congress.speaker_id("Kwame Mensah"))
    assert not page.meet_button.isEnabled() and page.meet_button.text() == "Planned to meet"
    assert "◎ Planned to meet" in page.detail.toPlainText()


def test_the_chosen_goal_card_is_legible_on_the_selection(goals: GoalsPage) -> None:
    item = goals.goal_list.currentItem()
    card = goals.goal_list.itemWidget(item)
    assert isinstance(card, GoalCard)
    assert not card.bar.isTextVisible()  # no count painted over the selection-coloured bar
    for label in (card.title, card.detail):
        assert label.foregroundRole() == QPalette.ColorRole.HighlightedText
    goals.goal_list.clearSelection()
    goals.goal_list.setCurrentItem(None)
    assert card.title.foregroundRole() == QPalette.ColorRole.WindowText


def test_a_nice_to_see_suggestion_has_the_nice_to_see_mark(qtbot) -> None:  # type: ignore[no-untyped-def]
    picked = Suggestion("session", "c:1", 1, "Poster Walk", 1.0, ("track is Education",), picked=True, priority="nice")
    card = SuggestionCard(picked, lambda _s, _p: None, lambda _s: None)
    qtbot.addWidget(card)
    assert card.heading.text() == "<b>☆ Poster Walk</b>"
