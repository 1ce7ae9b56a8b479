from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    """One human. Emails and phones live in their own tables, unique across all candidates."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=200, blank=True)
    # An IANA zone ("America/Chicago") when known: interview times are shown in it too.
    time_zone = models.CharField(max_length=64, blank=True)
    linkedin_url = models.URLField(max_length=300, blank=True)
    github_url = models.URLField(max_length=300, blank=True)
    website_url = models.URLField(max_length=300, blank=True)
    current_title = models.CharField(max_length=200, blank=True)
    current_company = models.CharField(max_length=200, blank=True)
    # Comma-separated ("Python, Django, Kubernetes"), cleaned by the services.
    skills = models.CharField(max_length=500, blank=True)
    # The LinkedIn address reduced to host and path ("linkedin.com/in/jane"), kept by the
    # services, so the duplicate check finds the same profile with an index.
    linkedin_key = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=100, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_candidates",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="candidates")
    custom_fields = models.JSONField(default=dict, blank=True)
    # Newest email, call, text, ... in either direction; kept by the timeline service.
    last_contact_at = models.DateTimeField(null=True, blank=True)
    # Newest touch each way; the follow-up rules compare them to find unanswered candidates.
    last_inbound_at = models.DateTimeField(null=True, blank=True)
    last_outbound_at = models.DateTimeField(null=True, blank=True)
    # Set by the candidate's unsubscribe link: only transactional mail reaches them after it.
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Set on request: no email or text of any kind may be sent to them (privacy).
    do_not_contact_at = models.DateTimeField(null=True, blank=True)
    do_not_contact_reason = models.CharField(max_length=300, blank=True)
    # Set when the person's data was anonymised (retention) or erased on request (privacy).
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The list's default order, unfiltered and by owner: the first page is an index
            # range, not a sort of every candidate.
            models.Index(fields=["-created_at", "-id"], name="candidate_newest_idx"),
            models.Index(fields=["owner", "-created_at", "-id"], name="candidate_owner_newest_idx"),
            models.Index(Lower("last_name"), Lower("first_name"), name="candidate_name_idx"),
            models.Index(fields=["source"]),
            models.Index(fields=["last_inbound_at"]),
            # The duplicate check's narrowing queries (see duplicates.py).
            models.Index(fields=["linkedin_key"]),
            models.Index(Lower("current_company"), name="candidate_company_idx"),
            models.Index(Lower("first_name"), Lower("location"), name="candidate_first_loc_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("candidates:detail", args=[self.pk])

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CandidateEmail(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="emails")
    email = models.EmailField(max_length=254, unique=True)  # stored lower-cased
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.email


class CandidatePhone(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="phones")
    phone = models.CharField(max_length=20, unique=True)  # E.164
    order = models.PositiveSmallIntegerField(default=0)
    # Set when the number texted STOP (or the provider says it cannot receive texts).
    sms_opted_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.phone


class DuplicateDismissal(models.Model):
    """A recruiter said two records are different people: stop suggesting the pair.
    Stored once per pair, the lower id first."""

    candidate_a = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    candidate_b = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate_a", "candidate_b"], name="one_dismissal_per_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(candidate_a__lt=models.F("candidate_b")),
                name="dismissal_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_a_id} is not {self.candidate_b_id}"


class CandidateMerge(models.Model):
    """The audit row of one merge: who folded which record into which, what moved, and the
    merged record as it was, since that record no longer exists."""

    # Follows the record on: when the survivor is itself merged later, this row moves too.
    survivor = models.ForeignKey(
        Candidate, null=True, on_delete=models.SET_NULL, related_name="merges"
    )
    merged_candidate_id = models.PositiveBigIntegerField(db_index=True)
    merged_name = models.CharField(max_length=201)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The merged record's fields, emails, phones and tags, and the rows that were combined.
    snapshot = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    # {"applications": 3, "activities": 12, ...}: rows moved, by relation.
    moved = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged_name} (#{self.merged_candidate_id}) into {self.survivor_id}"
