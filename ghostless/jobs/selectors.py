"""Reads for jobs and applications, with the permission check built in."""

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404

from ghostless.accounts.models import User
from ghostless.candidates.models import CandidateEmail
from ghostless.core.widgets import LOOKUP_LIMIT, choice_id
from ghostless.jobs.models import Application, ApplicationStatus, Job, JobStatus


def jobs_visible_to(user: User) -> QuerySet[Job]:
    if user.sees_everything:
        return Job.objects.all()
    return Job.objects.filter(hiring_manager=user)


def job_suggestions(*, user: User, text: str, live_only: bool = False) -> QuerySet[Job]:
    """Jobs whose title holds `text`, live ones first, for a typed job choice (bounded)."""
    taken = [JobStatus.FILLED, JobStatus.CLOSED]
    jobs = jobs_visible_to(user)
    if live_only:
        jobs = jobs.exclude(status__in=taken)
    if (pk := choice_id(text)) is not None:
        jobs = jobs.filter(pk=pk)
    elif text:
        jobs = jobs.filter(title__icontains=text)
    ended_last = Case(When(status__in=taken, then=1), default=0)
    return jobs.order_by(ended_last, "title", "id").only("id", "title", "status", "location")[
        :LOOKUP_LIMIT
    ]


def applications_visible_to(user: User) -> QuerySet[Application]:
    if user.sees_everything:
        return Application.objects.all()
    return Application.objects.filter(job__hiring_manager=user)


def access_job(user: User, pk) -> Job:
    """The only way views load a job: 404 for what the user may not see."""
    return get_object_or_404(jobs_visible_to(user), pk=pk)


def access_application(user: User, pk) -> Application:
    return get_object_or_404(
        applications_visible_to(user).select_related("candidate", "job", "stage"), pk=pk
    )


def job_list(*, user: User, status: str = "", q: str = "") -> QuerySet[Job]:
    jobs = jobs_visible_to(user).select_related("hiring_manager")
    if status:
        jobs = jobs.filter(status=status)
    if q:
        jobs = jobs.filter(Q(title__icontains=q) | Q(department__icontains=q))
    # A correlated count is computed for the page's jobs only; a join and GROUP BY would
    # count the applications of every listed job before the page is cut (0.2 s at a million).
    active = (
        Application.objects.filter(job=OuterRef("pk"), status=ApplicationStatus.ACTIVE)
        .order_by()
        .values("job")
        .annotate(n=Count("id"))
        .values("n")
    )
    return jobs.annotate(active_count=Coalesce(Subquery(active), 0))


def stage_counts(job_ids: list[int]) -> dict[int, dict[int, int]]:
    """Active applications per stage, per job, in one query: {job_id: {stage_id: n}}."""
    counts: dict[int, dict[int, int]] = {}
    rows = (
        Application.objects.filter(job_id__in=job_ids, status=ApplicationStatus.ACTIVE)
        .values_list("job_id", "stage_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for job_id, stage_id, n in rows:
        counts.setdefault(job_id, {})[stage_id] = n
    return counts


APPLICATION_SORTS = {
    "name": ("candidate__first_name", "candidate__last_name", "id"),
    "-name": ("-candidate__first_name", "-candidate__last_name", "-id"),
    "stage": ("stage__order", "-stage_entered_at", "id"),
    "-stage": ("-stage__order", "stage_entered_at", "-id"),
    "status": ("status", "id"),
    "-status": ("-status", "-id"),
    # Never-contacted candidates count as the longest wait, on both databases.
    "last_contact": (F("candidate__last_contact_at").asc(nulls_first=True), "id"),
    "-last_contact": (F("candidate__last_contact_at").desc(nulls_last=True), "-id"),
    "days_in_stage": ("-stage_entered_at", "id"),
    "-days_in_stage": ("stage_entered_at", "-id"),
    "applied": ("created_at", "id"),
    "-applied": ("-created_at", "-id"),
}


def job_applications(
    *, job: Job, stage: str = "", status: str = "", q: str = "", sort: str = "-applied"
) -> QuerySet[Application]:
    """Everyone who applied or was added to a job, filtered and sorted for its page."""
    apps = job.applications.select_related("candidate", "stage", "owner", "rejection_reason")
    if stage:
        apps = apps.filter(stage_id=stage)
    if status:
        apps = apps.filter(status=status)
    if q:
        apps = apps.filter(
            Q(candidate__first_name__icontains=q)
            | Q(candidate__last_name__icontains=q)
            | Exists(
                CandidateEmail.objects.filter(
                    candidate_id=OuterRef("candidate_id"), email__icontains=q
                )
            )
        )
    return apps.order_by(*APPLICATION_SORTS.get(sort, APPLICATION_SORTS["-applied"]))


# The board shows active and hired applicants; rejected and withdrawn ones are counted below it.
ON_BOARD = (ApplicationStatus.ACTIVE, ApplicationStatus.HIRED)


def job_status_counts(job: Job) -> dict[tuple[int, str], int]:
    """A job's applications per (stage id, status), in one query."""
    rows = job.applications.values_list("stage_id", "status").annotate(n=Count("id")).order_by()
    return {(stage_id, status): n for stage_id, status, n in rows}


def board_cards(job: Job, *, per_stage: int, include: int | None = None) -> list[Application]:
    """The first `per_stage` applicants on the board in each stage, longest in stage first,
    plus the application `include` if it is on the board: two queries whatever the job's size
    (the first ranks ids only, so candidates are joined for the shown cards alone)."""
    ids = list(
        job.applications.filter(status__in=ON_BOARD)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("stage_id"),
                order_by=(F("stage_entered_at").asc(), F("id").asc()),
            )
        )
        .filter(rank__lte=per_stage)
        .values_list("id", flat=True)
    )
    if include is not None:
        ids.append(include)
    return list(
        job.applications.filter(pk__in=ids, status__in=ON_BOARD)
        .select_related("candidate")
        .order_by("stage_entered_at", "id")
    )
