"""Three people to find, made through the services (which keep the index up to date), and
past candidates to suggest for a new opening."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from ghostless.candidates.models import Candidate
from ghostless.jobs import services as job_services
from ghostless.jobs.models import ApplicationStatus
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.search.index import candidate_reindex
from ghostless.timeline.services import activity_log
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, RejectionReasonFactory
from tests.search.helpers import add_person, set_resume_text


@pytest.fixture
def people(recruiter):
    ada = add_person(
        recruiter,
        first_name="Ada",
        last_name="Lovelace",
        current_title="Staff Engineer",
        current_company="Analytical Engines",
        skills="Python, Kubernetes",
        location="London",
        emails=["ada.lovelace@example.com"],
        phones=["+44 20 7946 0958"],
        tags=["silver-medalist"],
    )
    jose = add_person(
        recruiter,
        first_name="José",
        last_name="Müller",
        current_title="Data Scientist",
        current_company="Zahlen AG",
        skills="Machine Learning, Python",
        location="Zürich",
        emails=["jose@zahlen.example"],
        custom_fields={"Languages": "Deutsch, Español"},
    )
    grace = add_person(
        recruiter,
        first_name="Grace",
        last_name="Hopper",
        current_title="Compiler Engineer",
        current_company="Navy Labs",
        location="Arlington",
        emails=["grace@navy.example"],
        phones=["(415) 555-0100"],
    )
    set_resume_text(grace, "Wrote the first COBOL compiler.\nLed distributed systems teams.")
    activity_log(candidate=grace, actor=recruiter, kind="note", body="Great with machine tooling.")
    activity_log(
        candidate=grace, actor=recruiter, kind="note", body="Asked about zebracorn", private=True
    )
    return SimpleNamespace(ada=ada, jose=jose, grace=grace)


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
