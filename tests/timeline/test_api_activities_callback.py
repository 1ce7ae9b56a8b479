"""Logging a touch over the API can promise a call-back, as the web form does: the touch and
its call-back are saved together, or neither is."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from ghostless.followups.models import FollowUp, Reason
from ghostless.timeline.models import Activity

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def log(api, candidate, **fields):
    body = {"kind": "call", "outcome": "connected", "subject": "Wants to talk Friday", **fields}
    return api.post(f"/candidates/{candidate.pk}/activities", body)


def test_a_promised_call_back_lands_in_my_follow_ups(recruiter_api, recruiter, application):
    candidate = application.candidate

    response = log(
        recruiter_api,
        candidate,
        application_id=application.pk,
        callback_at="2025-03-14T15:00:00+01:00",
    )

    assert response.status_code == 201
    followup = FollowUp.objects.get(candidate=candidate, reason=Reason.CALLBACK)
    assert followup.due_at == datetime(2025, 3, 14, 14, 0, tzinfo=UTC)
    assert followup.assignee == recruiter
    assert followup.application == application
    assert followup.note == "Wants to talk Friday"
    queue = recruiter_api.get("/followups").json()["items"]
    assert [(f["candidate_id"], f["reason"]) for f in queue] == [(candidate.pk, "callback")]


def test_a_touch_without_a_call_back_makes_no_follow_up(recruiter_api, candidate):
    assert log(recruiter_api, candidate).status_code == 201
    assert not FollowUp.objects.filter(candidate=candidate, reason=Reason.CALLBACK).exists()


def test_a_call_back_in_the_past_is_refused_and_nothing_is_logged(recruiter_api, candidate):
    before = Activity.objects.filter(candidate=candidate).count()

    response = log(recruiter_api, candidate, callback_at=(NOW - timedelta(hours=1)).isoformat())

    assert response.status_code == 422
    assert response.json()["field"] == "callback_at"
    assert "still to come" in response.json()["detail"]
    assert Activity.objects.filter(candidate=candidate).count() == before
    assert not FollowUp.objects.filter(candidate=candidate).exists()


def test_a_call_back_decades_away_names_its_own_field(recruiter_api, candidate):
    response = log(recruiter_api, candidate, callback_at="2090-01-01T09:00:00Z")

    assert response.status_code == 422
    assert response.json()["field"] == "callback_at"
    assert not Activity.objects.filter(candidate=candidate, subject="Wants to talk Friday").exists()


def test_a_hiring_manager_cannot_promise_a_call_back(manager_api, application):
    before = Activity.objects.filter(candidate=application.candidate).count()

    response = log(
        manager_api,
        application.candidate,
        application_id=application.pk,
        callback_at="2025-03-14T15:00:00Z",
    )

    assert response.status_code == 403
    assert Activity.objects.filter(candidate=application.candidate).count() == before
    assert not FollowUp.objects.filter(candidate=application.candidate).exists()


def test_the_answer_names_the_call_back_it_made(recruiter_api, candidate):
    response = log(recruiter_api, candidate, callback_at="2025-03-14T15:00:00+01:00")

    followup = FollowUp.objects.get(candidate=candidate, reason=Reason.CALLBACK)
    assert response.json()["followup"] == {"id": followup.pk, "due_at": "2025-03-14T14:00:00Z"}
    assert response.json()["kind"] == "call"


def test_the_answer_without_a_call_back_names_none(recruiter_api, candidate):
    assert log(recruiter_api, candidate).json()["followup"] is None
