import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from ghostless.messaging.models import BatchState


class TalentPool(models.Model):
    """A named group of candidates kept for future openings."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Basis(models.TextChoices):
    """Why we may keep someone in a pool (GDPR Art. 6(1)(a) or (f))."""

    CONSENT = "consent", "Consent"
    LEGITIMATE_INTEREST = "legitimate_interest", "Legitimate interest"


class ConsentSource(models.TextChoices):
    """Where the basis was recorded."""

    CAREERS = "careers", "Careers form"
    STATUS_PAGE = "status_page", "Status page"
    EMAIL = "email", "Email link"
    RECRUITER = "recruiter", "Recruiter"
    IMPORT = "import", "Import"
    API = "api", "API"


class PoolMember(models.Model):
    """A candidate in a pool: when, why, by whom, and the basis that lets us keep them.

    Every membership runs out: `consent_expires_at` is when its basis ends, CONSENT_MONTHS
    after consent was given (or renewed), or after a legitimate-interest addition. The daily
    `consent_sweep` asks consenting members to renew a month before and removes whoever is
    past it (docs/privacy-consent.md).
    """

    pool = models.ForeignKey(TalentPool, on_delete=models.CASCADE, related_name="members")
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="pool_memberships"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    basis = models.CharField(
        max_length=24, choices=Basis.choices, default=Basis.LEGITIMATE_INTEREST
    )
    source = models.CharField(
        max_length=24, choices=ConsentSource.choices, default=ConsentSource.RECRUITER
    )
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_expires_at = models.DateTimeField(null=True, blank=True)
    # The renewal ask for the current expiry went out; cleared when consent is renewed.
    renewal_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "candidate"], name="one_membership_per_pool")
        ]
        indexes = [
            models.Index(fields=["candidate", "pool"]),
            # The daily sweep's range scans: who expires, who is due a renewal ask.
            models.Index(fields=["consent_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} in {self.pool_id}"

    @property
    def renewal_ask_at(self):
        """When Ghostless emails the renewal ask; None where it asks nothing (legitimate
        interest, no expiry)."""
        if self.basis != Basis.CONSENT or self.consent_expires_at is None:
            return None
        return self.consent_expires_at - timedelta(days=settings.CONSENT_RENEWAL_DAYS)

    @property
    def sweep_due(self) -> str:
        """What the next daily sweep does to this membership now: `remove`, `ask` or ``."""
        now = timezone.now()
        if self.consent_expires_at and self.consent_expires_at <= now:
            return "remove"
        ask = self.renewal_ask_at
        return "ask" if ask and ask <= now and self.renewal_asked_at is None else ""

    @property
    def consent_state(self) -> str:
        """`granted`, `expired` or `none`."""
        if self.consent_given_at is None:
            return "none"
        if self.consent_expires_at and self.consent_expires_at <= timezone.now():
            return "expired"
        return "granted"


class NurtureSend(BatchState):
    """One template sent to a pool or a selection of candidates. A task writes the messages,
    each under an idempotency key made of this batch's key and the candidate, so running it
    again never sends anyone a second copy."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Progress finds the messages by the actor's id inside their idempotency keys: keep it.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(
        "messaging.EmailTemplate", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The pool whose consent counts; empty for a selection, where any pool's consent does.
    pool = models.ForeignKey(
        TalentPool, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    candidate_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField()
    # [{"candidate_id", "candidate", "code", "reason"}] for everyone not sent to.
    skipped = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["finished_at", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.template} to {self.total}"
