import json

import pytest
from django.test import Client

from ghostless.messaging.models import EmailTemplate, Message
from tests.messaging.test_inbound import email


@pytest.fixture
def mail_to_files(settings, tmp_path):
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    return tmp_path


def send(api, candidate, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return api.client.post(
        f"/api/v1/candidates/{candidate.pk}/messages",
        json.dumps(body),
        "application/json",
        **headers,
    )


def test_sending_answers_202_and_the_message_is_delivered(
    recruiter_api, application, mail_to_files, django_capture_on_commit_callbacks
):
    template = EmailTemplate.objects.get(name="Interview invitation")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            recruiter_api,
            application.candidate,
            {"template_id": template.pk, "application_id": application.pk},
        )
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    assert body["subject"] == "Interview for Backend Engineer at Ghostless Demo Co"
    status = recruiter_api.get(f"/messages/{body['id']}").json()
    assert status["status"] == "sent" and status["attempts"] == 1
    assert status["message_id"].startswith("<")
    assert len(list(mail_to_files.glob("*.eml"))) == 1


def test_a_retried_request_with_the_same_key_sends_once(
    recruiter_api, candidate, mail_to_files, django_capture_on_commit_callbacks
):
    payload = {"subject": "Hi", "body": "Hello {{ candidate.first_name }}"}
    with django_capture_on_commit_callbacks(execute=True):
        first = send(recruiter_api, candidate, payload, key="abc")
        again = send(recruiter_api, candidate, payload, key="abc")
    assert first.json()["id"] == again.json()["id"]
    assert Message.objects.count() == 1
    different = send(recruiter_api, candidate, payload | {"subject": "Other"}, key="abc")
    assert different.status_code == 409


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"subject": "Hi"}, "body"),
        ({"subject": "Hi", "body": "{{ candidate.ssn }}"}, "body"),
        ({"template_id": 99999}, "template_id"),
        ({"subject": "S", "body": "B", "to_email": "stranger@else.example"}, "to_email"),
        ({"subject": "S", "body": "B", "send_at": "2030-01-01T09:00:00"}, "send_at"),
    ],
)
def test_bad_messages_are_refused_naming_the_field(recruiter_api, candidate, payload, field):
    response = send(recruiter_api, candidate, payload)
    assert response.status_code == 422
    assert field in str(response.json())
    assert Message.objects.count() == 0


def test_hiring_managers_cannot_send_and_outsiders_cannot_see(
    manager_api, outsider_api, application
):
    assert (
        send(manager_api, application.candidate, {"subject": "S", "body": "B"}).status_code == 403
    )
    assert (
        send(outsider_api, application.candidate, {"subject": "S", "body": "B"}).status_code == 404
    )


def test_templates_are_listed_created_and_validated(recruiter_api, manager_api):
    listed = recruiter_api.get("/templates", {"purpose": "rejection"}).json()
    assert [t["purpose"] for t in listed] == ["rejection"]
    created = recruiter_api.post(
        "/templates",
        {"name": "Quick", "purpose": "other", "subject": "Hi", "body": "{{ job.title }}"},
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    bad = recruiter_api.patch(f"/templates/{pk}", {"body": "line one\n{{ job.salary }}"})
    assert bad.status_code == 422
    assert "line 2" in bad.json()["detail"] and bad.json()["field"] == "body"
    renamed = recruiter_api.patch(f"/templates/{pk}", {"name": "Quicker"})
    assert renamed.json()["name"] == "Quicker" and renamed.json()["body"] == "{{ job.title }}"
    assert recruiter_api.get(f"/templates/{pk}").status_code == 200
    assert (
        manager_api.post(
            "/templates", {"name": "X", "purpose": "other", "subject": "S", "body": "B"}
        ).status_code
        == 403
    )


def post_raw(raw: bytes, secret: str | None):
    headers = {"HTTP_X_INBOUND_SECRET": secret} if secret is not None else {}
    return Client().post("/api/v1/inbound/email", raw, "message/rfc822", **headers)


def test_the_inbound_webhook_checks_its_secret(settings, candidate):
    settings.INBOUND_EMAIL_SECRET = "s3cret"
    assert post_raw(email(), None).status_code == 401
    assert post_raw(email(), "wrong").status_code == 401
    accepted = post_raw(email(), "s3cret")
    assert accepted.status_code == 202
    assert accepted.json()["candidate_id"] == candidate.pk
    assert post_raw(email(), "s3cret").json()["id"] == accepted.json()["id"]


def test_the_inbound_webhook_is_off_without_a_secret(settings, db):
    settings.INBOUND_EMAIL_SECRET = ""
    assert post_raw(email(), "").status_code == 401


def test_unparseable_inbound_mail_is_a_400(settings, db):
    settings.INBOUND_EMAIL_SECRET = "s3cret"
    response = post_raw(b"   ", "s3cret")
    assert response.status_code == 400 and response.json()["detail"]
