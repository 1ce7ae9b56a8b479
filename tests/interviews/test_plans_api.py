"""GET and PUT /jobs/{id}/interview-plan."""

import json

import pytest

from ghostless.jobs.models import PlannedInterview
from ghostless.timeline.models import AuditEntry
from tests.api_clients import api_for

pytestmark = pytest.mark.django_db


def put(api, job, body):
    return api.send_raw("PUT", f"/jobs/{job.pk}/interview-plan", json.dumps(body))


def test_put_replaces_a_stage_plan_and_get_reads_it_back(job, recruiter):
    stage = job.stages.order_by("order")[2]
    api = api_for(recruiter)
    plan = {
        "title": "System design",
        "duration_minutes": 45,
        "attributes": ["Architecture", "Trade-offs"],
        "questions": ["Design a feed."],
        "instructions": "Let them drive.",
    }
    response = put(api, job, {"stages": [{"stage_id": stage.pk, "interviews": [plan]}]})
    assert response.status_code == 200, response.content
    stages = api.get(f"/jobs/{job.pk}/interview-plan").json()["stages"]
    assert [s["stage_id"] for s in stages] == list(
        job.stages.order_by("order", "id").values_list("pk", flat=True)
    )
    planned = next(s for s in stages if s["stage_id"] == stage.pk)
    assert planned["name"] == stage.name
    assert [{k: v for k, v in i.items() if k != "id"} for i in planned["interviews"]] == [plan]
    assert AuditEntry.objects.filter(event="interview_plan_changed", subject_id=stage.pk).exists()


def test_an_unknown_stage_is_refused_naming_the_field_and_nothing_is_written(
    job, other_job, recruiter
):
    mine = job.stages.first()
    theirs = other_job.stages.first()
    body = {
        "stages": [
            {"stage_id": mine.pk, "interviews": [{"title": "Screen"}]},
            {"stage_id": theirs.pk, "interviews": [{"title": "Sneaky"}]},
        ]
    }
    response = put(api_for(recruiter), job, body)
    assert response.status_code == 422
    assert response.json()["field"] == "stages[1].stage_id"
    assert not PlannedInterview.objects.exists()


@pytest.mark.parametrize(
    ("interview", "field"),
    [
        ({"title": "  "}, "stages[0].interviews[0].title"),
        ({"title": "A", "attributes": ["Depth", "depth"]}, "stages[0].interviews[0].attributes"),
        ({"title": "A", "attributes": ["x" * 61]}, "stages[0].interviews[0].attributes"),
        ({"title": "A", "questions": ["q"] * 26}, "stages[0].interviews[0].questions"),
        ({"title": "A", "duration_minutes": 0}, "stages[0].interviews[0].duration_minutes"),
    ],
)
def test_a_bad_planned_interview_is_refused_naming_it(job, recruiter, interview, field):
    body = {"stages": [{"stage_id": job.stages.first().pk, "interviews": [interview]}]}
    response = put(api_for(recruiter), job, body)
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_the_hiring_manager_reads_the_plan_but_may_not_change_it(job, hiring_manager):
    api = api_for(hiring_manager)
    assert api.get(f"/jobs/{job.pk}/interview-plan").status_code == 200
    body = {"stages": [{"stage_id": job.stages.first().pk, "interviews": [{"title": "X"}]}]}
    assert put(api, job, body).status_code == 403


def test_another_managers_job_is_a_404(job, outsider):
    assert api_for(outsider).get(f"/jobs/{job.pk}/interview-plan").status_code == 404
