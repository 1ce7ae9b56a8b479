import pytest
from django.http import Http404

from ghostless.candidates.selectors import access_candidate, candidate_list
from ghostless.jobs.selectors import access_application, access_job
from ghostless.search.quick_find import candidate_find
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory


def test_hiring_manager_sees_only_her_jobs_and_their_candidates(application, hiring_manager):
    other = ApplicationFactory(job=JobFactory(title="Elsewhere"))
    loner = CandidateFactory()
    assert access_job(hiring_manager, application.job_id) == application.job
    assert access_candidate(hiring_manager, application.candidate_id) == application.candidate
    assert access_application(hiring_manager, application.pk) == application
    for load, pk in [
        (access_job, other.job_id),
        (access_candidate, other.candidate_id),
        (access_candidate, loner.pk),
        (access_application, other.pk),
    ]:
        with pytest.raises(Http404):
            load(hiring_manager, pk)
    assert list(candidate_list(user=hiring_manager)) == [application.candidate]


def test_outsider_sees_nothing_of_hanas_jobs(application, outsider):
    with pytest.raises(Http404):
        access_job(outsider, application.job_id)
    assert list(candidate_list(user=outsider)) == []


def test_recruiters_see_everyone(application, other_recruiter):
    assert access_candidate(other_recruiter, application.candidate_id)
    assert access_job(other_recruiter, application.job_id)


def test_list_filters_match_within_one_application(application, recruiter):
    job = application.job
    screen = job.stages.get(name="Screen")
    assert list(candidate_list(user=recruiter, job=job.pk)) == [application.candidate]
    assert list(candidate_list(user=recruiter, job=job.pk, stage=screen.pk)) == []
    assert list(candidate_list(user=recruiter, status="rejected")) == []
    assert list(candidate_list(user=recruiter, owner="rita")) == [application.candidate]
    assert list(candidate_find(user=recruiter, q="cara@EXAMPLE")) == [application.candidate]
