from datetime import UTC, date, datetime

import pytest
import time_machine

from ghostless.jobs import services
from ghostless.reports.filters import make_filters
from ghostless.reports.time_in_stage import p90, time_in_stage_report
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

pytestmark = pytest.mark.django_db


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 9, tzinfo=UTC)


@pytest.fixture
def stays(reason):
    """Ann: Applied 2 (Mon) → Screen 4 (Wed) → Interview 9 (Mon) → rejected 13 (Fri).
    Ben: Applied 2 → Screen 3 (Tue), still there on the 20th (Fri)."""
    job = JobFactory(title="Backend Engineer")
    stage = {s.name: s for s in job.stages.all()}

    def step(day, application, name):
        with time_machine.travel(at(day), tick=False):
            services.application_move(application=application, stage=stage[name], actor=None)
            application.refresh_from_db()

    with time_machine.travel(at(2), tick=False):
        ann = ApplicationFactory(
            candidate=CandidateFactory(first_name="Ann", last_name="Avery"), job=job
        )
        ben = ApplicationFactory(
            candidate=CandidateFactory(first_name="Ben", last_name="Brook"), job=job
        )
        for application in (ann, ben):
            services.application_move(application=application, stage=stage["Applied"], actor=None)
            application.refresh_from_db()
    step(4, ann, "Screen")
    step(3, ben, "Screen")
    step(9, ann, "Interview")
    with time_machine.travel(at(13), tick=False):
        services.application_reject(application=ann, actor=None, reason=reason)
    with time_machine.travel(at(20), tick=False):
        yield job


def test_median_and_p90_business_days_per_stage(stays):
    report = time_in_stage_report(
        actor=None, filters=make_filters(start=date(2026, 3, 1), end=date(2026, 3, 20))
    )
    rows = {s.name: (s.stays, s.median_days, s.p90_days) for s in report.stages}
    assert rows["Applied"] == (2, 1.5, 1.9)  # Ann 2 business days, Ben 1
    assert rows["Screen"] == (1, 3.0, 3.0)  # Ann Wed to Mon; Ben's stay is still open
    assert rows["Interview"] == (1, 4.0, 4.0)  # Mon to Fri, ended by the rejection
    screen = next(s for s in report.stages if s.name == "Screen")
    assert [(slow.name, slow.days) for slow in screen.slowest] == [("Ben Brook", 13.0)]


def test_p90_interpolates():
    assert p90([1.0, 2.0]) == pytest.approx(1.9)
    assert p90([5.0]) == 5.0


def test_page_and_api(stays, recruiter_client, recruiter_api):
    params = {"from": "2026-03-01", "to": "2026-03-20"}
    body = recruiter_client.get("/reports/time-in-stage/", params).content.decode()
    assert 'canvas data-chart="stays-chart"' in body
    assert ">Ben Brook</a>" in body
    data = recruiter_api.get("/reports/time-in-stage", params).json()
    assert {"stage": "Applied", "stays": 2, "median_days": 1.5, "p90_days": 1.9} in data["stages"]
    response = recruiter_api.get("/reports/time-in-stage", {**params, "format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert "Applied,2,1.5,1.9" in lines
