"""decision_due: all feedback for a stage is in, and nothing happened for the job's days."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from ghostless.followups.models import FollowUp, State
from ghostless.followups.selectors import closed_how
from ghostless.jobs.services import application_move, application_reject
from ghostless.timeline.services import activity_log
from tests.factories import ApplicationFactory, RejectionReasonFactory
from tests.interviews.deadlines_cast import (
    FRIDAY,
    MINUTE,
    MONDAY,
    interview,
    interviewer,
    open_followups,
    run_at,
    scorecard,
)

LAST = MONDAY - timedelta(hours=1)  # Monday 09:00, the second scorecard
DUE = LAST + timedelta(days=2)  # two business days: Wednesday 09:00
HOUR_LATER = timedelta(hours=1)


@pytest.fixture
def applied(candidate, job):
    with time_machine.travel(FRIDAY - timedelta(days=14), tick=False):
        return ApplicationFactory(candidate=candidate, job=job)


@pytest.fixture
def ivy(db):
    return interviewer("ivy")


@pytest.fixture
def otto(db):
    return interviewer("otto")


@pytest.fixture
def panel(applied, ivy, otto):
    meeting = interview(applied, ivy, otto)
    scorecard(meeting, ivy, at=FRIDAY + timedelta(hours=4))
    scorecard(meeting, otto, at=LAST)
    return meeting


def test_the_owner_must_decide_two_business_days_after_the_last_scorecard(panel, recruiter):
    run_at(DUE - MINUTE)
    assert not open_followups("decision_due").exists()
    run_at(DUE + MINUTE)
    followup = open_followups("decision_due").get()
    assert followup.assignee == recruiter
    assert followup.application == panel.application
    assert followup.waiting_since == LAST
    assert followup.due_at == DUE


def test_the_application_owner_comes_before_the_candidate_owner(panel, applied, other_recruiter):
    applied.owner = other_recruiter
    applied.save()
    run_at(DUE + MINUTE)
    assert open_followups("decision_due").get().assignee == other_recruiter


def test_a_holiday_does_not_count(applied, ivy):
    tuesday = datetime(2026, 11, 24, 9, tzinfo=UTC)
    scorecard(interview(applied, ivy, starts_at=MONDAY), ivy, at=tuesday)
    friday = datetime(2026, 11, 27, 9, tzinfo=UTC)  # Wednesday, Thanksgiving, Friday
    run_at(friday - MINUTE)
    assert not open_followups("decision_due").exists()
    run_at(friday + MINUTE)
    assert open_followups("decision_due").get().due_at == friday


def test_the_job_sets_the_days(panel, applied):
    applied.job.decision_due_days = 1
    applied.job.save()
    run_at(LAST + timedelta(days=1) + MINUTE)
    assert open_followups("decision_due").get().due_at == LAST + timedelta(days=1)


def test_nothing_is_due_while_an_interviewer_still_owes_feedback(applied, ivy, otto):
    meeting = interview(applied, ivy, otto)
    scorecard(meeting, ivy, at=LAST)
    run_at(DUE + timedelta(days=5))
    assert not open_followups("decision_due").exists()


def test_a_later_interview_in_the_stage_without_feedback_holds_it_back(panel, applied, ivy):
    interview(applied, ivy, starts_at=MONDAY + timedelta(hours=3))
    run_at(DUE + MINUTE)
    assert not open_followups("decision_due").exists()


def test_a_message_before_the_limit_means_nothing_is_due(panel, applied, recruiter):
    with time_machine.travel(LAST + timedelta(hours=3), tick=False):
        activity_log(
            candidate=applied.candidate,
            actor=recruiter,
            kind="email",
            direction="outbound",
            subject="About your interview",
        )
    run_at(DUE + MINUTE)
    assert not open_followups("decision_due").exists()


def test_running_twice_makes_no_duplicate(panel):
    run_at(DUE + MINUTE)
    run_at(DUE + 2 * MINUTE)
    assert FollowUp.objects.filter(reason="decision_due").count() == 1


def _clears():
    followup = FollowUp.objects.select_related("closed_by", "closed_by_activity__actor").get(
        reason="decision_due"
    )
    assert followup.state == State.DONE
    return closed_how(followup)


def test_moving_the_application_clears_it(
    panel, applied, recruiter, django_capture_on_commit_callbacks
):
    run_at(DUE + MINUTE)
    later = applied.job.stages.get(order=applied.stage.order + 1)
    with (
        time_machine.travel(DUE + HOUR_LATER, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application_move(application=applied, stage=later, actor=recruiter)
    assert _clears() == "Closed by the rule “Decision due”: the application moved on"


def test_rejecting_clears_it(panel, applied, recruiter, django_capture_on_commit_callbacks):
    run_at(DUE + MINUTE)
    with (
        time_machine.travel(DUE + HOUR_LATER, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application_reject(
            application=applied, actor=recruiter, reason=RejectionReasonFactory(name="Skills")
        )
    assert _clears() == "Closed by the rule “Decision due”: the application moved on"


def test_a_message_to_the_candidate_clears_it(
    panel, applied, recruiter, django_capture_on_commit_callbacks
):
    run_at(DUE + MINUTE)
    with (
        time_machine.travel(DUE + HOUR_LATER, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        activity_log(
            candidate=applied.candidate,
            actor=recruiter,
            kind="email",
            direction="outbound",
            subject="About your interview",
        )
    assert _clears() == "Done by the email logged by Rita Reyes"


def test_another_interview_scheduled_clears_it(panel, applied, ivy):
    run_at(DUE + MINUTE)
    interview(applied, ivy, starts_at=DUE + timedelta(days=2), created_at=DUE + HOUR_LATER)
    run_at(DUE + 2 * HOUR_LATER)
    assert _clears() == "Closed by the rule “Decision due”: the application moved on"
