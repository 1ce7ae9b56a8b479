"""Receiving mail: parse, de-duplicate, match to a candidate, or keep for triage.

Matching, in order: In-Reply-To/References to a message we sent; the reply token in a
`reply+TOKEN@` address; the sender's address to a candidate's email.
"""

import hashlib
import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

import nh3
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ghostless.candidates.models import CandidateEmail
from ghostless.core import hooks
from ghostless.core.errors import DomainError
from ghostless.core.text import clean_text
from ghostless.core.when import check_past_datetime
from ghostless.messaging import events
from ghostless.messaging.authentication import sender_verdict
from ghostless.messaging.models import (
    InboundAttachment,
    InboundEmail,
    InboundState,
    Message,
    MessageStatus,
    Suppression,
)
from ghostless.notifications.services import notify_reply

MESSAGE_ID_RE = re.compile(r"<([^<>\s]+@[^<>\s]+)>")
REPLY_TOKEN_RE = re.compile(r"reply\+([0-9a-f]{8,32})@", re.IGNORECASE)
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


def parse(raw: bytes) -> EmailMessage:
    if not raw or not raw.strip():
        raise DomainError("The message is empty.", field="body")
    try:
        message = message_from_bytes(raw, policy=policy.default)
    except Exception as exc:  # the parser's failures are many and undocumented
        raise DomainError(f"The message cannot be parsed: {exc}", field="body") from None
    if not message.keys():
        raise DomainError("The message has no headers.", field="body")
    return message


def _header(message: EmailMessage, name: str) -> str:
    """A header as text; malformed headers are read raw instead of failing."""
    try:
        value = message.get(name)
    except (IndexError, ValueError, TypeError, AttributeError):
        value = next((v for k, v in message.raw_items() if k.lower() == name.lower()), "")
    return clean_text(" ".join(str(value or "").split()))


def _headers(message: EmailMessage, name: str) -> list[str]:
    """Every header of that name, topmost first, as raw text on one line."""
    lowered = name.lower()
    return [
        clean_text(" ".join(str(v).split())) for k, v in message.raw_items() if k.lower() == lowered
    ]


def message_ids(value: str) -> list[str]:
    """Every <id@host> in a References/In-Reply-To header, however it was mangled."""
    return [f"<{m}>" for m in MESSAGE_ID_RE.findall(value or "")]


def _dedup_key(message: EmailMessage, raw: bytes) -> str:
    ids = message_ids(_header(message, "Message-ID"))
    return ids[0] if ids else "sha256:" + hashlib.sha256(raw).hexdigest()


def _part_text(part: EmailMessage) -> str:
    """A text part's words. A charset Python does not know is read as UTF-8 with errors
    replaced, so the mail is kept rather than failing on it."""
    try:
        return part.get_content()
    except (LookupError, KeyError, ValueError):
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def _body_text(message: EmailMessage, subtype: str) -> str:
    try:
        part = message.get_body((subtype,))
    except (LookupError, KeyError, ValueError):  # a malformed MIME tree: keep the rest
        return ""
    return clean_text(_part_text(part)) if part else ""


def _bodies(message: EmailMessage) -> tuple[str, str]:
    text = _body_text(message, "plain")
    html = nh3.clean(_body_text(message, "html"))
    if not text and html:
        text = nh3.clean(html, tags=set()).strip()
    return text.strip(), html


def _sent_at(message: EmailMessage):
    try:
        when = parsedate_to_datetime(_header(message, "Date"))
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or timezone.is_naive(when):
        return None
    # A claimed date from before 1970 is forged or broken: the mail is dated on arrival.
    try:
        return check_past_datetime(min(when, timezone.now()), field="sent_at")
    except DomainError:
        return None


def _match(message: EmailMessage, sender: str):
    """(how, original Message or None, candidate id or None)."""
    referenced = message_ids(_header(message, "In-Reply-To")) + message_ids(
        _header(message, "References")
    )
    if referenced:
        original = Message.objects.filter(message_id__in=referenced).order_by("-id").first()
        if original:
            return "thread", original, original.candidate_id
    recipients = " ".join(_header(message, h) for h in ("To", "Cc", "Delivered-To"))
    if token := REPLY_TOKEN_RE.search(recipients):
        original = Message.objects.filter(thread_token=token.group(1).lower()).first()
        if original:
            return "reply_token", original, original.candidate_id
    owner = CandidateEmail.objects.filter(email=sender).values_list("candidate_id", flat=True)
    if candidate_id := owner.first():
        return "sender", None, candidate_id
    return "", None, None


BOUNCE_SENDERS = ("mailer-daemon@", "postmaster@")
QUOTED_MESSAGE_ID_RE = re.compile(rb"^Message-ID:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)


def _bounced_message(message: EmailMessage, raw: bytes, sender: str) -> Message | None:
    """For a delivery-status report, the message of ours that bounced.

    Reports are multipart/report (RFC 3464) or, from older servers, plain mail from
    MAILER-DAEMON; either way the original's headers are quoted inside.
    """
    is_report = message.get_content_type() == "multipart/report"
    if not is_report and not sender.startswith(BOUNCE_SENDERS):
        return None
    own_id = _header(message, "Message-ID")
    quoted = [m.decode(errors="replace") for m in QUOTED_MESSAGE_ID_RE.findall(raw)]
    quoted = [m for m in quoted if m != own_id]
    return Message.objects.filter(message_id__in=quoted).first() if quoted else None


def receive(raw: bytes, *, source: str) -> InboundEmail:
    """Store one raw message once and put it where it belongs. Safe to call again."""
    message = parse(raw)
    key = _dedup_key(message, raw)
    if existing := InboundEmail.objects.filter(dedup_key=key).first():
        return existing
    name, sender = (getaddresses([_header(message, "From")]) or [("", "")])[0]
    sender = sender.strip().lower()
    text, html = _bodies(message)
    verdict = sender_verdict(
        _headers(message, "Authentication-Results"),
        sender,
        authserv_id=settings.INBOUND_AUTHSERV_ID,
    )
    inbound = InboundEmail(
        dedup_key=key,
        message_id=key if not key.startswith("sha256:") else "",
        from_email=sender[:254] if "@" in sender else "",
        from_name=name[:200],
        to=_header(message, "To"),
        subject=_header(message, "Subject")[:300],
        body_text=text,
        body_html=html,
        sent_at=_sent_at(message),
        auth_results=verdict.raw,
        sender_verified=verdict.verified,
        source=source,
        raw=raw,
    )
    try:
        with transaction.atomic():
            bounced = _bounced_message(message, raw, sender)
            if bounced is not None:
                _record_bounce(inbound, bounced)
            else:
                how, original, candidate_id = _match(message, sender)
                inbound.state = InboundState.MATCHED if candidate_id else InboundState.TRIAGE
                inbound.matched_by = how
                inbound.in_reply_to_message = original
                inbound.candidate_id = candidate_id
                inbound.application_id = original.application_id if original else None
                inbound.save()
                _save_attachments(inbound, message)
                _hand_on_calendar_reply(message, sender)
                if candidate_id:
                    inbound.activity = events.email_received(inbound=inbound)
                    inbound.save(update_fields=["activity"])
                    notify_reply(
                        activity=inbound.activity,
                        writer_id=original.created_by_id if original else None,
                    )
    except IntegrityError:
        # Another poller stored the same message a moment ago.
        return InboundEmail.objects.get(dedup_key=key)
    return inbound


def _hand_on_calendar_reply(message: EmailMessage, sender: str) -> None:
    """An Accept / Decline from a calendar goes to whoever owns the event (interviews); the
    email itself is stored and matched like any other."""
    for part in message.walk():
        if part.get_content_type() != "text/calendar":
            continue
        text = _part_text(part)
        method = str(part.get_param("method") or "").upper()
        if method == "REPLY" or (not method and "METHOD:REPLY" in text.upper()):
            hooks.calendar_reply_received.send_on_commit(calendar=text, from_email=sender)
            return


def _record_bounce(inbound: InboundEmail, bounced: Message) -> None:
    inbound.state = InboundState.BOUNCE
    inbound.candidate_id = bounced.candidate_id
    inbound.in_reply_to_message = bounced
    inbound.save()
    Message.objects.filter(pk=bounced.pk).update(
        status=MessageStatus.BOUNCED, last_error=f"Bounced: {inbound.subject}"
    )
    Suppression.objects.get_or_create(
        email=bounced.to_email,
        cleared_at=None,
        defaults={"reason": f"Bounced: {inbound.subject or 'delivery failed'}", "message": bounced},
    )
    inbound.activity = events.email_bounced(message=bounced, inbound=inbound)
    inbound.save(update_fields=["activity"])


def _save_attachments(inbound: InboundEmail, message: EmailMessage) -> None:
    for part in message.iter_attachments():
        try:
            content = part.get_content()
        except (LookupError, KeyError, ValueError):
            continue
        data = content.encode() if isinstance(content, str) else content
        if not isinstance(data, bytes) or len(data) > MAX_ATTACHMENT_BYTES:
            continue
        attachment = InboundAttachment(
            email=inbound,
            filename=clean_text(part.get_filename() or "attachment")[:255],
            content_type=part.get_content_type()[:100],
            size=len(data),
        )
        attachment.file.save("attachment", ContentFile(data), save=False)
        attachment.save()


def inbound_attach(*, inbound: InboundEmail, candidate, actor, application=None) -> InboundEmail:
    """A person puts a triaged email on a candidate's timeline."""
    if application is not None and application.candidate_id != candidate.pk:
        raise DomainError("That application belongs to another candidate.", field="application_id")
    with transaction.atomic():
        current = InboundEmail.objects.select_for_update().get(pk=inbound.pk)
        if current.state != InboundState.TRIAGE:
            raise DomainError("This email is no longer waiting in triage.", field="state")
        current.state = InboundState.MATCHED
        current.matched_by = "person"
        current.candidate = candidate
        current.application = application
        current.handled_by = actor
        current.save()
        current.activity = events.email_received(inbound=current)
        current.save(update_fields=["activity"])
        notify_reply(activity=current.activity, actor=actor)
    return current


def inbound_dismiss(*, inbound: InboundEmail, actor) -> None:
    InboundEmail.objects.filter(pk=inbound.pk, state=InboundState.TRIAGE).update(
        state=InboundState.DISMISSED, handled_by=actor
    )
