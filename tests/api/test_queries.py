"""Lists cost the same number of queries for 5 rows as for 50."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ActivityFactory, ApplicationFactory, CandidateFactory, JobFactory


def count_queries(api, path: str, expected_rows: int) -> int:
    api.get("/me")  # the token's first use is written down once; keep it out of the count
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path, {"limit": 100})
    assert response.status_code == 200
    assert response.json()["count"] == expected_rows
    return len(queries)


def add_candidates(n, *, job, owner, api):
    for _ in range(n):
        candidate = CandidateFactory(owner=owner)
        api.patch(
            f"/candidates/{candidate.pk}",
            {"phones": [f"+1 415 555 {candidate.pk:04d}"], "tags": ["python", "remote"]},
        )
        ApplicationFactory(candidate=candidate, job=job)


def test_candidate_list_queries_do_not_grow_with_rows(recruiter_api, manager_api, job, recruiter):
    add_candidates(5, job=job, owner=recruiter, api=recruiter_api)
    few = count_queries(recruiter_api, "/candidates", 5)
    few_for_manager = count_queries(manager_api, "/candidates", 5)
    add_candidates(45, job=job, owner=recruiter, api=recruiter_api)
    assert count_queries(recruiter_api, "/candidates", 50) == few
    assert count_queries(manager_api, "/candidates", 50) == few_for_manager


def test_job_list_queries_do_not_grow_with_rows(recruiter_api, recruiter, hiring_manager):
    def add_jobs(n):
        for _ in range(n):
            JobFactory(hiring_manager=hiring_manager, recruiters=[recruiter])

    add_jobs(5)
    few = count_queries(recruiter_api, "/jobs", 5)
    add_jobs(45)
    assert count_queries(recruiter_api, "/jobs", 50) == few


def test_job_applications_queries_do_not_grow_with_rows(recruiter_api, job, recruiter):
    def add_applications(n):
        for _ in range(n):
            ApplicationFactory(job=job, candidate=CandidateFactory(owner=recruiter))

    add_applications(5)
    few = count_queries(recruiter_api, f"/jobs/{job.pk}/applications", 5)
    add_applications(45)
    assert count_queries(recruiter_api, f"/jobs/{job.pk}/applications", 50) == few


def test_timeline_queries_do_not_grow_with_rows(recruiter_api, application, recruiter):
    candidate = application.candidate
    candidate.activities.all().delete()

    def add_activities(n):
        for _ in range(n):
            ActivityFactory(candidate=candidate, application=application, actor=recruiter)

    add_activities(5)
    few = count_queries(recruiter_api, f"/candidates/{candidate.pk}/timeline", 5)
    add_activities(45)
    assert count_queries(recruiter_api, f"/candidates/{candidate.pk}/timeline", 50) == few
