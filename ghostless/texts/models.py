"""Texts (SMS) and calls through the phone provider: templates, the outbox, inbound texts
and the calls the provider reports."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ghostless.messaging.models import Purpose


class SmsTemplate(models.Model):
    """A reusable text with the same merge fields as email templates, and a purpose."""

    name = models.CharField(max_length=120, unique=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.OTHER)
    body = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["purpose", "name"]

    def __str__(self) -> str:
        return self.name


class TextStatus(models.TextChoices):
    """Ours (queued, sending) and the provider's (sent, delivered, undelivered, failed)."""

    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    UNDELIVERED = "undelivered", "Undelivered"
    FAILED = "failed", "Failed"


class Text(models.Model):
    """One outbound text: written `queued` with the change that caused it, delivered by a
    task (texts.outbox). Its timeline entry is written when the provider accepts it."""

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="texts"
    )
    application = models.ForeignKey(
        "jobs.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template = models.ForeignKey(
        SmsTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.OneToOneField(
        "timeline.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="text"
    )
    to_phone = models.CharField(max_length=20)
    from_phone = models.CharField(max_length=20, blank=True)
    body = models.TextField()
    segments = models.PositiveSmallIntegerField(default=1)
    encoding = models.CharField(max_length=5, default="GSM-7")
    status = models.CharField(max_length=12, choices=TextStatus.choices, default=TextStatus.QUEUED)
    provider_sid = models.CharField(max_length=64, null=True, blank=True, unique=True)
    error_code = models.CharField(max_length=10, blank=True)
    last_error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    send_at = models.DateTimeField(null=True, blank=True)
    # Set when quiet hours in the candidate's zone moved the send to their morning.
    held_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.CharField(max_length=300, null=True, blank=True, unique=True)
    request_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["candidate", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"Text to {self.to_phone} ({self.status})"


class InboundState(models.TextChoices):
    MATCHED = "matched", "On a timeline"
    TRIAGE = "triage", "Waiting in triage"
    DISMISSED = "dismissed", "Dismissed"


class InboundText(models.Model):
    """A text the provider delivered to the company number; kept once per provider SID."""

    sid = models.CharField(max_length=64, unique=True)
    from_phone = models.CharField(max_length=20)
    to_phone = models.CharField(max_length=20, blank=True)
    body = models.TextField(blank=True)
    media_urls = models.JSONField(default=list, blank=True)
    candidate = models.ForeignKey(
        "candidates.Candidate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inbound_texts",
    )
    state = models.CharField(max_length=10, choices=InboundState.choices)
    activity = models.OneToOneField(
        "timeline.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbound_text",
    )
    received_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["state", "-received_at"])]

    def __str__(self) -> str:
        return f"Text from {self.from_phone}"


class NumberBlock(models.Model):
    """Why a number may not be texted (it said STOP, or the provider says it cannot receive
    texts), kept beside `CandidatePhone.sms_opted_out_at` so the profile can say which."""

    phone = models.CharField(max_length=20, unique=True)
    reason = models.CharField(max_length=200)
    error_code = models.CharField(max_length=10, blank=True)
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.phone}: {self.reason}"


class Call(models.Model):
    """A call on the company number as the provider reported it, once per call SID; its
    timeline entry is updated by nothing: a later status writes no second entry."""

    sid = models.CharField(max_length=64, unique=True)
    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    direction = models.CharField(max_length=10)
    from_phone = models.CharField(max_length=20, blank=True)
    to_phone = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20)
    outcome = models.CharField(max_length=20, blank=True)
    duration_seconds = models.PositiveIntegerField(default=0)
    recording_url = models.URLField(max_length=500, blank=True)
    transcription = models.TextField(blank=True)
    activity = models.OneToOneField(
        "timeline.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="call"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Call {self.sid} ({self.status})"
