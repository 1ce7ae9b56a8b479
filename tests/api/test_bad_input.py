"""Whatever is sent, the answer is a JSON error naming what is wrong, never a 500."""

import pytest

WRITES = [
    ("POST", "/candidates"),
    ("PATCH", "/candidates/{candidate}"),
    ("POST", "/candidates/{candidate}/activities"),
    ("POST", "/jobs"),
    ("PATCH", "/jobs/{job}"),
    ("POST", "/applications"),
    ("POST", "/applications/{application}/move"),
    ("POST", "/applications/{application}/reject"),
]

BAD_BODIES = [
    "",
    "{",
    "[]",
    '"text"',
    "null",
    "42",
    '{"first_name": {"nested": true}}',
    '{"kind": ["call"]}',
    '{"title": "\\u0000"}',
    '{"stage_id": 1e400}',
    '{"reason": 12}',
    '{"candidate_id": -1, "job_id": 99999999999999999999999}',
    "\xff\xfe",
]


@pytest.mark.parametrize(("method", "path"), WRITES)
@pytest.mark.parametrize("raw", BAD_BODIES)
def test_malformed_bodies_get_a_json_client_error(recruiter_api, application, method, path, raw):
    url = path.format(
        candidate=application.candidate_id, job=application.job_id, application=application.pk
    )
    response = recruiter_api.send_raw(method, url, raw)
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/candidates?q=%00",
        "/candidates?owner=%00",
        "/candidates?offset=99999999999999999999",
        "/candidates?stage=-3",
        "/jobs?status=%00",
        "/jobs/abc",
        "/jobs/1/applications?status=lost",
        "/candidates/1/timeline?kind=telepathy",
        "/candidates/1/timeline?job=%F0",
        "/applications/-1",
    ],
)
def test_malformed_queries_get_a_json_client_error(recruiter_api, application, path):
    response = recruiter_api.client.get("/api/v1" + path)
    assert response.status_code in (400, 422)
    assert "detail" in response.json()
