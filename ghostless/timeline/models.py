from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    CALL = "call", "Call"
    VOICEMAIL = "voicemail", "Voicemail"
    LINKEDIN = "linkedin", "LinkedIn message"
    MEETING = "meeting", "Meeting"
    NOTE = "note", "Note"
    STAGE_CHANGE = "stage_change", "Stage change"
    SYSTEM = "system", "System"


# Kinds a person logs by hand; the rest are written by services.
LOGGABLE_KINDS = [
    Kind.CALL,
    Kind.VOICEMAIL,
    Kind.SMS,
    Kind.LINKEDIN,
    Kind.EMAIL,
    Kind.MEETING,
    Kind.NOTE,
]
# Kinds that count as contact with the candidate ("last contact").
CONTACT_KINDS = {Kind.EMAIL, Kind.SMS, Kind.CALL, Kind.VOICEMAIL, Kind.LINKEDIN, Kind.MEETING}


class Direction(models.TextChoices):
    INBOUND = "inbound", "Inbound"
    OUTBOUND = "outbound", "Outbound"
    INTERNAL = "internal", "Internal"


class Outcome(models.TextChoices):
    NONE = "", "—"
    CONNECTED = "connected", "Connected"
    NO_ANSWER = "no_answer", "No answer"
    LEFT_VOICEMAIL = "left_voicemail", "Left voicemail"
    BUSY = "busy", "Busy"
    WRONG_NUMBER = "wrong_number", "Wrong number"
    BOUNCED = "bounced", "Bounced"


class Activity(models.Model):
    """One entry on a candidate's timeline. Append-only: services add rows, never rewrite."""

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="activities"
    )
    application = models.ForeignKey(
        "jobs.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INTERNAL
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True, default="")
    occurred_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    private = models.BooleanField(default=False)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["candidate", "-occurred_at", "-id"]),
            models.Index(fields=["application", "-occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"
