import pytest

from ghostless.jobs.models import Application, ApplicationStatus
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, RejectionReasonFactory


def test_put_a_candidate_on_a_job_at_its_applied_stage(recruiter_api, candidate, job):
    response = recruiter_api.post(
        "/applications", {"candidate_id": candidate.pk, "job_id": job.pk, "source": "referral"}
    )
    assert response.status_code == 201
    body = response.json()
    applied = job.stages.get(name="Applied")
    assert body["stage"] == {
        "id": applied.pk,
        "name": "Applied",
        "order": 1,
        "role": "applied",
        "candidate_name": "Application received",
        "candidate_description": "We are reading your application.",
    }
    assert body["status"] == "active"
    assert body["source"] == "referral"
    assert body["job_title"] == "Backend Engineer"
    assert [c["to_stage"]["name"] for c in body["stage_changes"]] == ["Applied"]
    assert body["stage_changes"][0]["actor"] == "rita"


def test_put_a_sourced_candidate_at_the_stage_named_by_id(recruiter_api, candidate, job):
    sourced = job.stages.get(role="sourced")
    response = recruiter_api.post(
        "/applications", {"candidate_id": candidate.pk, "job_id": job.pk, "stage_id": sourced.pk}
    )
    assert response.status_code == 201
    assert response.json()["stage"]["role"] == "sourced"


def test_a_stage_of_another_job_is_422_on_stage_id(recruiter_api, candidate, job):
    other = JobFactory().stages.first()
    response = recruiter_api.post(
        "/applications", {"candidate_id": candidate.pk, "job_id": job.pk, "stage_id": other.pk}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "stage_id"
    assert not Application.objects.exists()


def test_duplicate_application_is_409_naming_the_existing_one(recruiter_api, application):
    response = recruiter_api.post(
        "/applications", {"candidate_id": application.candidate_id, "job_id": application.job_id}
    )
    assert response.status_code == 409
    assert response.json()["application_id"] == application.pk
    assert Application.objects.count() == 1


def test_application_for_an_unknown_candidate_is_422(recruiter_api, job):
    response = recruiter_api.post("/applications", {"candidate_id": 4242, "job_id": job.pk})
    assert response.status_code == 422
    assert response.json()["field"] == "candidate_id"


def test_application_for_an_invisible_job_is_422(outsider_api, application, outsider):
    own_candidate = ApplicationFactory(job=JobFactory(hiring_manager=outsider)).candidate
    response = outsider_api.post(
        "/applications", {"candidate_id": own_candidate.pk, "job_id": application.job_id}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "job_id"


def test_application_with_missing_fields_is_422(recruiter_api, db):
    response = recruiter_api.post("/applications", {"job_id": "x"})
    assert response.status_code == 422
    locs = [error["loc"][-1] for error in response.json()["detail"]]
    assert set(locs) == {"candidate_id", "job_id"}


def test_hiring_manager_may_not_add_applications(manager_api, application):
    other = CandidateFactory()
    ApplicationFactory(
        candidate=other, job=JobFactory(hiring_manager=application.job.hiring_manager)
    )
    response = manager_api.post(
        "/applications", {"candidate_id": other.pk, "job_id": application.job_id}
    )
    assert response.status_code == 403


def test_get_application_with_stage_status_and_history(recruiter_api, application):
    body = recruiter_api.get(f"/applications/{application.pk}").json()
    assert body["candidate"]["id"] == application.candidate_id
    assert body["stage"] == {
        "id": application.stage_id,
        "name": "Sourced",
        "order": 0,
        "role": "sourced",
        "candidate_name": "Your application is with the hiring team",
        "candidate_description": "They are looking at it and will be in touch.",
    }
    assert body["status"] == "active"
    assert body["rejection_reason"] is None
    assert len(body["stage_changes"]) == 1


def test_hiring_manager_gets_404_for_other_jobs_applications(outsider_api, application):
    url = f"/applications/{application.pk}"
    assert outsider_api.get(url).status_code == 404
    assert outsider_api.post(f"{url}/move", {"stage_id": application.stage_id}).status_code == 404
    assert outsider_api.post(f"{url}/reject", {"reason": "Skills do not match"}).status_code == 404
    assert outsider_api.post(f"{url}/hire").status_code == 404
    assert outsider_api.post(f"{url}/withdraw").status_code == 404


def test_nonexistent_application_is_404(recruiter_api, db):
    assert recruiter_api.get("/applications/4242").status_code == 404
    assert recruiter_api.post("/applications/4242/hire").status_code == 404


def test_move_records_the_change(recruiter_api, application):
    screen = application.job.stages.get(name="Screen")
    response = recruiter_api.post(f"/applications/{application.pk}/move", {"stage_id": screen.pk})
    assert response.status_code == 200
    body = response.json()
    assert body["stage"]["name"] == "Screen"
    last = body["stage_changes"][-1]
    assert (last["from_stage"]["name"], last["to_stage"]["name"], last["actor"]) == (
        "Sourced",
        "Screen",
        "rita",
    )


def test_move_to_another_jobs_stage_is_422(recruiter_api, application):
    foreign = JobFactory().stages.first()
    response = recruiter_api.post(f"/applications/{application.pk}/move", {"stage_id": foreign.pk})
    assert response.status_code == 422
    assert response.json()["field"] == "stage_id"
    application.refresh_from_db()
    assert application.stage.name == "Sourced"


@pytest.mark.parametrize("stage_id", [4242, "x", None])
def test_move_to_a_stage_that_does_not_exist_is_422(recruiter_api, application, stage_id):
    response = recruiter_api.post(f"/applications/{application.pk}/move", {"stage_id": stage_id})
    assert response.status_code == 422


def test_reject_takes_the_reason_name_in_any_case(recruiter_api, application):
    response = recruiter_api.post(
        f"/applications/{application.pk}/reject", {"reason": "  skills DO NOT match "}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "rejected"
    assert body["rejection_reason"] == "Skills do not match"


def test_reject_with_unknown_reason_is_422_naming_the_valid_ones(recruiter_api, application):
    RejectionReasonFactory(name="Retired reason", active=False)
    response = recruiter_api.post(
        f"/applications/{application.pk}/reject", {"reason": "Retired reason"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "reason"
    assert "Skills do not match" in body["detail"]
    assert "Skills do not match" in body["choices"]
    assert "Retired reason" not in body["choices"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE


def test_reject_without_a_reason_is_422(recruiter_api, application):
    response = recruiter_api.post(f"/applications/{application.pk}/reject", {})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "reason"]


def test_hire_moves_to_the_hired_stage(recruiter_api, application):
    body = recruiter_api.post(f"/applications/{application.pk}/hire").json()
    assert body["status"] == "hired"
    assert body["stage"]["name"] == "Hired"


def test_withdraw(recruiter_api, application):
    body = recruiter_api.post(f"/applications/{application.pk}/withdraw").json()
    assert body["status"] == "withdrawn"


def test_closed_applications_cannot_be_hired_moved_or_withdrawn(recruiter_api, application):
    url = f"/applications/{application.pk}"
    recruiter_api.post(f"{url}/withdraw")
    stage = application.job.stages.last()
    for response in (
        recruiter_api.post(f"{url}/hire"),
        recruiter_api.post(f"{url}/withdraw"),
        recruiter_api.post(f"{url}/reject", {"reason": "Skills do not match"}),
        recruiter_api.post(f"{url}/move", {"stage_id": stage.pk}),
    ):
        assert response.status_code == 422
        assert response.json()["field"] in {"status", "stage_id"}


@pytest.mark.parametrize("action", ["move", "reject", "hire", "withdraw"])
def test_hiring_manager_may_see_but_not_act_on_applications(manager_api, application, action):
    body = {
        "move": {"stage_id": application.job.stages.get(name="Screen").pk},
        "reject": {"reason": "Skills do not match"},
    }.get(action)
    assert manager_api.get(f"/applications/{application.pk}").status_code == 200
    response = manager_api.post(f"/applications/{application.pk}/{action}", body)
    assert response.status_code == 403
    assert response.json()["detail"]
    application.refresh_from_db()
    assert (application.status, application.stage.name) == ("active", "Sourced")
