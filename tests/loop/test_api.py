import json

from ghostless.jobs.models import Application
from ghostless.messaging.models import EmailTemplate, Message
from tests.api_clients import PREFIX
from tests.loop.conftest import fill_job
from tests.messaging import conftest as messaging_fixtures

# The real SMTP server, requested by name below.
smtp = messaging_fixtures.smtp


def close_out(api, job, key="", body=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return api.client.post(
        f"{PREFIX}/jobs/{job.pk}/close-out",
        json.dumps(body or {}),
        "application/json",
        **headers,
    )


def test_loop_lists_who_is_still_untold(recruiter_api, job):
    applications = fill_job(job, 3)
    body = recruiter_api.get(f"/jobs/{job.pk}/loop").json()
    assert (body["told"], body["total"], body["untold"]) == (0, 2, 2)
    assert {a["id"] for a in body["untold_applications"]} == {a.pk for a in applications[1:]}


def test_closing_a_job_with_untold_applicants_answers_409_with_their_ids(recruiter_api, job):
    applications = fill_job(job, 3)
    response = recruiter_api.patch(f"/jobs/{job.pk}", {"status": "closed"})
    assert response.status_code == 409
    assert sorted(response.json()["application_ids"]) == sorted(a.pk for a in applications[1:])


def test_close_out_retried_with_the_same_key_sends_once_then_the_job_closes(
    smtp, recruiter_api, job, django_capture_on_commit_callbacks
):
    fill_job(job, 4)
    with django_capture_on_commit_callbacks(execute=True):
        first = close_out(recruiter_api, job, key="abc", body={"reason": "Hired another candidate"})
    with django_capture_on_commit_callbacks(execute=True):
        again = close_out(recruiter_api, job, key="abc", body={"reason": "Hired another candidate"})
    assert first.status_code == 202 and again.json()["id"] == first.json()["id"]
    assert len(smtp.messages) == 3
    progress = recruiter_api.get(f"/jobs/{job.pk}/close-out").json()
    assert progress | {"id": 0} == {
        "id": 0,
        "total": 3,
        "sent": 3,
        "queued": 0,
        "failed": 0,
        "skipped": 0,
        "done": True,
        "resumed": False,
        "not_sent": [],
    }
    reasons = set(
        Application.objects.filter(status="rejected").values_list(
            "rejection_reason__name", flat=True
        )
    )
    assert reasons == {"Hired another candidate"}
    assert recruiter_api.patch(f"/jobs/{job.pk}", {"status": "closed"}).status_code == 200


def test_close_out_takes_a_template_per_group(
    smtp, recruiter_api, job, django_capture_on_commit_callbacks
):
    fill_job(job, 3)
    chosen = EmailTemplate.objects.filter(purpose="rejection").first()
    first_stage = job.stages.order_by("order").first()
    with django_capture_on_commit_callbacks(execute=True):
        response = close_out(
            recruiter_api,
            job,
            body={"templates": [{"stage_order": first_stage.order, "template_id": chosen.pk}]},
        )
    assert response.status_code == 202
    assert set(Message.objects.values_list("template_id", flat=True)) == {chosen.pk}


def test_hiring_managers_cannot_close_out(manager_api, job):
    fill_job(job, 2)
    assert close_out(manager_api, job).status_code == 403
    assert manager_api.get(f"/jobs/{job.pk}/loop").status_code == 200


def test_outsiders_do_not_see_the_loop(outsider_api, job):
    assert outsider_api.get(f"/jobs/{job.pk}/loop").status_code == 404


def test_close_out_progress_is_404_before_any_close_out(recruiter_api, job):
    assert recruiter_api.get(f"/jobs/{job.pk}/close-out").status_code == 404


def test_reject_can_send_the_template(
    smtp, recruiter_api, application, django_capture_on_commit_callbacks
):
    template = EmailTemplate.objects.filter(purpose="rejection").first()
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_api.post(
            f"/applications/{application.pk}/reject",
            {"reason": "Skills do not match", "template_id": template.pk},
        )
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert [m["To"] for m in smtp.messages] == ["cara@example.org"]
    application.refresh_from_db()
    assert application.told_how == "email"


def test_reject_can_schedule_the_template(recruiter_api, application):
    template = EmailTemplate.objects.filter(purpose="rejection").first()
    response = recruiter_api.post(
        f"/applications/{application.pk}/reject",
        {
            "reason": "Skills do not match",
            "template_id": template.pk,
            "send_at": "2031-01-01T09:00:00+01:00",
        },
    )
    assert response.status_code == 200
    message = Message.objects.get()
    assert (message.status, message.send_at.isoformat()) == ("queued", "2031-01-01T08:00:00+00:00")


def test_reject_can_skip_with_a_reason(recruiter_api, application):
    response = recruiter_api.post(
        f"/applications/{application.pk}/reject",
        {"reason": "Skills do not match", "skip_reason": "spam"},
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert (application.status, application.loop_skip_reason) == ("rejected", "Spam or duplicate")
    assert not Message.objects.exists()


def test_reject_refuses_a_template_and_a_skip_together(recruiter_api, application):
    template = EmailTemplate.objects.filter(purpose="rejection").first()
    response = recruiter_api.post(
        f"/applications/{application.pk}/reject",
        {"reason": "Skills do not match", "template_id": template.pk, "skip_reason": "spam"},
    )
    assert response.status_code == 422 and response.json()["field"] == "skip_reason"
    application.refresh_from_db()
    assert application.status == "active"


def test_the_untold_list_pages_by_name_and_counts_everyone(recruiter_api, job):
    applications = fill_job(job, 8, screened=3)
    first = recruiter_api.get(f"/jobs/{job.pk}/loop", {"limit": 4}).json()
    rest = recruiter_api.get(f"/jobs/{job.pk}/loop", {"limit": 4, "offset": 4}).json()
    assert (first["told"], first["total"], first["untold"]) == (0, 7, 7)
    assert rest["untold"] == 7
    names = [a["candidate"] for a in first["untold_applications"] + rest["untold_applications"]]
    assert names == [f"Ann{i:03} Applicant" for i in range(1, 8)]
    screened = first["untold_applications"][0]
    screen = job.stages.get(name="Screen")
    assert screened == {
        "id": applications[1].pk,
        "candidate_id": applications[1].candidate_id,
        "candidate": "Ann001 Applicant",
        "status": "active",
        "stage": "Screen",
        "furthest_stage_order": screen.order,
    }


def test_the_loop_costs_the_same_queries_for_3_and_30_untold(recruiter_api, job):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ApplicationFactory, JobFactory

    other = JobFactory(title="Data Engineer")
    fill_job(job, 3)
    for _ in range(29):
        ApplicationFactory(job=other)
    recruiter_api.get("/me")  # the token's first use is written once; keep it out

    def queries(on):
        with CaptureQueriesContext(connection) as captured:
            body = recruiter_api.get(f"/jobs/{on.pk}/loop", {"limit": 100}).json()
        return len(captured), len(body["untold_applications"])

    assert queries(job)[0] == queries(other)[0]
    assert queries(other)[1] == 29


def test_a_limit_above_100_is_served_as_100_and_bad_paging_is_refused(recruiter_api, job):
    fill_job(job, 2)
    assert recruiter_api.get(f"/jobs/{job.pk}/loop", {"limit": 500}).status_code == 200
    response = recruiter_api.get(f"/jobs/{job.pk}/loop", {"offset": -1})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "offset"
