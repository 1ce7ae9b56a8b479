from django.conf import settings
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
    linkedin_url = models.URLField(max_length=300, blank=True)
    github_url = models.URLField(max_length=300, blank=True)
    website_url = models.URLField(max_length=300, blank=True)
    current_title = models.CharField(max_length=200, blank=True)
    current_company = models.CharField(max_length=200, blank=True)
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
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(Lower("last_name"), Lower("first_name"), name="candidate_name_idx"),
            models.Index(fields=["source"]),
            models.Index(fields=["last_inbound_at"]),
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

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.phone
