"""The profile keeps up: a touch logged with htmx brings back the last contact, the follow-ups
card and the Email card with the timeline, and the Email card never says no email was sent while
the timeline lists some."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from ghostless.messaging.models import Message
from ghostless.timeline.services import activity_log
from tests.conftest import HTMX
from tests.followups.conftest import MONDAY, promise_call_back
from tests.parsed_html import find, find_all, text, texts

CALL = {
    "log-kind": "call",
    "log-direction": "outbound",
    "log-outcome": "connected",
    "log-occurred_at": "2026-11-23T14:30",
    "log-application": "",
    "log-subject": "Called back as promised",
    "log-body": "",
}


# Committed for real, as in production: the follow-up is cleared when the log commits, before
# the answer is rendered.
@pytest.mark.django_db(transaction=True)
def test_logging_a_call_brings_back_the_last_contact_and_the_follow_ups(
    candidate, recruiter, recruiter_client
):
    promise_call_back(candidate, recruiter)
    with time_machine.travel(MONDAY, tick=False):
        response = recruiter_client.post(f"/candidates/{candidate.pk}/log/", CALL, **HTMX)
    assert response.status_code == 200
    last_contact = find(response, "dd", id="last-contact")
    assert last_contact.get("hx-swap-oob") == "true"
    assert text(last_contact).startswith("23 Nov 2026, 14:30 UTC")
    card = find(response, "section", id="followups")
    assert card.get("hx-swap-oob") == "true"
    assert "Nothing owed to Cara right now." in text(card)
    assert texts(card, "span", class_="closed-how") == [
        "Done by the call logged by Rita Reyes on 23 Nov 2026, 15:00 UTC."
    ]
    assert find(response, "section", id="email").get("hx-swap-oob") == "true"


def test_a_hiring_manager_logging_gets_no_recruiter_cards(application, manager_client):
    data = CALL | {
        "log-kind": "note",
        "log-direction": "internal",
        "log-outcome": "",
        "log-occurred_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M"),
        "log-application": application.pk,
    }
    response = manager_client.post(f"/candidates/{application.candidate_id}/log/", data, **HTMX)
    assert response.status_code == 200
    assert find_all(response, "dd", id="last-contact")
    assert not find_all(response, "section", id="followups")
    assert not find_all(response, "section", id="email")


def test_emails_logged_by_hand_are_not_called_none(candidate, recruiter, recruiter_client):
    activity_log(
        candidate=candidate,
        actor=recruiter,
        kind="email",
        direction="outbound",
        subject="Sent from my phone",
        body="Hi Cara",
    )
    page = recruiter_client.get(f"/candidates/{candidate.pk}/")
    card = text(find(page, "section", id="email"))
    assert "No email sent" not in card
    assert "Emails to Cara so far were logged by hand: they are on the timeline." in card
    assert "Sent from my phone" in texts(page, "p", class_="subject")


def test_the_email_card_looks_again_while_an_email_is_on_its_way(
    candidate, recruiter, recruiter_client
):
    message = Message.objects.create(
        candidate=candidate,
        created_by=recruiter,
        to_email="cara@example.org",
        subject="Hello",
        body_text="Hi",
        message_id="<m1@x>",
        thread_token="t1",
    )
    page = recruiter_client.get(f"/candidates/{candidate.pk}/")
    card = find(page, "section", id="email")
    assert (card.get("hx-get"), card.get("hx-trigger")) == (
        f"/candidates/{candidate.pk}/",
        "every 2s",
    )
    # Still queued: only the card comes back, and it keeps looking.
    polled = recruiter_client.get(f"/candidates/{candidate.pk}/", HTTP_HX_TARGET="email", **HTMX)
    assert find(polled, "section", id="email").get("hx-trigger") == "every 2s"
    assert not find_all(polled, "dd", id="last-contact")
    # Sent (as the outbox records it): the card stops and what the email changed comes too.
    activity = activity_log(
        candidate=candidate, actor=recruiter, kind="email", direction="outbound", subject="Hello"
    )
    Message.objects.filter(pk=message.pk).update(
        status="sent", sent_at=activity.occurred_at, activity=activity, attempts=1
    )
    polled = recruiter_client.get(f"/candidates/{candidate.pk}/", HTTP_HX_TARGET="email", **HTMX)
    assert find(polled, "section", id="email").get("hx-trigger") is None
    assert find(polled, "dd", id="last-contact").get("hx-swap-oob") == "true"
    assert find(polled, "section", id="followups").get("hx-swap-oob") == "true"
    assert "Hello" in texts(polled, "p", class_="subject")


def test_an_email_waiting_for_a_retry_or_a_set_time_is_not_polled(
    candidate, recruiter, recruiter_client
):
    for n, fields in enumerate(
        [
            {"attempts": 1, "last_error": "421 try later"},
            {"send_at": datetime.now(UTC) + timedelta(days=1)},
        ]
    ):
        Message.objects.create(
            candidate=candidate,
            created_by=recruiter,
            to_email="cara@example.org",
            subject="Later",
            body_text="Hi",
            message_id=f"<later-{n}@x>",
            thread_token=f"later{n}",
            **fields,
        )
    page = recruiter_client.get(f"/candidates/{candidate.pk}/")
    assert find(page, "section", id="email").get("hx-trigger") is None


def test_a_call_logged_from_a_form_opened_before_the_minute_turned_counts_as_just_now(
    candidate, recruiter_client
):
    from ghostless.timeline.models import Activity

    # Opened at 14:30:50 (the field says 14:30), sent at 14:31:05: the call was just now.
    with time_machine.travel(datetime(2026, 11, 23, 14, 31, 5, tzinfo=UTC), tick=False):
        response = recruiter_client.post(f"/candidates/{candidate.pk}/log/", CALL, **HTMX)
    assert response.status_code == 200
    logged = Activity.objects.get(candidate=candidate, subject="Called back as promised")
    assert logged.occurred_at == datetime(2026, 11, 23, 14, 31, 5, tzinfo=UTC)
