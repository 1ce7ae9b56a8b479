"""An application is always saved and acknowledged, even when the acknowledgement template
cannot be rendered: the built-in text goes out and admins see the template flagged."""

import pytest

from ghostless.jobs.models import Application
from ghostless.messaging.models import EmailTemplate, Message
from tests.careers.conftest import apply
from tests.messaging.payloads import BODY_PAYLOADS

pytestmark = pytest.mark.django_db


def break_acknowledgement(**fields) -> EmailTemplate:
    """Text past the save check, as an older release or a database edit could leave it."""
    EmailTemplate.objects.filter(purpose="acknowledgement").update(**fields)
    return EmailTemplate.objects.get(purpose="acknowledgement")


def test_an_unrenderable_acknowledgement_still_saves_and_acknowledges_with_the_default(
    client, public_job, django_capture_on_commit_callbacks
):
    template = break_acknowledgement(body="{{ 10**5000 }}")

    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, public_job)

    assert response.status_code == 302
    application = Application.objects.get(job=public_job)
    assert application.candidate.first_name == "Pat"
    message = Message.objects.get()
    assert message.status == "sent" and message.to_email == "pat@example.net"
    assert message.subject == f"We received your application for {public_job.title}"
    assert message.body_text.startswith("Hi Pat,\n\nThank you for applying for Backend Engineer")
    assert "Rita Reyes" in message.body_text
    template.refresh_from_db()
    assert template.broken_reason.startswith("Body could not be rendered")
    assert template.broken_at is not None
    note = application.candidate.activities.get(payload__event="acknowledgement_default")
    assert template.name in note.body


@pytest.mark.parametrize("body", BODY_PAYLOADS)
def test_no_broken_acknowledgement_turns_an_application_into_an_error(client, public_job, body):
    break_acknowledgement(body=body)

    response = apply(client, public_job)

    assert response.status_code == 302
    assert Application.objects.filter(job=public_job).exists()
    assert Message.objects.get().body_text.startswith("Hi Pat,")


def test_an_unrenderable_subject_falls_back_too(client, public_job):
    break_acknowledgement(subject="{% extends 'base.txt' %}")
    apply(client, public_job)
    assert Message.objects.get().subject.startswith("We received your application")
