"""The first-run path: four steps across the top of the window, each one click, ticked from the data."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from conference_app.core.services.getting_started import GettingStarted
from conference_app.core.services.outcome import Topic
from conference_app.core.storage.models import Event


def test_the_path_leads_from_profile_to_picks_and_then_steps_aside(qtbot, main_window, workspace,
                                                                    monkeypatch) -> None:
    panel = main_window.getting_started
    assert panel.isVisible()
    assert panel.profile_button.text() == "1 Fill in your profile"
    assert not panel.suggestions_button.isEnabled() and not panel.picks_button.isEnabled()  # no goal, no program yet
    assert "your name, stage and institution" in panel.hint.text()

    opened: list[str] = []
    monkeypatch.setattr(main_window.goals_page, "add_goal", lambda: opened.append("goal dialog"))
    panel.goals_button.click()
    assert opened == ["goal dialog"] and main_window.stack.currentWidget() is main_window.goals_page

    workspace.planning.save_profile(replace(workspace.planning.profile(), name="Sam Rivera", stage="PGY-2",
                                            institution="Riverside University"))
    main_window.bus.publish(frozenset({Topic.PROFILE}))
    assert panel.profile_button.text() == "✓ Profile filled in"
    assert panel.goals_button.text() == "2 Set 2–3 goals for a PGY-2"

    workspace.program.load_demo_if_empty()
    main_window.bus.publish(frozenset({Topic.PROGRAM}))
    conference = workspace.program.current_conference_id()
    assert conference is not None and panel.picks_button.isEnabled()
    templates = workspace.planning.templates_for("PGY-2")
    for template in templates[:2]:
        workspace.planning.add_goal(conference, workspace.planning.goal_from_template(template.id, conference))
    main_window.bus.publish(frozenset({Topic.GOALS}))
    assert panel.goals_button.text() == "✓ 2 goals set" and panel.suggestions_button.isEnabled()
    panel.picks_button.click()
    assert main_window.stack.currentWidget() is main_window.program_page

    with workspace.database.sessions() as session:
        first = session.scalars(select(Event.id).where(Event.conference_id == conference).limit(1)).one()
    workspace.program.pick(first)
    main_window.bus.publish(frozenset({Topic.PICKS}))
    assert not panel.isVisible()  # every step done: it steps aside

    help_action = next(a for a in main_window.menuBar().actions() if a.text() == "&Help").menu().actions()[0]
    assert help_action.text() == "&Getting started"
    help_action.trigger()
    assert panel.isVisible() and panel.hint.text().startswith("All four steps are done")
    panel.hide_button.click()
    assert not panel.isVisible()
    assert GettingStarted(workspace.database.sessions).progress(conference).hidden  # remembered in the database


def test_hidden_stays_hidden_in_a_new_window(qtbot, workspace, shown_messages) -> None:
    from conference_app.ui.main_window import MainWindow

    GettingStarted(workspace.database.sessions).set_hidden(True)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    assert not window.getting_started.isVisible()
