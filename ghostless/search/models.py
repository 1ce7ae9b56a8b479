from django.conf import settings
from django.db import models
from django.utils import timezone


class SearchDocument(models.Model):
    """A candidate's searchable text, normalized (see search/text.py), one column per weight.

    a: name, emails, phones · b: title, company, skills, tags · c: location, custom fields,
    current resume · d: notes. The full-text index over these columns is vendor SQL created by
    migration 0001: an FTS5 table kept in sync by triggers on SQLite, a generated tsvector column
    with a GIN index on PostgreSQL. Rows are written only by search.index.
    """

    candidate = models.OneToOneField(
        "candidates.Candidate",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    a = models.TextField(blank=True)
    b = models.TextField(blank=True)
    c = models.TextField(blank=True)
    d = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"search document of {self.candidate_id}"


class SavedSearch(models.Model):
    """A query string (text and filters, as in the search page's URL) kept under a name."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="one_saved_search_name_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name
