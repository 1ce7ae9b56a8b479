"""The API refuses template text that cannot render, naming the field; a broken template that
reached the database fails only the message it was sent with."""

import pytest

from ghostless.messaging.models import EmailTemplate
from tests.messaging.payloads import BODY_PAYLOADS
from tests.messaging.test_api import send


@pytest.mark.parametrize("body", BODY_PAYLOADS)
def test_creating_a_template_that_cannot_render_answers_422_naming_the_body(recruiter_api, body):
    response = recruiter_api.post(
        "/templates", {"name": "Risky", "purpose": "other", "subject": "Hi", "body": body}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "body"
    assert response.json()["detail"].startswith("Body")
    assert not EmailTemplate.objects.filter(name="Risky").exists()


@pytest.mark.parametrize(
    "subject", ["{{ 10**5000 }}", "{% include 'x' %}", "{{ candidate.name * 100 }}"]
)
def test_updating_a_subject_that_cannot_render_answers_422_naming_the_subject(
    recruiter_api, subject
):
    template = EmailTemplate.objects.get(purpose="rejection")
    response = recruiter_api.patch(f"/templates/{template.pk}", {"subject": subject})
    assert response.status_code == 422
    assert response.json()["field"] == "subject"
    template.refresh_from_db()
    assert template.subject == "Your application for {{ job.title }}"


def test_sending_with_a_broken_template_answers_with_the_failed_message(recruiter_api, application):
    template = EmailTemplate.objects.get(purpose="rejection")
    EmailTemplate.objects.filter(pk=template.pk).update(body="{{ 10**5000 }}")

    response = send(
        recruiter_api,
        application.candidate,
        {"template_id": template.pk, "application_id": application.pk},
    )

    assert response.status_code == 202
    assert response.json()["status"] == "failed"
    assert "could not be rendered" in response.json()["last_error"]
    shown = recruiter_api.get(f"/templates/{template.pk}").json()
    assert shown["broken_reason"].startswith("Body could not be rendered")
    assert shown["broken_at"] is not None
