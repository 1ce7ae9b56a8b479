"""Pages cost the same number of queries for 5 rows as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ghostless.jobs.models import RejectionReason
from ghostless.jobs.services import application_move, application_reject
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory


@pytest.fixture(autouse=True)
def one_page(settings):
    settings.PAGE_SIZE = 100


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill_job(job, n, recruiter):
    """n applicants spread over stages, with owners, contacts and a few rejections."""
    stages = list(job.stages.all())
    reason = RejectionReason.objects.first()
    for i in range(n):
        candidate = CandidateFactory(owner=recruiter)
        application = ApplicationFactory(candidate=candidate, job=job)
        application_move(application=application, stage=stages[i % 6], actor=recruiter)
        if i % 5 == 4:
            application_reject(application=application, actor=recruiter, reason=reason)


@pytest.mark.parametrize("url_name", ["jobs:detail", "jobs:board"])
def test_job_page_and_board_queries_do_not_grow_with_applicants(
    recruiter_client, recruiter, hiring_manager, url_name
):
    few = JobFactory(hiring_manager=hiring_manager, recruiters=[recruiter])
    many = JobFactory(hiring_manager=hiring_manager, recruiters=[recruiter])
    fill_job(few, 5, recruiter)
    fill_job(many, 50, recruiter)
    few_url, many_url = (reverse(url_name, args=[j.pk]) for j in (few, many))
    assert count_queries(recruiter_client, few_url) == count_queries(recruiter_client, many_url)


def test_job_list_queries_do_not_grow_with_jobs(recruiter_client, recruiter, hiring_manager):
    def make_jobs(n, department):
        for _ in range(n):
            job = JobFactory(department=department, hiring_manager=hiring_manager)
            job.recruiters.add(recruiter)
            ApplicationFactory(job=job)

    make_jobs(5, "Few")
    make_jobs(50, "Many")
    url = reverse("jobs:list")
    few = count_queries(recruiter_client, f"{url}?q=Few")
    many = count_queries(recruiter_client, f"{url}?q=Many")
    assert few == many
