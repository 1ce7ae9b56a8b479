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


class EventKind(models.TextChoices):
    """What a service-written entry tells; stored as `payload["event"]`. Each value has one
    named function in an `events` module that writes it (tests/timeline/test_events.py)."""

    CANDIDATE_CREATED = "candidate_created", "Candidate created"
    OWNER_CHANGED = "owner_changed", "Owner changed"
    CANDIDATE_MERGED = "candidate_merged", "Candidates merged"
    APPLICATION_CREATED = "application_created", "Added to a job"
    STAGE_CHANGED = "stage_changed", "Stage changed"
    STATUS_CHANGED = "status_changed", "Application status changed"
    EMAIL_SENT = "email_sent", "Email sent"
    EMAIL_RECEIVED = "email_received", "Email received"
    EMAIL_BOUNCED = "email_bounced", "Email bounced"
    RESUME_UPLOADED = "resume_uploaded", "Resume uploaded"
    RESUME_CONTACTS_ADDED = "resume_contacts_added", "Contact details added from a resume"
    SUGGESTION_ADDED = "suggestion_added", "Suggested from the network"
    CAREERS_APPLICATION = "careers_application", "Applied on the careers page"
    TALENT_NETWORK_CONSENT = "talent_network_consent", "Joined the talent network"
    ACKNOWLEDGEMENT_DEFAULT = "acknowledgement_default", "Acknowledged with the built-in text"
    ACKNOWLEDGEMENT_REFUSED = "acknowledgement_refused", "Acknowledgement not sent"
    POOL_ADDED = "pool_added", "Added to a talent pool"
    POOL_REMOVED = "pool_removed", "Removed from a talent pool"
    CONSENT_GIVEN = "consent_given", "Consent given"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    FOLLOWUPS_REASSIGNED = "followups_reassigned", "Follow-ups reassigned"
    INTERVIEW_SCHEDULED = "interview_scheduled", "Interview scheduled"
    INTERVIEW_RESCHEDULED = "interview_rescheduled", "Interview rescheduled"
    INTERVIEW_CANCELLED = "interview_cancelled", "Interview cancelled"
    INTERVIEW_ANSWERED = "interview_answered", "Answered an interview invite"
    SCORECARD_SUBMITTED = "scorecard_submitted", "Scorecard submitted"
    STATUS_PAGE_VIEWED = "status_page_viewed", "Viewed status page"
    STATUS_PAGE_WITHDREW = "status_page_withdrew", "Withdrew on the status page"
    STATUS_PAGE_QUESTION = "status_page_question", "Asked on the status page"
    RESUBSCRIBED = "resubscribed", "Resubscribed"
    STATUS_PAGE_DETAILS = "status_page_details", "Updated details on the status page"
    STATUS_PAGE_EMAIL_ASKED = "status_page_email_asked", "Asked to change email on the status page"
    STATUS_PAGE_EMAIL_CONFIRMED = "status_page_email_confirmed", "Confirmed a new email address"
    STATUS_PAGE_DETAIL_ELSEWHERE = "status_page_detail_elsewhere", "Gave a detail on another record"
    STATUS_PAGE_FRESH_LINK = "status_page_fresh_link", "Asked for a fresh status page link"
    STATUS_PAGE_RESUME = "status_page_resume", "Uploaded a resume on the status page"
    OFFER_CREATED = "offer_created", "Offer drafted"
    OFFER_UPDATED = "offer_updated", "Offer draft changed"
    OFFER_SUBMITTED = "offer_submitted", "Offer submitted for approval"
    OFFER_APPROVED = "offer_approved", "Offer approved"
    OFFER_REJECTED = "offer_rejected", "Offer sent back by an approver"
    OFFER_SENT = "offer_sent", "Offer sent"
    OFFER_ACCEPTED = "offer_accepted", "Offer accepted"
    OFFER_DECLINED = "offer_declined", "Offer declined"
    OFFER_EXPIRED = "offer_expired", "Offer expired"
    OFFER_WITHDRAWN = "offer_withdrawn", "Offer withdrawn"
    SLOTS_OFFERED = "slots_offered", "Interview times offered"
    SLOT_PICKED = "slot_picked", "Picked an interview time"
    SLOT_OFFER_CANCELLED = "slot_offer_cancelled", "Interview times withdrawn"
    CANDIDATE_ANONYMISED = "candidate_anonymised", "Personal data anonymised"
    SUBJECT_EXPORT_ASKED = "subject_export_asked", "Copy of personal data asked for"
    ERASURE_ASKED = "erasure_asked", "Erasure asked for"
    DO_NOT_CONTACT_SET = "do_not_contact_set", "Marked do not contact"
    DO_NOT_CONTACT_CLEARED = "do_not_contact_cleared", "Do not contact cleared"
    CONSENT_RENEWAL_ASKED = "consent_renewal_asked", "Asked to renew consent"
    CONSENT_RENEWAL_NOT_ASKED = "consent_renewal_not_asked", "Consent renewal not asked"
    CONSENT_RENEWED = "consent_renewed", "Consent renewed"
    CONSENT_EXPIRED = "consent_expired", "Removed from a pool: consent expired"
    CANDIDATE_IMPORTED = "candidate_imported", "Imported from a file"
    IMPORT_UPDATED = "import_updated", "Updated from an imported file"
    JSON_RESUME_IMPORTED = "json_resume_imported", "JSON Resume imported"
    TEXT_SENT = "text_sent", "Text sent"
    TEXT_FAILED = "text_failed", "Text not delivered"
    TEXT_RECEIVED = "text_received", "Text received"
    SMS_OPTED_OUT = "sms_opted_out", "Opted out of texts"
    SMS_OPTED_IN = "sms_opted_in", "Opted back in to texts"
    CALL_RECORDED = "call_recorded", "Call recorded by the phone provider"
    VOICEMAIL_RECEIVED = "voicemail_received", "Voicemail received"


# What the candidate did themselves, on their status page: no user acted, yet not the system.
BY_CANDIDATE = frozenset(
    e.value
    for e in (
        EventKind.STATUS_PAGE_VIEWED,
        EventKind.STATUS_PAGE_WITHDREW,
        EventKind.STATUS_PAGE_QUESTION,
        EventKind.STATUS_PAGE_DETAILS,
        EventKind.STATUS_PAGE_EMAIL_ASKED,
        EventKind.STATUS_PAGE_EMAIL_CONFIRMED,
        EventKind.STATUS_PAGE_DETAIL_ELSEWHERE,
        EventKind.STATUS_PAGE_FRESH_LINK,
        EventKind.STATUS_PAGE_RESUME,
        EventKind.OFFER_ACCEPTED,
        EventKind.OFFER_DECLINED,
        EventKind.SLOT_PICKED,
        EventKind.SUBJECT_EXPORT_ASKED,
        EventKind.ERASURE_ASKED,
        EventKind.CONSENT_RENEWED,
        EventKind.SMS_OPTED_OUT,
        EventKind.SMS_OPTED_IN,
    )
)


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
    """One entry on a candidate's timeline. Append-only: services add rows, never rewrite them
    (but for `answered_at`, derived from the rows after it)."""

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
    # On an inbound contact touch: when our first outbound contact touch to the candidate
    # followed (timeline/answers.py keeps it in the writing transaction; reports read it).
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["candidate", "-occurred_at", "-id"]),
            models.Index(fields=["application", "-occurred_at"]),
            # The ghosting report's replies from candidates in a date range, with their
            # answer, read from the index alone (SQLite covers a query only when every column
            # it names is in the index, the partial condition's too).
            models.Index(
                fields=[
                    "occurred_at",
                    "kind",
                    "private",
                    "direction",
                    "candidate",
                    "application",
                    "answered_at",
                ],
                condition=models.Q(direction="inbound"),
                name="activity_reply_at_idx",
            ),
            # The activity report: people's public touches in a date range, read from the
            # index alone (the week, person, kind and direction are all in it).
            models.Index(
                fields=["occurred_at", "actor", "kind", "direction"],
                condition=models.Q(actor__isnull=False, private=False),
                name="activity_touch_at_idx",
            ),
            # "Our first outbound touch to this candidate after the reply" (the ghosting
            # report's answers), found in the index alone, the kind being in it.
            models.Index(
                fields=["candidate", "occurred_at", "kind"],
                condition=models.Q(direction="outbound"),
                name="activity_outbound_at_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def actor_name(self) -> str:
        """Who did it, as the timeline says: the user, the candidate, or Ghostless itself."""
        if self.actor_id:
            return self.actor.name
        by_candidate = isinstance(self.payload, dict) and self.payload.get("event") in BY_CANDIDATE
        return "The candidate" if by_candidate else "Ghostless"


class AuditEntry(models.Model):
    """Who changed what on a record an admin cares about, with each changed field's old and
    new value. Written by the service in the same transaction as the change; never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # A type name and an id rather than a foreign key: the row outlives what it describes.
    subject = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    # What the subject was called at the time, readable after a rename or a delete.
    label = models.CharField(max_length=300, blank=True)
    event = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, blank=True)  # {field: [old, new]}

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["-at", "-id"]),
            models.Index(fields=["subject", "-at", "-id"]),
            models.Index(fields=["subject", "subject_id", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.subject}#{self.subject_id}"

    @property
    def subject_name(self) -> str:
        return self.subject.replace("_", " ").capitalize()

    @property
    def event_name(self) -> str:
        return self.event.replace("_", " ").capitalize()
