import pytest

from ghostless.jobs.models import Job
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory


def test_list_jobs_with_stages_and_people(recruiter_api, job):
    body = recruiter_api.get("/jobs").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["title"] == "Backend Engineer"
    assert item["hiring_manager"] == "hana"
    assert item["recruiters"] == ["rita"]
    assert item["status"] == "open"
    assert [s["name"] for s in item["stages"]][:2] == ["Sourced", "Applied"]
    assert set(item["stages"][0]) == {
        "id",
        "name",
        "order",
        "role",
        "candidate_name",
        "candidate_description",
        "hear_back_days",
    }
    # What candidates read: the role's default until someone writes the stage's own words.
    applied = item["stages"][1]
    assert applied["candidate_name"] == "Application received"
    assert applied["candidate_description"] == "We are reading your application."


def test_list_jobs_filters_by_status_and_text(recruiter_api, job):
    JobFactory(title="Designer", department="Product", status="draft")
    assert [
        j["title"] for j in recruiter_api.get("/jobs", {"status": "draft"}).json()["items"]
    ] == ["Designer"]
    assert [j["title"] for j in recruiter_api.get("/jobs", {"q": "backend"}).json()["items"]] == [
        "Backend Engineer"
    ]


def test_hiring_manager_lists_only_their_jobs(manager_api, job):
    JobFactory(title="Someone else's")
    assert [j["title"] for j in manager_api.get("/jobs").json()["items"]] == ["Backend Engineer"]


def test_get_a_job(recruiter_api, job):
    body = recruiter_api.get(f"/jobs/{job.pk}").json()
    assert body["id"] == job.pk
    assert [(s["name"], s["role"]) for s in body["stages"]] == [
        ("Sourced", "sourced"), ("Applied", "applied"), ("Contacted", ""), ("Screen", "screen"),
        ("Interview", "interview"), ("Offer", "offer"), ("Hired", "hired"), ("Onboarding", ""),
    ]  # fmt: skip


def test_hiring_manager_gets_404_for_other_jobs(outsider_api, job):
    assert outsider_api.get(f"/jobs/{job.pk}").status_code == 404
    assert outsider_api.get(f"/jobs/{job.pk}/applications").status_code == 404
    assert outsider_api.patch(f"/jobs/{job.pk}", {"title": "Mine"}).status_code == 404


def test_nonexistent_job_is_404(recruiter_api, db):
    assert recruiter_api.get("/jobs/4242").status_code == 404


def test_create_a_job_with_the_default_pipeline(recruiter_api, hiring_manager, other_recruiter):
    response = recruiter_api.post(
        "/jobs",
        {
            "title": "Data Engineer",
            "department": "Data",
            "employment_type": "contract",
            "status": "open",
            "hiring_manager": "hana",
            "recruiters": ["rita", "ray"],
            "openings": 2,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["hiring_manager"] == "hana"
    assert sorted(body["recruiters"]) == ["ray", "rita"]
    assert body["employment_type"] == "contract"
    assert [s["name"] for s in body["stages"]][0] == "Sourced"
    assert [s["order"] for s in body["stages"]] == sorted(s["order"] for s in body["stages"])


def test_created_job_defaults_to_a_draft_recruited_by_the_caller(recruiter_api):
    body = recruiter_api.post("/jobs", {"title": "Designer"}).json()
    assert body["status"] == "draft"
    assert body["recruiters"] == ["rita"]
    assert body["hiring_manager"] is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"hiring_manager": "nobody"}, "hiring_manager"),
        ({"recruiters": ["nobody"]}, "recruiters"),
        ({"openings": 0}, "openings"),
    ],
)
def test_create_job_refuses_invalid_fields_naming_them(recruiter_api, fields, field):
    response = recruiter_api.post("/jobs", {"title": "Designer", **fields})
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"status": "paused"}, "status"),
        ({"employment_type": "gig"}, "employment_type"),
        ({"openings": 100000}, "openings"),
        ({"openings": "two"}, "openings"),
        ({"title": None}, "title"),
    ],
)
def test_create_job_refuses_malformed_fields_naming_them(recruiter_api, fields, field):
    response = recruiter_api.post("/jobs", {"title": "Designer", **fields})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", field]


def test_hiring_manager_may_not_create_or_edit_jobs(manager_api, job):
    assert manager_api.post("/jobs", {"title": "Mine"}).status_code == 403
    response = manager_api.patch(f"/jobs/{job.pk}", {"title": "Mine"})
    assert response.status_code == 403
    assert "detail" in response.json()
    job.refresh_from_db()
    assert job.title == "Backend Engineer"


def test_patch_a_job_changes_only_the_given_fields(recruiter_api, job, other_recruiter):
    response = recruiter_api.patch(f"/jobs/{job.pk}", {"status": "on_hold", "recruiters": ["ray"]})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "on_hold"
    assert body["recruiters"] == ["ray"]
    assert body["title"] == "Backend Engineer"
    assert body["hiring_manager"] == "hana"


def test_patch_clears_the_hiring_manager(recruiter_api, job):
    assert (
        recruiter_api.patch(f"/jobs/{job.pk}", {"hiring_manager": None}).json()["hiring_manager"]
        is None
    )


# `{"recruiters": null}` is "left out" (tests/api/test_null_is_absent.py), not an error.
@pytest.mark.parametrize("body", [{"title": ""}, {"status": "paused"}, {"recruiters": "ray"}])
def test_patch_job_refuses_invalid_fields(recruiter_api, job, body):
    assert recruiter_api.patch(f"/jobs/{job.pk}", body).status_code == 422
    job.refresh_from_db()
    assert job.status == "open"


# Applications on a job


def test_job_applications_list_everyone_on_the_job(recruiter_api, application):
    ApplicationFactory(job=JobFactory())
    body = recruiter_api.get(f"/jobs/{application.job_id}/applications").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["candidate"] == {
        "id": application.candidate_id,
        "first_name": "Cara",
        "last_name": "Candidate",
    }
    assert item["stage"]["name"] == "Sourced"
    assert item["status"] == "active"


def test_job_applications_filter_by_stage_and_status(recruiter_api, application, recruiter):
    job = application.job
    applied = job.stages.get(name="Applied")
    moved = ApplicationFactory(job=job, candidate=CandidateFactory(owner=recruiter))
    recruiter_api.post(f"/applications/{moved.pk}/move", {"stage_id": applied.pk})
    recruiter_api.post(f"/applications/{application.pk}/withdraw")

    def ids(**params):
        response = recruiter_api.get(f"/jobs/{job.pk}/applications", params)
        return [a["id"] for a in response.json()["items"]]

    assert ids(stage=applied.pk) == [moved.pk]
    assert ids(status="withdrawn") == [application.pk]
    assert ids(status="active", limit=1) == [moved.pk]
    assert recruiter_api.get(f"/jobs/{job.pk}/applications", {"stage": "x"}).status_code == 422


def test_hiring_manager_sees_their_jobs_applications(manager_api, application):
    response = manager_api.get(f"/jobs/{application.job_id}/applications")
    assert response.status_code == 200
    assert response.json()["count"] == 1
