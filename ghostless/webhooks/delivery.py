"""Delivering the outbox: claim one due delivery, sign it, POST it, record what happened.

Workers claim with a conditional UPDATE (pending → sending), so two workers never send one
delivery at once. A 2xx is success; anything else, or no answer within WEBHOOKS_TIMEOUT,
is retried with exponential backoff and jitter for about three days. A 410 Gone disables
the endpoint at once; so does failing every delivery for DISABLE_AFTER or
FAILURES_IN_A_ROW times running, and then the admins get an email.
"""

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from standardwebhooks import Webhook

from ghostless.accounts.models import Role, User
from ghostless.messaging.services import notification_queue
from ghostless.webhooks.models import Delivery, DeliveryStatus, Endpoint
from ghostless.webhooks.services import signing_secrets
from ghostless.webhooks.transport import Answer, Refused, post

logger = logging.getLogger(__name__)

# After attempt n fails, wait RETRY_DELAYS[n - 1] (± JITTER). Together: about 3 days.
RETRY_DELAYS = [
    timedelta(seconds=s)
    for s in (30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 86400)
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
JITTER = 0.2
DISABLE_AFTER = timedelta(hours=24)
FAILURES_IN_A_ROW = 50
# A worker is done with one delivery well within this (connect, TLS, send, read: each
# bounded by WEBHOOKS_TIMEOUT); an older claim belongs to a worker that died.
STUCK_AFTER = timedelta(minutes=5)


def retry_delay(attempts: int) -> timedelta:
    base = RETRY_DELAYS[attempts - 1]
    return base * random.uniform(1 - JITTER, 1 + JITTER)  # noqa: S311 (jitter, not a secret)


def headers_for(delivery: Delivery, now) -> dict[str, str]:
    event = delivery.event
    signatures = [
        Webhook(secret).sign(event.msg_id, now, event.body)
        for secret in signing_secrets(delivery.endpoint)
    ]
    return {
        "webhook-id": event.msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": " ".join(signatures),
    }


def claim(pk: int) -> Delivery | None:
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=pk, status=DeliveryStatus.PENDING, next_attempt_at__lte=now, endpoint__active=True
    ).update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    if not claimed:
        return None
    return Delivery.objects.select_related("endpoint", "event").get(pk=pk)


def handle_one(pk: int) -> str | None:
    """Deliver one delivery if it is due and nobody else has it. Returns its new status."""
    delivery = claim(pk)
    if delivery is None:
        return None
    now = timezone.now()
    try:
        answer = post(delivery.endpoint.url, delivery.event.body, headers_for(delivery, now))
    except Refused as exc:
        # The address is forbidden now (its name moved into the network): nothing was sent.
        answer = Answer(None, "", f"Refused: {exc}"[:300])
    if answer.code is not None and 200 <= answer.code < 300 and not answer.error:
        return _record_delivered(delivery, answer)
    return _record_failure(delivery, answer)


def _record_delivered(delivery: Delivery, answer: Answer) -> str:
    now = timezone.now()
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.DELIVERED,
            delivered_at=now,
            last_attempt_at=now,
            response_code=answer.code,
            response_body=answer.body,
            error="",
        )
        Endpoint.objects.filter(pk=delivery.endpoint_id).update(
            failing_since=None, failures_in_a_row=0
        )
    return DeliveryStatus.DELIVERED


def _record_failure(delivery: Delivery, answer: Answer) -> str:
    now = timezone.now()
    error = answer.error or f"The receiver answered {answer.code}."
    logger.warning("Webhook delivery %s attempt %s: %s", delivery.pk, delivery.attempts, error)
    done = delivery.attempts >= MAX_ATTEMPTS
    retry_at = None if done else now + retry_delay(delivery.attempts)
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED if done else DeliveryStatus.PENDING,
            last_attempt_at=now,
            next_attempt_at=retry_at or now,
            response_code=answer.code,
            response_body=answer.body,
            error=error[:300],
        )
        endpoint = Endpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
        endpoint.failing_since = endpoint.failing_since or now
        endpoint.failures_in_a_row += 1
        endpoint.save(update_fields=["failing_since", "failures_in_a_row"])
        reason = _disable_reason(endpoint, answer, now)
        if reason and endpoint.active:
            endpoint_disable(endpoint=endpoint, reason=reason)
    if retry_at and not reason:
        from ghostless.webhooks.tasks import deliver_webhook

        deliver_webhook.schedule((delivery.pk,), eta=retry_at)
    return DeliveryStatus.FAILED if done else DeliveryStatus.PENDING


def _disable_reason(endpoint: Endpoint, answer: Answer, now) -> str:
    if answer.code == 410:
        return "The receiver answered 410 Gone: it no longer wants these events."
    if now - endpoint.failing_since >= DISABLE_AFTER:
        hours = int(DISABLE_AFTER.total_seconds() // 3600)
        return f"Every delivery failed for {hours} hours (last: {answer.error or answer.code})."
    if endpoint.failures_in_a_row >= FAILURES_IN_A_ROW:
        return f"{endpoint.failures_in_a_row} deliveries in a row failed."
    return ""


def endpoint_disable(*, endpoint: Endpoint, reason: str) -> None:
    """Turn the endpoint off (its pending deliveries wait) and tell every admin by email."""
    now = timezone.now()
    Endpoint.objects.filter(pk=endpoint.pk).update(
        active=False, disabled_at=now, disabled_reason=reason[:300], updated_at=now
    )
    link = settings.SITE_URL + reverse("webhooks:detail", args=[endpoint.pk])
    body = (
        f"Ghostless stopped sending events to {endpoint.url}"
        f"{f' ({endpoint.description})' if endpoint.description else ''}.\n\n"
        f"Why: {reason}\n\n"
        "Events that happen while it is off are not sent to it; those already waiting go out\n"
        "once you turn it back on:\n"
        f"{link}\n"
    )
    for admin in User.objects.filter(role=Role.ADMIN, is_active=True).exclude(email=""):
        notification_queue(
            to_user=admin,
            subject=f"Webhook endpoint disabled: {endpoint.url}",
            body=body,
            idempotency_key=f"webhook-disabled:{endpoint.pk}:{now.timestamp():.0f}:{admin.pk}",
        )


def due_delivery_ids(limit: int = 500) -> list[int]:
    """Release claims of dead workers, then list pending deliveries whose time has come."""
    now = timezone.now()
    Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        status=DeliveryStatus.PENDING, next_attempt_at=now
    )
    return list(
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now, endpoint__active=True
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
