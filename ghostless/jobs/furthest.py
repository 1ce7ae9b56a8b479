"""Application.furthest_rank: how far along the pipeline an application ever got.

The funnel and sources reports count applications by it. Computed per row it is a subquery
over the stage history, which at a million candidates is most of a report's time; stored, a
report is one GROUP BY over an index. Writers call `furthest_refresh` in the transaction that
changes what it depends on: the current stage, the history (StageChange.to_stage), the status
(hired counts as the hired role) and the roles of a job's stages.
"""

from collections.abc import Iterable

from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest

from ghostless.jobs.models import Application, ApplicationStatus, Stage, StageChange, StageRole

# The roles a funnel shows, in pipeline order; rank 0 is "not at an applied stage yet".
FUNNEL_ROLES = [
    StageRole.APPLIED,
    StageRole.SCREEN,
    StageRole.INTERVIEW,
    StageRole.OFFER,
    StageRole.HIRED,
]
RANK = {role.value: rank for rank, role in enumerate(FUNNEL_ROLES, start=1)}
HIRED_RANK = RANK[StageRole.HIRED]


def role_rank(field: str) -> Case:
    return Case(
        *[When(**{field: role}, then=Value(rank)) for role, rank in RANK.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def furthest_expression():
    """The furthest rank computed from the rows it depends on (no join on the updated table,
    so it can be an UPDATE's value)."""

    def highest(queryset):
        return Coalesce(
            Subquery(
                queryset.annotate(rank=role_rank("role")).order_by("-rank").values("rank")[:1]
            ),
            Value(0),
        )

    entered = Stage.objects.filter(
        pk__in=StageChange.objects.filter(application_id=OuterRef(OuterRef("pk"))).values(
            "to_stage_id"
        )
    )
    hired = Case(
        When(status=ApplicationStatus.HIRED, then=Value(HIRED_RANK)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return Greatest(highest(Stage.objects.filter(pk=OuterRef("stage_id"))), highest(entered), hired)


def furthest_refresh(*, application_ids: Iterable[int] = (), job_id: int | None = None) -> None:
    """Recompute the stored rank of these applications (or of every one on a job)."""
    if job_id is not None:
        applications = Application.objects.filter(job_id=job_id)
    else:
        ids = list(application_ids)
        if not ids:
            return
        applications = Application.objects.filter(pk__in=ids)
    applications.update(furthest_rank=furthest_expression())
