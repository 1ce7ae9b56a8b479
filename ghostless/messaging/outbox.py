"""Delivering the outbox: claim one due message, send it, record what happened.

Workers claim with a conditional UPDATE (queued → sending, with the claim time), so parallel
workers never send one message twice. Temporary failures go back to `queued` with a growing
delay; permanent ones (SMTP 5xx) mark the message `failed` and put the address on the
suppression list.

A worker killed after the server accepted a message and before `sent` was committed leaves it
`sending`; the sweep hands it out again once no live worker could still be on it, and it goes
out a second time with the same Message-ID. That window is the time between the server's
"250" and our commit: the connection's QUIT waits until after the commit (docs/reliability.md).
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ghostless.core import hooks
from ghostless.jobs.services import application_mark_told
from ghostless.messaging import events
from ghostless.messaging.backends import outbox_connection
from ghostless.messaging.links import unsubscribe_url
from ghostless.messaging.models import Message, MessageStatus, Suppression
from ghostless.timeline.models import Kind

logger = logging.getLogger(__name__)

RETRY_DELAYS = [timedelta(seconds=s) for s in (30, 120, 600, 1800, 3600, 7200, 14400, 28800)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A live worker is done with a message within this many SMTP round trips (connect, EHLO,
# STARTTLS, AUTH, MAIL, RCPT, DATA, the end of data, QUIT), each bounded by EMAIL_TIMEOUT.
SMTP_STEPS = 10
DO_NOT_CONTACT_ERROR = "Not sent: the candidate is marked do not contact."


def stuck_after() -> timedelta:
    """A claim older than this belongs to a worker that died; the sweep hands it out again."""
    return timedelta(seconds=SMTP_STEPS * settings.EMAIL_TIMEOUT)


class _Email(EmailMultiAlternatives):
    """An email whose text/calendar part names its iTIP method in its Content-Type."""

    calendar_method = ""

    def _create_mime_attachment(self, content, mimetype):
        part = super()._create_mime_attachment(content, mimetype)
        if mimetype == "text/calendar" and self.calendar_method:
            part.set_param("method", self.calendar_method)
        return part


def _email(message: Message, connection) -> EmailMultiAlternatives:
    headers = {"Message-ID": message.message_id}
    if message.in_reply_to:
        headers["In-Reply-To"] = message.in_reply_to
    if message.references or message.in_reply_to:
        headers["References"] = message.references or message.in_reply_to
    if message.candidate_id:
        # RFC 8058 one-click, which large mailbox providers require of bulk senders; computed
        # from the candidate, so a retry carries it too. No mailto: nobody reads such mail.
        url = unsubscribe_url(candidate_id=message.candidate_id)
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = _Email(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_email,
        to=[message.to_email],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=headers,
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.calendar:
        # iTIP over email (RFC 6047): the calendar part makes clients show Accept / Decline;
        # the attachment serves those that only import files.
        email.calendar_method = message.calendar_method or "REQUEST"
        email.attach_alternative(message.calendar, "text/calendar")
        email.attach("invite.ics", message.calendar.encode(), "application/ics")
    return email


def _smtp_failure(exc: Exception) -> tuple[bool, str]:
    """(permanent?, what the server said) for an exception raised while sending."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, answer = next(iter(exc.recipients.values()))
        return code >= 500, f"{code} {answer.decode(errors='replace')}"
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return exc.smtp_code >= 500, f"{exc.smtp_code} {text}"
    return False, f"{type(exc).__name__}: {exc}"


def claim(pk: int) -> Message | None:
    now = timezone.now()
    claimed = Message.objects.filter(
        pk=pk, status=MessageStatus.QUEUED, next_attempt_at__lte=now
    ).update(status=MessageStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    return Message.objects.select_related("candidate", "created_by").get(pk=pk) if claimed else None


def handle_one(pk: int) -> str | None:
    """Deliver one message if it is due and nobody else has it. Returns its new status."""
    message = claim(pk)
    if message is None:
        return None
    if message.candidate_id and message.candidate.do_not_contact_at:
        return _record_do_not_contact(message)
    connection = outbox_connection()
    try:
        # Opened here, the connection stays open after the send: QUIT waits for the commit.
        connection.open()
        _email(message, connection).send()
    except (smtplib.SMTPException, OSError) as exc:
        permanent, answer = _smtp_failure(exc)
        _close(connection)
        return _record_failure(message, answer, permanent=permanent)
    _record_sent(message)
    _close(connection)
    return MessageStatus.SENT


def _close(connection) -> None:
    """QUIT; the message's fate is already recorded, so a server gone by now changes nothing."""
    try:
        connection.close()
    except (smtplib.SMTPException, OSError) as exc:
        logger.info("Closing the SMTP connection failed: %s", exc)


def _record_sent(message: Message) -> None:
    now = timezone.now()
    with transaction.atomic():
        # Notifications to users (digests) have no candidate and no timeline.
        activity = events.email_sent(message=message, sent_at=now) if message.candidate else None
        Message.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENT, sent_at=now, last_error="", activity=activity
        )
        if activity is not None:
            if message.application_id:
                application_mark_told(application_id=message.application_id, at=now, how=Kind.EMAIL)
            # A sent email answers a reply and acknowledges an application: clear at once.
            hooks.candidates_touched.send_on_commit(candidate_ids=[message.candidate_id])


def _record_do_not_contact(message: Message) -> str:
    """Queued before the candidate was marked do-not-contact (a scheduled send, a retry):
    it never leaves, and the profile's undelivered list says why."""
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.FAILED, last_error=DO_NOT_CONTACT_ERROR
    )
    return MessageStatus.FAILED


def _record_failure(message: Message, answer: str, *, permanent: bool) -> str:
    logger.warning("Message %s attempt %s failed: %s", message.pk, message.attempts, answer)
    if permanent or message.attempts >= MAX_ATTEMPTS:
        with transaction.atomic():
            Message.objects.filter(pk=message.pk).update(
                status=MessageStatus.FAILED, last_error=answer
            )
            if permanent:
                Suppression.objects.get_or_create(
                    email=message.to_email,
                    cleared_at=None,
                    defaults={
                        "reason": f"Refused by the mail server: {answer}",
                        "message": message,
                    },
                )
        return MessageStatus.FAILED
    retry_at = timezone.now() + RETRY_DELAYS[message.attempts - 1]
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.QUEUED, last_error=answer, next_attempt_at=retry_at
    )
    from ghostless.messaging.tasks import deliver_message

    deliver_message.schedule((message.pk,), eta=retry_at)
    return MessageStatus.QUEUED


def due_message_ids(limit: int = 500) -> list[int]:
    """Release claims of dead workers, then list queued messages whose time has come."""
    now = timezone.now()
    Message.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=now - stuck_after()).update(
        status=MessageStatus.QUEUED, next_attempt_at=now
    )
    return list(
        Message.objects.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
