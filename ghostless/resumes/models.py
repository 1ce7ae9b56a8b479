import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


def _storage_name(instance, filename: str) -> str:
    # A random name with no extension: nothing the uploader chose reaches the file system.
    return f"resumes/{uuid.uuid4().hex}"


class ParseStatus(models.TextChoices):
    PENDING = "pending", "Reading"
    PARSED = "parsed", "Read"
    FAILED = "failed", "Could not be read"


class Resume(models.Model):
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="resumes"
    )
    file = models.FileField(upload_to=_storage_name, max_length=200)
    original_filename = models.CharField(max_length=255)
    # Decided from the content by resumes.validation, never taken from the upload.
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_current = models.BooleanField(default=True)
    # Filled by resumes.services.resume_extract in a background task after the upload commits.
    text = models.TextField(blank=True)
    parse_status = models.CharField(
        max_length=10, choices=ParseStatus.choices, default=ParseStatus.PENDING
    )
    # Database defaults too, for the bulk loader of generated data, which inserts raw rows.
    parse_error = models.CharField(max_length=300, blank=True, default="", db_default="")
    parsed_at = models.DateTimeField(null=True, blank=True)
    # Reads started by the task, counted before reading: a file that kills the worker cannot
    # be retried forever (see resumes.tasks).
    parse_attempts = models.PositiveSmallIntegerField(default=0, db_default=0)
    # Contact details seen in the text, as [{"field": "emails", "value": "..."}], found once
    # at extraction so the profile does not scan the text on every view.
    found_contacts = models.JSONField(
        default=list, blank=True, db_default=models.Value([], models.JSONField())
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["candidate", "-uploaded_at"]),
            # The sweep looks for resumes still waiting to be read; few, among millions.
            models.Index(
                fields=["uploaded_at"],
                condition=models.Q(parse_status="pending"),
                name="resume_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.original_filename

    def get_absolute_url(self) -> str:
        return reverse("resumes:download", args=[self.pk])
