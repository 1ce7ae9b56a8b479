from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    REPLY = "reply", "Reply"
    DUE = "due", "Follow-up due"
    HANDOFF = "handoff", "Handed to you"
    MENTION = "mention", "Mention"
    CANDIDATE = "candidate", "From a candidate's status page"


class Notification(models.Model):
    """Something that needs one user now, shown under the bell until they read it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bell_notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=300)
    # What it links to: the entry on a profile, a follow-up, a profile, else `url`.
    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(
        "timeline.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    followup = models.ForeignKey(
        "followups.FollowUp", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Once per episode for what a task finds ("due:<follow-up>:<due time>"), so two runs of
    # the task, or two workers, tell nobody twice.
    key = models.CharField(max_length=120, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell's unread count, on every page with the nav.
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created_at", "-id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}: {self.text}"
