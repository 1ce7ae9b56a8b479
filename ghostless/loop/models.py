import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from ghostless.messaging.models import BatchState


class CloseOut(BatchState):
    """One "Tell them all" on a job's closing screen: who gets which template, and how far it got.

    The messages themselves carry per-application idempotency keys (see services), so a second
    close-out of the same applicants finds the first one's messages instead of sending again.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True)
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="close_outs")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.ForeignKey(
        "jobs.RejectionReason", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pool = models.ForeignKey(
        "pools.TalentPool", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # [{"application_id": 1, "template_id": 2}, ...], fixed when the close-out starts.
    plan = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    # [{"application_id", "candidate", "reason"}]: whoever could not be sent to, rebuilt per run.
    skipped = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["finished_at", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"Close-out of {self.job} ({self.total})"

    @property
    def application_ids(self) -> list[int]:
        return [row["application_id"] for row in self.plan]
