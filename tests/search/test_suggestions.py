"""Suggested from your network: who fits a job, in what order, why, and who never shows."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ghostless.core.errors import PermissionDenied
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.resumes.models import ParseStatus, Resume
from ghostless.search.index import candidate_reindex
from ghostless.search.suggestions import job_suggestions, job_words
from tests.factories import ApplicationFactory, JobFactory
from tests.search.conftest import consent, past_application, person


def names(suggestions) -> list[str]:
    return [s.candidate.first_name for s in suggestions]


def test_the_job_is_searched_by_its_skills_title_and_repeated_description_terms(
    platform_job,
):
    words = job_words(platform_job)
    assert words[:3] == ["kubernetes", "terraform", "go"]
    assert "platform" in words and "engineer" in words
    assert "senior" not in words  # says how senior, not what the work is
    assert "clusters" in words  # said twice in the description
    assert "modules" not in words and "patched" not in words  # said once
    assert "our" not in words and "run" not in words  # stop words and short words are dropped


def test_better_text_matches_come_first_with_the_words_they_matched(platform_job, recruiter):
    person("Fits", skills="Kubernetes, Terraform, Go")
    person("Partly", skills="Go")
    person("Nobody", skills="Excel")

    suggestions = job_suggestions(job=platform_job, user=recruiter)

    assert names(suggestions) == ["Fits", "Partly"]
    assert suggestions[0].reasons[0] == "Matches: kubernetes, terraform, go"
    assert suggestions[1].reasons == ["Matches: go"]
    assert suggestions[0].score > suggestions[1].score


def test_a_word_only_in_the_resume_is_a_match(platform_job, recruiter):
    buried = person("Buried")
    Resume.objects.create(
        candidate=buried,
        file="resumes/x",
        original_filename="cv.txt",
        content_type="text/plain",
        size=10,
        sha256="0" * 64,
        text="Wrote Terraform for every environment.",
        parse_status=ParseStatus.PARSED,
    )
    candidate_reindex([buried.pk])

    [suggestion] = job_suggestions(job=platform_job, user=recruiter)

    assert suggestion.candidate == buried
    assert suggestion.reasons == ["Matches: terraform"]


def test_reaching_a_late_stage_before_lifts_a_candidate(platform_job, recruiter):
    early = person("Early", skills="Kubernetes, Go")
    late = person("Late", skills="Kubernetes, Go")
    past_application(early, stage="Applied")
    past_application(late, stage="Interview")

    suggestions = job_suggestions(job=platform_job, user=recruiter)

    assert names(suggestions) == ["Late", "Early"]
    assert "Reached Interview for Backend Engineer" in suggestions[0].reasons
    assert not any(r.startswith("Reached") for r in suggestions[1].reasons)


@time_machine.travel(datetime(2026, 1, 10, 9, tzinfo=UTC), tick=False)
def test_active_consent_lifts_a_candidate_and_says_until_when(platform_job, recruiter):
    lapsed = person("Lapsed", skills="Kubernetes, Go")
    willing = person("Willing", skills="Kubernetes, Go")
    consent(lapsed, until=datetime(2025, 12, 1, tzinfo=UTC))
    consent(willing, until=datetime(2027, 3, 15, 12, tzinfo=UTC))

    suggestions = job_suggestions(job=platform_job, user=recruiter)

    assert names(suggestions) == ["Willing", "Lapsed"]
    assert suggestions[0].reasons[-1] == "Consented until Mar 2027"
    assert not any(r.startswith("Consented") for r in suggestions[1].reasons)


def test_people_on_the_job_unsubscribed_or_just_hired_are_not_suggested(platform_job, recruiter):
    ApplicationFactory(candidate=person("OnJob", skills="Kubernetes"), job=platform_job)
    person("OptedOut", skills="Kubernetes", unsubscribed_at=timezone.now())
    just_hired = person("JustHired", skills="Kubernetes")
    past_application(just_hired, stage="Offer", status=ApplicationStatus.HIRED)
    long_ago = person("LongAgo", skills="Kubernetes")
    hired = past_application(long_ago, stage="Offer", status=ApplicationStatus.HIRED)
    Application.objects.filter(pk=hired.pk).update(
        status_changed_at=timezone.now() - timedelta(days=200)
    )
    person("Free", skills="Kubernetes")

    suggestions = job_suggestions(job=platform_job, user=recruiter)

    assert sorted(names(suggestions)) == ["Free", "LongAgo"]
    long_ago_reasons = next(s.reasons for s in suggestions if s.candidate == long_ago)
    assert "Hired before for Backend Engineer" in long_ago_reasons


def test_the_limit_caps_the_list(platform_job, recruiter):
    for n in range(4):
        person(f"P{n}", skills="Kubernetes")
    assert len(job_suggestions(job=platform_job, user=recruiter, limit=3)) == 3


def test_hiring_managers_cannot_ask_for_suggestions(platform_job, hiring_manager):
    person("Fits", skills="Kubernetes")
    with pytest.raises(PermissionDenied):
        job_suggestions(job=platform_job, user=hiring_manager)


def test_a_job_nobody_matches_has_no_suggestions(recruiter):
    job = JobFactory(title="Zookeeper", skills="", description="")
    person("Fits", skills="Kubernetes")
    assert job_suggestions(job=job, user=recruiter) == []


def _populate(job, n: int, start: int) -> None:
    for i in range(start, start + n):
        candidate = person(f"Cand{i}", skills="Kubernetes, Go")
        if i % 2:
            past_application(candidate, stage="Interview", job=JobFactory(title=f"Old {i}"))
        if i % 3:
            consent(candidate, until=timezone.now() + timedelta(days=90), pool_name=f"Pool {i}")


def test_suggestions_cost_the_same_queries_for_5_or_30_candidates(platform_job, recruiter):
    _populate(platform_job, 5, 0)
    with CaptureQueriesContext(connection) as few:
        assert len(job_suggestions(job=platform_job, user=recruiter, limit=50)) == 5
    _populate(platform_job, 25, 5)
    with CaptureQueriesContext(connection) as many:
        assert len(job_suggestions(job=platform_job, user=recruiter, limit=50)) == 30
    assert len(many) == len(few)
