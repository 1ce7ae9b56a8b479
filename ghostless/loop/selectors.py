"""Reads for closing the loop: who on a job has heard the outcome, and who is still waiting."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery

from ghostless.jobs.models import UNTOLD, Application, ApplicationStatus, Job, Stage, StageChange
from ghostless.loop.models import CloseOut
from ghostless.messaging.models import Message
from ghostless.messaging.progress import SendProgress, send_progress


def untold_applications(job: Job):
    return Application.objects.filter(job=job).untold()


@dataclass
class Group:
    stage: Stage
    early: bool
    applications: list[Application] = field(default_factory=list)


@dataclass
class LoopState:
    """ "told N of M": M counts every application that is not hired; withdrawn and skipped ones
    count as told, since nobody owes them a message."""

    total: int
    told: int
    untold: list[Application]

    @property
    def untold_count(self) -> int:
        return len(self.untold)

    @property
    def complete(self) -> bool:
        return not self.untold


def loop_counts(job: Job) -> tuple[int, int]:
    """(told, total) in one query, for the job page's summary."""
    row = Application.objects.filter(job=job).aggregate(
        total=Count("id", filter=~Q(status=ApplicationStatus.HIRED)),
        untold=Count("id", filter=UNTOLD),
    )
    return row["total"] - row["untold"], row["total"]


UNTOLD_FIELDS = (
    "job_id",
    "candidate_id",
    "stage_id",
    "status",
    "candidate__first_name",
    "candidate__last_name",
    "candidate__do_not_contact_at",
    "candidate__do_not_contact_reason",
    "stage__name",
    "stage__order",
)


def loop_state(job: Job) -> LoopState:
    """Counts and the untold applications, each with `furthest` (the furthest stage order it
    reached, from its StageChanges), in two queries. Only what the closing screen shows is
    loaded: a filled job can leave thousands untold."""
    told, total = loop_counts(job)
    untold = list(
        untold_applications(job)
        .select_related("candidate", "stage")
        .only(*UNTOLD_FIELDS)
        .annotate(furthest=Max("stage_changes__to_stage__order"))
        .order_by("candidate__first_name", "candidate__last_name", "id")
    )
    return LoopState(total=total, told=told, untold=untold)


def untold_page(job: Job, *, limit: int, offset: int = 0) -> list[dict]:
    """One page of the untold applications by candidate name, as plain rows ("candidate" is
    the name; the furthest stage order reached is read for the page's rows only)."""
    furthest = (
        StageChange.objects.filter(application=OuterRef("pk"))
        .values("application")
        .annotate(top=Max("to_stage__order"))
        .values("top")
    )
    rows = (
        untold_applications(job)
        .order_by("candidate__first_name", "candidate__last_name", "id")
        .values_list(
            "id",
            "candidate_id",
            "candidate__first_name",
            "candidate__last_name",
            "status",
            "stage__name",
            Subquery(furthest),
        )[offset : offset + limit]
    )
    return [
        {
            "id": pk,
            "candidate_id": candidate_id,
            "candidate": f"{first} {last}".strip(),
            "status": status,
            "stage": stage,
            "furthest_stage_order": top,
        }
        for pk, candidate_id, first, last, status, stage, top in rows
    ]


def untold_plan_rows(job: Job) -> list[tuple[int, int, int | None]]:
    """(application id, its stage's order, the furthest stage order reached) of every untold
    application, as tuples: a close-out of thousands plans from these, building no models."""
    return list(
        untold_applications(job)
        .values_list("pk", "stage__order")
        .annotate(furthest=Max("stage_changes__to_stage__order"))
        .order_by("pk")
    )


def _stages(job: Job) -> tuple[dict[int, Stage], int]:
    """The job's stages by order, and the order from which an applicant counts as screened."""
    stages = list(job.stages.order_by("order", "id"))
    by_order = {stage.order: stage for stage in stages}
    screen = next((s for s in stages if s.name.lower() == "screen"), None)
    cutoff = screen.order if screen else (stages[2].order if len(stages) > 2 else 1 << 15)
    return by_order, cutoff


def stage_groups(job: Job, applications: list[Application]) -> list[Group]:
    """Untold applications grouped by the furthest stage reached, earliest stage first.

    Applicants who never got past the stages before Screen are "early": they get a
    position-filled note by default; those who were screened or interviewed, a rejection.
    """
    by_pk = {application.pk: application for application in applications}
    rows = [(a.pk, a.stage.order, a.furthest) for a in applications]
    return [
        Group(stage=stage, early=early, applications=[by_pk[pk] for pk in ids])
        for stage, early, ids in plan_groups(job, rows)
    ]


def plan_groups(
    job: Job, rows: list[tuple[int, int, int | None]]
) -> list[tuple[Stage, bool, list[int]]]:
    """(application id, current stage order, furthest stage order) rows grouped by the
    furthest stage reached (the current one when the furthest is unknown or gone), as
    (stage, early, application ids), earliest stage first; the one rule for the closing
    screen and the close-out plan."""
    by_order, cutoff = _stages(job)
    groups: dict[int, list[int]] = {}
    for pk, current, furthest in rows:
        order = current if furthest is None or furthest not in by_order else furthest
        groups.setdefault(order, []).append(pk)
    return [(by_order[order], order < cutoff, groups[order]) for order in sorted(groups)]


def latest_close_out(job: Job) -> CloseOut | None:
    return job.close_outs.select_related("actor").first()


def message_key(application_id) -> str:
    """The idempotency key of an application's close-out message, whoever sends it."""
    return f"closeout:{application_id}"


def close_out_messages(close_out: CloseOut):
    return Message.objects.filter(
        application_id__in=close_out.application_ids, idempotency_key__contains=":closeout:"
    )


def close_out_progress(close_out: CloseOut) -> SendProgress:
    """The close-out's messages by status; failures listed while the applicant is untold."""
    return send_progress(
        close_out_messages(close_out),
        total=close_out.total,
        finished=close_out.finished_at is not None,
        skipped=close_out.skipped,
        resumed_at=close_out.resumed_at,
        still_failing=Q(application__told_at__isnull=True, application__loop_skip_reason=""),
    )
