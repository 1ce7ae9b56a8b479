from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.followups.models import Reason
from ghostless.followups.services import activity_log_with_callback, followup_create
from tests.messaging.conftest import smtp  # noqa: F401  (the real SMTP server, for the digest)

HTMX = {"HTTP_HX_REQUEST": "true"}


def remind(user, candidate, *, due_in=timedelta(hours=-2), **fields):
    """A reminder for `user`, overdue by default."""
    return followup_create(
        actor=user, candidate=candidate, due_at=timezone.now() + due_in, **fields
    )


@pytest.fixture
def overdue(recruiter, application):
    return remind(recruiter, application.candidate, application=application, note="Call back")


FRIDAY = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def promise_call_back(candidate, actor):
    """On Friday, a connected call that promised to call back on Monday: its follow-up."""
    with time_machine.travel(FRIDAY, tick=False):
        activity_log_with_callback(
            candidate=candidate,
            actor=actor,
            kind="call",
            outcome="connected",
            subject="Promised to call back on Monday",
            callback_at=MONDAY,
        )
    return candidate.followups.get(reason=Reason.CALLBACK)


@pytest.fixture
def promise(candidate, recruiter):
    return promise_call_back(candidate, recruiter)
