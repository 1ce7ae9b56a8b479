"""The interview deadlines and the follow-ups they make, over the API."""

from datetime import timedelta

from ghostless.jobs.models import Application
from tests.interviews.deadlines_cast import FRIDAY, MINUTE, interview, interviewer, run_at


def test_a_job_shows_and_changes_its_deadlines(recruiter_api, job):
    body = recruiter_api.get(f"/jobs/{job.pk}").json()
    assert (body["feedback_due_hours"], body["decision_due_days"]) == (24, 2)
    assert {"hear_back_days": None}.items() <= body["stages"][0].items()
    body = recruiter_api.patch(f"/jobs/{job.pk}", {"feedback_due_hours": 8}).json()
    assert body["feedback_due_hours"] == 8
    job.refresh_from_db()
    assert job.feedback_due_hours == 8


def test_a_deadline_out_of_range_names_its_field(recruiter_api, job):
    response = recruiter_api.patch(f"/jobs/{job.pk}", {"decision_due_days": 0})
    assert response.status_code == 422
    assert "decision_due_days" in response.text
    response = recruiter_api.patch(f"/jobs/{job.pk}", {"feedback_due_hours": 241})
    assert response.status_code == 422
    assert "feedback_due_hours" in response.text
    # null is "left out", as for every field of the API.
    assert recruiter_api.patch(f"/jobs/{job.pk}", {"feedback_due_hours": None}).status_code == 200
    job.refresh_from_db()
    assert (job.feedback_due_hours, job.decision_due_days) == (24, 2)


def test_a_new_job_takes_the_templates_deadlines_unless_given(recruiter_api):
    body = recruiter_api.post("/jobs", {"title": "Designer"}).json()
    assert (body["feedback_due_hours"], body["decision_due_days"]) == (24, 2)
    body = recruiter_api.post("/jobs", {"title": "Writer", "decision_due_days": 5}).json()
    assert body["decision_due_days"] == 5


def test_an_application_shows_its_promise(recruiter_api, application):
    promised = FRIDAY + timedelta(days=7)
    Application.objects.filter(pk=application.pk).update(hear_back_by=promised)
    body = recruiter_api.get(f"/applications/{application.pk}").json()
    assert body["hear_back_by"].startswith("2026-11-27T10:00:00")


def test_feedback_due_follow_ups_are_listed_by_reason_with_their_interview(admin_api, application):
    ivy = interviewer("ivy")
    meeting = interview(application, ivy)
    run_at(FRIDAY + timedelta(days=3, hours=1) + MINUTE)
    [item] = admin_api.get("/followups?reason=feedback_due").json()["items"]
    assert (item["reason"], item["interview_id"], item["assignee"]) == (
        "feedback_due",
        meeting.pk,
        "ivy",
    )
