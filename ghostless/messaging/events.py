"""Timeline entries for email, one small function per kind, written by the outbox and the
inbound matcher."""

from datetime import datetime

from ghostless.messaging.models import InboundEmail, Message
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, Direction, EventKind, Kind


def email_sent(*, message: Message, sent_at: datetime) -> Activity:
    return record(
        candidate=message.candidate,
        application_id=message.application_id,
        actor=message.created_by,
        kind=Kind.EMAIL,
        direction=Direction.OUTBOUND,
        occurred_at=sent_at,
        subject=message.subject,
        body=message.body_text,
        event=EventKind.EMAIL_SENT,
        payload={"message": message.pk, "to": message.to_email},
    )


def email_received(*, inbound: InboundEmail) -> Activity:
    return record(
        candidate=inbound.candidate,
        application_id=inbound.application_id,
        actor=None,
        kind=Kind.EMAIL,
        direction=Direction.INBOUND,
        occurred_at=inbound.sent_at or inbound.received_at,
        subject=inbound.subject,
        body=inbound.body_text,
        event=EventKind.EMAIL_RECEIVED,
        payload={"inbound": inbound.pk, "from": inbound.from_email},
    )


def email_bounced(*, message: Message, inbound: InboundEmail) -> Activity:
    return record(
        candidate=message.candidate,
        application_id=message.application_id,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Email bounced: {message.subject} to {message.to_email}",
        event=EventKind.EMAIL_BOUNCED,
        payload={"message": message.pk, "inbound": inbound.pk},
    )
