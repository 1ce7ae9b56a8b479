"""The provider's webhooks: inbound texts, consent words, delivery callbacks, signatures."""

import pytest

from ghostless.followups.models import FollowUp, Reason
from ghostless.followups.rules import run_rules
from ghostless.texts.models import InboundText, Text
from ghostless.texts.services import text_queue
from ghostless.timeline.models import Activity
from tests.texts.conftest import NUMBER, Provider

pytestmark = pytest.mark.django_db


def inbound(sender: str, body: str, sid: str = "SM" + "1" * 32) -> dict:
    return {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": "AC0123456789abcdef0123456789abcdef",
        "From": sender,
        "To": NUMBER,
        "Body": body,
        "NumMedia": "0",
    }


def test_a_text_from_a_known_number_is_on_the_timeline_and_awaits_a_reply(
    provider, texter, time_machine
):
    response = provider.post("/inbound/sms", inbound("+15005550006", "Yes, Tuesday works"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.endswith(b"<Response></Response>")
    activity = Activity.objects.get(kind="sms")
    assert (activity.direction, activity.body) == ("inbound", "Yes, Tuesday works")
    assert InboundText.objects.get().state == "matched"
    time_machine.shift(3 * 24 * 3600)
    run_rules()
    followup = FollowUp.objects.get(reason=Reason.AWAITING_REPLY)
    assert (followup.candidate, followup.assignee) == (texter, texter.owner)


def test_the_same_text_delivered_twice_is_kept_once(provider, texter):
    provider.post("/inbound/sms", inbound("+15005550006", "Hello"))
    provider.post("/inbound/sms", inbound("+15005550006", "Hello"))
    assert InboundText.objects.count() == 1 and Activity.objects.filter(kind="sms").count() == 1


def test_a_text_from_an_unknown_number_waits_in_triage(provider, texter):
    provider.post("/inbound/sms", inbound("+15005559999", "Who is this?"))
    row = InboundText.objects.get()
    assert (row.state, row.candidate) == ("triage", None)
    assert not Activity.objects.filter(kind="sms").exists()


@pytest.mark.parametrize("word", ["STOP", "unsubscribe", "Cancel", "END", "quit."])
def test_a_consent_word_opts_the_number_out_at_once(provider, texter, recruiter, word):
    provider.post("/inbound/sms", inbound("+15005550006", word))
    phone = texter.phones.get()
    assert phone.sms_opted_out_at is not None
    entry = Activity.objects.get(payload__event="sms_opted_out")
    assert entry.actor_name == "The candidate"
    assert not Activity.objects.filter(kind="sms").exists()  # nothing to answer


def test_stop_holds_a_text_already_queued(
    provider, twilio, texter, recruiter, django_capture_on_commit_callbacks, time_machine
):
    from ghostless.texts import outbox

    time_machine.move_to("2026-12-03T21:00Z")  # quiet hours: the text waits for the morning
    with django_capture_on_commit_callbacks(execute=True):
        text = text_queue(candidate=texter, actor=recruiter, body="Hi")
    provider.post("/inbound/sms", inbound("+15005550006", "STOP"))
    time_machine.move_to("2026-12-04T08:01Z")
    assert outbox.handle_one(text.pk) == "failed"
    text.refresh_from_db()
    assert "opted out" in text.last_error or "replied STOP" in text.last_error
    assert not twilio.requests


def test_start_opts_back_in(provider, texter):
    provider.post("/inbound/sms", inbound("+15005550006", "STOP", sid="SM" + "a" * 32))
    provider.post("/inbound/sms", inbound("+15005550006", "START", sid="SM" + "b" * 32))
    assert texter.phones.get().sms_opted_out_at is None
    assert Activity.objects.filter(payload__event="sms_opted_in").count() == 1


def test_help_is_answered_with_the_company_name(provider, texter, settings):
    settings.COMPANY_NAME = "Acme & Co"
    response = provider.post("/inbound/sms", inbound("+15005550006", "HELP"))
    assert b"<Message>Acme &amp; Co recruiting." in response.content


@pytest.mark.parametrize("path", ["/inbound/sms", "/inbound/sms/status", "/inbound/call"])
def test_unsigned_or_mis_signed_requests_are_refused(provider, texter, path):
    params = inbound("+15005550006", "Hello")
    assert provider.post(path, params, signature="").status_code == 403
    assert provider.post(path, params, signature="bm90IGEgc2lnbmF0dXJl").status_code == 403
    wrong_key = Provider(token="someone-elses-token")
    assert wrong_key.post(path, params).status_code == 403
    assert not InboundText.objects.exists()


def test_a_signature_over_another_host_is_refused(provider, texter, settings):
    """The URL checked is SITE_URL's: a request signed for another host does not pass."""
    settings.SITE_URL = "https://other.example.com"
    assert provider.post("/inbound/sms", inbound("+15005550006", "Hi")).status_code == 403


def test_delivery_callbacks_move_the_status_forward_only(
    provider, twilio, texter, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        text = text_queue(candidate=texter, actor=recruiter, body="Hi")
    text.refresh_from_db()
    callback = {"MessageSid": text.provider_sid, "AccountSid": "AC1", "To": "+15005550006"}
    provider.post("/inbound/sms/status", callback | {"MessageStatus": "delivered"})
    provider.post("/inbound/sms/status", callback | {"MessageStatus": "sent"})
    text.refresh_from_db()
    assert text.status == "delivered" and text.delivered_at is not None


def test_an_undelivered_callback_is_on_the_timeline_and_marks_a_dead_number(
    provider, twilio, texter, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        text = text_queue(candidate=texter, actor=recruiter, body="Hi")
    text.refresh_from_db()
    provider.post(
        "/inbound/sms/status",
        {"MessageSid": text.provider_sid, "MessageStatus": "undelivered", "ErrorCode": "30006"},
    )
    assert Text.objects.get().status == "undelivered"
    entry = Activity.objects.get(payload__event="text_failed")
    assert "undelivered" in entry.subject and "30006" in entry.subject
    assert texter.phones.get().sms_opted_out_at is not None
