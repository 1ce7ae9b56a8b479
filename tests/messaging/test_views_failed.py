from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.messaging.models import Message, Suppression
from ghostless.messaging.services import message_queue
from tests.conftest import client_for
from tests.factories import CandidateFactory


@pytest.fixture
def refused(smtp, candidate, recruiter, django_capture_on_commit_callbacks):
    """An email the server refused for good: failed, and its address suppressed."""
    smtp.recorder.refuse["cara@example.org"] = "550 5.1.1 No such mailbox here"
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(candidate=candidate, actor=recruiter, subject="Hi", body="Hello")
    smtp.recorder.refuse.clear()
    return Message.objects.get(pk=message.pk)


def test_failed_page_shows_the_servers_answer_and_no_retry_while_suppressed(
    refused, recruiter_client
):
    assert refused.status == "failed"
    html = recruiter_client.get("/email/failed/").content.decode()
    assert "550 5.1.1 No such mailbox here" in html
    assert f'href="/candidates/{refused.candidate_id}/">Cara Candidate</a>' in html
    assert "Clear it on the profile" in html
    assert f"/email/messages/{refused.pk}/retry/" not in html


def test_retry_is_refused_while_suppressed(refused, recruiter_client):
    response = recruiter_client.post(f"/email/messages/{refused.pk}/retry/", follow=True)
    assert "is on the suppression list" in response.content.decode()
    refused.refresh_from_db()
    assert refused.status == "failed"


def test_after_clearing_retry_sends_it(
    refused, smtp, recruiter_client, django_capture_on_commit_callbacks
):
    Suppression.objects.update(cleared_at=timezone.now())
    html = recruiter_client.get("/email/failed/").content.decode()
    assert f'action="/email/messages/{refused.pk}/retry/"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(f"/email/messages/{refused.pk}/retry/")
    assert response.status_code == 302 and response["Location"] == "/email/failed/"
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == ("sent", 1)
    assert [m["Subject"] for m in smtp.messages] == ["Hi"]
    page = recruiter_client.get("/email/failed/").content.decode()
    assert "Nothing failed in the last 14 days." in page


def test_a_second_retry_does_not_send_again(
    refused, smtp, recruiter_client, django_capture_on_commit_callbacks
):
    Suppression.objects.update(cleared_at=timezone.now())
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            recruiter_client.post(f"/email/messages/{refused.pk}/retry/")
    assert len(smtp.messages) == 1


def test_the_page_lists_only_the_users_own_recent_failures(
    refused, other_recruiter, recruiter_client
):
    person = CandidateFactory(first_name="Olga", emails=["olga@example.org"])
    Message.objects.create(
        candidate=person,
        created_by=other_recruiter,
        to_email="olga@example.org",
        subject="Ray's failure",
        body_text="x",
        message_id="<ray@x>",
        thread_token="t1",
        status="failed",
    )
    Message.objects.create(
        candidate=person,
        created_by=refused.created_by,
        to_email="olga@example.org",
        subject="Old failure",
        body_text="x",
        message_id="<old@x>",
        thread_token="t2",
        status="failed",
        created_at=timezone.now() - timedelta(days=15),
    )
    html = recruiter_client.get("/email/failed/").content.decode()
    assert "Hi" in html
    assert "Ray&#x27;s failure" not in html and "Old failure" not in html


def test_the_nav_badge_counts_recent_failures(refused, recruiter_client, other_recruiter):
    html = recruiter_client.get("/candidates/").content.decode()
    assert 'href="/email/failed/"' in html
    assert 'Failed emails <span class="badge">1</span>' in html
    assert "Failed emails" not in client_for(other_recruiter).get("/candidates/").content.decode()


def test_hiring_managers_get_no_failed_page_and_cannot_retry(refused, manager_client, application):
    # About her job, so she may read it: the retry itself is what she may not do.
    Message.objects.filter(pk=refused.pk).update(application=application)
    assert manager_client.get("/email/failed/").status_code == 404
    assert manager_client.post(f"/email/messages/{refused.pk}/retry/").status_code == 403


def test_outsider_cannot_retry_a_message_about_a_candidate_they_cannot_see(
    refused, outsider_client
):
    assert outsider_client.post(f"/email/messages/{refused.pk}/retry/").status_code == 404
