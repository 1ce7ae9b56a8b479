"""The status page reads a fixed number of queries however many applications a candidate has,
in whatever situations (the bench's "candidate status page" times it: under 50 ms)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ghostless.interviews.models import Interview
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Job, JobStatus
from ghostless.loop.services import application_reject_and_tell
from ghostless.messaging.models import EmailTemplate
from ghostless.pools.models import TalentPool
from ghostless.pools.services import consent_record, pool_add
from ghostless.resumes.services import resume_add
from tests.factories import ApplicationFactory, JobFactory
from tests.status.conftest import page_path

pytestmark = pytest.mark.django_db


def every_situation(candidate, recruiter, reason, n: int) -> None:
    """n applications in each state the page tells apart."""
    rejection = EmailTemplate.objects.get(purpose="rejection")
    for i in range(n):
        active = ApplicationFactory(candidate=candidate, job=JobFactory(title=f"Active {i}"))
        Interview.objects.create(
            application=active,
            title="Chat",
            starts_at=timezone.now() + timedelta(days=i + 1),
            duration_minutes=30,
        )
        held = ApplicationFactory(candidate=candidate, job=JobFactory(title=f"Held {i}"))
        job_services.job_update(job=held.job, actor=None, status=JobStatus.ON_HOLD)
        hired = ApplicationFactory(candidate=candidate, job=JobFactory(title=f"Hired {i}"))
        job_services.application_hire(application=hired, actor=None)
        left = ApplicationFactory(candidate=candidate, job=JobFactory(title=f"Left {i}"))
        job_services.application_withdraw(application=left, actor=None)
        rejected = ApplicationFactory(candidate=candidate, job=JobFactory(title=f"Rejected {i}"))
        application_reject_and_tell(
            application=rejected, actor=recruiter, reason=reason, template=rejection
        )
        for status in (JobStatus.FILLED, JobStatus.CLOSED):
            # Ended with Cara untold: the page's case of a close-out not yet sent.
            ended = ApplicationFactory(candidate=candidate, job=JobFactory(title=f"{status} {i}"))
            Job.objects.filter(pk=ended.job_id).update(status=status)


@pytest.mark.parametrize("n", [1, 3])
def test_every_situation_at_once_reads_the_same_queries_for_any_number(
    client,
    candidate,
    recruiter,
    reason,
    n,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        every_situation(candidate, recruiter, reason, n)
    pool = TalentPool.objects.create(name="Engineers")
    pool_add(pool=pool, candidate=candidate, actor=recruiter)
    consent_record(pool=pool, candidate=candidate)
    candidate.phones.create(phone="+14155550100")
    resume_add(candidate=candidate, upload=SimpleUploadedFile("cv.txt", b"Cara"), actor=None)
    path = page_path(candidate)
    client.get(path)  # the visit's timeline entry is written once

    # The 9 of the plain page (see test_views_page) and the letters the closed ones were sent.
    with django_assert_num_queries(10):
        page = client.get(path)

    assert len(page.context["cards"]) == 7 * n
    assert {card.state for card in page.context["cards"]} == {
        "active",
        "on_hold",
        "hired",
        "withdrawn",
        "rejected",
        "filled",
        "closed",
    }
