"""Endpoints (admins only), and events written to the outbox with the change that caused them.

`event_emit` runs inside the caller's transaction: the event and one delivery per subscribed
endpoint commit with the change or not at all, and the delivery task is queued on commit."""

import base64
import json
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_admin
from ghostless.timeline.audit import audit_event, audit_record, changes_between
from ghostless.webhooks.catalog import EVENT_TYPES, PING
from ghostless.webhooks.models import Delivery, DeliveryStatus, Endpoint, Event
from ghostless.webhooks.transport import Refused, check_url

SECRET_BYTES = 32


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _clean(*, url: str | None = None, events: list[str] | None = None, description=None) -> dict:
    fields = {}
    if url is not None:
        url = url.strip()
        if len(url) > 500:
            raise DomainError("Keep the address under 500 characters.", field="url")
        try:
            check_url(url)
        except Refused as exc:
            raise DomainError(str(exc), field="url") from None
        fields["url"] = url
    if events is not None:
        unknown = sorted(set(events) - set(EVENT_TYPES))
        if unknown:
            raise DomainError(f"Unknown event type: {', '.join(unknown)}.", field="events")
        if not events:
            raise DomainError("Choose at least one event to send.", field="events")
        fields["events"] = [e for e in EVENT_TYPES if e in events]
    if description is not None:
        description = " ".join(description.split())
        if len(description) > 200:
            raise DomainError("Keep the description under 200 characters.", field="description")
        fields["description"] = description
    return fields


def _audit(endpoint: Endpoint, actor: User | None, event: str, detail: dict | None = None):
    audit_event(
        actor=actor,
        subject="webhook",
        subject_id=endpoint.pk,
        label=endpoint.url,
        event=event,
        detail=detail,
    )


def endpoint_create(
    *, actor: User | None, url: str, events: list[str], description: str = "", active=True
) -> tuple[Endpoint, str]:
    """The endpoint and its secret, which is shown this once."""
    check_admin(actor)
    fields = _clean(url=url, events=events, description=description)
    with transaction.atomic():
        endpoint = Endpoint.objects.create(
            **fields, active=active, secret=new_secret(), created_by=actor
        )
        _audit(endpoint, actor, "webhook_created", {"events": [None, endpoint.events]})
    return endpoint, endpoint.secret


def endpoint_update(*, endpoint: Endpoint, actor: User | None, **changes) -> Endpoint:
    """Change the given fields (url, events, description, active). Turning an endpoint back
    on clears why it was disabled and sends what waited for it."""
    check_admin(actor)
    active = changes.pop("active", None)
    fields = _clean(**changes)
    if active is not None:
        fields["active"] = bool(active)
    with transaction.atomic():
        current = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
        before = {k: getattr(current, k) for k in fields}
        for key, value in fields.items():
            setattr(current, key, value)
        resumed = fields.get("active") and not before.get("active", True)
        if resumed:
            current.disabled_at, current.disabled_reason = None, ""
            current.failing_since, current.failures_in_a_row = None, 0
        current.updated_at = timezone.now()
        current.save()
        audit_record(
            actor=actor,
            subject="webhook",
            subject_id=current.pk,
            label=current.url,
            event="webhook_updated",
            changes=changes_between(before, fields),
        )
        if resumed:
            waiting = current.deliveries.filter(status=DeliveryStatus.PENDING)
            waiting.update(next_attempt_at=timezone.now())
            _enqueue_on_commit(list(waiting.values_list("pk", flat=True)))
    return current


def endpoint_delete(*, endpoint: Endpoint, actor: User | None) -> None:
    check_admin(actor)
    with transaction.atomic():
        _audit(endpoint, actor, "webhook_deleted")
        endpoint.delete()


def endpoint_rotate_secret(*, endpoint: Endpoint, actor: User | None) -> tuple[Endpoint, str]:
    """A new secret, shown once; the old one keeps signing for WEBHOOKS_SECRET_GRACE_HOURS
    so the receiver can switch without missing an event."""
    check_admin(actor)
    now = timezone.now()
    with transaction.atomic():
        current = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
        current.previous_secret = current.secret
        current.previous_secret_until = now + timedelta(hours=settings.WEBHOOKS_SECRET_GRACE_HOURS)
        current.secret = new_secret()
        current.updated_at = now
        current.save()
        _audit(current, actor, "webhook_secret_rotated")
    return current, current.secret


def signing_secrets(endpoint: Endpoint) -> list[str]:
    """The current secret, then the previous one while its grace period lasts."""
    found = [endpoint.secret]
    until = endpoint.previous_secret_until
    if endpoint.previous_secret and until and until > timezone.now():
        found.append(endpoint.previous_secret)
    return found


def _enqueue(pks: list[int]) -> None:
    from ghostless.webhooks.tasks import deliver_webhook

    for pk in pks:
        deliver_webhook(pk)


def _enqueue_on_commit(pks: list[int]) -> None:
    if pks:
        transaction.on_commit(lambda: _enqueue(pks))


def endpoints_subscribed(type: str) -> list[Endpoint]:
    return [e for e in Endpoint.objects.filter(active=True) if type in e.events]


def event_emit(
    *,
    type: str,
    data: Callable[[], dict],
    candidate_id: int | None = None,
    once_key: str | None = None,
    endpoints: list[Endpoint] | None = None,
) -> Event | None:
    """Write the event and its deliveries in the caller's transaction; `data` is called
    only when someone will receive it. With `once_key`, an event already written is not
    written again (and the key is kept even when nobody subscribes)."""
    targets = endpoints_subscribed(type) if endpoints is None else endpoints
    if not targets and once_key is None:
        return None
    now = timezone.now()
    body = json.dumps(
        {"type": type, "timestamp": now.isoformat(), "data": data() if targets else {}},
        separators=(",", ":"),
    )
    try:
        with transaction.atomic():
            event = Event.objects.create(
                msg_id=f"msg_{uuid.uuid4().hex}",
                type=type,
                occurred_at=now,
                body=body,
                candidate_id=candidate_id,
                once_key=once_key,
            )
    except IntegrityError:
        return None  # this once-only event was written already
    deliveries = Delivery.objects.bulk_create(
        Delivery(endpoint=e, event=event, next_attempt_at=now, created_at=now) for e in targets
    )
    _enqueue_on_commit([d.pk for d in deliveries])
    return event


def endpoint_ping(*, endpoint: Endpoint, actor: User | None) -> Delivery:
    """A `webhook.ping` to this endpoint only, delivered like any event."""
    check_admin(actor)
    if not endpoint.active:
        raise DomainError("This endpoint is turned off; turn it on to test it.", field="active")
    with transaction.atomic():
        event = event_emit(
            type=PING,
            endpoints=[endpoint],
            data=lambda: {"endpoint_id": endpoint.pk, "sent_by": actor.username if actor else None},
        )
    return event.deliveries.get()


def delivery_resend(*, delivery: Delivery, actor: User | None) -> Delivery:
    """Send one delivery again, with the same `webhook-id` (a receiver that has it already
    can drop it) and a fresh round of retries."""
    check_admin(actor)
    if not delivery.endpoint.active:
        raise DomainError("This endpoint is turned off; turn it on to resend.", field="endpoint")
    if delivery.status == DeliveryStatus.SENDING:
        raise DomainError("This delivery is being sent right now.", field="status")
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        detail = {"webhook_id": [None, delivery.event.msg_id]}
        _audit(delivery.endpoint, actor, "webhook_resent", detail)
        _enqueue_on_commit([delivery.pk])
    delivery.refresh_from_db()
    return delivery


def events_redact(*, candidate_id: int) -> int:
    """An anonymised candidate's data leaves the stored bodies of past events too; what was
    sent stays listed (type, time, outcome)."""
    redacted = 0
    for event in Event.objects.filter(candidate_id=candidate_id).only("body", "type"):
        body = json.loads(event.body)
        body["data"] = {"redacted": True}
        Event.objects.filter(pk=event.pk).update(body=json.dumps(body, separators=(",", ":")))
        redacted += 1
    return redacted
