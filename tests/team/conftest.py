import re

import pytest

from tests.messaging.conftest import smtp  # noqa: F401  (the real SMTP server)

LINK = re.compile(r"https?://\S+")


def link_in(mail) -> str:
    """The one link of a plain-text email from Ghostless, as a path on the test server."""
    body = mail.get_body(preferencelist=("plain",)).get_content()
    [url] = LINK.findall(body)
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def owed(recruiter, candidate, application):
    """Rita owns Cara, her application and Omar; she owes Cara two things (one on her
    application) and Omar one."""
    from django.utils import timezone

    from ghostless.followups.models import FollowUp, Reason
    from tests.factories import CandidateFactory

    now = timezone.now()
    application.owner = recruiter
    application.save()
    other = CandidateFactory(first_name="Omar", last_name="Other", owner=recruiter)
    rows = [
        (candidate, application, "Call about the offer"),
        (candidate, None, "Send the brochure"),
        (other, None, "Ask for references"),
    ]
    return [
        FollowUp.objects.create(
            candidate=who,
            application=app,
            assignee=recruiter,
            reason=Reason.MANUAL,
            due_at=now,
            waiting_since=now,
            note=note,
        )
        for who, app, note in rows
    ]
