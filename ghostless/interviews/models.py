"""Interviews on applications, who attends them, and each interviewer's scorecard."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class InterviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"


class AttendeeRole(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    INTERVIEWER = "interviewer", "Interviewer"


class Response(models.TextChoices):
    """An attendee's answer, as iCalendar's PARTSTAT (lower case, with underscores)."""

    NEEDS_ACTION = "needs_action", "Not answered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    TENTATIVE = "tentative", "Tentative"


class Level(models.TextChoices):
    """A scorecard's rating of one focus attribute."""

    STRONG_NO = "strong_no", "Strong no"
    NO = "no", "No"
    YES = "yes", "Yes"
    STRONG_YES = "strong_yes", "Strong yes"
    NOT_ASSESSED = "not_assessed", "Not assessed"


class Recommendation(models.TextChoices):
    DEFINITELY_NOT = "definitely_not", "Definitely not"
    NO = "no", "No"
    YES = "yes", "Yes"
    STRONG_YES = "strong_yes", "Strong yes"


def new_uid() -> str:
    return f"{uuid.uuid4()}@ghostless"


class Interview(models.Model):
    """One meeting on an application. Its UID never changes; SEQUENCE goes up on every change
    of time, place or attendees, so calendars replace the old event (RFC 5546)."""

    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="interviews"
    )
    # The stage the application was in when scheduled: its plan gave the kit, its promise
    # the candidate's "hear back by" date, and decision_due waits for its feedback.
    stage = models.ForeignKey(
        "jobs.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    planned = models.ForeignKey(
        "jobs.PlannedInterview",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interviews",
    )
    title = models.CharField(max_length=120)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=300, blank=True)
    video_url = models.URLField(max_length=500, blank=True)
    # A note to the candidate, in their invite only.
    note = models.TextField(blank=True)
    uid = models.CharField(max_length=120, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.SCHEDULED
    )
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["application", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def current_status(self) -> str:
        """`completed` once a scheduled interview has ended: computed when read, so it is
        right at any moment without a task to mark it."""
        if self.status == InterviewStatus.SCHEDULED and self.ends_at <= timezone.now():
            return InterviewStatus.COMPLETED
        return self.status

    @property
    def current_status_display(self) -> str:
        return InterviewStatus(self.current_status).label


class Attendee(models.Model):
    """The candidate or one interviewer on an interview. A removed interviewer keeps the row
    (with `removed_at`) so the cancellation sent to them can be explained."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="attendees")
    role = models.CharField(max_length=12, choices=AttendeeRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interview_attendances",
    )
    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=200, blank=True)
    response = models.CharField(
        max_length=12, choices=Response.choices, default=Response.NEEDS_ACTION
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["role", "id"]
        indexes = [models.Index(fields=["user", "removed_at"])]
        constraints = [
            models.UniqueConstraint(fields=["interview", "email"], name="one_attendee_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.name or self.email} ({self.role})"


class Scorecard(models.Model):
    """One interviewer's feedback on one interview. Hidden from the application's other
    interviewers until they have submitted their own (independent feedback)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    # Kept beside the interview so an application's scorecards are read by one index.
    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="scorecards"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scorecards"
    )
    # {attribute: Level}
    ratings = models.JSONField(default=dict, blank=True)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices)
    # {question: notes}; the key "" holds notes that answer no one question.
    notes = models.JSONField(default=dict, blank=True)
    takeaways = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "interviewer"], name="one_scorecard_per_interviewer"
            )
        ]
        indexes = [models.Index(fields=["application", "interviewer"])]

    def __str__(self) -> str:
        return f"{self.interviewer} on {self.interview}"


class ScorecardRevision(models.Model):
    """What a scorecard said before it was amended: amendments never lose the earlier text."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="revisions")
    ratings = models.JSONField(default=dict)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices)
    notes = models.JSONField(default=dict)
    takeaways = models.TextField(blank=True)
    # When the replaced text had been written.
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"{self.scorecard} as of {self.written_at:%Y-%m-%d %H:%M}"


class CalendarFeed(models.Model):
    """An interviewer's private iCalendar feed (/calendar/<secret>.ics). Only the secret's
    SHA-256 is stored; revoking it (or making a new one) ends the old address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class SlotOfferState(models.TextChoices):
    OPEN = "open", "Open"
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"


class SlotOffer(models.Model):
    """Start times offered to the candidate for one interview, with its panel fixed: the
    candidate's first pick on their status page books the interview (slots.py)."""

    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="slot_offers"
    )
    title = models.CharField(max_length=120)
    duration_minutes = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=300, blank=True)
    video_url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    interviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    state = models.CharField(
        max_length=10, choices=SlotOfferState.choices, default=SlotOfferState.OPEN
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    interview = models.OneToOneField(
        Interview, null=True, blank=True, on_delete=models.SET_NULL, related_name="slot_offer"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The last time the candidate was emailed about it: the awaiting_candidate rule counts
    # from here, so a re-sent offer gives them the full time again.
    sent_at = models.DateTimeField(default=timezone.now)
    booked_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["application", "state"]),
            models.Index(fields=["state", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} offered to application {self.application_id}"


class Slot(models.Model):
    """One offered start time. The end is kept beside it (the offer's duration never
    changes) so the status page finds overlaps with booked interviews in one query."""

    offer = models.ForeignKey(SlotOffer, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    picked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "starts_at"], name="one_slot_per_start")
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"
