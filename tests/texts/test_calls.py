"""The call status webhook: calls on the company number on the right candidate's timeline."""

import pytest

from ghostless.followups.models import FollowUp, Reason
from ghostless.followups.rules import run_rules
from ghostless.texts.models import Call
from ghostless.timeline.models import Activity
from tests.texts.conftest import NUMBER

pytestmark = pytest.mark.django_db


def call(status: str, *, direction="inbound", sid="CA" + "1" * 32, **extra) -> dict:
    ours, theirs = NUMBER, "+15005550006"
    inbound = direction == "inbound"
    return {
        "CallSid": sid,
        "AccountSid": "AC0123456789abcdef0123456789abcdef",
        "From": theirs if inbound else ours,
        "To": ours if inbound else theirs,
        "Direction": direction,
        "CallStatus": status,
        **extra,
    }


def test_a_missed_inbound_call_becomes_an_awaiting_reply_follow_up(provider, texter, time_machine):
    provider.post("/inbound/call", call("ringing"))
    assert not Activity.objects.filter(kind="call").exists()  # not over yet
    provider.post("/inbound/call", call("no-answer", CallDuration="0"))
    entry = Activity.objects.get(kind="call")
    assert (entry.direction, entry.outcome) == ("inbound", "no_answer")
    assert entry.subject == "Call from +15005550006"
    time_machine.shift(3 * 24 * 3600)
    run_rules()
    followup = FollowUp.objects.get(reason=Reason.AWAITING_REPLY)
    assert (followup.candidate, followup.assignee) == (texter, texter.owner)


def test_an_answered_call_is_connected_with_its_length_and_awaits_nothing(
    provider, texter, time_machine
):
    provider.post("/inbound/call", call("completed", CallDuration="185"))
    entry = Activity.objects.get(kind="call")
    assert entry.outcome == "connected" and entry.subject == "Call from +15005550006 (3:05)"
    time_machine.shift(3 * 24 * 3600)
    run_rules()
    assert not FollowUp.objects.filter(reason=Reason.AWAITING_REPLY).exists()


def test_an_outbound_call_to_a_busy_line(provider, texter):
    provider.post("/inbound/call", call("busy", direction="outbound-api"))
    entry = Activity.objects.get(kind="call")
    assert (entry.direction, entry.outcome, entry.subject) == (
        "outbound",
        "busy",
        "Call to +15005550006",
    )


def test_a_voicemail_comes_with_its_recording_and_transcription(provider, texter):
    recording = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"
    provider.post("/inbound/call", call("completed", CallDuration="40", RecordingUrl=recording))
    provider.post(
        "/inbound/call",
        call("", TranscriptionText="Hi, it's Cara, call me back", TranscriptionStatus="completed"),
    )
    entry = Activity.objects.get(kind="voicemail")
    assert entry.outcome == "left_voicemail"
    saved = Call.objects.get()
    assert saved.recording_url == recording
    assert saved.transcription == "Hi, it's Cara, call me back"
    assert saved.activity == entry


def test_a_recording_after_the_call_is_a_voicemail_entry_of_its_own(provider, texter):
    provider.post("/inbound/call", call("no-answer"))
    recording = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE2"
    provider.post("/inbound/call", call("", RecordingUrl=recording, RecordingDuration="12"))
    assert Activity.objects.filter(kind="call").count() == 1
    assert Activity.objects.get(kind="voicemail").payload["recording_url"] == recording


def test_repeated_final_callbacks_write_one_entry(provider, texter):
    provider.post("/inbound/call", call("completed", CallDuration="10"))
    provider.post("/inbound/call", call("completed", CallDuration="10"))
    assert Activity.objects.filter(kind="call").count() == 1


def test_a_call_from_an_unknown_number_is_kept_without_a_timeline(provider, texter):
    provider.post("/inbound/call", call("no-answer") | {"From": "+15005559999"})
    assert Call.objects.get().candidate is None
    assert not Activity.objects.filter(kind="call").exists()
