"""The nav's badges and the bell's count come from one query that agrees with their pages."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ghostless.followups.models import FollowUp, Reason
from ghostless.followups.selectors import overdue_count
from ghostless.front.nav import nav_counts
from ghostless.messaging.models import InboundEmail, Message
from ghostless.messaging.selectors import failed_messages
from ghostless.messaging.triage import triage_waiting_count
from ghostless.notifications.models import Notification
from ghostless.notifications.selectors import unread_count


def follow_up(candidate, assignee, *, due_in: timedelta, state: str = "open") -> None:
    now = timezone.now()
    FollowUp.objects.create(
        candidate=candidate,
        assignee=assignee,
        reason=Reason.MANUAL,
        state=state,
        due_at=now + due_in,
        waiting_since=now,
    )


def message(candidate, author, n: int, *, status: str, age: timedelta) -> None:
    Message.objects.create(
        candidate=candidate,
        created_by=author,
        to_email="cara@example.org",
        subject=f"Note {n}",
        body_text="x",
        message_id=f"<m{n}@x>",
        thread_token=f"t{n}",
        status=status,
        created_at=timezone.now() - age,
    )


def inbound(n: int, state: str) -> None:
    InboundEmail.objects.create(dedup_key=f"k{n}", source="webhook", raw=b"", state=state)


def test_the_nav_counts_match_the_queue_failed_emails_and_inbox(
    candidate, recruiter, other_recruiter, django_assert_num_queries
):
    follow_up(candidate, recruiter, due_in=timedelta(hours=-1))
    follow_up(candidate, recruiter, due_in=timedelta(hours=-2))
    follow_up(candidate, recruiter, due_in=timedelta(hours=1))  # not due yet
    follow_up(candidate, recruiter, due_in=timedelta(hours=-1), state="snoozed")
    follow_up(candidate, other_recruiter, due_in=timedelta(hours=-1))
    message(candidate, recruiter, 1, status="failed", age=timedelta(days=1))
    message(candidate, recruiter, 2, status="bounced", age=timedelta(days=13))
    message(candidate, recruiter, 3, status="failed", age=timedelta(days=15))  # too old
    message(candidate, recruiter, 4, status="sent", age=timedelta(days=1))
    message(candidate, other_recruiter, 5, status="failed", age=timedelta(days=1))
    message(None, recruiter, 6, status="failed", age=timedelta(days=1))  # to a user
    inbound(1, "triage")
    inbound(2, "triage")
    inbound(3, "matched")
    for user, read_at in [(recruiter, None), (recruiter, None), (recruiter, timezone.now())]:
        Notification.objects.create(user=user, kind="mention", text="x", read_at=read_at)
    Notification.objects.create(user=other_recruiter, kind="mention", text="x")

    with django_assert_num_queries(1):
        counts = nav_counts(recruiter)

    assert counts == {
        "overdue_followups": overdue_count(recruiter),
        "failed_email_count": failed_messages(user=recruiter).count(),
        "triage_count": triage_waiting_count(),
        "unread_notifications": unread_count(recruiter),
    }
    assert counts == {
        "overdue_followups": 2,
        "failed_email_count": 2,
        "triage_count": 2,
        "unread_notifications": 2,
    }


def test_an_htmx_fragment_without_the_nav_does_not_count(candidate, recruiter_client):
    follow_up(candidate, candidate.owner, due_in=timedelta(hours=-1))
    with CaptureQueriesContext(connection) as queries:
        response = recruiter_client.get(
            f"/candidates/{candidate.pk}/",
            headers={"HX-Request": "true", "HX-Target": "timeline-entries"},
        )
    assert response.status_code == 200 and "overdue-badge" not in response.content.decode()
    assert not any(InboundEmail._meta.db_table in q["sql"] for q in queries)
