"""Endpoints that receive signed events, the events, and one delivery per (endpoint, event).

Events hold no foreign key to the records they describe: a candidate may be merged away or
anonymised, and the log of what was sent must stay (its payload is redacted instead)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Endpoint(models.Model):
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    # Event types this endpoint receives (webhooks.catalog.EVENT_TYPES).
    events = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    # The HMAC key, kept as written (`whsec_` + base64): signing needs it, so it cannot be
    # hashed. The previous one keeps signing until `previous_secret_until` (a rotation).
    secret = models.CharField(max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    # The first failure since the last success, and how many in a row: the endpoint is
    # disabled when either grows too large (webhooks.delivery).
    failing_since = models.DateTimeField(null=True, blank=True)
    failures_in_a_row = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["url", "id"]

    def __str__(self) -> str:
        return self.url


class Event(models.Model):
    # `webhook-id`: the same for every delivery and retry of this event, for receivers' dedupe.
    msg_id = models.CharField(max_length=40, unique=True)
    type = models.CharField(max_length=60)
    occurred_at = models.DateTimeField(default=timezone.now)
    # The exact JSON body sent, `{type, timestamp, data}`: identical on every retry.
    body = models.TextField()
    candidate_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    # Set for events that must happen once per thing (a follow-up going overdue).
    once_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.type} {self.msg_id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class Delivery(models.Model):
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # The first KB of the receiver's answer, or what went wrong before one came.
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="one_delivery_per_event")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint} ({self.status})"
