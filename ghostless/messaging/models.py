import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Purpose(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    REJECTION = "rejection", "Rejection"
    POSITION_FILLED = "position_filled", "Position filled"
    INTERVIEW_INVITE = "interview_invite", "Interview invite"
    FOLLOW_UP = "follow_up", "Follow-up"
    NURTURE = "nurture", "Nurture"
    OFFER = "offer", "Offer letter"
    OTHER = "other", "Other"


class BatchState(models.Model):
    """How far a background batch got, kept in its row so a dead worker loses nothing.

    A live run commits `position` and `heartbeat_at` every few rows; a batch unfinished whose
    heartbeat is older than `BATCH_STALE_AFTER` belongs to a dead worker and is resumed from
    `position` (see batches.py). Every batch model inherits this.
    """

    position = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    resumes = models.PositiveSmallIntegerField(default=0)
    resumed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class EmailTemplate(models.Model):
    """A reusable email with merge fields, validated when saved (see rendering.py)."""

    name = models.CharField(max_length=120, unique=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.OTHER)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Set when a send failed to render this template (shown to admins), cleared on a good save.
    broken_reason = models.TextField(blank=True)
    broken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["purpose", "name"]

    def __str__(self) -> str:
        return self.name


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    BOUNCED = "bounced", "Bounced"


class Message(models.Model):
    """An email in the outbox: rendered once when queued, delivered by a task, never twice."""

    # A candidate for mail to candidates; a user for notifications such as the daily digest.
    candidate = models.ForeignKey(
        "candidates.Candidate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messages",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    application = models.ForeignKey(
        "jobs.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template = models.ForeignKey(
        EmailTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.OneToOneField(
        "timeline.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="message",
    )
    to_email = models.EmailField(max_length=254)
    from_email = models.CharField(max_length=300)
    reply_to = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # An iCalendar object (an interview invite, update or cancellation) sent as a
    # text/calendar part with this iTIP method and as an invite.ics attachment.
    calendar = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=10, blank=True)
    # Fixed when queued and reused by every retry, so a receiver can tell a repeat.
    message_id = models.CharField(max_length=255, unique=True)
    thread_token = models.CharField(max_length=32, db_index=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    send_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # "<user id>:<Idempotency-Key>"; the hash tells a true retry from a different request.
    idempotency_key = models.CharField(max_length=300, null=True, blank=True, unique=True)
    request_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["candidate", "-created_at"]),
            # The failed-emails badge on every page: one user's undelivered mail, lately.
            models.Index(fields=["created_by", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_email} ({self.status})"

    @property
    def never_rendered(self) -> bool:
        """Failed before any attempt: its template could not be rendered (messaging.services)."""
        return self.status == MessageStatus.FAILED and self.attempts == 0


class Suppression(models.Model):
    """An address that bounced or was refused for good: nothing is sent to it until cleared."""

    email = models.EmailField(max_length=254)
    reason = models.TextField()
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(cleared_at__isnull=True),
                name="one_active_suppression_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.email


class InboundState(models.TextChoices):
    MATCHED = "matched", "On a timeline"
    TRIAGE = "triage", "Waiting in triage"
    DISMISSED = "dismissed", "Dismissed"
    BOUNCE = "bounce", "Bounce report"


class InboundEmail(models.Model):
    """An email that reached the recruiting mailbox. Nothing is dropped: unmatched mail waits
    in triage until a person attaches it to a candidate or dismisses it."""

    # The Message-ID, or a hash of the raw bytes when there is none: never stored twice.
    dedup_key = models.CharField(max_length=300, unique=True)
    message_id = models.CharField(max_length=255, blank=True)
    from_email = models.EmailField(max_length=254, blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    to = models.TextField(blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)  # sanitized with nh3 on receipt
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=10)  # imap or webhook
    # The receiving server's Authentication-Results (SPF/DKIM/DMARC); sender_verified is None
    # for mail stored before the check existed.
    auth_results = models.TextField(blank=True)
    sender_verified = models.BooleanField(null=True, blank=True)
    raw = models.BinaryField()
    state = models.CharField(max_length=10, choices=InboundState.choices)
    matched_by = models.CharField(max_length=20, blank=True)
    candidate = models.ForeignKey(
        "candidates.Candidate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbound_emails",
    )
    application = models.ForeignKey(
        "jobs.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    in_reply_to_message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    activity = models.OneToOneField(
        "timeline.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbound_email",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["state", "-received_at"])]

    def __str__(self) -> str:
        return f"{self.subject} from {self.from_email}"


def attachment_path(instance, filename: str) -> str:
    """A random name: stored files are never reachable by a guessable path."""
    return f"inbound/{uuid.uuid4().hex}"


class InboundAttachment(models.Model):
    email = models.ForeignKey(InboundEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to=attachment_path, max_length=200)

    def __str__(self) -> str:
        return self.filename


class MailboxState(models.Model):
    """Where the last IMAP poll stopped, so the next one asks only for newer mail."""

    mailbox = models.CharField(max_length=300, unique=True)
    uid_validity = models.CharField(max_length=40, blank=True)
    last_uid = models.PositiveBigIntegerField(default=0)
    polled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.mailbox


class BulkSend(BatchState):
    """One template sent to many applications at once. The rows are written by a task, each
    under an idempotency key made of this batch's key and the application, so re-running the
    task never sends anyone a second copy."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Progress is found by the actor's id inside each message's idempotency key: keep the user.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(
        EmailTemplate, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    application_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField()
    # [{"application_id", "candidate", "reason"}] for everyone who could not be sent to.
    skipped = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["finished_at", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.template} to {self.total}"
