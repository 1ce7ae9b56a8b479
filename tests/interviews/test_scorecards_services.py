"""Submitting and amending scorecards, and the independent-feedback rule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.followups.models import FollowUp, Reason, State
from ghostless.interviews.models import InterviewStatus, Scorecard
from ghostless.interviews.scorecards import (
    feedback_summary,
    scorecard_submit,
    visible_scorecards,
)
from ghostless.timeline.models import Activity, EventKind
from tests.interviews.factories_scorecards import interview_on

pytestmark = pytest.mark.django_db

GOOD = {"System design": "strong_yes", "Communication": "yes"}


def submit(interview, user, **fields):
    return scorecard_submit(
        interview=interview,
        actor=user,
        ratings=fields.pop("ratings", GOOD),
        recommendation=fields.pop("recommendation", "yes"),
        notes=fields.pop("notes", {"Design a URL shortener.": "Solid hashing plan."}),
        takeaways=fields.pop("takeaways", "Would hire."),
    )


@pytest.fixture
def panel(application, interviewer, second_interviewer):
    return interview_on(application, interviewers=[interviewer, second_interviewer])


def test_submitting_stores_the_card_and_writes_a_private_timeline_entry(panel, interviewer):
    card = submit(panel, interviewer)
    assert card.ratings == GOOD and card.recommendation == "yes"
    assert card.application_id == panel.application_id
    entry = Activity.objects.get(payload__event=EventKind.SCORECARD_SUBMITTED)
    assert entry.private and entry.payload["amended"] is False


def test_an_unrated_attribute_counts_as_not_assessed(panel, interviewer):
    card = submit(panel, interviewer, ratings={"Communication": "no"})
    assert card.ratings == {"System design": "not_assessed", "Communication": "no"}


def test_amending_keeps_the_earlier_text(panel, interviewer):
    with_time = timezone.now()
    submit(panel, interviewer, takeaways="First thoughts.")
    card = submit(
        panel, interviewer, takeaways="On reflection, a strong hire.", recommendation="strong_yes"
    )
    assert Scorecard.objects.count() == 1
    assert card.takeaways == "On reflection, a strong hire."
    earlier = card.revisions.get()
    assert earlier.takeaways == "First thoughts." and earlier.recommendation == "yes"
    assert earlier.written_at >= with_time
    amended = Activity.objects.filter(payload__event=EventKind.SCORECARD_SUBMITTED).latest("id")
    assert amended.payload["amended"] is True


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ratings": {"Typing speed": "yes"}}, "ratings"),
        ({"ratings": {"Communication": "maybe"}}, "ratings"),
        ({"ratings": "yes"}, "ratings"),
        ({"recommendation": "maybe"}, "recommendation"),
        ({"recommendation": ""}, "recommendation"),
        ({"notes": {"A question nobody asked": "x"}}, "notes"),
        ({"notes": ["x"]}, "notes"),
        ({"takeaways": "x" * 10_001}, "takeaways"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    panel, interviewer, fields, field
):
    with pytest.raises(DomainError) as refused:
        submit(panel, interviewer, **fields)
    assert refused.value.field == field
    assert not Scorecard.objects.exists()


def test_only_an_interviewer_on_the_interview_may_submit(panel, recruiter, hiring_manager):
    for user in (recruiter, hiring_manager):
        with pytest.raises(PermissionDenied) as refused:
            submit(panel, user)
        assert refused.value.field == "interview"


def test_a_removed_interviewer_may_not_submit(panel, interviewer):
    panel.attendees.filter(user=interviewer).update(removed_at=timezone.now())
    with pytest.raises(PermissionDenied):
        submit(panel, interviewer)


def test_a_cancelled_interview_takes_no_scorecard(panel, interviewer):
    panel.status = InterviewStatus.CANCELLED
    panel.save()
    with pytest.raises(DomainError) as refused:
        submit(panel, interviewer)
    assert refused.value.field == "interview"


def test_submitting_closes_the_interviewers_feedback_due_follow_up(
    panel, interviewer, second_interviewer
):
    now = timezone.now()

    def owed(user):
        return FollowUp.objects.create(
            candidate=panel.application.candidate,
            application=panel.application,
            interview=panel,
            assignee=user,
            reason=Reason.FEEDBACK_DUE,
            due_at=now,
            waiting_since=now,
        )

    mine, theirs = owed(interviewer), owed(second_interviewer)
    submit(panel, interviewer)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.state == State.DONE and mine.closed_by == interviewer and mine.closed_at
    assert theirs.state == State.OPEN


def test_an_interviewer_sees_the_others_only_after_submitting_their_own(
    panel, application, interviewer, second_interviewer
):
    submit(panel, second_interviewer)
    assert not visible_scorecards(application=application, user=interviewer).exists()
    submit(panel, interviewer)
    seen = visible_scorecards(application=application, user=interviewer)
    assert {c.interviewer for c in seen} == {interviewer, second_interviewer}


def test_recruiters_and_the_jobs_manager_always_see_every_card(
    panel, application, interviewer, recruiter, admin, hiring_manager, outsider
):
    submit(panel, interviewer)
    for user in (recruiter, admin, hiring_manager):
        assert visible_scorecards(application=application, user=user).count() == 1
    assert not visible_scorecards(application=application, user=outsider).exists()


def test_a_manager_on_anothers_panel_waits_like_any_interviewer(application, interviewer, outsider):
    panel = interview_on(application, interviewers=[interviewer, outsider])
    submit(panel, interviewer)
    assert not visible_scorecards(application=application, user=outsider).exists()
    submit(panel, outsider)
    assert visible_scorecards(application=application, user=outsider).count() == 2


def test_the_summary_counts_lines_up_ratings_and_names_who_owes(
    panel, application, interviewer, second_interviewer, recruiter
):
    later = interview_on(
        application, interviewers=[recruiter], starts_at=timezone.now() + timedelta(days=1)
    )
    submit(panel, interviewer, ratings={"System design": "no", "Communication": "yes"})
    summary = feedback_summary(application=application, user=recruiter)
    assert {v: n for v, _, n in summary.recommendations} == {
        "definitely_not": 0,
        "no": 0,
        "yes": 1,
        "strong_yes": 0,
    }
    assert summary.attributes == [
        ("System design", [("no", "No")]),
        ("Communication", [("yes", "Yes")]),
    ]
    # Ines owes hers; Rita's interview has not happened yet.
    assert [(a.user, a.interview) for a in summary.owed] == [(second_interviewer, panel)]
    assert later not in [a.interview for a in summary.owed]


def test_a_cancelled_interview_owes_nothing(panel, application, recruiter):
    panel.status = InterviewStatus.CANCELLED
    panel.save()
    assert feedback_summary(application=application, user=recruiter).owed == []
