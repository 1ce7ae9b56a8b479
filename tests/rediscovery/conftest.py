from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.candidates.models import Candidate
from ghostless.jobs import services as job_services
from ghostless.jobs.models import ApplicationStatus
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.search.index import candidate_reindex
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, RejectionReasonFactory


@pytest.fixture(autouse=True)
def _reset_time_zone():
    """Views activate the user's zone in this thread; keep it from leaking into the next test."""
    yield
    timezone.deactivate()


@pytest.fixture
def platform_job(recruiter, hiring_manager):
    """The new opening past candidates are suggested for."""
    return JobFactory(
        title="Senior Platform Engineer",
        skills="Kubernetes, Terraform, Go",
        description="Run our Kubernetes clusters and keep the clusters patched. Terraform modules.",
        hiring_manager=hiring_manager,
        recruiters=[recruiter],
    )


def person(first_name: str, *, skills: str = "", title: str = "Accountant", **fields) -> Candidate:
    """A candidate whose profile matches by skills (or not at all), indexed for search."""
    candidate = CandidateFactory(
        first_name=first_name,
        last_name="Example",
        current_title=title,
        current_company="Acme",
        location="Springfield",
        **fields,
    )
    Candidate.objects.filter(pk=candidate.pk).update(skills=skills)
    candidate.refresh_from_db()
    candidate_reindex([candidate.pk])
    return candidate


def past_application(candidate, *, stage: str, status: str = ApplicationStatus.REJECTED, job=None):
    """An earlier application that got as far as `stage`, then ended with `status`."""
    job = job or JobFactory(title="Backend Engineer", status="filled")
    application = ApplicationFactory(candidate=candidate, job=job)
    job_services.application_move(
        application=application, stage=job.stages.get(name=stage), actor=None
    )
    if status == ApplicationStatus.REJECTED:
        job_services.application_reject(
            application=application, actor=None, reason=RejectionReasonFactory(name="Not now")
        )
    elif status == ApplicationStatus.HIRED:
        job_services.application_hire(application=application, actor=None)
    return application


def consent(candidate, *, until, pool_name: str = "Platform engineers") -> PoolMember:
    pool, _ = TalentPool.objects.get_or_create(name=pool_name)
    return PoolMember.objects.create(
        pool=pool,
        candidate=candidate,
        consent_given_at=until - timedelta(days=700),
        consent_expires_at=until,
    )
