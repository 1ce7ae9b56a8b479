from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.followups.services import followup_create
from tests.messaging.conftest import smtp  # noqa: F401  (the real SMTP server, for the digest)

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _reset_time_zone():
    """Views activate the user's zone in this thread; keep it from leaking into the next test."""
    yield
    timezone.deactivate()


def remind(user, candidate, *, due_in=timedelta(hours=-2), **fields):
    """A reminder for `user`, overdue by default."""
    return followup_create(
        actor=user, candidate=candidate, due_at=timezone.now() + due_in, **fields
    )


@pytest.fixture
def overdue(recruiter, application):
    return remind(recruiter, application.candidate, application=application, note="Call back")
