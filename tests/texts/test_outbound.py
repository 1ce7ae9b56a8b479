"""Outbound texts through the real twilio library against a local Twilio stand-in."""

import pytest

from ghostless.core.errors import DomainError
from ghostless.texts.models import Text
from ghostless.texts.services import text_queue
from ghostless.timeline.models import Activity
from tests.texts.conftest import ACCOUNT, NUMBER, SITE, TOKEN

pytestmark = pytest.mark.django_db


def send(candidate, actor, capture, **kwargs):
    kwargs.setdefault("body", "Hi {{ candidate.first_name }}, {{ recruiter.first_name }} here")
    with capture(execute=True):
        return text_queue(candidate=candidate, actor=actor, **kwargs)


def test_a_text_reaches_twilio_with_our_number_and_callback_and_is_on_the_timeline(
    twilio, texter, recruiter, application, django_capture_on_commit_callbacks
):
    text = send(texter, recruiter, django_capture_on_commit_callbacks, application=application)
    text.refresh_from_db()
    [request] = twilio.requests
    assert request["path"] == f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
    assert request["auth"] == f"{ACCOUNT}:{TOKEN}"
    assert request["form"] == {
        "To": "+15005550006",
        "From": NUMBER,
        "Body": "Hi Cara, Rita here",
        "StatusCallback": f"{SITE}/api/v1/inbound/sms/status",
    }
    assert (text.status, text.segments, text.attempts) == ("sent", 1, 1)
    assert text.provider_sid.startswith("SM")
    activity = Activity.objects.get(kind="sms")
    assert (activity.direction, activity.body, activity.application) == (
        "outbound",
        "Hi Cara, Rita here",
        application,
    )
    assert text.activity == activity


def test_a_stopped_number_is_refused_at_queue_time(texter, recruiter, twilio):
    texter.phones.update(sms_opted_out_at="2026-01-01T00:00Z")
    with pytest.raises(DomainError, match="cannot be texted"):
        text_queue(candidate=texter, actor=recruiter, body="Hi")
    with pytest.raises(DomainError, match="may not be texted: opted out"):
        text_queue(candidate=texter, actor=recruiter, body="Hi", to_phone="+15005550006")
    assert not twilio.requests


def test_do_not_contact_refuses_every_text(texter, recruiter, twilio):
    texter.do_not_contact_at = "2026-01-01T00:00Z"
    texter.save()
    with pytest.raises(DomainError, match="asked not to be contacted"):
        text_queue(candidate=texter, actor=recruiter, body="Hi")


def test_a_landline_fails_visibly_and_the_number_is_marked(
    twilio, texter, recruiter, django_capture_on_commit_callbacks
):
    twilio.refuse["+15005550006"] = 21614
    text = send(texter, recruiter, django_capture_on_commit_callbacks)
    text.refresh_from_db()
    assert (text.status, text.error_code) == ("failed", "21614")
    assert "not a valid mobile number" in text.last_error
    entry = Activity.objects.get(payload__event="text_failed")
    assert "not delivered" in entry.subject and "+15005550006" in entry.subject
    phone = texter.phones.get()
    assert phone.sms_opted_out_at is not None
    with pytest.raises(DomainError, match="cannot receive texts"):
        text_queue(candidate=texter, actor=recruiter, body="Again", to_phone="+15005550006")


def test_a_provider_outage_retries_then_sends_exactly_once(
    twilio, texter, recruiter, django_capture_on_commit_callbacks, time_machine
):
    from ghostless.texts import outbox

    twilio.refuse["+15005550006"] = 20500
    text = send(texter, recruiter, django_capture_on_commit_callbacks)
    text.refresh_from_db()
    assert (text.status, text.attempts) == ("queued", 1)
    del twilio.refuse["+15005550006"]
    assert outbox.handle_one(text.pk) is None  # not due yet
    time_machine.shift(60)  # past the first retry delay
    assert outbox.handle_one(text.pk) == "sent"
    assert outbox.handle_one(text.pk) is None
    assert len(twilio.requests) == 2
    assert Activity.objects.filter(kind="sms").count() == 1


def test_the_same_idempotency_key_queues_one_text(
    twilio, texter, recruiter, django_capture_on_commit_callbacks
):
    first = send(texter, recruiter, django_capture_on_commit_callbacks, idempotency_key="k1")
    again = send(texter, recruiter, django_capture_on_commit_callbacks, idempotency_key="k1")
    assert first.pk == again.pk and Text.objects.count() == 1 and len(twilio.requests) == 1


def test_without_sms_url_texts_are_written_as_files(
    texter, recruiter, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.SMS_URL = ""
    settings.SMS_FILE_PATH = tmp_path / "sms"
    text = send(texter, recruiter, django_capture_on_commit_callbacks)
    text.refresh_from_db()
    [written] = list((tmp_path / "sms").iterdir())
    assert "Hi Cara, Rita here" in written.read_text()
    assert text.status == "delivered"
