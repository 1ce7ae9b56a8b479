import pytest
from django.test import Client

from ghostless.accounts.services import api_token_create, api_token_revoke
from tests.api_clients import ApiClient


def test_missing_token_is_401(anonymous_api, candidate):
    response = anonymous_api.get("/candidates")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize(
    "header", ["Bearer gl_not-a-real-token", "Basic cml0YTpwYXNzd29yZA==", "Bearer", "gl_x"]
)
def test_wrong_or_malformed_token_is_401(db, header):
    response = Client(headers={"Authorization": header}).get("/api/v1/candidates")
    assert response.status_code == 401


def test_revoked_token_is_401(recruiter):
    token, raw = api_token_create(user=recruiter)
    assert ApiClient(raw).get("/me").status_code == 200
    api_token_revoke(token=token)
    assert ApiClient(raw).get("/me").status_code == 401


def test_token_of_an_inactive_user_is_401(recruiter):
    _, raw = api_token_create(user=recruiter)
    recruiter.is_active = False
    recruiter.save()
    assert ApiClient(raw).get("/me").status_code == 401


def test_a_logged_in_browser_session_is_not_enough(recruiter_client):
    assert recruiter_client.get("/api/v1/candidates").status_code == 401


def test_me_names_the_tokens_user_and_role(manager_api):
    body = manager_api.get("/me").json()
    assert body["username"] == "hana"
    assert body["role"] == "hiring_manager"


def test_token_use_is_noted(recruiter):
    token, raw = api_token_create(user=recruiter)
    ApiClient(raw).get("/me")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_openapi_schema_is_served_without_a_token_and_lists_the_paths(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/candidates",
        "/api/v1/candidates/{candidate_id}",
        "/api/v1/candidates/{candidate_id}/timeline",
        "/api/v1/candidates/{candidate_id}/activities",
        "/api/v1/jobs",
        "/api/v1/jobs/{job_id}",
        "/api/v1/jobs/{job_id}/applications",
        "/api/v1/applications",
        "/api/v1/applications/{application_id}",
        "/api/v1/applications/{application_id}/move",
        "/api/v1/applications/{application_id}/reject",
        "/api/v1/applications/{application_id}/hire",
        "/api/v1/applications/{application_id}/withdraw",
        "/api/v1/me",
    ]:
        assert path in paths
    assert set(paths["/api/v1/candidates/{candidate_id}"]) == {"get", "patch"}
    schemes = response.json()["components"]["securitySchemes"].values()
    assert {"type": "http", "scheme": "bearer"} in schemes


def test_old_openapi_address_redirects_to_the_versioned_one(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/openapi.json"
