"""Imports put new people on a job in bulk: what that leaves behind (the application, its
stage history, the timeline entry, the webhook event) is what `application_create` leaves."""

import json

import pytest

from ghostless.core.errors import DomainError
from ghostless.jobs.bulk import applications_bulk_create
from ghostless.jobs.models import Application, StageRole
from ghostless.jobs.services import application_create
from ghostless.timeline.models import Activity
from ghostless.webhooks.models import Event
from ghostless.webhooks.services import endpoint_create
from tests.factories import CandidateFactory, JobFactory, UserFactory

IDS = {"id", "candidate_id", "created_at"}


def _left_behind(candidate) -> dict:
    """Everything written for the candidate's application, without ids and times."""
    application = Application.objects.get(candidate=candidate)
    [change] = application.stage_changes.all()
    [entry] = Activity.objects.filter(candidate=candidate)
    [event] = Event.objects.filter(candidate_id=candidate.pk)
    body = json.loads(event.body)
    return {
        "application": (
            application.job_id,
            application.stage_id,
            application.status,
            application.source,
            application.owner_id,
            application.furthest_rank,
            application.created_at == application.stage_entered_at,
        ),
        "change": (
            change.from_stage_id,
            change.to_stage_id,
            change.actor_id,
            change.left_at,
            change.stay_seconds,
        ),
        "entry": (
            entry.application_id == application.pk,
            entry.kind,
            entry.direction,
            entry.actor_id,
            entry.subject,
            entry.payload,
            entry.private,
        ),
        "event": (
            body["type"],
            {k: v for k, v in body["data"].items() if k not in IDS},
            event.deliveries.count(),
        ),
    }


@pytest.fixture
def subscribed(db, admin, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    endpoint, _ = endpoint_create(
        actor=admin, url="https://hooks.example.org/in", events=["application.created"]
    )
    return endpoint


def _pair(**fields):
    return CandidateFactory(**fields), CandidateFactory(**fields)


def test_bulk_applications_leave_exactly_what_one_by_one_leaves(recruiter, job, subscribed):
    other_owner = UserFactory(username="ray", role="recruiter")
    pairs = [
        _pair(source="referral"),
        _pair(source="", owner=other_owner),
        _pair(source="careers page", owner=recruiter),
    ]
    for one_by_one, _ in pairs:
        application_create(
            candidate=one_by_one,
            job=job,
            actor=recruiter,
            source=one_by_one.source,
            entry=StageRole.SOURCED,
        )
    made = applications_bulk_create(
        candidates=[bulk for _, bulk in pairs], job=job, actor=recruiter, entry=StageRole.SOURCED
    )

    assert [a.candidate for a in made] == [bulk for _, bulk in pairs]
    assert all(a.pk for a in made)
    for one_by_one, bulk in pairs:
        assert _left_behind(bulk) == _left_behind(one_by_one)
    assert Event.objects.filter(type="application.created", deliveries__isnull=False).count() == 6


def test_a_job_without_stages_refuses_the_bulk_as_one_by_one(recruiter):
    job = JobFactory(title="No pipeline")
    job.stages.all().delete()
    with pytest.raises(DomainError) as one_by_one:
        application_create(candidate=CandidateFactory(), job=job, actor=recruiter)
    with pytest.raises(DomainError) as bulk:
        applications_bulk_create(
            candidates=[CandidateFactory()], job=job, actor=recruiter, entry=StageRole.SOURCED
        )
    assert bulk.value.message == one_by_one.value.message
    assert not Application.objects.exists()
