from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from ghostless.timeline.models import Activity
from tests.factories import ActivityFactory, ApplicationFactory, JobFactory

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def timeline_subjects(api, candidate, **params):
    response = api.get(f"/candidates/{candidate.pk}/timeline", params)
    assert response.status_code == 200
    return [a["subject"] for a in response.json()["items"]]


def test_timeline_is_newest_first_and_paged(recruiter_api, candidate, clock):
    Activity.objects.filter(candidate=candidate).delete()
    for days in (3, 1, 2):
        ActivityFactory(
            candidate=candidate, subject=f"{days} days ago", occurred_at=NOW - timedelta(days)
        )
    assert timeline_subjects(recruiter_api, candidate) == [
        "1 days ago",
        "2 days ago",
        "3 days ago",
    ]
    page = recruiter_api.get(f"/candidates/{candidate.pk}/timeline", {"limit": 1, "offset": 1})
    assert page.json()["count"] == 3
    assert [entry["subject"] for entry in page.json()["items"]] == ["2 days ago"]


def test_timeline_filters_by_kind_and_job(recruiter_api, application):
    candidate = application.candidate
    ActivityFactory(candidate=candidate, kind="note", direction="internal", subject="A note")
    ActivityFactory(
        candidate=candidate, kind="call", application=application, subject="Screen call"
    )
    assert timeline_subjects(recruiter_api, candidate, kind="note") == ["A note"]
    job_entries = timeline_subjects(recruiter_api, candidate, job=application.job_id)
    assert "Screen call" in job_entries
    assert "A note" not in job_entries


def test_timeline_shows_actor_by_username_and_times_with_a_zone(recruiter_api, candidate, clock):
    recruiter_api.post(f"/candidates/{candidate.pk}/activities", {"kind": "call"})
    entry = recruiter_api.get(f"/candidates/{candidate.pk}/timeline").json()["items"][0]
    assert entry["actor"] == "rita"
    assert datetime.fromisoformat(entry["occurred_at"]) == NOW


def test_hiring_manager_never_sees_private_or_other_jobs_activities(manager_api, application):
    candidate = application.candidate
    other_application = ApplicationFactory(candidate=candidate, job=JobFactory())
    ActivityFactory(candidate=candidate, subject="Salary talk", private=True)
    ActivityFactory(candidate=candidate, subject="Other job call", application=other_application)
    ActivityFactory(candidate=candidate, subject="Our job call", application=application)
    subjects = timeline_subjects(manager_api, candidate)
    assert "Our job call" in subjects
    assert "Salary talk" not in subjects
    assert "Other job call" not in subjects


def test_recruiter_sees_private_activities(recruiter_api, candidate):
    ActivityFactory(candidate=candidate, subject="Salary talk", private=True)
    assert "Salary talk" in timeline_subjects(recruiter_api, candidate)


def test_timeline_of_an_invisible_candidate_is_404(outsider_api, application):
    assert outsider_api.get(f"/candidates/{application.candidate_id}/timeline").status_code == 404


# Logging activities


def test_log_a_call_with_outcome_on_an_application(recruiter_api, application, clock):
    candidate = application.candidate
    response = recruiter_api.post(
        f"/candidates/{candidate.pk}/activities",
        {
            "kind": "call",
            "direction": "outbound",
            "outcome": "left_voicemail",
            "subject": "Screening call",
            "body": "Left a message.",
            "occurred_at": "2025-03-10T09:30:00+01:00",
            "application_id": application.pk,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "call"
    assert body["outcome"] == "left_voicemail"
    assert body["job_id"] == application.job_id
    assert body["actor"] == "rita"
    assert datetime.fromisoformat(body["occurred_at"]) == datetime(2025, 3, 10, 8, 30, tzinfo=UTC)
    candidate.refresh_from_db()
    assert candidate.last_contact_at == datetime(2025, 3, 10, 8, 30, tzinfo=UTC)


def test_a_private_note_is_logged(recruiter_api, candidate):
    response = recruiter_api.post(
        f"/candidates/{candidate.pk}/activities",
        {"kind": "note", "direction": "internal", "body": "Wants remote", "private": True},
    )
    assert response.status_code == 201
    assert Activity.objects.get(pk=response.json()["id"]).private


def test_hiring_manager_may_leave_a_note_on_their_candidate(manager_api, application):
    response = manager_api.post(
        f"/candidates/{application.candidate_id}/activities",
        {"kind": "note", "direction": "internal", "body": "Strong interview"},
    )
    assert response.status_code == 201
    assert response.json()["application_id"] == application.pk


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "telegram"}, "kind"),
        ({"kind": "call", "direction": "sideways"}, "direction"),
        ({"kind": "call", "outcome": "maybe"}, "outcome"),
        ({"kind": "call", "occurred_at": "yesterday"}, "occurred_at"),
        ({"kind": "call", "private": "perhaps"}, "private"),
        ({"kind": "call", "application_id": "x"}, "application_id"),
        ({"kind": "call", "body": "a\x00b"}, "body"),
        ({}, "kind"),
    ],
)
def test_logging_refuses_malformed_input_naming_the_field(recruiter_api, candidate, body, field):
    response = recruiter_api.post(f"/candidates/{candidate.pk}/activities", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", field]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "stage_change"}, "kind"),
        ({"kind": "call", "occurred_at": "2025-03-10T09:30:00"}, "occurred_at"),
        ({"kind": "call", "occurred_at": "2025-03-11T09:30:00Z"}, "occurred_at"),
        ({"kind": "call", "application_id": 424242}, "application_id"),
    ],
)
def test_logging_refuses_what_the_timeline_does_not_allow(
    recruiter_api, candidate, clock, body, field
):
    before = Activity.objects.count()
    response = recruiter_api.post(f"/candidates/{candidate.pk}/activities", body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert Activity.objects.count() == before


def test_logging_on_another_candidates_application_is_422(recruiter_api, candidate, application):
    other = ApplicationFactory(job=application.job)
    response = recruiter_api.post(
        f"/candidates/{candidate.pk}/activities", {"kind": "call", "application_id": other.pk}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "application_id"


def test_hiring_manager_cannot_log_on_other_jobs_applications(manager_api, application):
    other = ApplicationFactory(candidate=application.candidate, job=JobFactory())
    response = manager_api.post(
        f"/candidates/{application.candidate_id}/activities",
        {"kind": "note", "application_id": other.pk},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "application_id"


def test_logging_on_an_invisible_candidate_is_404(outsider_api, application):
    response = outsider_api.post(
        f"/candidates/{application.candidate_id}/activities", {"kind": "note"}
    )
    assert response.status_code == 404
