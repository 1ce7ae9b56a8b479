"""Interviews, interviewers and scorecards for the deadline rules' tests, made with the ORM
(the scheduling and scorecard services belong to other parts)."""

from datetime import UTC, datetime, timedelta

import time_machine

from ghostless.accounts.models import Role
from ghostless.followups.models import OPEN_STATES, FollowUp
from ghostless.followups.rules import run_rules
from ghostless.interviews.models import Attendee, AttendeeRole, Interview, Scorecard
from tests.factories import UserFactory

# Friday 20 November 2026; Thursday 26 November is Thanksgiving (HOLIDAYS_COUNTRY = "US").
FRIDAY = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def interviewer(username: str, **fields):
    return UserFactory(username=username, role=Role.INTERVIEWER, first_name=username.title())


def interview(application, *people, starts_at=FRIDAY, minutes=60, **fields) -> Interview:
    """An interview in the application's current stage with these interviewers."""
    fields.setdefault("created_at", starts_at - timedelta(days=3))
    meeting = Interview.objects.create(
        application=application,
        stage=application.stage,
        title="Technical interview",
        starts_at=starts_at,
        duration_minutes=minutes,
        **fields,
    )
    Attendee.objects.create(
        interview=meeting,
        role=AttendeeRole.CANDIDATE,
        email=f"candidate{application.pk}@example.org",
    )
    for person in people:
        Attendee.objects.create(
            interview=meeting, role=AttendeeRole.INTERVIEWER, user=person, email=person.email
        )
    return meeting


def scorecard(meeting: Interview, person, *, at: datetime) -> Scorecard:
    return Scorecard.objects.create(
        interview=meeting,
        application=meeting.application,
        interviewer=person,
        recommendation="yes",
        submitted_at=at,
        updated_at=at,
    )


def run_at(moment: datetime) -> dict:
    with time_machine.travel(moment, tick=False):
        return run_rules()


def open_followups(reason: str):
    return FollowUp.objects.filter(reason=reason, state__in=OPEN_STATES)
