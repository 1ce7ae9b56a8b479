import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


def _storage_name(instance, filename: str) -> str:
    # A random name with no extension: nothing the uploader chose reaches the file system.
    return f"resumes/{uuid.uuid4().hex}"


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

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["candidate", "-uploaded_at"])]

    def __str__(self) -> str:
        return self.original_filename

    def get_absolute_url(self) -> str:
        return reverse("resumes:download", args=[self.pk])
