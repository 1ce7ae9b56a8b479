"""Text that cannot be stored (a lone UTF-16 surrogate) is refused with the field named."""

import pytest

from ghostless.candidates.models import Candidate

SURROGATE = '"\\ud800"'

WRITES = [
    ("POST", "/candidates", "first_name"),
    ("PATCH", "/candidates/{candidate}", "first_name"),
    ("POST", "/candidates/{candidate}/activities", "body"),
    ("POST", "/jobs", "title"),
    ("PATCH", "/jobs/{job}", "title"),
    ("POST", "/applications/{application}/reject", "note"),
    ("POST", "/followups", "note"),
    ("POST", "/pools", "name"),
    ("POST", "/templates", "subject"),
    ("POST", "/candidates/{candidate}/messages", "subject"),
]


@pytest.mark.parametrize(("method", "path", "field"), WRITES)
def test_lone_surrogate_is_refused_naming_the_field(
    recruiter_api, application, method, path, field
):
    url = path.format(
        candidate=application.candidate_id, job=application.job_id, application=application.pk
    )
    response = recruiter_api.send_raw(method, url, f'{{"{field}": {SURROGATE}}}')
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert "surrogate" in response.json()["detail"]


def test_surrogate_deep_inside_names_its_path(recruiter_api):
    raw = '{"first_name": "Nina", "custom_fields": {"note": ["ok", "\\udfff"]}}'
    response = recruiter_api.send_raw("POST", "/candidates", raw)
    assert response.status_code == 422
    assert response.json()["field"] == "custom_fields.note.1"
    assert not Candidate.objects.exists()


def test_a_proper_surrogate_pair_is_an_emoji_and_is_kept(recruiter_api):
    raw = '{"first_name": "Nina \\ud83d\\ude00", "last_name": "Novak"}'
    response = recruiter_api.send_raw("POST", "/candidates", raw)
    assert response.status_code == 201
    assert Candidate.objects.get().first_name == "Nina \N{GRINNING FACE}"
