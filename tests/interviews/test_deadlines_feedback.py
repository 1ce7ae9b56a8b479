"""feedback_due: a scorecard missing the job's business hours after the interview ended."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from ghostless.demo.datagen.build import generate
from ghostless.followups.digest import send_due_digests
from ghostless.followups.models import FollowUp, State
from ghostless.followups.selectors import closed_how, queue
from ghostless.interviews.models import InterviewStatus, Scorecard
from ghostless.jobs.models import Application
from ghostless.notifications.models import Notification
from ghostless.notifications.selectors import with_links
from ghostless.notifications.services import notify_due_followups
from tests.interviews.deadlines_cast import (
    FRIDAY,
    MINUTE,
    WEDNESDAY,
    interview,
    interviewer,
    open_followups,
    run_at,
    scorecard,
)
from tests.messaging.conftest import smtp  # noqa: F401  (the real SMTP server, for the digest)
from tests.parsed_html import find, text

ENDED = FRIDAY + timedelta(hours=1)
DUE = ENDED + timedelta(days=3)  # 24 business hours: Monday 11:00


@pytest.fixture
def ivy(db):
    return interviewer("ivy")


@pytest.fixture
def panel(application, ivy):
    return interview(application, ivy)


def test_a_missing_scorecard_is_due_24_business_hours_after_the_interview(panel, ivy):
    run_at(DUE - MINUTE)
    assert not open_followups("feedback_due").exists()
    run_at(DUE + MINUTE)
    followup = open_followups("feedback_due").get()
    assert followup.assignee == ivy
    assert followup.interview == panel
    assert followup.application == panel.application
    assert followup.candidate == panel.application.candidate
    assert followup.waiting_since == ENDED
    assert followup.due_at == DUE


def test_a_holiday_does_not_count(application, ivy):
    interview(application, ivy, starts_at=WEDNESDAY)  # ends 11:00; Thursday is Thanksgiving
    run_at(datetime(2026, 11, 27, 10, 59, tzinfo=UTC))
    assert not open_followups("feedback_due").exists()
    run_at(datetime(2026, 11, 27, 11, 1, tzinfo=UTC))
    assert open_followups("feedback_due").get().due_at == datetime(2026, 11, 27, 11, tzinfo=UTC)


def test_the_job_sets_the_hours(panel, ivy):
    job = panel.application.job
    job.feedback_due_hours = 4
    job.save()
    run_at(ENDED + timedelta(hours=4) - MINUTE)
    assert not open_followups("feedback_due").exists()
    run_at(ENDED + timedelta(hours=4) + MINUTE)
    assert open_followups("feedback_due").get().due_at == ENDED + timedelta(hours=4)


def test_each_interviewer_owes_their_own_and_a_submitted_one_is_owed_by_nobody(application, ivy):
    otto = interviewer("otto")
    panel = interview(application, ivy, otto)
    scorecard(panel, otto, at=ENDED + timedelta(hours=2))
    run_at(DUE + MINUTE)
    assert [f.assignee for f in open_followups("feedback_due")] == [ivy]


def test_nothing_is_owed_for_a_cancelled_interview_a_removed_or_a_deactivated_one(application, ivy):
    interview(application, ivy, status=InterviewStatus.CANCELLED)
    removed = interview(application, interviewer("rob"), starts_at=FRIDAY - timedelta(days=1))
    removed.attendees.filter(role="interviewer").update(removed_at=FRIDAY)
    gone = interviewer("gil")
    gone.is_active = False
    gone.save()
    interview(application, gone, starts_at=FRIDAY - timedelta(days=2))
    run_at(DUE + MINUTE)
    assert not open_followups("feedback_due").exists()


def test_running_twice_makes_no_duplicate_and_a_done_one_is_not_made_again(panel, ivy):
    run_at(DUE + MINUTE)
    run_at(DUE + 2 * MINUTE)
    followup = FollowUp.objects.get(reason="feedback_due")
    FollowUp.objects.filter(pk=followup.pk).update(state=State.DONE)
    run_at(DUE + timedelta(hours=2))
    assert FollowUp.objects.filter(reason="feedback_due").count() == 1


def test_the_scorecard_clears_it(panel, ivy):
    run_at(DUE + MINUTE)
    scorecard(panel, ivy, at=DUE + timedelta(hours=1))
    run_at(DUE + timedelta(hours=2))
    followup = FollowUp.objects.select_related("closed_by", "closed_by_activity").get()
    assert followup.state == State.DONE
    assert closed_how(followup) == (
        "Closed by the rule “Feedback due”: the scorecard was submitted"
    )


@pytest.mark.parametrize("change", ["cancel", "remove"])
def test_cancelling_the_interview_or_removing_the_interviewer_cancels_it(panel, ivy, change):
    run_at(DUE + MINUTE)
    if change == "cancel":
        panel.status = InterviewStatus.CANCELLED
        panel.save()
    else:
        panel.attendees.filter(user=ivy).update(removed_at=DUE)
    run_at(DUE + timedelta(hours=1))
    assert FollowUp.objects.get().state == State.CANCELLED


def test_it_is_in_the_interviewers_queue(panel, ivy):
    run_at(DUE + MINUTE)
    with time_machine.travel(DUE + timedelta(hours=1), tick=False):
        assert [f.reason for f in queue(user=ivy)] == ["feedback_due"]


def test_the_interviewer_gets_it_in_the_digest_with_a_link_to_the_kit(
    panel,
    ivy,
    smtp,  # noqa: F811  (the fixture imported above)
    django_capture_on_commit_callbacks,
):
    run_at(DUE + MINUTE)
    tuesday_morning = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # ivy's digest hour, in UTC
    with (
        time_machine.travel(tuesday_morning, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_due_digests() == 1
    [mail] = smtp.messages
    assert mail["To"] == ivy.email
    assert mail["Subject"] == "1 overdue: your Ghostless follow-ups"
    text = mail.get_body(("plain",)).get_content()
    assert "Cara Candidate (Backend Engineer): Feedback due" in text
    assert f"/interviews/{panel.pk}/kit/" in text


def test_the_profile_says_what_will_clear_each_interview_follow_up(
    panel, ivy, admin_client_, admin
):
    application = panel.application
    run_at(DUE + MINUTE)
    for reason in ("decision_due", "promise_due"):
        FollowUp.objects.create(
            candidate=application.candidate,
            application=application,
            assignee=admin,
            reason=reason,
            due_at=DUE,
            waiting_since=ENDED,
            note="Promised an answer by Friday 27 November." if reason == "promise_due" else "",
        )
    page = admin_client_.get(reverse("candidates:detail", args=[application.candidate_id]))
    card = text(find(page, "section", id="followups"))
    assert f"Cleared when {ivy.name} sends their scorecard, or the interview is cancelled." in card
    assert (
        "Cleared when the application moves on, is rejected or hired, gets another interview, "
        "or you write to Cara." in card
    )
    assert "Promised an answer by Friday 27 November. Cleared when you write to Cara." in card


def test_the_interviewers_notification_links_to_the_kit(panel, ivy):
    run_at(DUE + MINUTE)
    with time_machine.travel(DUE + 2 * MINUTE, tick=False):
        assert notify_due_followups() == 1
    [note] = with_links(Notification.objects.filter(user=ivy))
    assert note.link == f"/interviews/{panel.pk}/kit/"
    assert note.text.startswith("Follow-up due: Feedback due for Cara Candidate")


@pytest.mark.slow
def test_generated_data_holds_interviews_with_feedback_given_and_owed(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    generate(candidates=1000, seed=3, progress=False)
    assert Scorecard.objects.exists()
    assert FollowUp.objects.filter(reason="feedback_due").exists()
    assert Application.objects.filter(hear_back_by__isnull=False).exists()
