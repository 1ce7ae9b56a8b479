from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.followups.services import followup_create
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
