"""Every failure under /api/ answers JSON with a `detail`, never Django's HTML pages."""

import json

import pytest


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_a_body_over_the_size_limit_is_a_json_413(recruiter_api, settings):
    big = json.dumps({"first_name": "N", "notes": "x" * (5 * 1024 * 1024)})
    response = recruiter_api.send_raw("POST", "/candidates", big)
    assert_json_error(response, 413)
    assert f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/nowhere", "/candidates/1/nothing", "/../v1x"])
def test_an_unknown_api_path_is_a_json_404(recruiter_api, path):
    assert_json_error(recruiter_api.get(path), 404)


def test_an_unknown_api_version_is_a_json_404(recruiter_api):
    assert_json_error(recruiter_api.client.get("/api/v2/candidates"), 404)


def test_a_wrong_method_is_a_json_405_with_allow(recruiter_api):
    response = recruiter_api.client.delete("/api/v1/candidates")
    assert_json_error(response, 405)
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}


def test_malformed_json_is_a_json_400(recruiter_api):
    assert_json_error(recruiter_api.send_raw("POST", "/candidates", "{"), 400)


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic cml0YTpwdw=="])
def test_failed_authentication_is_a_json_401(db, client, header):
    headers = {"Authorization": header} if header else {}
    assert_json_error(client.get("/api/v1/candidates", headers=headers), 401)


def test_web_pages_keep_their_html_404(client, recruiter):
    client.force_login(recruiter)
    response = client.get("/candidates/nowhere/at/all")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
