import pytest

from ghostless.jobs import services as job_services
from ghostless.jobs.models import RejectionReason
from tests.factories import ApplicationFactory, CandidateFactory
from tests.messaging.conftest import smtp  # noqa: F401


@pytest.fixture
def filled_reason(db):
    return RejectionReason.objects.get(name="Position filled or closed")


def fill_job(job, n, *, screened=0):
    """n applicants on the job; the first is hired, the next `screened` reached Screen."""
    applications = [
        ApplicationFactory(
            job=job,
            candidate=CandidateFactory(
                first_name=f"Ann{i:03}", last_name="Applicant", emails=[f"ann{i}@example.org"]
            ),
        )
        for i in range(n)
    ]
    screen = job.stages.get(name="Screen")
    for application in applications[1 : 1 + screened]:
        job_services.application_move(application=application, stage=screen, actor=None)
    job_services.application_hire(application=applications[0], actor=None)
    job_services.job_update(job=job, actor=None, status="filled")
    return applications


def ensure_defaults():
    """Transactional tests flush the migrations' data: bring back what close-outs need."""
    from ghostless.messaging.models import EmailTemplate

    RejectionReason.objects.get_or_create(name="Position filled or closed")
    for purpose in ("position_filled", "rejection"):
        EmailTemplate.objects.get_or_create(
            name=f"Default {purpose}",
            defaults={
                "purpose": purpose,
                "subject": "About {{ job.title }}",
                "body": "Hi {{ candidate.first_name }}, we filled the role. Thank you.",
            },
        )
