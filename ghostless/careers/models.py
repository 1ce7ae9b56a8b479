from django.db import models
from django.utils import timezone


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", "Short text"
    LONG_TEXT = "long_text", "Long text"
    YES_NO = "yes_no", "Yes or no"
    CHOICE = "choice", "Choice"


class JobQuestion(models.Model):
    """A question a recruiter asks everyone who applies to one job."""

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    choices = models.JSONField(default=list, blank=True)  # the options of a "choice" question
    required = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label


class ApplicationAnswer(models.Model):
    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="answers"
    )
    # Kept when a question is later removed: the label is copied so the answer still reads.
    question = models.ForeignKey(
        JobQuestion, null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    label = models.CharField(max_length=300)
    value = models.TextField(blank=True)

    class Meta:
        ordering = ["question__order", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class Submission(models.Model):
    """Every application form that passed the spam checks, kept for the rate limit: counting
    rows in the database holds across web processes and machines."""

    job = models.ForeignKey("jobs.Job", null=True, on_delete=models.SET_NULL, related_name="+")
    email = models.CharField(max_length=254)
    ip = models.GenericIPAddressField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["email", "created_at"]),
            models.Index(fields=["ip", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.email} at {self.created_at}"
