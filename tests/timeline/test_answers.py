"""Activity.answered_at: each reply carries the moment of our first later outbound contact."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.apps import apps

from ghostless.merges.services import candidate_merge
from ghostless.timeline.answers import answers_refresh
from ghostless.timeline.models import Activity
from ghostless.timeline.services import activity_log
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 6, 15, tzinfo=UTC)


def _log(candidate, actor, direction, hours_ago, kind="email", **fields):
    return activity_log(
        candidate=candidate,
        actor=actor,
        kind=kind,
        direction=direction,
        subject="Hello" if kind == "email" else "",
        body="" if kind == "email" else "Called back",
        occurred_at=NOW - timedelta(hours=hours_ago),
        **fields,
    )


def _answered(activity):
    activity.refresh_from_db()
    return activity.answered_at


@time_machine.travel(NOW, tick=False)
def test_our_next_touch_answers_every_waiting_reply(candidate, recruiter):
    first = _log(candidate, None, "inbound", 10)
    second = _log(candidate, None, "inbound", 8, kind="call")
    assert _answered(first) is None
    _log(candidate, recruiter, "internal", 7, kind="note")  # a note answers nobody
    assert _answered(first) is None
    _log(candidate, recruiter, "outbound", 6, kind="call")
    assert _answered(first) == _answered(second) == NOW - timedelta(hours=6)
    _log(candidate, recruiter, "outbound", 2)  # a later touch keeps the first answer
    assert _answered(first) == NOW - timedelta(hours=6)


@time_machine.travel(NOW, tick=False)
def test_a_touch_logged_afterwards_for_an_earlier_moment_moves_the_answer_back(
    candidate, recruiter
):
    reply = _log(candidate, None, "inbound", 10)
    _log(candidate, recruiter, "outbound", 2)
    _log(candidate, recruiter, "outbound", 12)  # before the reply: answers nothing
    assert _answered(reply) == NOW - timedelta(hours=2)
    _log(candidate, recruiter, "outbound", 5, kind="call")  # logged late, happened earlier
    assert _answered(reply) == NOW - timedelta(hours=5)


@time_machine.travel(NOW, tick=False)
def test_a_reply_logged_late_finds_the_answer_already_there(candidate, recruiter):
    _log(candidate, recruiter, "outbound", 3)
    reply = _log(candidate, None, "inbound", 9)
    assert _answered(reply) == NOW - timedelta(hours=3)
    same_moment = _log(candidate, None, "inbound", 3)  # strictly later only
    assert _answered(same_moment) is None


@time_machine.travel(NOW, tick=False)
def test_a_private_touch_answers_and_a_private_reply_is_answered(candidate, recruiter):
    reply = _log(candidate, None, "inbound", 10, private=True)
    _log(candidate, recruiter, "outbound", 4, kind="call", private=True)
    assert _answered(reply) == NOW - timedelta(hours=4)  # the report skips private replies


@time_machine.travel(NOW, tick=False)
def test_another_candidates_touch_answers_nothing(candidate, recruiter):
    reply = _log(candidate, None, "inbound", 10)
    _log(CandidateFactory(), recruiter, "outbound", 4)
    assert _answered(reply) is None


@time_machine.travel(NOW, tick=False)
def test_a_merge_answers_replies_with_the_other_records_touches(candidate, recruiter):
    other = CandidateFactory()
    ours = _log(candidate, None, "inbound", 10)
    theirs = _log(other, None, "inbound", 3)
    _log(other, recruiter, "outbound", 6, kind="call")
    _log(candidate, recruiter, "outbound", 1)
    candidate_merge(survivor=candidate, other=other, actor=recruiter)
    assert _answered(ours) == NOW - timedelta(hours=6)  # their call came first
    assert _answered(theirs) == NOW - timedelta(hours=1)


@time_machine.travel(NOW, tick=False)
def test_refresh_recomputes_after_times_are_rewritten(candidate, recruiter):
    reply = _log(candidate, None, "inbound", 10)
    answer = _log(candidate, recruiter, "outbound", 6, kind="call")
    Activity.objects.filter(pk=answer.pk).update(occurred_at=NOW - timedelta(hours=11))
    assert answers_refresh(candidate_ids=[candidate.pk]) == 1
    assert _answered(reply) is None


@time_machine.travel(NOW, tick=False)
def test_the_migration_backfill_matches_what_record_keeps(candidate, recruiter):
    other = CandidateFactory()
    replies = [_log(candidate, None, "inbound", 10), _log(other, None, "inbound", 9)]
    _log(candidate, recruiter, "outbound", 10)  # the same moment: no answer
    _log(candidate, recruiter, "outbound", 4, kind="call")
    kept = [_answered(reply) for reply in replies]
    Activity.objects.update(answered_at=None)
    migration = importlib.import_module("ghostless.timeline.migrations.0005_activity_answered_at")
    migration.backfill(apps, None)
    assert [_answered(reply) for reply in replies] == kept == [NOW - timedelta(hours=4), None]
