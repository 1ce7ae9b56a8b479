"""The interview plan pages of a pipeline template and of a job, and what new jobs copy."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ghostless.jobs.models import PipelineTemplate, PlannedInterview
from ghostless.timeline.models import AuditEntry
from tests.conftest import client_for
from tests.factories import JobFactory
from tests.parsed_html import find, texts

pytestmark = pytest.mark.django_db


def row(index=0, **fields):
    return {
        f"title-{index}": fields.get("title", "Pairing"),
        f"duration-{index}": fields.get("duration", "90"),
        f"attributes-{index}": fields.get("attributes", "Coding\nCollaboration\n"),
        f"questions-{index}": fields.get("questions", "Refactor this module."),
        f"instructions-{index}": fields.get("instructions", "Let them type."),
    }


@pytest.fixture
def template(db):
    return PipelineTemplate.objects.get(is_default=True)


def test_an_admin_plans_a_template_stage_and_new_jobs_copy_it(admin, template):
    stage = template.stages.order_by("order")[3]
    url = f"/interviews/plans/templates/{template.pk}/"
    client = client_for(admin)
    page = client.get(url)
    assert page.status_code == 200
    assert "No interviews are planned yet" in " ".join(texts(page, "p", class_="empty"))
    response = client.post(url, {"stage": stage.pk, "rows": "1", **row()})
    assert response.status_code == 302
    planned = PlannedInterview.objects.get(template_stage=stage)
    assert planned.attributes == ["Coding", "Collaboration"]
    assert planned.duration_minutes == 90
    assert AuditEntry.objects.filter(event="interview_plan_changed").exists()
    job = JobFactory(title="Copied")
    copied = PlannedInterview.objects.get(stage__job=job)
    assert (copied.title, copied.questions) == ("Pairing", ["Refactor this module."])
    page = client.get(url)
    assert find(page, "input", id=f"p{stage.pk}-title-0").get("value") == "Pairing"


def test_a_recruiter_may_not_edit_a_template_plan(recruiter, template):
    url = f"/interviews/plans/templates/{template.pk}/"
    assert client_for(recruiter).get(url).status_code == 404
    stage = template.stages.first()
    response = client_for(recruiter).post(url, {"stage": stage.pk, "rows": "1", **row()})
    assert response.status_code == 403


def test_a_recruiter_changes_a_jobs_own_plan(recruiter, job):
    stage = job.stages.order_by("order")[2]
    url = f"/interviews/plans/jobs/{job.pk}/"
    client = client_for(recruiter)
    client.post(url, {"stage": stage.pk, "rows": "2", **row(0), **row(1, title="Values")})
    assert list(stage.planned_interviews.values_list("title", flat=True)) == ["Pairing", "Values"]
    # Clearing a row removes that interview.
    blank = row(0, title="", attributes="", questions="", instructions="")
    client.post(url, {"stage": stage.pk, "rows": "2", **blank, **row(1, title="Values")})
    assert list(stage.planned_interviews.values_list("title", flat=True)) == ["Values"]


def test_a_bad_row_shows_the_error_and_keeps_the_input(recruiter, job):
    stage = job.stages.first()
    url = f"/interviews/plans/jobs/{job.pk}/"
    bad = row(attributes="Depth\ndepth")
    page = client_for(recruiter).post(url, {"stage": stage.pk, "rows": "1", **bad})
    assert page.status_code == 200
    assert "depth is listed twice." in texts(page, "p", class_="errors")
    assert find(page, "textarea", id=f"p{stage.pk}-attributes-0").text.strip() == "Depth\ndepth"
    assert not PlannedInterview.objects.exists()


def test_hiring_managers_do_not_edit_plans(hiring_manager, job):
    assert client_for(hiring_manager).get(f"/interviews/plans/jobs/{job.pk}/").status_code == 404


def test_the_stage_editors_link_to_the_plan(admin, job, template):
    stages = client_for(admin).get(f"/jobs/{job.pk}/stages/")
    assert find(stages, "a", href=f"/interviews/plans/jobs/{job.pk}/") is not None
    page = client_for(admin).get(f"/jobs/settings/templates/{template.pk}/")
    assert find(page, "a", href=f"/interviews/plans/templates/{template.pk}/") is not None


def test_the_plan_page_costs_the_same_with_more_planned_interviews(recruiter, job):
    url = f"/interviews/plans/jobs/{job.pk}/"
    client = client_for(recruiter)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for stage in job.stages.all():
        PlannedInterview.objects.create(stage=stage, title="Extra", attributes=["A"])
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first)
