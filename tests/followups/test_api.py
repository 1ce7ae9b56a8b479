from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from ghostless.followups.models import FollowUp
from ghostless.followups.services import followup_create
from tests.factories import ApplicationFactory, JobFactory

LATER = "2031-03-10T09:30:00+01:00"


def remind(user, candidate, *, due_in=timedelta(hours=-1), **fields):
    return followup_create(
        actor=user, candidate=candidate, due_at=timezone.now() + due_in, **fields
    )


@pytest.fixture
def overdue(recruiter, application):
    return remind(recruiter, application.candidate, application=application, note="Call back")


def test_an_item_has_every_field(recruiter_api, overdue, application):
    [item] = recruiter_api.get("/followups").json()["items"]
    for name in ("due_at", "waiting_since", "created_at"):  # served to the millisecond
        served = datetime.fromisoformat(item.pop(name))
        assert abs(served - getattr(overdue, name)) < timedelta(milliseconds=1)
    assert item == {
        "id": overdue.pk,
        "candidate_id": application.candidate_id,
        "application_id": application.pk,
        "interview_id": None,
        "assignee": "rita",
        "reason": "manual",
        "state": "open",
        "note": "Call back",
        "closed_at": None,
        "closed_by": None,
        "closed_by_activity_id": None,
        "closed_how": "",
    }


def test_the_list_filters_by_assignee_state_reason_and_overdue(
    recruiter_api, overdue, other_recruiter, candidate
):
    later = remind(other_recruiter, candidate, due_in=timedelta(days=2), reason="callback")
    done = remind(other_recruiter, candidate)
    FollowUp.objects.filter(pk=done.pk).update(state="done")

    def ids(**params):
        return [f["id"] for f in recruiter_api.get("/followups", params).json()["items"]]

    assert ids(assignee="me") == [overdue.pk]
    assert ids(assignee="ray") == [done.pk, later.pk]
    assert ids(assignee="nobody") == []
    assert ids(state="done") == [done.pk]
    assert ids(reason="callback") == [later.pk]
    assert ids(overdue="true") == [overdue.pk]
    assert ids(overdue="false", state="open") == [later.pk]


def test_the_list_pages_like_the_others(recruiter_api, recruiter, candidate):
    for _ in range(3):
        remind(recruiter, candidate)
    body = recruiter_api.get("/followups", {"limit": 2, "offset": 2}).json()
    assert body["count"] == 3 and len(body["items"]) == 1


@pytest.mark.parametrize("params", [{"state": "sleeping"}, {"reason": "nope"}, {"overdue": "x"}])
def test_bad_filters_are_refused_naming_them(recruiter_api, params):
    response = recruiter_api.get("/followups", params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]


def test_hiring_managers_read_only_their_jobs_follow_ups(
    manager_api, outsider_api, overdue, recruiter, other_recruiter
):
    stranger = ApplicationFactory(job=JobFactory()).candidate
    remind(recruiter, stranger)
    assert [f["id"] for f in manager_api.get("/followups").json()["items"]] == [overdue.pk]
    assert manager_api.get(f"/followups/{overdue.pk}").status_code == 200
    assert outsider_api.get("/followups").json()["count"] == 0
    assert outsider_api.get(f"/followups/{overdue.pk}").status_code == 404


def test_a_recruiter_makes_a_call_back(recruiter_api, application):
    response = recruiter_api.post(
        "/followups",
        {
            "candidate_id": application.candidate_id,
            "application_id": application.pk,
            "due_at": LATER,
            "note": "Promised Tuesday",
            "reason": "callback",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["reason"], body["assignee"], body["state"]) == ("callback", "rita", "open")
    assert body["due_at"] == "2031-03-10T08:30:00Z"


def test_a_reminder_can_go_to_a_colleague(recruiter_api, candidate, other_recruiter):
    body = recruiter_api.post(
        "/followups", {"candidate_id": candidate.pk, "due_at": LATER, "assignee": "ray"}
    ).json()
    assert body["assignee"] == "ray" and body["reason"] == "manual"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"due_at": "2031-03-10T09:30:00"}, "due_at"),
        ({"assignee": "hana"}, "assignee"),
        ({"assignee": "ghost"}, "assignee"),
        ({"candidate_id": 999}, "candidate_id"),
        ({"application_id": 999}, "application_id"),
    ],
)
def test_bad_input_is_refused_naming_the_field(recruiter_api, candidate, body, field):
    response = recruiter_api.post(
        "/followups", {"candidate_id": candidate.pk, "due_at": LATER, **body}
    )
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_rules_make_the_other_reasons(recruiter_api, candidate):
    response = recruiter_api.post(
        "/followups", {"candidate_id": candidate.pk, "due_at": LATER, "reason": "stale_in_stage"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "reason"]


def test_an_application_of_another_candidate_is_refused(recruiter_api, candidate, job):
    other = ApplicationFactory(job=job)
    response = recruiter_api.post(
        "/followups",
        {"candidate_id": candidate.pk, "application_id": other.pk, "due_at": LATER},
    )
    assert response.status_code == 422 and response.json()["field"] == "application_id"


def test_done_and_snooze(recruiter_api, overdue):
    response = recruiter_api.post(f"/followups/{overdue.pk}/snooze", {"until": LATER})
    assert response.status_code == 200
    assert response.json()["state"] == "snoozed"
    assert response.json()["due_at"] == "2031-03-10T08:30:00Z"
    assert recruiter_api.post(f"/followups/{overdue.pk}/done").json()["state"] == "done"
    again = recruiter_api.post(f"/followups/{overdue.pk}/done")
    assert again.status_code == 422 and again.json()["field"] == "state"


def test_snoozing_into_the_past_is_refused(recruiter_api, overdue):
    past = datetime(2020, 1, 1, tzinfo=UTC).isoformat()
    response = recruiter_api.post(f"/followups/{overdue.pk}/snooze", {"until": past})
    assert response.status_code == 422 and response.json()["field"] == "until"


def test_hiring_managers_cannot_act(manager_api, overdue, application):
    assert manager_api.post(f"/followups/{overdue.pk}/done").status_code == 403
    assert manager_api.post(f"/followups/{overdue.pk}/snooze", {"until": LATER}).status_code == 403
    created = manager_api.post(
        "/followups", {"candidate_id": application.candidate_id, "due_at": LATER}
    )
    assert created.status_code == 403
    overdue.refresh_from_db()
    assert overdue.state == "open"


def test_invisible_or_missing_follow_ups_are_not_found(outsider_api, recruiter_api, overdue):
    assert outsider_api.post(f"/followups/{overdue.pk}/done").status_code == 404
    assert recruiter_api.get("/followups/999").status_code == 404


def test_a_token_is_required(anonymous_api, overdue):
    assert anonymous_api.get("/followups").status_code == 401
    assert anonymous_api.post(f"/followups/{overdue.pk}/done").status_code == 401
