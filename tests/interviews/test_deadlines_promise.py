"""promise_due: the candidate was told when they would hear back, and has not heard."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from ghostless.followups.models import FollowUp, State
from ghostless.followups.selectors import closed_how, queue
from ghostless.followups.services import followup_snooze
from ghostless.jobs.models import Application
from ghostless.jobs.services import application_reject
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
)

PROMISED = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday, after Thanksgiving
# One business day before: Wednesday 15:00, since Thursday is a holiday.
SHOWS = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def write(application, actor, at):
    with time_machine.travel(at, tick=False):
        activity_log(
            candidate=application.candidate,
            actor=actor,
            kind="email",
            direction="outbound",
            subject="About your interview",
        )


@pytest.fixture
def promised(candidate, job):
    """Interviewed on Monday 10:00 to 11:00, promised an answer by Friday 15:00."""
    with time_machine.travel(FRIDAY - timedelta(days=14), tick=False):
        application = ApplicationFactory(candidate=candidate, job=job)
    interview(application, interviewer("ivy"), starts_at=MONDAY)
    Application.objects.filter(pk=application.pk).update(hear_back_by=PROMISED)
    application.refresh_from_db()
    return application


def test_the_promise_shows_one_business_day_before_the_date(promised, recruiter):
    run_at(SHOWS - MINUTE)
    assert not open_followups("promise_due").exists()
    run_at(SHOWS + MINUTE)
    followup = open_followups("promise_due").get(reason="promise_due")
    assert followup.assignee == recruiter
    assert followup.application == promised
    assert followup.due_at == PROMISED
    assert followup.waiting_since == MONDAY + timedelta(hours=1)
    assert followup.note == "Promised an answer by Friday 27 November."


def test_it_is_due_at_the_date_and_overdue_after_it(promised, recruiter):
    run_at(SHOWS + MINUTE)
    with time_machine.travel(PROMISED - MINUTE, tick=False):
        assert not FollowUp.objects.get(reason="promise_due").is_overdue
        assert "promise_due" in [f.reason for f in queue(user=recruiter)]
    with time_machine.travel(PROMISED + MINUTE, tick=False):
        assert FollowUp.objects.get(reason="promise_due").is_overdue
        assert "promise_due" in [f.reason for f in queue(user=recruiter).overdue]


def test_the_invite_before_the_interview_does_not_count_but_a_message_after_it_does(
    promised, recruiter
):
    write(promised, recruiter, MONDAY - timedelta(days=1))
    run_at(SHOWS + MINUTE)
    assert open_followups("promise_due").count() == 1
    FollowUp.objects.filter(reason="promise_due").delete()
    write(promised, recruiter, MONDAY + timedelta(hours=3))
    run_at(SHOWS + timedelta(hours=1))
    assert not open_followups("promise_due").exists()


def test_a_message_keeps_the_promise(promised, recruiter, django_capture_on_commit_callbacks):
    run_at(SHOWS + MINUTE)
    with django_capture_on_commit_callbacks(execute=True):
        write(promised, recruiter, PROMISED + timedelta(hours=1))
    followup = FollowUp.objects.select_related("closed_by", "closed_by_activity__actor").get(
        reason="promise_due"
    )
    assert followup.state == State.DONE
    assert closed_how(followup) == "Done by the email logged by Rita Reyes"
    run_at(PROMISED + timedelta(hours=2))
    assert FollowUp.objects.filter(reason="promise_due").count() == 1


def test_rejecting_cancels_it(promised, recruiter, django_capture_on_commit_callbacks):
    run_at(SHOWS + MINUTE)
    with (
        time_machine.travel(SHOWS + timedelta(hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application_reject(
            application=promised, actor=recruiter, reason=RejectionReasonFactory(name="Skills")
        )
    assert FollowUp.objects.get(reason="promise_due").state == State.CANCELLED


def test_clearing_the_date_cancels_it(promised):
    run_at(SHOWS + MINUTE)
    Application.objects.filter(pk=promised.pk).update(hear_back_by=None)
    run_at(SHOWS + timedelta(hours=1))
    followup = FollowUp.objects.select_related("closed_by", "closed_by_activity").get(
        reason="promise_due"
    )
    assert followup.state == State.CANCELLED
    assert closed_how(followup) == (
        "Closed by the rule “Promised answer due”: the promised date was changed or cleared, "
        "or the application closed"
    )


def test_a_new_date_is_a_new_promise(promised):
    run_at(SHOWS + MINUTE)
    later = PROMISED + timedelta(days=3)  # Monday 30 November
    Application.objects.filter(pk=promised.pk).update(hear_back_by=later)
    run_at(SHOWS + timedelta(hours=1))
    assert FollowUp.objects.get(reason="promise_due").state == State.CANCELLED
    run_at(PROMISED + timedelta(hours=1))  # one business day before Monday 15:00
    followup = open_followups("promise_due").get(reason="promise_due")
    assert followup.due_at == later
    assert followup.note == "Promised an answer by Monday 30 November."


def test_running_twice_makes_no_duplicate(promised):
    run_at(SHOWS + MINUTE)
    run_at(SHOWS + 2 * MINUTE)
    assert FollowUp.objects.filter(reason="promise_due").count() == 1


def test_a_snoozed_promise_stays_owed(promised, recruiter):
    run_at(SHOWS + MINUTE)
    followup = FollowUp.objects.get(reason="promise_due")
    with time_machine.travel(SHOWS + timedelta(hours=1), tick=False):
        followup_snooze(followup=followup, actor=recruiter, until=PROMISED + timedelta(days=3))
    run_at(SHOWS + timedelta(hours=2))
    assert FollowUp.objects.get(reason="promise_due").state == State.SNOOZED
