from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportState(models.TextChoices):
    MAPPING = "mapping", "Choose columns"
    CHECKING = "checking", "Checking (dry run)"
    CHECKED = "checked", "Checked, ready to import"
    RUNNING = "running", "Importing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Phase(models.TextChoices):
    DRY_RUN = "dry_run", "Dry run"
    RUN = "run", "Import"


class ImportJob(models.Model):
    """One uploaded spreadsheet and its way through mapping, dry run and import. Counts are
    kept per phase so the report can set what happened beside what the dry run said."""

    file = models.FileField(upload_to="imports/%Y/%m/")
    original_filename = models.CharField(max_length=255)
    file_format = models.CharField(max_length=4)  # "csv" or "xlsx"
    encoding = models.CharField(max_length=20, blank=True)  # CSV only
    columns = models.JSONField(default=list)  # the header row, as written
    # {column header: field name}; a column left out is not imported.
    mapping = models.JSONField(default=dict)
    total_rows = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=ImportState.choices)
    # The phase running or last run, and how far it got (rows read, batch by batch).
    phase = models.CharField(max_length=10, choices=Phase.choices, blank=True)
    processed_rows = models.PositiveIntegerField(default=0)
    # {"create": n, "update": n, "unchanged": n, "reject": n, "duplicates": n} per phase.
    dry_run_counts = models.JSONField(default=dict)
    run_counts = models.JSONField(default=dict)
    error = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When a batch last committed: an import under way that stops moving is picked up again.
    progress_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_filename

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.state in (ImportState.CHECKED, ImportState.DONE) else 0
        return min(100, self.processed_rows * 100 // self.total_rows)


class ColumnMapping(models.Model):
    """The mapping last used for a set of column headers, offered again for the next file
    with the same headers."""

    header_key = models.CharField(max_length=64, unique=True)  # sha256 of the headers
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.header_key


class IssueKind(models.TextChoices):
    REJECTED = "rejected", "Rejected"
    DUPLICATE = "duplicate", "Possible duplicate"


class ImportIssue(models.Model):
    """A row that was (or would be) rejected, with why, or a possible duplicate to look at."""

    import_job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="issues")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    kind = models.CharField(max_length=10, choices=IssueKind.choices)
    row_number = models.PositiveIntegerField()  # as a spreadsheet numbers it (header is 1)
    message = models.CharField(max_length=500)
    values = models.JSONField(default=list)  # the row's cells as read
    candidate_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["row_number", "id"]
        indexes = [models.Index(fields=["import_job", "phase", "kind", "row_number"])]

    def __str__(self) -> str:
        return f"row {self.row_number}: {self.message}"


class ImportKey(models.Model):
    """A contact key (email, phone, LinkedIn profile) of a row already read in a phase, so a
    second row for the same person is refused: kept here rather than in the worker's memory,
    which would grow with the file, and committed with its batch, so a resumed phase finds
    the keys of the batches done before. Deleted when the phase ends."""

    import_job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    digest = models.CharField(max_length=32)  # blake2b of kind and value: fixed width
    row_number = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["import_job", "phase", "digest"], name="import_key_once_per_phase"
            )
        ]

    def __str__(self) -> str:
        return f"row {self.row_number}"
