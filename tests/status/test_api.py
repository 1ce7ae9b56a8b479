"""The staff side: a status link to give by phone or text, and a withdrawal told by phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ghostless.accounts.models import Role
from ghostless.status.links import candidate_for_token
from ghostless.timeline.models import Activity, EventKind
from tests.api_clients import api_for
from tests.factories import UserFactory
from tests.status.conftest import path_of, token_of


def test_a_recruiter_gets_a_working_link_and_when_it_expires(
    recruiter_api, application, client, settings
):
    body = recruiter_api.get(f"/candidates/{application.candidate_id}/status-link").json()

    assert set(body) == {"url", "expires_at"}
    assert body["url"].startswith(settings.SITE_URL + "/status/")
    assert candidate_for_token(token_of(body["url"])) == application.candidate
    expires = parse_datetime(body["expires_at"])
    expected = timezone.now() + timedelta(days=settings.STATUS_LINK_DAYS)
    assert abs(expires - expected) < timedelta(minutes=1)
    assert client.get(path_of(body["url"])).status_code == 200


def test_an_admin_may_too(admin_api, candidate):
    assert admin_api.get(f"/candidates/{candidate.pk}/status-link").status_code == 200


def test_a_hiring_manager_is_refused_even_for_her_own_jobs_candidate(manager_api, application):
    refused = manager_api.get(f"/candidates/{application.candidate_id}/status-link")

    assert refused.status_code == 403
    assert "detail" in refused.json()


@pytest.fixture
def interviewer(db):
    return UserFactory(username="ivan", role=Role.INTERVIEWER)


def test_an_interviewer_is_refused(interviewer, candidate):
    response = api_for(interviewer).get(f"/candidates/{candidate.pk}/status-link")

    assert response.status_code in (403, 404)
    assert "url" not in response.json()


def test_an_unknown_candidate_is_404(recruiter_api, db):
    assert recruiter_api.get("/candidates/999999/status-link").status_code == 404


def test_staff_withdraw_with_the_candidates_reason(recruiter_api, application):
    response = recruiter_api.post(
        f"/applications/{application.pk}/withdraw", {"reason": "Accepted another offer"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    entry = Activity.objects.get(payload__event=EventKind.STATUS_CHANGED.value)
    assert entry.payload["reason"] == "Accepted another offer"
    assert entry.subject == "Backend Engineer: withdrawn (Accepted another offer)"


def test_staff_withdraw_without_a_body_still_works(recruiter_api, application):
    # What `curl -X POST` sends: no body at all, as before the optional reason existed.
    url = f"/api/v1/applications/{application.pk}/withdraw"
    response = recruiter_api.client.generic("POST", url, b"")

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"


def test_a_reason_too_long_is_a_422_naming_it(recruiter_api, application):
    response = recruiter_api.post(f"/applications/{application.pk}/withdraw", {"reason": "x" * 201})

    assert response.status_code == 422
    assert "reason" in str(response.json())
