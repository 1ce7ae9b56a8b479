from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from ghostless.followups.models import FollowUp, RuleSetting
from ghostless.followups.rules import run_rules
from ghostless.followups.selectors import overdue_count, queue, team_summary
from ghostless.followups.services import followup_create, followup_done, followup_snooze
from ghostless.jobs.services import application_move, application_reject, job_update
from ghostless.timeline.services import activity_log
from tests.factories import ApplicationFactory, CandidateFactory, RejectionReasonFactory

FRIDAY = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def run_at(moment):
    with time_machine.travel(moment, tick=False):
        return run_rules()


def open_followups(reason):
    return FollowUp.objects.filter(reason=reason, state__in=["open", "snoozed"])


@pytest.fixture
def replied_on_friday(recruiter):
    with time_machine.travel(FRIDAY - timedelta(days=3), tick=False):
        application = ApplicationFactory(candidate=CandidateFactory(owner=recruiter))
        activity_log(
            candidate=application.candidate,
            actor=recruiter,
            kind="email",
            direction="outbound",
            application=application,
            subject="Interested?",
        )
    with time_machine.travel(FRIDAY, tick=False):
        activity_log(
            candidate=application.candidate,
            actor=None,
            kind="email",
            direction="inbound",
            application=application,
            subject="Yes!",
        )
    return application


def test_an_unanswered_reply_waits_one_business_day_over_the_weekend(replied_on_friday):
    run_at(MONDAY - timedelta(minutes=1))
    assert not open_followups("awaiting_reply").exists()
    run_at(MONDAY + timedelta(minutes=1))
    followup = open_followups("awaiting_reply").get()
    assert followup.due_at == MONDAY
    assert followup.waiting_since == FRIDAY
    assert followup.application == replied_on_friday
    assert followup.assignee == replied_on_friday.candidate.owner


def test_a_holiday_pushes_the_follow_up_back(recruiter):
    wednesday = datetime(2026, 11, 25, 10, tzinfo=UTC)
    with time_machine.travel(wednesday, tick=False):
        candidate = CandidateFactory(owner=recruiter)
        activity_log(
            candidate=candidate, actor=None, kind="sms", direction="inbound", body="Any news?"
        )
    run_at(datetime(2026, 11, 26, 12, tzinfo=UTC))  # Thanksgiving
    assert not open_followups("awaiting_reply").exists()
    run_at(datetime(2026, 11, 27, 10, 1, tzinfo=UTC))
    assert open_followups("awaiting_reply").count() == 1


def test_running_the_rules_twice_makes_no_duplicate(replied_on_friday):
    run_at(MONDAY + timedelta(hours=1))
    run_at(MONDAY + timedelta(hours=2))
    call_command("run_followup_rules")
    assert FollowUp.objects.filter(reason="awaiting_reply").count() == 1


def test_replying_clears_the_follow_up_at_once(
    replied_on_friday, recruiter, django_capture_on_commit_callbacks
):
    run_at(MONDAY + timedelta(hours=1))
    with (
        time_machine.travel(MONDAY + timedelta(hours=2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        activity_log(
            candidate=replied_on_friday.candidate,
            actor=recruiter,
            kind="call",
            direction="outbound",
            outcome="connected",
        )
    assert not open_followups("awaiting_reply").exists()
    assert FollowUp.objects.get(reason="awaiting_reply").state == "done"


def test_a_follow_up_marked_done_is_not_made_again_for_the_same_silence(
    replied_on_friday, recruiter
):
    run_at(MONDAY + timedelta(hours=1))
    followup_done(followup=open_followups("awaiting_reply").get(), actor=recruiter)
    run_at(MONDAY + timedelta(days=1))
    assert not open_followups("awaiting_reply").exists()


def test_a_new_application_needs_an_acknowledgement(recruiter):
    with time_machine.travel(FRIDAY, tick=False):
        application = ApplicationFactory(candidate=CandidateFactory(owner=recruiter))
    run_at(MONDAY + timedelta(minutes=1))
    followup = open_followups("not_acknowledged").get()
    assert followup.application == application
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        activity_log(
            candidate=application.candidate,
            actor=recruiter,
            kind="email",
            direction="outbound",
            application=application,
            subject="Thanks for applying",
        )
    run_at(MONDAY + timedelta(hours=2))
    assert not open_followups("not_acknowledged").exists()


def test_stale_in_stage_follows_each_stages_limit_and_clears_on_a_move(recruiter):
    with time_machine.travel(FRIDAY, tick=False):
        application = ApplicationFactory(candidate=CandidateFactory(owner=recruiter))
        activity_log(candidate=application.candidate, actor=recruiter, kind="call")
        offer = application.job.stages.get(name="Offer")  # 2 business days
        application_move(application=application, stage=offer, actor=recruiter)
    run_at(datetime(2026, 11, 24, 14, 59, tzinfo=UTC))
    assert not open_followups("stale_in_stage").exists()
    run_at(datetime(2026, 11, 24, 15, 1, tzinfo=UTC))
    assert open_followups("stale_in_stage").get().application == application
    with time_machine.travel(datetime(2026, 11, 24, 16, tzinfo=UTC), tick=False):
        application_move(
            application=application, stage=application.job.stages.get(name="Hired"), actor=recruiter
        )
    run_at(datetime(2026, 11, 24, 17, tzinfo=UTC))
    assert not open_followups("stale_in_stage").exists()


def test_sourced_stage_has_no_limit(recruiter):
    with time_machine.travel(FRIDAY, tick=False):
        ApplicationFactory(candidate=CandidateFactory(owner=recruiter))
    run_at(FRIDAY + timedelta(days=30))
    assert not open_followups("stale_in_stage").exists()


def test_a_rejected_candidate_not_told_within_two_business_days(recruiter):
    with time_machine.travel(FRIDAY, tick=False):
        application = ApplicationFactory(candidate=CandidateFactory(owner=recruiter))
        application_reject(
            application=application, actor=recruiter, reason=RejectionReasonFactory()
        )
    run_at(datetime(2026, 11, 24, 14, 59, tzinfo=UTC))
    assert not open_followups("close_the_loop").exists()
    run_at(datetime(2026, 11, 24, 15, 1, tzinfo=UTC))
    assert open_followups("close_the_loop").get().application == application
    with time_machine.travel(datetime(2026, 11, 24, 16, tzinfo=UTC), tick=False):
        activity_log(
            candidate=application.candidate,
            actor=recruiter,
            kind="call",
            direction="outbound",
            application=application,
            outcome="connected",
        )
    application.refresh_from_db()
    assert application.told_at is not None and application.told_how == "call"
    run_at(datetime(2026, 11, 24, 17, tzinfo=UTC))
    assert not open_followups("close_the_loop").exists()


def test_applicants_of_a_filled_job_must_be_told(recruiter):
    with time_machine.travel(FRIDAY, tick=False):
        application = ApplicationFactory(candidate=CandidateFactory(owner=recruiter))
        job_update(job=application.job, actor=recruiter, status="filled")
    run_at(datetime(2026, 11, 24, 15, 1, tzinfo=UTC))
    assert open_followups("close_the_loop").get().application == application


def test_a_promised_call_back_is_kept_by_calling(
    candidate, recruiter, django_capture_on_commit_callbacks
):
    with time_machine.travel(FRIDAY, tick=False):
        followup = followup_create(
            actor=recruiter,
            candidate=candidate,
            reason="callback",
            due_at=MONDAY,
            note="Call about the offer",
        )
    with time_machine.travel(MONDAY, tick=False):
        assert overdue_count(recruiter) == 1
        with django_capture_on_commit_callbacks(execute=True):
            activity_log(candidate=candidate, actor=recruiter, kind="call", direction="outbound")
    followup.refresh_from_db()
    assert followup.state == "done"


def test_snoozed_follow_ups_come_back(candidate, recruiter):
    with time_machine.travel(FRIDAY, tick=False):
        followup = followup_create(actor=recruiter, candidate=candidate, due_at=FRIDAY)
        followup_snooze(followup=followup, actor=recruiter, until=MONDAY)
        assert overdue_count(recruiter) == 0
    run_at(MONDAY + timedelta(minutes=1))
    followup.refresh_from_db()
    assert followup.state == "open"


def test_a_disabled_rule_makes_nothing(replied_on_friday):
    RuleSetting.objects.create(reason="awaiting_reply", enabled=False)
    run_at(MONDAY + timedelta(hours=1))
    assert not open_followups("awaiting_reply").exists()


def test_the_limit_is_the_admins_choice(replied_on_friday):
    RuleSetting.objects.create(reason="awaiting_reply", business_days=3)
    run_at(MONDAY + timedelta(hours=1))
    assert not open_followups("awaiting_reply").exists()
    run_at(datetime(2026, 11, 25, 15, 1, tzinfo=UTC))
    assert open_followups("awaiting_reply").exists()


def test_the_queue_puts_overdue_first_then_the_longest_wait(recruiter, other_recruiter):
    with time_machine.travel(FRIDAY, tick=False):
        people = [CandidateFactory(owner=recruiter) for _ in range(3)]
        later = followup_create(
            actor=recruiter, candidate=people[0], due_at=MONDAY + timedelta(hours=5)
        )
        overdue = followup_create(
            actor=recruiter, candidate=people[1], due_at=MONDAY - timedelta(hours=1)
        )
        followup_create(actor=recruiter, candidate=people[2], due_at=MONDAY + timedelta(days=3))
        followup_create(actor=other_recruiter, candidate=people[2], due_at=MONDAY)
    with time_machine.travel(MONDAY, tick=False):
        assert list(queue(user=recruiter)) == [overdue, later]
        assert overdue_count(recruiter) == 1
        summary = {row["assignee__username"]: row for row in team_summary()}
        assert summary["rita"]["open"] == 3 and summary["rita"]["overdue"] == 1
        assert summary["ray"]["overdue"] == 1


def test_incremental_runs_pick_up_new_silences(replied_on_friday):
    run_at(MONDAY - timedelta(minutes=30))  # a full scan: not due yet
    assert not open_followups("awaiting_reply").exists()
    report = run_at(MONDAY + timedelta(minutes=5))
    assert report["awaiting_reply"]["full_scan"] == 0
    assert open_followups("awaiting_reply").get().application == replied_on_friday


def test_a_touch_logged_late_with_an_old_time_is_caught_by_the_hourly_full_scan(recruiter):
    run_at(MONDAY)
    with time_machine.travel(MONDAY + timedelta(minutes=30), tick=False):
        candidate = CandidateFactory(owner=recruiter)
        activity_log(
            candidate=candidate,
            actor=None,
            kind="call",
            direction="inbound",
            occurred_at=MONDAY - timedelta(days=10),
        )
    run_at(MONDAY + timedelta(minutes=35))
    assert not open_followups("awaiting_reply").exists()  # outside the incremental window
    report = run_at(MONDAY + timedelta(hours=1, minutes=1))
    assert report["awaiting_reply"]["full_scan"] == 1
    assert open_followups("awaiting_reply").get().candidate == candidate
