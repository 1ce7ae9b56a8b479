from django.conf import settings
from django.db import models
from django.utils import timezone


class Reason(models.TextChoices):
    MANUAL = "manual", "Reminder"
    AWAITING_REPLY = "awaiting_reply", "Awaiting our reply"
    NOT_ACKNOWLEDGED = "not_acknowledged", "Not acknowledged"
    STALE_IN_STAGE = "stale_in_stage", "Stale in stage"
    CLOSE_THE_LOOP = "close_the_loop", "Close the loop"
    CALLBACK = "callback", "Promised call-back"
    FEEDBACK_DUE = "feedback_due", "Feedback due"
    DECISION_DUE = "decision_due", "Decision due"
    PROMISE_DUE = "promise_due", "Promised answer due"
    AWAITING_CANDIDATE = "awaiting_candidate", "Awaiting the candidate"
    APPROVAL_DUE = "approval_due", "Offer approval due"
    OFFER_EXPIRING = "offer_expiring", "Offer expiring"


class State(models.TextChoices):
    OPEN = "open", "Open"
    SNOOZED = "snoozed", "Snoozed"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATES = (State.OPEN, State.SNOOZED)


class FollowUp(models.Model):
    """Something a person owes a candidate, made by hand or by a rule."""

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="followups"
    )
    application = models.ForeignKey(
        "jobs.Application",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followups",
    )
    # The interview a feedback_due follow-up asks a scorecard for.
    interview = models.ForeignKey(
        "interviews.Interview",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followups",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    due_at = models.DateTimeField()
    # Since when the candidate has been waiting: the queue ranks by it.
    waiting_since = models.DateTimeField()
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The touch that closed it (the call that kept a promised call-back), shown on the profile.
    closed_by_activity = models.ForeignKey(
        "timeline.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # For rule-made follow-ups, one per episode ("awaiting_reply:<candidate>:<inbound time>"),
    # so a follow-up marked done is not made again for the same silence.
    rule_key = models.CharField(max_length=120, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["due_at", "waiting_since", "id"]
        indexes = [
            models.Index(fields=["assignee", "state", "due_at"]),
            # The API's list order.
            models.Index(fields=["due_at", "id"], name="followup_due_idx"),
            # The queue: each part (overdue, due later today) read in order of the wait.
            models.Index(fields=["assignee", "state", "waiting_since"]),
            models.Index(fields=["reason", "state"]),
            models.Index(fields=["candidate", "state"]),
            # The rules' "already made for this episode?" checks.
            models.Index(fields=["application", "reason", "waiting_since"]),
            models.Index(fields=["candidate", "reason", "waiting_since"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} for {self.candidate_id}"

    @property
    def is_overdue(self) -> bool:
        return self.state in OPEN_STATES and self.due_at <= timezone.now()


class RuleSetting(models.Model):
    """An admin's choice for one rule: on or off, and its limit in business days."""

    reason = models.CharField(max_length=20, choices=Reason.choices, unique=True)
    enabled = models.BooleanField(default=True)
    business_days = models.PositiveSmallIntegerField(default=1)

    def __str__(self) -> str:
        return self.reason


class RuleRun(models.Model):
    """When each rule last ran, so the next run need only look at what is new since."""

    reason = models.CharField(max_length=20, choices=Reason.choices, unique=True)
    ran_at = models.DateTimeField()
    full_at = models.DateTimeField(null=True, blank=True)
    days = models.PositiveSmallIntegerField()
    enabled = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.reason} at {self.ran_at:%Y-%m-%d %H:%M}"
