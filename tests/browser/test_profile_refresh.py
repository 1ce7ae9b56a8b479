"""In a real browser: logging a call on the profile updates the Last contact and the follow-ups
card in place, without a reload; Reply on a received email opens the composer quoted."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.followups.services import activity_log_with_callback
from ghostless.messaging import inbound
from tests.messaging.conftest import _media, raw_email  # noqa: F401 (mail under a throwaway folder)

pytestmark = pytest.mark.browser


@pytest.fixture
def promised(candidate, recruiter):
    """An hour ago Rita talked to Cara and promised to call back tomorrow."""
    with time_machine.travel(timezone.now() - timedelta(hours=1)):
        activity_log_with_callback(
            candidate=candidate,
            actor=recruiter,
            kind="call",
            outcome="connected",
            subject="Promised to call back tomorrow",
            callback_at=timezone.now() + timedelta(days=1),
        )
    return candidate


def test_logging_a_call_updates_last_contact_and_follow_ups_in_place(
    logged_in_page, recruiter, promised
):
    page = logged_in_page(recruiter)
    page.goto(f"/candidates/{promised.pk}/")
    last_contact = page.locator("dt:text-is('Last contact') + dd")
    before = last_contact.inner_text()
    followups = page.locator("#followups")
    assert "Promised call-back" in followups.inner_text()
    assert "Nothing owed" not in followups.inner_text()
    page.evaluate("window.stillTheSamePage = true")

    page.select_option("#id_log-kind", "call")
    page.select_option("#id_log-direction", "outbound")
    page.select_option("#id_log-outcome", "connected")
    page.fill("#id_log-subject", "Called back as promised")
    page.get_by_role("button", name="Log it").click()
    page.get_by_text("Call logged.").wait_for()

    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    followups.get_by_text("Nothing owed to Cara right now.").wait_for()
    assert "Done by the call logged by Rita Reyes" in followups.inner_text()
    assert last_contact.inner_text() != before
    assert "hour" not in last_contact.inner_text()  # now, not the call an hour ago


def test_reply_opens_the_composer_with_their_email_quoted(
    logged_in_page, recruiter, application, eml_outbox
):
    received = inbound.receive(
        raw_email(
            sender="Cara Candidate <cara@example.org>",
            subject="Question about the role",
            body="Is it remote?",
        ),
        source="webhook",
    )
    page = logged_in_page(recruiter)
    page.goto(f"/candidates/{application.candidate_id}/")
    page.get_by_role("link", name="Reply to “Question about the role”").click()
    page.wait_for_url(f"**/email/compose/{application.candidate_id}/?in_reply_to={received.pk}")
    assert page.input_value("#id_subject") == "Re: Question about the role"
    assert "Cara Candidate wrote:\n> Is it remote?" in page.input_value("#id_body")
