import pytest

from tests.reports.conftest import RANGE

pytestmark = pytest.mark.django_db


def test_days_to_hire_and_fill_per_month_and_job(world, recruiter_api):
    data = recruiter_api.get("/reports/time-to-hire", RANGE).json()
    # a6 applied 20 February 09:00, hired 4 March 09:00; Sales Lead opened 20 February 09:00,
    # filled 6 March 12:00.
    assert data["total"] == {
        "hires": 1,
        "median_days_to_hire": 12.0,
        "p90_days_to_hire": 12.0,
        "jobs_filled": 1,
        "median_days_to_fill": 14.1,
        "p90_days_to_fill": 14.1,
    }
    assert [m["month"] for m in data["months"]] == ["2026-03"]
    assert {(j["job"], j["hires"], j["jobs_filled"]) for j in data["jobs"]} == {
        ("Backend Engineer", 1, 0),
        ("Sales Lead", 0, 1),
    }


def test_manager_and_owner_filter(world, manager_api, recruiter_api, recruiter):
    mine = manager_api.get("/reports/time-to-hire", RANGE).json()["total"]
    assert (mine["hires"], mine["jobs_filled"]) == (1, 0)  # Sales Lead is Otto's
    owned = recruiter_api.get("/reports/time-to-hire", {**RANGE, "owner_id": recruiter.pk})
    assert (owned.json()["total"]["hires"], owned.json()["total"]["jobs_filled"]) == (1, 0)


def test_page_and_csv(world, recruiter_client):
    body = recruiter_client.get("/reports/time-to-hire/", RANGE).content.decode()
    assert 'canvas data-chart="hire-chart"' in body
    response = recruiter_client.get("/reports/time-to-hire/", {**RANGE, "format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[1] == "total,,Everyone,1,12.0,12.0,1,14.1,14.1"
