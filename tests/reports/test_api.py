import csv
import io

import pytest

from tests.api_clients import api_for
from tests.factories import UserFactory
from tests.reports.conftest import RANGE

pytestmark = pytest.mark.django_db


def test_ghosting_rows_by_owner_and_job(world, recruiter_api, recruiter, other_recruiter):
    response = recruiter_api.get("/reports/ghosting", RANGE)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["total"]["applications_decided"] == 5
    assert data["total"]["told_within_2bd"] == 1
    assert data["total"]["never_told"] == 1
    assert data["total"]["replies"] == 4
    assert data["total"]["replies_answered"] == 3
    assert data["total"]["median_answer_hours"] == 18.0
    assert [(r["owner_id"], r["owner"]) for r in data["by_owner"]] == [
        (recruiter.pk, "rita"),
        (other_recruiter.pk, "ray"),
    ]
    assert [(r["job_id"], r["job"]) for r in data["by_job"]] == [
        (world.backend.pk, "Backend Engineer"),
        (world.sales.pk, "Sales Lead"),
    ]


def test_ghosting_filters_as_query_parameters(world, recruiter_api, other_recruiter):
    data = recruiter_api.get("/reports/ghosting", {**RANGE, "owner_id": other_recruiter.pk}).json()
    assert data["total"]["applications_decided"] == 1
    data = recruiter_api.get("/reports/ghosting", {**RANGE, "job_id": world.backend.pk}).json()
    assert data["total"]["applications_decided"] == 4


def test_ghosting_csv(world, recruiter_api):
    response = recruiter_api.get("/reports/ghosting", {**RANGE, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][:4] == ["total", "", "Everyone", "5"]


def test_ghosting_bad_range_is_a_json_error(world, recruiter_api):
    response = recruiter_api.get("/reports/ghosting", {"from": "2026-03-10", "to": "2026-03-01"})
    assert response.status_code == 422
    assert response.json()["detail"] == "The range starts after it ends."


def test_manager_gets_her_jobs_and_interviewer_nothing(world, manager_api):
    data = manager_api.get("/reports/ghosting", RANGE).json()
    assert [r["job"] for r in data["by_job"]] == ["Backend Engineer"]
    interviewer = api_for(UserFactory(username="ivan", role="interviewer"))
    assert interviewer.get("/reports/ghosting", RANGE).status_code == 403


@pytest.mark.parametrize("report", ["ghosting", "sources", "time-to-hire", "funnel"])
def test_an_id_too_large_for_the_database_is_a_json_error(recruiter_api, report):
    answer = recruiter_api.get(f"/reports/{report}", {"owner_id": str(10**30), "job_id": "1"})
    assert answer.status_code == 422
    assert "owner_id" in answer.content.decode()
