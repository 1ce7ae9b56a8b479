"""Filters narrow a search, or list people on their own; hiring managers find only theirs."""

from datetime import UTC, date, datetime

import pytest

from ghostless.candidates.models import Candidate
from ghostless.jobs.services import application_move, application_reject
from ghostless.pools.services import candidate_unsubscribe, consent_record, pool_add, pool_create
from ghostless.search.selectors import Consent
from tests.factories import ApplicationFactory, JobFactory, RejectionReasonFactory
from tests.search.helpers import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_job(people, job):
    """Ada and Grace applied to Hana's job; Grace moved on a stage, then was rejected."""
    ApplicationFactory(candidate=people.ada, job=job)
    grace = ApplicationFactory(candidate=people.grace, job=job)
    application_move(application=grace, stage=job.stages.order_by("order")[1], actor=None)
    application_reject(application=grace, actor=None, reason=RejectionReasonFactory())
    return job


def test_job_stage_and_status_filters(on_job, recruiter):
    first, second = on_job.stages.order_by("order")[:2]
    assert found(recruiter, job=on_job) == {"Ada", "Grace"}
    assert found(recruiter, "engineer", job=on_job, stage=first) == {"Ada"}
    assert found(recruiter, stage=second) == {"Grace"}
    assert found(recruiter, job=on_job, status="rejected") == {"Grace"}
    assert found(recruiter, "python", status="rejected") == set()


def test_job_and_status_must_hold_on_the_same_application(on_job, people, recruiter):
    other = JobFactory(title="Other")
    application = ApplicationFactory(candidate=people.ada, job=other)
    application_reject(application=application, actor=None, reason=RejectionReasonFactory())
    assert found(recruiter, job=on_job, status="rejected") == {"Grace"}


def test_tag_owner_and_location_filters(people, recruiter, other_recruiter):
    Candidate.objects.filter(pk=people.jose.pk).update(owner=other_recruiter)
    assert found(recruiter, tag="silver-medalist") == {"Ada"}
    assert found(recruiter, "python", owner=other_recruiter) == {"José"}
    assert found(recruiter, location="zür") == {"José"}
    assert found(recruiter, "engineer", location="LOND") == {"Ada"}


def test_pool_and_consent_filters(people, recruiter):
    pool = pool_create(actor=recruiter, name="Silver medalists")
    pool_add(pool=pool, candidate=people.jose, actor=recruiter)
    consent_record(pool=pool, candidate=people.ada)
    consent_record(pool=pool, candidate=people.grace)
    candidate_unsubscribe(candidate=people.grace)
    assert found(recruiter, pool=pool) == {"Ada", "José", "Grace"}
    assert found(recruiter, "python", pool=pool) == {"Ada", "José"}
    assert found(recruiter, consent=Consent.CONSENTED) == {"Ada"}
    assert found(recruiter, consent=Consent.NO_CONSENT) == {"José", "Grace"}
    assert found(recruiter, consent=Consent.UNSUBSCRIBED) == {"Grace"}


def test_last_contacted_filters(people, recruiter):
    Candidate.objects.filter(pk=people.ada.pk).update(
        last_contact_at=datetime(2024, 3, 10, 12, tzinfo=UTC)
    )
    Candidate.objects.filter(pk=people.jose.pk).update(
        last_contact_at=datetime(2024, 6, 1, 9, tzinfo=UTC)
    )
    assert found(recruiter, contacted_after=date(2024, 3, 10)) == {"Ada", "José"}
    assert found(recruiter, contacted_after=date(2024, 3, 11)) == {"José"}
    # "Before" includes people never contacted: nobody has heard from us since then.
    assert found(recruiter, contacted_before=date(2024, 6, 1)) == {"Ada", "Grace"}
    assert found(
        recruiter, "python", contacted_after=date(2024, 1, 1), contacted_before=date(2024, 5, 1)
    ) == {"Ada"}


def test_filters_alone_list_newest_first(people, recruiter):
    from ghostless.search.selectors import SearchFilters, candidate_search

    result = candidate_search(user=recruiter, q="", filters=SearchFilters(location="o"))
    assert [pk for pk, _ in result.hits] == [people.grace.pk, people.ada.pk]
    assert candidate_search(user=recruiter, q=" ", filters=SearchFilters()).hits == []


def test_hiring_managers_find_only_their_jobs_candidates(
    on_job, recruiter, hiring_manager, outsider
):
    assert found(recruiter, "engineer") == {"Ada", "Grace"}
    assert found(hiring_manager, "engineer OR python") == {"Ada", "Grace"}
    assert found(hiring_manager, "cobol") == {"Grace"}
    assert found(outsider, "engineer OR python") == set()
    assert found(outsider, job=on_job) == set()


def test_hiring_managers_search_no_notes(on_job, people, recruiter, hiring_manager):
    """Notes may belong to other jobs' pipelines, so their words find nobody for a manager."""
    assert found(recruiter, "tooling") == {"Grace"}
    assert found(hiring_manager, "tooling") == set()
    assert found(hiring_manager, "engineer -tooling") == {"Ada", "Grace"}


def test_a_hiring_manager_filters_on_her_own_applications_only(on_job, people, hiring_manager):
    other = JobFactory(title="Elsewhere")
    application = ApplicationFactory(candidate=people.ada, job=other)
    application_reject(application=application, actor=None, reason=RejectionReasonFactory())
    assert found(hiring_manager, status="rejected") == {"Grace"}
