"""Delivering texts: claim one due text, hand it to the provider, record what happened.

Like the email outbox: a conditional UPDATE (queued -> sending) claims a text, so parallel
workers never send one twice; temporary failures go back to `queued` with a growing delay,
permanent ones mark it `failed` with the provider's code, shown on the timeline. Whether the
number may be texted, and whether quiet hours hold it, is checked again at the moment of
sending: a STOP that came after the text was queued still stops it.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ghostless.core import hooks
from ghostless.jobs.services import application_mark_told
from ghostless.texts import events, provider, quiet
from ghostless.texts.models import Text, TextStatus
from ghostless.texts.services import number_block, refusal
from ghostless.timeline.models import Kind

logger = logging.getLogger(__name__)

RETRY_DELAYS = [timedelta(seconds=s) for s in (30, 120, 600, 1800, 3600, 7200)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How far a provider's status may move a text: never back (a late "sent" after "delivered").
RANK = {
    TextStatus.QUEUED: 0,
    TextStatus.SENDING: 1,
    TextStatus.SENT: 2,
    TextStatus.DELIVERED: 3,
    TextStatus.UNDELIVERED: 3,
    TextStatus.FAILED: 3,
}
PROVIDER_STATUSES = {
    "accepted": TextStatus.SENT,
    "scheduled": TextStatus.SENT,
    "queued": TextStatus.SENT,
    "sending": TextStatus.SENT,
    "sent": TextStatus.SENT,
    "delivered": TextStatus.DELIVERED,
    "read": TextStatus.DELIVERED,
    "undelivered": TextStatus.UNDELIVERED,
    "failed": TextStatus.FAILED,
    "canceled": TextStatus.FAILED,
}


def stuck_after() -> timedelta:
    return timedelta(seconds=3 * settings.SMS_TIMEOUT)


def status_callback_url() -> str:
    return f"{settings.SITE_URL}/api/v1/inbound/sms/status"


def claim(pk: int) -> Text | None:
    now = timezone.now()
    claimed = Text.objects.filter(pk=pk, status=TextStatus.QUEUED, next_attempt_at__lte=now).update(
        status=TextStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    return Text.objects.select_related("candidate", "created_by").get(pk=pk) if claimed else None


def handle_one(pk: int) -> str | None:
    """Deliver one text if it is due and nobody else has it. Returns its new status."""
    text = claim(pk)
    if text is None:
        return None
    if why := refusal(text.candidate, text.to_phone):
        return _fail(text, why, code="")
    now = timezone.now()
    if held := quiet.release_at(text.candidate, now):
        # A retry (or a late worker) that lands in the night waits for the morning too.
        Text.objects.filter(pk=pk).update(
            status=TextStatus.QUEUED,
            attempts=F("attempts") - 1,
            next_attempt_at=held,
            held_until=held,
        )
        text.next_attempt_at = held
        from ghostless.texts.services import enqueue

        enqueue(text)
        return TextStatus.QUEUED
    try:
        accepted = provider.send(
            to=text.to_phone,
            body=text.body,
            status_callback=status_callback_url(),
            key=f"{text.pk}-{text.attempts}",
        )
    except provider.ProviderError as exc:
        return _record_failure(text, exc)
    _record_sent(text, accepted)
    return PROVIDER_STATUSES.get(accepted.status, TextStatus.SENT)


def _record_sent(text: Text, accepted: provider.Accepted) -> None:
    now = timezone.now()
    status = PROVIDER_STATUSES.get(accepted.status, TextStatus.SENT)
    with transaction.atomic():
        activity = events.text_sent(text=text, sent_at=now)
        Text.objects.filter(pk=text.pk).update(
            status=TextStatus.SENT,
            provider_sid=accepted.sid,
            segments=accepted.segments or text.segments,
            sent_at=now,
            status_changed_at=now,
            last_error="",
            activity=activity,
        )
        # A sent text answers a reply: follow-ups clear at once (as for email).
        hooks.candidates_touched.send_on_commit(candidate_ids=[text.candidate_id])
    if status != TextStatus.SENT:
        status_update(sid=accepted.sid, provider_status=accepted.status, error_code="")


def _fail(text: Text, reason: str, *, code: str) -> str:
    with transaction.atomic():
        Text.objects.filter(pk=text.pk).update(
            status=TextStatus.FAILED,
            last_error=reason,
            error_code=code,
            status_changed_at=timezone.now(),
        )
        text.error_code = code
        events.text_failed(text=text, reason=reason)
        if code in provider.UNTEXTABLE_CODES:
            why = "replied STOP" if code in provider.OPT_OUT_CODES else "cannot receive texts"
            number_block(
                phone=text.to_phone, reason=f"{why} (provider error {code})", error_code=code
            )
    return TextStatus.FAILED


def _record_failure(text: Text, exc: provider.ProviderError) -> str:
    logger.warning("Text %s attempt %s failed: %s", text.pk, text.attempts, exc.message)
    if exc.permanent or text.attempts >= MAX_ATTEMPTS:
        return _fail(text, exc.message, code=exc.code)
    retry_at = timezone.now() + RETRY_DELAYS[text.attempts - 1]
    Text.objects.filter(pk=text.pk).update(
        status=TextStatus.QUEUED, last_error=exc.message, next_attempt_at=retry_at
    )
    from ghostless.texts.tasks import deliver_text

    deliver_text.schedule((text.pk,), eta=retry_at)
    return TextStatus.QUEUED


def status_update(*, sid: str, provider_status: str, error_code: str) -> Text | None:
    """A delivery callback: move the text's status forward (never back). Delivered tells an
    application its outcome (the told-by-text rule, docs/texts.md); undelivered and failed
    put the reason on the timeline and, for a number that cannot take texts, mark it."""
    status = PROVIDER_STATUSES.get(provider_status)
    text = Text.objects.select_related("candidate").filter(provider_sid=sid).first()
    if text is None or status is None or RANK[status] <= RANK[text.status]:
        return text
    now = timezone.now()
    with transaction.atomic():
        moved = Text.objects.filter(pk=text.pk, status=text.status).update(
            status=status,
            status_changed_at=now,
            delivered_at=now if status == TextStatus.DELIVERED else None,
            error_code=error_code,
        )
        if not moved:
            return text
        text.status, text.error_code = status, error_code
        if status == TextStatus.DELIVERED and text.application_id:
            application_mark_told(application_id=text.application_id, at=now, how=Kind.SMS)
        elif status in (TextStatus.UNDELIVERED, TextStatus.FAILED):
            reason = f"the carrier reported {provider_status}"
            if error_code:
                reason += f" (error {error_code})"
            events.text_failed(text=text, reason=reason)
            if error_code in provider.UNTEXTABLE_CODES:
                number_block(
                    phone=text.to_phone,
                    reason=f"cannot receive texts (provider error {error_code})",
                    error_code=error_code,
                )
    return text


def due_text_ids(limit: int = 500) -> list[int]:
    """Release claims of dead workers, then list queued texts whose time has come."""
    now = timezone.now()
    Text.objects.filter(status=TextStatus.SENDING, claimed_at__lt=now - stuck_after()).update(
        status=TextStatus.QUEUED, next_attempt_at=now
    )
    return list(
        Text.objects.filter(status=TextStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
