"""GET /candidates/{id}/duplicates and POST /candidates/{id}/merge."""

import pytest

from ghostless.candidates.models import Candidate, CandidateMerge
from ghostless.candidates.services import candidate_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(recruiter):
    jon = candidate_create(
        actor=recruiter,
        first_name="Jon",
        last_name="Smith",
        linkedin_url="https://www.linkedin.com/in/jsmith",
        current_company="Northwind",
    )
    john = candidate_create(
        actor=recruiter,
        first_name="John",
        last_name="Smith",
        linkedin_url="https://linkedin.com/in/jsmith/",
        current_company="Northwind",
    )
    return jon, john


def test_duplicates_lists_candidates_with_reasons_and_score(recruiter_api, pair):
    jon, john = pair
    response = recruiter_api.get(f"/candidates/{jon.pk}/duplicates")
    assert response.status_code == 200
    [item] = response.json()
    assert item["candidate"]["id"] == john.pk
    assert item["candidate"]["first_name"] == "John"
    assert item["candidate"]["current_company"] == "Northwind"
    assert item["reasons"] == ["Same LinkedIn profile", "Similar name, same company (Northwind)"]
    assert item["score"] == 100


def test_merge_returns_the_survivor_and_the_merge_id(recruiter_api, pair):
    jon, john = pair
    response = recruiter_api.post(f"/candidates/{jon.pk}/merge", {"other_id": john.pk})
    assert response.status_code == 200
    body = response.json()
    assert body["candidate"]["id"] == jon.pk
    merge = CandidateMerge.objects.get()
    assert body["merge_id"] == merge.pk
    assert merge.merged_candidate_id == john.pk
    assert not Candidate.objects.filter(pk=john.pk).exists()
    assert recruiter_api.get(f"/candidates/{jon.pk}/duplicates").json() == []


def test_merge_with_itself_is_422(recruiter_api, pair):
    jon, _ = pair
    response = recruiter_api.post(f"/candidates/{jon.pk}/merge", {"other_id": jon.pk})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "A candidate cannot be merged with itself.",
        "field": "other_id",
    }


@pytest.mark.parametrize("path", ["/candidates/999999/duplicates", "/candidates/999999/merge"])
def test_unknown_candidates_are_404(recruiter_api, path):
    response = (
        recruiter_api.get(path)
        if path.endswith("duplicates")
        else recruiter_api.post(path, {"other_id": 1})
    )
    assert response.status_code == 404


def test_an_unknown_other_id_is_404(recruiter_api, pair):
    jon, _ = pair
    response = recruiter_api.post(f"/candidates/{jon.pk}/merge", {"other_id": 999999})
    assert response.status_code == 404
    assert Candidate.objects.filter(pk=jon.pk).exists()


@pytest.mark.parametrize("body", [{}, {"other_id": "x"}, {"other_id": 0}, {"other_id": 1, "x": 1}])
def test_bad_bodies_are_422(recruiter_api, pair, body):
    jon, _ = pair
    assert recruiter_api.post(f"/candidates/{jon.pk}/merge", body).status_code == 422


def test_hiring_managers_get_403_on_their_candidates_and_404_on_others(
    manager_api, application, pair
):
    cara = application.candidate
    jon, john = pair
    assert manager_api.get(f"/candidates/{cara.pk}/duplicates").status_code == 403
    response = manager_api.post(f"/candidates/{cara.pk}/merge", {"other_id": cara.pk})
    assert response.status_code == 403
    assert manager_api.get(f"/candidates/{jon.pk}/duplicates").status_code == 404
    assert manager_api.post(f"/candidates/{jon.pk}/merge", {"other_id": john.pk}).status_code == 404
    assert Candidate.objects.filter(pk=john.pk).exists()


def test_skills_go_in_and_come_out_cleaned(recruiter_api):
    response = recruiter_api.post(
        "/candidates", {"first_name": "Nina", "skills": " Python,django , Python,, Go "}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["skills"] == "Python, django, Go"
    response = recruiter_api.patch(f"/candidates/{body['id']}", {"skills": "Rust"})
    assert response.json()["skills"] == "Rust"


def test_too_many_skills_are_refused(recruiter_api):
    response = recruiter_api.post("/candidates", {"first_name": "Nina", "skills": "x" * 501})
    assert response.status_code == 422
