from django.conf import settings
from django.db import models
from django.utils import timezone


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


class PoolMember(models.Model):
    """A candidate in a pool: when, why, by whom, and the consent that lets us keep them."""

    pool = models.ForeignKey(TalentPool, on_delete=models.CASCADE, related_name="members")
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="pool_memberships"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "candidate"], name="one_membership_per_pool")
        ]
        indexes = [models.Index(fields=["candidate", "pool"])]

    def __str__(self) -> str:
        return f"{self.candidate_id} in {self.pool_id}"

    @property
    def consent_state(self) -> str:
        """`granted`, `expired` or `none`."""
        if self.consent_given_at is None:
            return "none"
        if self.consent_expires_at and self.consent_expires_at <= timezone.now():
            return "expired"
        return "granted"
