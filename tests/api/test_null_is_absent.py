"""API clients send `null` for a field they leave out: an optional field given `null` takes
its default (or, in a PATCH, stays as it was); a required one is still refused by name."""

from datetime import timedelta

from django.utils import timezone


def test_null_optional_fields_of_a_logged_touch_take_their_defaults(recruiter_api, candidate):
    response = recruiter_api.post(
        f"/candidates/{candidate.pk}/activities",
        {
            "kind": "call",
            "direction": None,
            "outcome": None,
            "subject": None,
            "body": "Talked it through",
            "private": None,
            "application_id": None,
            "callback_at": None,
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["direction"] == "outbound"
    assert response.json()["outcome"] == ""


def test_null_skip_fields_when_rejecting_are_absent(recruiter_api, application, reason):
    response = recruiter_api.post(
        f"/applications/{application.pk}/reject",
        {
            "reason": reason.name,
            "template_id": None,
            "skip_reason": "phone",
            "skip_note": None,
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "rejected"


def test_a_null_in_a_patch_leaves_the_field_as_it_was(recruiter_api, candidate):
    response = recruiter_api.patch(
        f"/candidates/{candidate.pk}", {"last_name": None, "location": "Lyon"}
    )
    assert response.status_code == 200, response.json()
    candidate.refresh_from_db()
    assert candidate.location == "Lyon"
    assert candidate.last_name


def test_a_null_note_on_a_reminder_is_no_note(recruiter_api, candidate):
    due = (timezone.now() + timedelta(days=1)).isoformat()
    response = recruiter_api.post(
        "/followups",
        {"candidate_id": candidate.pk, "due_at": due, "note": None, "assignee": None},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["note"] == ""


def test_a_required_field_sent_as_null_is_still_refused_by_name(recruiter_api, candidate):
    response = recruiter_api.post(f"/candidates/{candidate.pk}/activities", {"kind": None})
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == ["kind"]
