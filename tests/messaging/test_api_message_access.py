"""Reading one email over the API follows the timeline's rule: a hiring manager reads only
the emails of applications on her own jobs."""

import pytest

from ghostless.messaging.models import Message
from tests.factories import ApplicationFactory, JobFactory


def message(candidate, application=None, n: int = 0) -> Message:
    return Message.objects.create(
        candidate=candidate,
        application=application,
        to_email=candidate.emails.first().email,
        from_email="jobs@example.com",
        subject=f"About your application {n}",
        body_text="Hi",
        message_id=f"<access{candidate.pk}.{n}@example.com>",
        thread_token=f"a{candidate.pk}{n}",
        status="sent",
    )


@pytest.fixture
def other_job_application(application, outsider, recruiter):
    """Cara also applied to Otto's job, so Hana sees Cara but not this application."""
    other_job = JobFactory(title="Sales Lead", hiring_manager=outsider, recruiters=[recruiter])
    return ApplicationFactory(candidate=application.candidate, job=other_job)


def test_hiring_manager_reads_the_email_of_her_own_job(manager_api, application):
    mine = message(application.candidate, application)
    response = manager_api.get(f"/messages/{mine.pk}")
    assert response.status_code == 200
    assert response.json()["subject"] == "About your application 0"


def test_hiring_manager_cannot_read_the_email_of_another_managers_job(
    manager_api, outsider_api, other_job_application
):
    theirs = message(other_job_application.candidate, other_job_application, n=1)
    assert manager_api.get(f"/messages/{theirs.pk}").status_code == 404
    assert outsider_api.get(f"/messages/{theirs.pk}").status_code == 200


def test_hiring_manager_cannot_read_an_email_tied_to_no_application(
    manager_api, recruiter_api, application
):
    loose = message(application.candidate, None, n=2)
    assert manager_api.get(f"/messages/{loose.pk}").status_code == 404
    assert recruiter_api.get(f"/messages/{loose.pk}").status_code == 200
