"""The interview rules are set-based: one run costs the same queries however many interviews
there are (no query per interview, interviewer or application)."""

from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ghostless.followups.models import FollowUp
from ghostless.followups.rules import run_rules
from ghostless.jobs.models import Application
from tests.factories import ApplicationFactory, CandidateFactory
from tests.interviews.deadlines_cast import FRIDAY, interview, interviewer, scorecard

WEEK = timedelta(days=7)


def interviewed(job, owner, count: int, starts_at):
    """`count` pairs of applications: one interviewed with both scorecards in (a decision is
    due), one with a scorecard owed and a promised answer (feedback and the promise due)."""
    for n in range(count):
        with time_machine.travel(starts_at - WEEK, tick=False):
            scored, owed = (
                ApplicationFactory(candidate=CandidateFactory(owner=owner), job=job)
                for _ in range(2)
            )
        ivy, otto = interviewer(f"ivy{starts_at:%d}{n}"), interviewer(f"otto{starts_at:%d}{n}")
        meeting = interview(scored, ivy, otto, starts_at=starts_at)
        scorecard(meeting, ivy, at=starts_at + timedelta(hours=2))
        scorecard(meeting, otto, at=starts_at + timedelta(hours=3))
        meeting = interview(owed, ivy, otto, starts_at=starts_at)
        scorecard(meeting, ivy, at=starts_at + timedelta(hours=2))
        Application.objects.filter(pk=owed.pk).update(hear_back_by=starts_at + timedelta(days=4))


def queries_of_a_full_run(moment) -> int:
    with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as queries:
        run_rules(full=True)
    return len(queries)


def made(reason: str) -> int:
    return FollowUp.objects.filter(reason=reason).count()


def test_a_run_costs_the_same_queries_with_many_more_interviews(job, recruiter):
    queries_of_a_full_run(FRIDAY - 3 * WEEK)  # the rules' first run records each rule's run
    interviewed(job, recruiter, 2, FRIDAY - 2 * WEEK)
    few = queries_of_a_full_run(FRIDAY - WEEK)
    assert (made("feedback_due"), made("decision_due"), made("promise_due")) == (2, 2, 2)
    interviewed(job, recruiter, 8, FRIDAY - WEEK + timedelta(days=1))
    many = queries_of_a_full_run(FRIDAY)
    assert (made("feedback_due"), made("decision_due"), made("promise_due")) == (10, 10, 10)
    assert many == few
