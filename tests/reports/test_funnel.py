from datetime import UTC, date, datetime

import pytest
import time_machine

from ghostless.jobs import services
from ghostless.reports.filters import make_filters
from ghostless.reports.funnel import funnel_report
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, UserFactory

pytestmark = pytest.mark.django_db
MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}


@pytest.fixture
def pipeline(hiring_manager, reason):
    """Six applications to Backend Engineer: one left at Sourced, one rejected at Screen, one
    that reached Interview and went back to Screen, one hired from Offer, one withdrawn and
    one waiting at Applied; and one to Sales Lead, another manager's job, at Applied."""
    with time_machine.travel(datetime(2026, 3, 5, 10, tzinfo=UTC), tick=False):
        job = JobFactory(title="Backend Engineer", hiring_manager=hiring_manager)
        stage = {s.role or s.name: s for s in job.stages.all()}
        apps = [
            ApplicationFactory(candidate=CandidateFactory(first_name=f"F{n}"), job=job)
            for n in range(6)
        ]
        for application in apps:
            services.application_move(application=application, stage=stage["sourced"], actor=None)

        def move(application, *roles):
            for role in roles:
                services.application_move(application=application, stage=stage[role], actor=None)
                application.refresh_from_db()

        move(apps[1], "applied", "screen")
        services.application_reject(application=apps[1], actor=None, reason=reason)
        move(apps[2], "applied", "interview", "screen")
        move(apps[3], "applied", "offer")
        services.application_hire(application=apps[3], actor=None)
        move(apps[4], "applied")
        services.application_withdraw(application=apps[4], actor=None)
        move(apps[5], "applied")
        other = JobFactory(title="Sales Lead", hiring_manager=UserFactory(role="hiring_manager"))
        ApplicationFactory(candidate=CandidateFactory(first_name="S"), job=other)
    return job


def _rows(report):
    return [(s.role, s.reached, s.at_furthest, s.conversion) for s in report.stages]


def test_each_application_counted_once_at_its_furthest_stage(pipeline):
    report = funnel_report(actor=None, filters=make_filters(job_id=pipeline.pk, **MARCH))
    assert report.total == 6
    assert report.before_applied == 1
    assert _rows(report) == [
        ("applied", 5, 2, None),
        ("screen", 3, 1, 60.0),
        ("interview", 2, 1, 66.7),
        ("offer", 1, 0, 50.0),
        ("hired", 1, 1, 100.0),
    ]
    assert [s.name for s in report.stages][:2] == ["Applied", "Screen"]  # the job's names


def test_cohort_counts_only_applications_with_an_outcome(pipeline):
    filters = make_filters(job_id=pipeline.pk, **MARCH)
    report = funnel_report(actor=None, filters=filters, cohort=True)
    assert report.total == 3
    assert _rows(report) == [
        ("applied", 3, 1, None),
        ("screen", 2, 1, 66.7),
        ("interview", 1, 0, 50.0),
        ("offer", 1, 0, 100.0),
        ("hired", 1, 1, 100.0),
    ]


def test_manager_funnel_has_only_her_jobs(pipeline, hiring_manager):
    everyone = funnel_report(actor=None, filters=make_filters(**MARCH))
    hers = funnel_report(actor=hiring_manager, filters=make_filters(**MARCH))
    assert (everyone.total, hers.total) == (7, 6)


def test_range_is_by_application_date(pipeline):
    april = funnel_report(
        actor=None, filters=make_filters(start=date(2026, 4, 1), end=date(2026, 4, 30))
    )
    assert april.is_empty


def test_funnel_page_and_csv(pipeline, recruiter_client):
    url = "/reports/funnel/"
    params = {"from": "2026-03-01", "to": "2026-03-31", "job": str(pipeline.pk)}
    response = recruiter_client.get(url, params)
    body = response.content.decode()
    assert 'canvas data-chart="funnel-chart"' in body
    assert "Of 6 applications, reached: Applied 5; Screen 3 (60% of the step before)" in body
    response = recruiter_client.get(url, {**params, "cohort": "1", "format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "role,name,reached,at_furthest,conversion"
    assert lines[1] == "applied,Applied,3,1,"


def test_funnel_api(pipeline, recruiter_api):
    params = {"from": "2026-03-01", "to": "2026-03-31", "job_id": pipeline.pk}
    data = recruiter_api.get("/reports/funnel", params).json()
    assert data["total"] == 6
    assert data["stages"][1] == {
        "role": "screen",
        "name": "Screen",
        "reached": 3,
        "at_furthest": 1,
        "conversion": 60.0,
    }
    assert recruiter_api.get("/reports/funnel", {**params, "cohort": "true"}).json()["total"] == 3


def test_sources_count_applicants_interviews_offers_hires(pipeline, recruiter_api):
    from ghostless.jobs.models import Application

    Application.objects.filter(candidate__first_name__in=["F1", "F3"]).update(source="referral")
    params = {"from": "2026-03-01", "to": "2026-03-31", "job_id": pipeline.pk}
    data = recruiter_api.get("/reports/sources", params).json()
    assert data["sources"] == [
        {
            "source": "careers page",
            "applicants": 4,
            "interviews": 1,  # F2 reached Interview
            "offers": 0,
            "hires": 0,
            "hire_rate": 0.0,
        },
        {
            "source": "referral",
            "applicants": 2,
            "interviews": 1,  # F3, hired from Offer
            "offers": 1,
            "hires": 1,
            "hire_rate": 50.0,
        },
    ]


def test_sources_page_table_and_csv(pipeline, recruiter_client):
    params = {"from": "2026-03-01", "to": "2026-03-31"}
    body = recruiter_client.get("/reports/sources/", params).content.decode()
    assert 'canvas data-chart="sources-chart"' in body
    assert '<th scope="row">careers page</th>' in body
    response = recruiter_client.get("/reports/sources/", {**params, "format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines == [
        "source,applicants,interviews,offers,hires,hire_rate",
        "careers page,7,2,1,1,14.3",
    ]
