import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class Outcome(models.TextChoices):
    """What became of a person, as a retention rule reads it (see retention.py)."""

    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrew"
    HIRED = "hired", "Hired"
    NEVER_APPLIED = "never_applied", "Never applied (sourced only)"


class RetentionRule(models.Model):
    """Keep people of this outcome (where the place matches) `months` after their last
    activity, then anonymise them. A legal floor only ever keeps someone longer: it never
    makes anyone due by itself. When several rules match, the latest date wins."""

    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    # Matched, without case, against the candidate's location and their jobs' locations
    # ("Germany", "Berlin", "United States"); blank matches everyone.
    location = models.CharField(max_length=200, blank=True)
    months = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    legal_floor = models.BooleanField(default=False)
    note = models.CharField(max_length=200, blank=True)  # "41 CFR 60-1.12", "CNIL guidance"
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["outcome", "location", "id"]

    def __str__(self) -> str:
        where = self.location or "anywhere"
        kind = "legal floor" if self.legal_floor else "keep"
        return f"{self.get_outcome_display()}, {where}: {kind} {self.months} months"


class RunState(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class RetentionRun(models.Model):
    """One application of the rules (the daily task or an admin's "Run now"), with its
    progress, so the admin page can show it while it works."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.RUNNING)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    anonymised = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)  # not told their outcome: a follow-up instead
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"retention run {self.pk} ({self.state})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


class ExportState(models.TextChoices):
    PENDING = "pending", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class SubjectExport(models.Model):
    """A zip of everything held about one person, built by a task; its download link is
    signed and expires (EXPORT_LINK_DAYS)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="subject_exports"
    )
    # Null when the candidate asked from their status page.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_candidate = models.BooleanField(default=False)
    state = models.CharField(
        max_length=10, choices=ExportState.choices, default=ExportState.PENDING
    )
    file = models.FileField(upload_to="privacy/exports/", max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["candidate", "-created_at"])]

    def __str__(self) -> str:
        return f"export {self.pk} of {self.candidate_id}"
