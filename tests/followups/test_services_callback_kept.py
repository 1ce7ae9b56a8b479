"""A promised call-back is kept by a call that reached the candidate (or by marking it done),
not by any touch; whoever or whatever closed it is recorded and shown."""

from datetime import UTC, datetime

import pytest
import time_machine

from ghostless.followups.services import activity_log_with_callback
from ghostless.timeline.services import activity_log

FRIDAY = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.fixture
def promise(candidate, recruiter):
    with time_machine.travel(FRIDAY, tick=False):
        activity_log_with_callback(
            candidate=candidate,
            actor=recruiter,
            kind="call",
            outcome="connected",
            subject="Promised to call back on Monday",
            callback_at=MONDAY,
        )
    return candidate.followups.get(reason="callback")


def touch(candidate, actor, capture, **fields):
    with time_machine.travel(MONDAY, tick=False), capture(execute=True):
        return activity_log(candidate=candidate, actor=actor, direction="outbound", **fields)


def test_a_text_does_not_keep_a_promised_call(
    promise, candidate, recruiter, django_capture_on_commit_callbacks
):
    touch(candidate, recruiter, django_capture_on_commit_callbacks, kind="sms", body="Running late")
    promise.refresh_from_db()
    assert promise.state == "open"
    assert promise.closed_by is None


def test_an_unanswered_call_leaves_the_promise_open(
    promise, candidate, recruiter, django_capture_on_commit_callbacks
):
    touch(
        candidate, recruiter, django_capture_on_commit_callbacks, kind="call", outcome="no_answer"
    )
    promise.refresh_from_db()
    assert promise.state == "open"


def test_a_call_keeps_the_promise_and_is_recorded_as_what_closed_it(
    promise, candidate, other_recruiter, django_capture_on_commit_callbacks
):
    call = touch(
        candidate,
        other_recruiter,
        django_capture_on_commit_callbacks,
        kind="call",
        outcome="connected",
    )
    promise.refresh_from_db()
    assert promise.state == "done"
    assert promise.closed_by == other_recruiter
    assert promise.closed_by_activity == call
    assert promise.closed_at == MONDAY


def test_the_profile_says_what_clears_a_promised_call(promise, candidate, recruiter_client):
    with time_machine.travel(FRIDAY, tick=False):
        page = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert f"Cleared when you log a call to {candidate.first_name}, or mark it done." in page
