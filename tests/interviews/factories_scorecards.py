"""Interviews made straight with the ORM for the scorecard, plan and kit tests (the scheduling
services are not needed to put someone on an interview), and the panel: Ivan and Ines have
the interviewer role only; Hana (the hiring manager) and Rita can sit on panels too. The
fixtures are registered for every folder by `pytest_plugins` in tests/conftest.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.accounts.models import Role
from ghostless.interviews.models import Attendee, AttendeeRole, Interview
from ghostless.jobs.models import PlannedInterview
from tests.factories import UserFactory

ATTRIBUTES = ["System design", "Communication"]
QUESTIONS = ["Design a URL shortener.", "Tell us about a hard bug."]


def planned_for(stage, **fields) -> PlannedInterview:
    return PlannedInterview.objects.create(
        stage=stage,
        title=fields.pop("title", "Technical interview"),
        attributes=fields.pop("attributes", ATTRIBUTES),
        questions=fields.pop("questions", QUESTIONS),
        instructions=fields.pop("instructions", "Probe trade-offs, not trivia."),
        **fields,
    )


def interview_on(application, *, interviewers, starts_at=None, planned=None, **fields):
    """An interview on the application with the candidate and each user as attendees; by
    default it ended an hour ago, following a plan on the application's stage."""
    stage = application.stage
    if planned is None:
        planned = stage.planned_interviews.first() or planned_for(stage)
    interview = Interview.objects.create(
        application=application,
        stage=stage,
        planned=planned,
        title=fields.pop("title", planned.title),
        starts_at=starts_at or timezone.now() - timedelta(hours=2),
        duration_minutes=fields.pop("duration_minutes", 60),
        location=fields.pop("location", "Room 4"),
        **fields,
    )
    candidate = application.candidate
    Attendee.objects.create(
        interview=interview,
        role=AttendeeRole.CANDIDATE,
        email=candidate.emails.first().email,
        name=candidate.name,
    )
    for user in interviewers:
        Attendee.objects.create(
            interview=interview,
            role=AttendeeRole.INTERVIEWER,
            user=user,
            email=user.email,
            name=user.name,
        )
    return interview


@pytest.fixture
def interviewer(db):
    return UserFactory(
        username="ivan", role=Role.INTERVIEWER, first_name="Ivan", last_name="Interviewer"
    )


@pytest.fixture
def second_interviewer(db):
    return UserFactory(
        username="ines", role=Role.INTERVIEWER, first_name="Ines", last_name="Inquirer"
    )
