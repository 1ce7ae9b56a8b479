"""A promised call-back is kept by a call that reached the candidate (or by marking it done),
not by any touch; whoever or whatever closed it is recorded and shown."""

import time_machine

from ghostless.timeline.services import activity_log
from tests.followups.conftest import FRIDAY, MONDAY


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
