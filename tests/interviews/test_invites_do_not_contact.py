"""An interview invite is email: nobody marked do not contact is sent one, and scheduling
says why instead."""

import pytest

from ghostless.candidates.services import candidate_do_not_contact
from ghostless.core.errors import DomainError
from ghostless.interviews.models import Interview
from ghostless.messaging.models import Message
from tests.interviews import invites_fixtures as fixtures
from tests.interviews.invites_fixtures import schedule

smtp, ivan = fixtures.smtp, fixtures.ivan


def test_no_invite_reaches_a_candidate_marked_do_not_contact(
    application, recruiter, ivan, django_capture_on_commit_callbacks
):
    candidate_do_not_contact(
        candidate=application.candidate, actor=recruiter, do_not_contact=True, reason="Asked"
    )
    with pytest.raises(DomainError, match="marked do not contact") as refused:
        schedule(application, recruiter, [ivan], django_capture_on_commit_callbacks)
    assert refused.value.field == "application"
    assert not Interview.objects.exists()
    assert not Message.objects.filter(candidate=application.candidate).exists()
