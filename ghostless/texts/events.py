"""Timeline entries for texts and calls, one small function per kind, written by the outbox,
the delivery callbacks and the provider's webhooks."""

from datetime import datetime

from ghostless.candidates.models import Candidate
from ghostless.texts.models import Call, InboundText, Text
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, Direction, EventKind, Kind


def text_sent(*, text: Text, sent_at: datetime) -> Activity:
    return record(
        candidate=text.candidate,
        application_id=text.application_id,
        actor=text.created_by,
        kind=Kind.SMS,
        direction=Direction.OUTBOUND,
        occurred_at=sent_at,
        subject=f"Text to {text.to_phone}",
        body=text.body,
        event=EventKind.TEXT_SENT,
        payload={"text": text.pk, "to": text.to_phone, "segments": text.segments},
    )


def text_failed(*, text: Text, reason: str) -> Activity:
    """A text that did not reach the candidate, and why, so nobody thinks it did."""
    return record(
        candidate=text.candidate,
        application_id=text.application_id,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Text to {text.to_phone} not delivered: {reason}"[:300],
        event=EventKind.TEXT_FAILED,
        payload={"text": text.pk, "to": text.to_phone, "error_code": text.error_code},
    )


def text_received(*, inbound: InboundText) -> Activity:
    return record(
        candidate=inbound.candidate,
        actor=None,
        kind=Kind.SMS,
        direction=Direction.INBOUND,
        occurred_at=inbound.received_at,
        subject=f"Text from {inbound.from_phone}",
        body=inbound.body,
        event=EventKind.TEXT_RECEIVED,
        payload={"inbound_text": inbound.pk, "from": inbound.from_phone},
    )


def sms_opted_out(*, candidate: Candidate, phone: str, word: str) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Texted {word}: no more texts to {phone}",
        event=EventKind.SMS_OPTED_OUT,
        payload={"phone": phone, "word": word},
    )


def sms_opted_in(*, candidate: Candidate, phone: str, word: str) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Texted {word}: texts to {phone} allowed again",
        event=EventKind.SMS_OPTED_IN,
        payload={"phone": phone, "word": word},
    )


def call_recorded(
    *, call: Call, candidate: Candidate, kind: str, outcome: str, occurred_at: datetime
) -> Activity:
    inbound = call.direction == Direction.INBOUND
    minutes, seconds = divmod(call.duration_seconds, 60)
    length = f" ({minutes}:{seconds:02d})" if call.duration_seconds else ""
    return record(
        candidate=candidate,
        actor=None,
        kind=kind,
        direction=call.direction,
        outcome=outcome,
        occurred_at=occurred_at,
        subject=f"{'Call from' if inbound else 'Call to'} "
        f"{call.from_phone if inbound else call.to_phone}{length}",
        body=call.transcription,
        event=EventKind.CALL_RECORDED,
        payload={"call": call.pk, "sid": call.sid, "status": call.status},
    )


def voicemail_received(*, call: Call, candidate: Candidate, occurred_at: datetime) -> Activity:
    """A recording the provider sent after the call's own entry was written."""
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.VOICEMAIL,
        direction=Direction.INBOUND,
        outcome="left_voicemail",
        occurred_at=occurred_at,
        subject=f"Voicemail from {call.from_phone}",
        body=call.transcription,
        event=EventKind.VOICEMAIL_RECEIVED,
        payload={"call": call.pk, "sid": call.sid, "recording_url": call.recording_url},
    )
