"""Offers on applications, who approves them in order, and each job's offer policy."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PayPeriod(models.TextChoices):
    YEAR = "year", "per year"
    MONTH = "month", "per month"
    WEEK = "week", "per week"
    DAY = "day", "per day"
    HOUR = "hour", "per hour"


class OfferState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING_APPROVAL = "pending_approval", "Pending approval"
    APPROVED = "approved", "Approved"
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


# An application has at most one offer in these states at a time.
LIVE_STATES = (
    OfferState.DRAFT,
    OfferState.PENDING_APPROVAL,
    OfferState.APPROVED,
    OfferState.SENT,
)


class Decision(models.TextChoices):
    PENDING = "pending", "Waiting"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class OfferPolicy(models.Model):
    """Who approves offers, in order, and the salary range: on a pipeline template (what new
    jobs copy) or on one job (its own copy). Kept here so the jobs app knows nothing of it."""

    job = models.OneToOneField(
        "jobs.Job", null=True, blank=True, on_delete=models.CASCADE, related_name="offer_policy"
    )
    template = models.OneToOneField(
        "jobs.PipelineTemplate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="offer_policy",
    )
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    # On: an offer inside the range (same currency) needs no approval at all.
    approval_only_outside_range = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(job__isnull=True, template__isnull=False)
                | Q(job__isnull=False, template__isnull=True),
                name="offer_policy_on_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"Offer policy of {self.job or self.template}"


class PolicyApprover(models.Model):
    policy = models.ForeignKey(OfferPolicy, on_delete=models.CASCADE, related_name="approvers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "user"], name="policy_approver_once")
        ]

    def __str__(self) -> str:
        return f"{self.order}: {self.user}"


class Offer(models.Model):
    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="offers"
    )
    title = models.CharField(max_length=200)
    salary = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    pay_period = models.CharField(max_length=10, choices=PayPeriod.choices)
    start_date = models.DateField()
    expires_on = models.DateField()
    template = models.ForeignKey(
        "messaging.EmailTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The letter as rendered when the draft was last saved: what approvers read is what the
    # candidate gets.
    letter_subject = models.CharField(max_length=300, blank=True)
    letter = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=OfferState.choices, default=OfferState.DRAFT)
    # The last approver's rejection comment, shown on the draft it sent back.
    rejection_comment = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    # Which link the answer came from: when its token was signed, a hash of the token (never
    # the token, a key to the page) and the client's address.
    answer_link_issued_at = models.DateTimeField(null=True, blank=True)
    answer_token_hash = models.CharField(max_length=64, blank=True)
    answer_ip = models.GenericIPAddressField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    message = models.ForeignKey(
        "messaging.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(state__in=LIVE_STATES),
                name="one_live_offer_per_application",
            )
        ]
        indexes = [models.Index(fields=["state", "expires_on"])]

    def __str__(self) -> str:
        return f"{self.title} for application {self.application_id}"

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES


class OfferApproval(models.Model):
    """One approver's place in an offer's chain, snapshot from the job's policy at submit."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="approvals")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offer_approvals"
    )
    order = models.PositiveSmallIntegerField()
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    # When it became this approver's turn: the approval_due follow-up counts from it.
    waiting_since = models.DateTimeField(null=True, blank=True)
    at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)
    # Each submit is a new round; older rounds stay as the chain's history.
    round = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["round", "order", "id"]
        indexes = [models.Index(fields=["decision", "waiting_since"])]

    def __str__(self) -> str:
        return f"{self.approver} on offer {self.offer_id}: {self.decision}"
