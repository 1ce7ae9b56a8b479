from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# Business days an active application may stay in a stage before "stale in stage" fires.
DEFAULT_STALE_AFTER_DAYS = {"Applied": 3, "Contacted": 3, "Screen": 5, "Interview": 5, "Offer": 2}

DEFAULT_PIPELINE = [
    "Sourced",
    "Applied",
    "Contacted",
    "Screen",
    "Interview",
    "Offer",
    "Hired",
    "Onboarding",
]


class StageRole(models.TextChoices):
    """What a stage means, whatever it is called: where applicants and sourced people enter,
    and what reports count. Blank for stages with no such meaning ("Contacted")."""

    SOURCED = "sourced", "Sourced"
    APPLIED = "applied", "Applied"
    SCREEN = "screen", "Screen"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"


def role_for_name(name: str) -> str:
    """The role a stage of this name has by default: "Applied" is applied; "Contacted" none."""
    name = name.strip().lower()
    return name if name in StageRole.values else ""


# What candidates read on their status page for a stage of each role, until someone writes
# the stage's own words: (name, description). Never the internal name, which may say "Reject?".
CANDIDATE_FACING = {
    StageRole.APPLIED: ("Application received", "We are reading your application."),
    StageRole.SCREEN: (
        "Getting to know you",
        "A first conversation about you, what you are looking for and the role.",
    ),
    StageRole.INTERVIEW: ("Interviews", "You meet some of the people you would work with."),
    StageRole.OFFER: ("Offer", "We are preparing an offer for you."),
    StageRole.HIRED: ("Welcome aboard", "You are joining us. We are glad you are here."),
}
CANDIDATE_FACING_OTHER = (
    "Your application is with the hiring team",
    "They are looking at it and will be in touch.",
)


def candidate_facing_default(role: str) -> tuple[str, str]:
    return CANDIDATE_FACING.get(role, CANDIDATE_FACING_OTHER)


class CandidateFacingStage(models.Model):
    """What a candidate is told about a stage; empty means the default for its role."""

    candidate_name = models.CharField(max_length=80, blank=True)
    candidate_description = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def candidate_facing(self) -> tuple[str, str]:
        default_name, default_description = candidate_facing_default(self.role)
        return (
            self.candidate_name or default_name,
            self.candidate_description or default_description,
        )


# Business hours after an interview ends before a missing scorecard is a follow-up, and
# business days after all feedback is in before an undecided application is one.
DEFAULT_FEEDBACK_DUE_HOURS = 24
DEFAULT_DECISION_DUE_DAYS = 2


class PipelineTemplate(models.Model):
    name = models.CharField(max_length=100, unique=True)
    is_default = models.BooleanField(default=False)
    feedback_due_hours = models.PositiveSmallIntegerField(default=DEFAULT_FEEDBACK_DUE_HOURS)
    decision_due_days = models.PositiveSmallIntegerField(default=DEFAULT_DECISION_DUE_DAYS)

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_pipeline_template",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PipelineTemplateStage(CandidateFacingStage):
    template = models.ForeignKey(PipelineTemplate, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField()
    stale_after_days = models.PositiveSmallIntegerField(null=True, blank=True)
    role = models.CharField(max_length=20, choices=StageRole.choices, blank=True)
    hear_back_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class JobStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    ON_HOLD = "on_hold", "On hold"
    FILLED = "filled", "Filled"
    CLOSED = "closed", "Closed"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    TEMPORARY = "temporary", "Temporary"
    INTERNSHIP = "internship", "Internship"


class Job(models.Model):
    title = models.CharField(max_length=200)
    department = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=200, blank=True)
    employment_type = models.CharField(
        max_length=20, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    description = models.TextField(blank=True)
    # Comma-separated ("Kubernetes, Terraform, Go"); rediscovery searches the network for them.
    skills = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.DRAFT)
    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_jobs",
    )
    recruiters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="recruiting_jobs"
    )
    openings = models.PositiveSmallIntegerField(default=1)
    # The careers page address, "<title>-<pk>"; set by job_create, never by hand.
    slug = models.SlugField(max_length=80, unique=True, null=True, blank=True, editable=False)
    # An open job is public unless a recruiter keeps it internal.
    published = models.BooleanField(default=True)
    # Remote jobs: `location` names where applicants must live (e.g. a country).
    remote = models.BooleanField(default=False)
    # The last day the posting takes applications; empty for "until filled".
    valid_through = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Copied from the pipeline template when the job is created; editable per job.
    feedback_due_hours = models.PositiveSmallIntegerField(default=DEFAULT_FEEDBACK_DUE_HOURS)
    decision_due_days = models.PositiveSmallIntegerField(default=DEFAULT_DECISION_DUE_DAYS)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])


class Stage(CandidateFacingStage):
    """One step of one job's pipeline; copied from a template when the job is created."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField()
    # Empty: applications may stay here as long as they like.
    stale_after_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # At most one stage of a pipeline has each role (stage_set_role checks).
    role = models.CharField(max_length=20, choices=StageRole.choices, blank=True)
    # Business days after an interview in this stage by which candidates are promised an
    # answer ("you'll hear from us by ..."); empty for no promise.
    hear_back_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        indexes = [models.Index(fields=["job", "order"])]

    def __str__(self) -> str:
        return self.name


class PlannedInterview(models.Model):
    """One interview of a stage's interview plan: on a pipeline template's stage (the plan
    new jobs copy) or on one job's stage (that job's own copy, which it may change)."""

    template_stage = models.ForeignKey(
        PipelineTemplateStage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="planned_interviews",
    )
    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.CASCADE, related_name="planned_interviews"
    )
    title = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    # Focus attributes rated on the scorecard ("System design", "Communication").
    attributes = models.JSONField(default=list, blank=True)
    questions = models.JSONField(default=list, blank=True)
    instructions = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(template_stage__isnull=True, stage__isnull=False)
                | Q(template_stage__isnull=False, stage__isnull=True),
                name="planned_interview_on_one_stage",
            )
        ]

    def __str__(self) -> str:
        return self.title


class RejectionReason(models.Model):
    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Withdrawn candidates left by themselves: they need no message and count as settled.
SETTLED_BY_STATUS = (ApplicationStatus.HIRED, ApplicationStatus.WITHDRAWN)
# Applications still owed an answer: not hired or withdrawn, not told, not skipped.
UNTOLD = Q(told_at__isnull=True, loop_skip_reason="") & ~Q(status__in=SETTLED_BY_STATUS)


class ApplicationQuerySet(models.QuerySet):
    def untold(self) -> "ApplicationQuerySet":
        return self.filter(UNTOLD)


class Application(models.Model):
    """A candidate on a job: who applied for which job, and where they stand."""

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="applications"
    )
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.ACTIVE
    )
    rejection_reason = models.ForeignKey(
        RejectionReason, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=100, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_applications",
    )
    created_at = models.DateTimeField(default=timezone.now)
    stage_entered_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # When and how the candidate last heard the outcome (rejection, job filled or closed).
    told_at = models.DateTimeField(null=True, blank=True)
    told_how = models.CharField(max_length=40, blank=True)
    # Why nobody will send this applicant an outcome message (told by phone, spam, ...).
    loop_skip_reason = models.CharField(max_length=200, blank=True)
    # The latest promise made to the candidate after an interview ("you'll hear from us by");
    # the promise_due rule watches it.
    hear_back_by = models.DateTimeField(null=True, blank=True)
    # The furthest funnel role ever reached (0 none, 1 applied ... 5 hired), kept by
    # jobs.furthest for the funnel and sources reports.
    furthest_rank = models.PositiveSmallIntegerField(default=0)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "job"], name="one_application_per_job")
        ]
        indexes = [
            models.Index(fields=["job", "stage", "status"]),
            # A job's applicants newest first (the job page's default order), and the
            # longest-waiting untold ones on its "told N of M" summary: index range scans.
            models.Index(fields=["job", "created_at", "id"], name="application_job_created_idx"),
            # Covers the job page's "told N of M" counts (which count ids): read from the index
            # alone, not from each of a big job's thousands of rows.
            models.Index(
                fields=["job", "status", "told_at", "loop_skip_reason", "id"],
                name="application_job_loop_idx",
            ),
            models.Index(fields=["status", "stage_entered_at"]),
            # "Has an application with this status", probed per candidate by the candidate
            # list's status filter: answered from the index alone.
            models.Index(fields=["candidate", "status"], name="application_cand_status_idx"),
            # The follow-up rules' incremental windows.
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["status", "hear_back_by"]),
            # The funnel and sources reports over a date range, read from the index alone.
            models.Index(
                fields=["created_at", "furthest_rank", "status", "source", "owner"],
                name="application_funnel_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} for {self.job}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:application", args=[self.pk])

    @property
    def days_in_stage(self) -> int:
        return (timezone.now() - self.stage_entered_at).days


class StageChange(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    # When the application next changed stage (the first later change): the end of this stay,
    # kept by every writer of StageChanges (jobs.stays) so reports read it instead of
    # searching for it. None while it is the latest change.
    left_at = models.DateTimeField(null=True, blank=True)
    # How long the stay lasted in business seconds, once it has ended (at left_at, or at the
    # application's hire, rejection or withdrawal while here): the time in stage report's
    # figure, kept on hook `stays_changed` by reports.stays on the company's business clock.
    stay_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [
            # Reports: an application's next change (time in stage) and changes in a range.
            models.Index(fields=["application", "changed_at"], name="stagechange_app_at_idx"),
            # The time in stage report's stays of a range, read from the index alone.
            models.Index(
                fields=["changed_at", "to_stage", "stay_seconds", "application"],
                name="stagechange_at_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"
