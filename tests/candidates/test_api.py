import pytest

from ghostless.candidates.models import Candidate
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory


def new_candidate(**fields):
    return {"first_name": "Nina", "last_name": "New", **fields}


# List


def test_list_returns_items_and_count_with_contact_details(recruiter_api, candidate):
    body = recruiter_api.get("/candidates").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == candidate.pk
    assert item["emails"] == ["cara@example.org"]
    assert item["owner"] == "rita"


def test_list_filters_like_the_ui(recruiter_api, application, recruiter, other_recruiter):
    other = CandidateFactory(first_name="Olga", owner=other_recruiter, source="LinkedIn")
    recruiter_api.patch(f"/candidates/{other.pk}", {"tags": ["Python"]})

    def ids(**params):
        return [c["id"] for c in recruiter_api.get("/candidates", params).json()["items"]]

    cara = application.candidate.pk
    assert ids(job=application.job_id) == [cara]
    assert ids(stage=application.stage_id, status="active") == [cara]
    assert ids(status="hired") == []
    assert ids(owner="ray") == [other.pk]
    assert ids(tag="python") == [other.pk]
    assert ids(source="linkedin") == [other.pk]
    assert ids(q="olga") == [other.pk]


def test_list_pages_with_limit_and_offset(recruiter_api, recruiter):
    CandidateFactory.create_batch(3, owner=recruiter)
    body = recruiter_api.get("/candidates", {"limit": 2, "offset": 2}).json()
    assert body["count"] == 3
    assert len(body["items"]) == 1


def test_list_serves_at_most_100_at_once(recruiter_api, recruiter):
    CandidateFactory.create_batch(101, owner=recruiter)
    body = recruiter_api.get("/candidates", {"limit": 500}).json()
    assert body["count"] == 101
    assert len(body["items"]) == 100


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"offset": -1}, {"job": "abc"}, {"status": "sleeping"}, {"limit": "many"}],
)
def test_list_refuses_bad_parameters_naming_them(recruiter_api, params):
    response = recruiter_api.get("/candidates", params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]


def test_hiring_manager_lists_only_candidates_of_their_jobs(manager_api, application):
    stranger = ApplicationFactory(job=JobFactory()).candidate
    ids = [c["id"] for c in manager_api.get("/candidates").json()["items"]]
    assert ids == [application.candidate_id]
    assert stranger.pk not in ids


# One candidate


def test_detail_includes_applications(recruiter_api, application):
    body = recruiter_api.get(f"/candidates/{application.candidate_id}").json()
    [app] = body["applications"]
    assert app["id"] == application.pk
    assert app["job_title"] == "Backend Engineer"
    assert app["stage"]["name"] == "Sourced"
    assert app["status"] == "active"


def test_hiring_manager_sees_only_their_jobs_applications_on_a_candidate(manager_api, application):
    ApplicationFactory(candidate=application.candidate, job=JobFactory(title="Elsewhere"))
    body = manager_api.get(f"/candidates/{application.candidate_id}").json()
    assert [a["job_title"] for a in body["applications"]] == ["Backend Engineer"]


def test_hiring_manager_gets_404_for_other_jobs_candidates(outsider_api, application):
    response = outsider_api.get(f"/candidates/{application.candidate_id}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_hiring_manager_gets_404_for_a_candidate_on_no_job(manager_api, candidate):
    assert manager_api.get(f"/candidates/{candidate.pk}").status_code == 404


@pytest.mark.parametrize("pk", ["987654", "9223372036854775807"])
def test_nonexistent_candidate_is_404(recruiter_api, db, pk):
    assert recruiter_api.get(f"/candidates/{pk}").status_code == 404


@pytest.mark.parametrize("pk", ["abc", "0", "99999999999999999999999"])
def test_impossible_candidate_id_is_422(recruiter_api, db, pk):
    assert recruiter_api.get(f"/candidates/{pk}").status_code == 422


# Create


def test_create_normalizes_contacts_and_defaults_owner_to_the_caller(recruiter_api):
    response = recruiter_api.post(
        "/candidates",
        new_candidate(
            emails=[" Nina@Example.COM "],
            phones=["(415) 555-0100"],
            tags=["Python", "python", "Go"],
            linkedin_url="https://www.linkedin.com/in/nina",
            custom_fields={"notice_period": "1 month"},
        ),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["emails"] == ["nina@example.com"]
    assert body["phones"] == ["+14155550100"]
    assert sorted(body["tags"]) == ["go", "python"]
    assert body["owner"] == "rita"
    assert body["custom_fields"] == {"notice_period": "1 month"}
    assert body["applications"] == []
    assert Candidate.objects.get(pk=body["id"]).name == "Nina New"


def test_create_with_another_owner_or_null_for_the_caller(recruiter_api, other_recruiter):
    assert recruiter_api.post("/candidates", new_candidate(owner="ray")).json()["owner"] == "ray"
    # A candidate added by hand always has an owner: null means "left out", the caller.
    assert recruiter_api.post("/candidates", new_candidate(owner=None)).json()["owner"] == "rita"


def test_duplicate_email_is_409_naming_the_existing_candidate(recruiter_api, candidate):
    response = recruiter_api.post("/candidates", new_candidate(emails=["CARA@example.org"]))
    assert response.status_code == 409
    body = response.json()
    assert body["candidate_id"] == candidate.pk
    assert body["field"] == "emails"
    assert Candidate.objects.count() == 1


def test_duplicate_phone_is_409_naming_the_existing_candidate(recruiter_api, candidate):
    recruiter_api.patch(f"/candidates/{candidate.pk}", {"phones": ["+1 415 555 0100"]})
    response = recruiter_api.post("/candidates", new_candidate(phones=["415-555-0100"]))
    assert response.status_code == 409
    assert response.json()["candidate_id"] == candidate.pk


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"emails": ["not-an-email"]}, "emails"),
        ({"phones": ["call me maybe"]}, "phones"),
        ({"owner": "nobody"}, "owner"),
        ({"owner": "hana"}, "owner"),
        ({"first_name": "   "}, "first_name"),
    ],
)
def test_create_refuses_invalid_fields_naming_them(recruiter_api, hiring_manager, fields, field):
    response = recruiter_api.post("/candidates", new_candidate(**fields))
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"first_name": None}, "first_name"),
        ({"linkedin_url": "javascript:alert(1)"}, "linkedin_url"),
        ({"first_name": "x" * 101}, "first_name"),
        ({"emails": "nina@example.com"}, "emails"),
        ({"custom_fields": ["a"]}, "custom_fields"),
        ({"location": "Ber\x00lin"}, "location"),
        ({"custom_fields": {"note": "a\x00b"}}, "custom_fields"),
    ],
)
def test_create_refuses_malformed_fields_naming_them(recruiter_api, fields, field):
    response = recruiter_api.post("/candidates", new_candidate(**fields))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:3] == ["body", "payload", field]


def test_create_refuses_a_body_that_is_not_json(recruiter_api):
    response = recruiter_api.send_raw("POST", "/candidates", "{first_name: Nina")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_hiring_manager_may_not_create_candidates(manager_api):
    response = manager_api.post("/candidates", new_candidate())
    assert response.status_code == 403
    assert "detail" in response.json()
    assert not Candidate.objects.exists()


# Update


def test_patch_changes_only_the_given_fields(recruiter_api, candidate):
    before = recruiter_api.get(f"/candidates/{candidate.pk}").json()
    response = recruiter_api.patch(
        f"/candidates/{candidate.pk}", {"current_title": "Staff Engineer", "tags": ["remote"]}
    )
    assert response.status_code == 200
    after = response.json()
    assert after["current_title"] == "Staff Engineer"
    assert after["tags"] == ["remote"]
    unchanged = set(before) - {"current_title", "tags", "updated_at"}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}


def test_patch_owner_by_username_and_clearing_it(recruiter_api, candidate, other_recruiter):
    url = f"/candidates/{candidate.pk}"
    assert recruiter_api.patch(url, {"owner": "ray"}).json()["owner"] == "ray"
    assert recruiter_api.patch(url, {"owner": None}).json()["owner"] is None


def test_patch_replaces_emails(recruiter_api, candidate):
    body = recruiter_api.patch(
        f"/candidates/{candidate.pk}", {"emails": ["new@example.org", "cara@example.org"]}
    ).json()
    assert body["emails"] == ["new@example.org", "cara@example.org"]


def test_patch_to_another_candidates_email_is_409(recruiter_api, candidate, recruiter):
    other = CandidateFactory(owner=recruiter, emails=["other@example.org"])
    response = recruiter_api.patch(f"/candidates/{candidate.pk}", {"emails": ["other@example.org"]})
    assert response.status_code == 409
    assert response.json()["candidate_id"] == other.pk


# A `null` for a field that cannot hold it is a field left out: tests/api/test_null_is_absent.py.
@pytest.mark.parametrize("body", [{"first_name": ""}, {"owner": "nobody"}])
def test_patch_refuses_invalid_fields(recruiter_api, candidate, body):
    response = recruiter_api.patch(f"/candidates/{candidate.pk}", body)
    assert response.status_code == 422
    candidate.refresh_from_db()
    assert candidate.first_name == "Cara"


def test_hiring_manager_may_not_edit_their_jobs_candidates(manager_api, application):
    response = manager_api.patch(f"/candidates/{application.candidate_id}", {"first_name": "X"})
    assert response.status_code == 403
    application.candidate.refresh_from_db()
    assert application.candidate.first_name == "Cara"


def test_hiring_manager_gets_404_patching_other_candidates(outsider_api, application):
    response = outsider_api.patch(f"/candidates/{application.candidate_id}", {"first_name": "X"})
    assert response.status_code == 404


def test_a_misspelt_field_is_refused_not_ignored(recruiter_api, candidate):
    response = recruiter_api.patch(f"/candidates/{candidate.pk}", {"frist_name": "Kara"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "frist_name"]


def test_list_walks_every_candidate_once_by_its_next_links(recruiter_api, recruiter):
    made = CandidateFactory.create_batch(7, owner=recruiter)
    # Two share a creation time: the id breaks the tie, so neither is skipped nor repeated.
    type(made[0]).objects.filter(pk=made[3].pk).update(created_at=made[4].created_at)
    seen, url, params = [], "/candidates", {"limit": 3}
    while url:
        body = recruiter_api.get(url, params).json()
        assert body["count"] == 7 and body["capped"] is False
        seen += [item["id"] for item in body["items"]]
        url, params = body["next"], None
        if url:
            assert url.startswith("http://testserver/api/v1/candidates?") and "limit=3" in url
            url = url.removeprefix("http://testserver/api/v1")
    assert sorted(seen) == sorted(c.pk for c in made) and len(seen) == 7


def test_list_counts_up_to_a_cap(recruiter_api, recruiter, settings, monkeypatch):
    monkeypatch.setattr("ghostless.api.paging.DEFAULT_CAP", 4)
    CandidateFactory.create_batch(6, owner=recruiter)
    body = recruiter_api.get("/candidates", {"limit": 2}).json()
    assert (body["count"], body["capped"]) == (4, True)
    assert body["next"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"cursor": "not-a-cursor"}, "cursor"), ({"cursor": "MjAyNnwx", "offset": 2}, "offset")],
)
def test_list_refuses_a_cursor_it_did_not_give(recruiter_api, recruiter, params, field):
    CandidateFactory.create_batch(2, owner=recruiter)
    response = recruiter_api.get("/candidates", params)
    assert response.status_code == 422 and response.json()["field"] == field
