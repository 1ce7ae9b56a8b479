from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ghostless.messaging.models import Message, Suppression


def make_messages(candidate, actor, count: int, **fields) -> None:
    start = Message.objects.count()
    Message.objects.bulk_create(
        Message(
            candidate=candidate,
            created_by=actor,
            to_email="cara@example.org",
            subject=f"Note {start + n}",
            body_text="x",
            message_id=f"<m{start + n}@x>",
            thread_token=f"t{start + n}",
            **fields,
        )
        for n in range(count)
    )


def test_the_email_card_lists_messages_with_status_attempts_and_errors(
    candidate, recruiter, recruiter_client
):
    make_messages(
        candidate, recruiter, 1, status="failed", attempts=3, last_error="550 <b>nope</b>"
    )
    Suppression.objects.create(email="cara@example.org", reason="Refused: 550 <b>nope</b>")
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    card = html.split('<section class="card email-section" id="email"')[1].split("</section>")[0]
    assert f'href="/email/compose/{candidate.pk}/">Compose email</a>' in card
    assert '<span class="badge status-failed">Failed</span>' in card
    assert "3 attempts" in card
    assert '<p class="errors">550 &lt;b&gt;nope&lt;/b&gt;</p>' in card
    assert "Refused: 550 &lt;b&gt;nope&lt;/b&gt;" in card
    assert ">Clear<span" in card


def test_a_scheduled_message_shows_its_time_in_the_users_zone(
    candidate, recruiter, recruiter_client
):
    recruiter.time_zone = "Europe/Berlin"
    recruiter.save()
    make_messages(candidate, recruiter, 1, send_at=datetime(2030, 1, 2, 8, 0, tzinfo=UTC))
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "scheduled for" in html and "2 Jan 2030, 09:00 CET" in html


def test_the_email_card_has_a_next_step_when_empty(candidate, recruiter_client):
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "No email sent to Cara yet." in html


def test_hiring_managers_see_no_email_card(application, manager_client):
    html = manager_client.get(f"/candidates/{application.candidate_id}/").content.decode()
    assert 'id="email"' not in html
    assert "/email/compose/" not in html


def _profile_queries(client, candidate, actor, total: int) -> int:
    make_messages(candidate, actor, total - Message.objects.count())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/candidates/{candidate.pk}/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("client_name", ["recruiter_client", "manager_client"])
def test_profile_queries_do_not_grow_with_messages(request, client_name, application, recruiter):
    client = request.getfixturevalue(client_name)
    Suppression.objects.create(email="cara@example.org", reason="Bounced")
    five = _profile_queries(client, application.candidate, recruiter, 5)
    fifty = _profile_queries(client, application.candidate, recruiter, 50)
    assert five == fifty
