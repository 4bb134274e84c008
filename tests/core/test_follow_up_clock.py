"""The follow-up clock's rules, on facts alone: no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conference_app.core.domain.follow_up_clock import (
    Cadence,
    ConversationFact,
    Decision,
    Facts,
    FollowUpState,
    PersonFact,
    ReplyFact,
    SentFact,
    TaskStatus,
    add_months,
    person_state,
    tasks_on,
)
from conference_app.core.errors import UserError

END = date(2026, 10, 19)  # the conference's last day
AMARA = PersonFact(1, "Amara Okafor", "mentor")
JONAS = PersonFact(2, "Jonas Berg", "peer")
TALK = ConversationFact(12, 2, date(2026, 10, 18), "TSC 2026", END)


def day(n: int) -> date:
    return END + timedelta(days=n)


def facts(*, conversations=(TALK,), sent=(), replies=(), decisions=(), people=(AMARA, JONAS)) -> Facts:
    return Facts({p.id: p for p in people}, tuple(conversations), tuple(sent), tuple(replies), tuple(decisions))


def states(f: Facts, on: date, include_all: bool = False) -> dict[str, tuple[date, str]]:
    return {t.id: (t.due, t.status.value) for t in tasks_on(f, on, include_all=include_all)}


def test_a_follow_up_is_due_three_days_after_the_conference_and_overdue_after_day_seven() -> None:
    f = facts()
    assert states(f, day(0)) == {"follow_up:12": (day(3), "open")}
    assert states(f, day(7)) == {"follow_up:12": (day(3), "open")}
    assert states(f, day(8)) == {"follow_up:12": (day(3), "overdue")}
    assert states(f, date(2026, 10, 17)) == {}  # before the conversation nothing exists


def test_a_conversation_after_the_conference_counts_from_its_own_day() -> None:
    later = ConversationFact(13, 2, date(2026, 11, 2), "TSC 2026", END)
    assert states(facts(conversations=(later,)), date(2026, 11, 2)) == {"follow_up:13": (date(2026, 11, 5), "open")}


def test_each_promise_i_made_is_its_own_task() -> None:
    talk = ConversationFact(12, 2, date(2026, 10, 18), "TSC 2026", END, ("send my CV", "share the registry"))
    tasks = tasks_on(facts(conversations=(talk,)), day(1))
    assert [(t.id, t.promise) for t in tasks] == [
        ("follow_up:12", ""), ("promise:12:1", "send my CV"), ("promise:12:2", "share the registry"),
    ]


def test_one_nudge_fourteen_days_after_sending_then_moved_on_and_nothing_more() -> None:
    sent = [SentFact("follow_up:12", 2, day(4))]
    assert states(facts(sent=sent), day(17)) == {"nudge:12": (day(18), "open")}
    assert states(facts(sent=sent), day(26)) == {"nudge:12": (day(18), "overdue")}
    sent.append(SentFact("nudge:12", 2, day(18)))
    assert states(facts(sent=sent), day(38)) == {}
    assert person_state(facts(sent=sent), 2, day(38)) is FollowUpState.NUDGED
    assert person_state(facts(sent=sent), 2, day(39)) is FollowUpState.MOVED_ON
    assert states(facts(sent=sent), day(400)) == {}  # never a second nudge
    assert states(facts(sent=sent), day(400), include_all=True) == {
        "follow_up:12": (day(3), "done"), "nudge:12": (day(18), "done"),
    }


def test_a_reply_cancels_the_pending_nudge_and_asks_for_an_answer_within_48_to_72_hours() -> None:
    sent = [SentFact("follow_up:12", 2, day(4))]
    plain = facts(sent=sent, replies=[ReplyFact(3, 2, day(9))])
    assert states(plain, day(30)) == {}
    assert person_state(plain, 2, day(30)) is FollowUpState.REPLIED
    asking = facts(sent=sent, replies=[ReplyFact(3, 2, day(9), asks=True)])
    assert states(asking, day(11)) == {"reply:3": (day(11), "open")}
    assert states(asking, day(12)) == {"reply:3": (day(11), "open")}
    assert states(asking, day(13)) == {"reply:3": (day(11), "overdue")}
    answered = facts(sent=[*sent, SentFact("reply:3", 2, day(10))], replies=[ReplyFact(3, 2, day(9), asks=True)])
    assert states(answered, day(13)) == {}


def test_a_reply_after_the_nudge_means_they_never_become_moved_on() -> None:
    sent = [SentFact("follow_up:12", 2, day(4)), SentFact("nudge:12", 2, day(18))]
    f = facts(sent=sent, replies=[ReplyFact(1, 2, day(30))])
    assert person_state(f, 2, day(60)) is FollowUpState.REPLIED


def test_mentors_get_a_keep_in_touch_task_every_six_months_reset_by_any_interaction() -> None:
    talk = ConversationFact(20, 1, date(2026, 10, 18), "TSC 2026", END)
    f = facts(conversations=(talk,), decisions=[Decision("follow_up:20", TaskStatus.DONE, day(3))])
    assert states(f, day(3)) == {"keep_in_touch:1:2027-04-18": (date(2027, 4, 18), "open")}
    assert states(f, date(2027, 5, 19)) == {"keep_in_touch:1:2027-04-18": (date(2027, 4, 18), "overdue")}
    for fact in ({"replies": [ReplyFact(5, 1, date(2027, 3, 1))]}, {"sent": [SentFact("x", 1, date(2027, 3, 1))]}):
        moved = facts(conversations=(talk,), decisions=f.decisions, **fact)  # type: ignore[arg-type]
        assert states(moved, date(2027, 5, 1)) == {"keep_in_touch:1:2027-09-01": (date(2027, 9, 1), "open")}


def test_keep_in_touch_interval_per_person_and_none_for_peers() -> None:
    yearly = PersonFact(1, "Amara Okafor", "mentor", keep_in_touch_months=12)
    never = PersonFact(1, "Amara Okafor", "sponsor", keep_in_touch_months=0)
    peer_with_interval = PersonFact(2, "Jonas Berg", "peer", keep_in_touch_months=6)
    talk = ConversationFact(20, 1, date(2026, 10, 18))
    assert [t.id for t in tasks_on(facts(conversations=(talk,), people=(yearly,)), day(1))][-1] == "keep_in_touch:1:2027-10-18"
    assert not any(t.kind.value == "keep_in_touch" for t in tasks_on(facts(conversations=(talk,), people=(never,)), day(1)))
    assert not any(t.kind.value == "keep_in_touch" for t in tasks_on(facts(), day(1)))
    assert any(t.id == "keep_in_touch:2:2027-04-18" for t in tasks_on(facts(people=(peer_with_interval,)), day(1)))


def test_done_skip_and_snooze_are_decisions_on_a_task() -> None:
    done = facts(decisions=[Decision("follow_up:12", TaskStatus.DONE, day(1))])
    assert states(done, day(2)) == {} and states(done, day(2), include_all=True) == {"follow_up:12": (day(3), "done")}
    assert states(done, day(0)) == {"follow_up:12": (day(3), "open")}  # decided later than that day
    skipped = facts(decisions=[Decision("follow_up:12", TaskStatus.SKIPPED, day(1))])
    assert states(skipped, day(9), include_all=True) == {"follow_up:12": (day(3), "skipped")}
    snoozed = facts(decisions=[Decision("follow_up:12", TaskStatus.SNOOZED, day(1), until=day(10))])
    assert states(snoozed, day(9), include_all=True) == {"follow_up:12": (day(10), "snoozed")}
    assert states(snoozed, day(9)) == {}
    assert states(snoozed, day(10)) == {"follow_up:12": (day(10), "open")}
    assert states(snoozed, day(15)) == {"follow_up:12": (day(10), "overdue")}  # the same 4 days' grace


def test_a_skipped_follow_up_leaves_the_person_with_nothing_due() -> None:
    skipped = facts(decisions=[Decision("follow_up:12", TaskStatus.SKIPPED, day(1))])
    assert person_state(skipped, 2, day(5)) is FollowUpState.NONE
    assert person_state(facts(), 2, day(5)) is FollowUpState.DUE
    assert person_state(facts(sent=[SentFact("follow_up:12", 2, day(4))]), 2, day(5)) is FollowUpState.WAITING
    assert person_state(facts(), 1, day(5)) is FollowUpState.NONE


def test_the_cadence_changes_the_days_and_refuses_nonsense() -> None:
    slower = Cadence().with_changes({"follow_up_days": 5, "follow_up_overdue_days": 10})
    assert states(facts(), day(11), ) == {"follow_up:12": (day(3), "overdue")}
    assert {t.id: (t.due, t.status.value) for t in tasks_on(facts(), day(10), slower)} == {"follow_up:12": (day(5), "open")}
    with pytest.raises(UserError, match="unknown follow-up setting 'nudge'"):
        Cadence().with_changes({"nudge": 3})
    with pytest.raises(UserError, match="whole number"):
        Cadence().with_changes({"nudge_days": -1})
    with pytest.raises(UserError, match="overdue before it is due"):
        Cadence().with_changes({"follow_up_days": 9})


def test_months_are_added_by_the_calendar() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 10, 18), 12) == date(2027, 10, 18)
