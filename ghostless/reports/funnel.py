"""The funnel: how far applications got, by the role of the stages they reached.

Each application counts once, at its furthest role: the highest of its current stage's role,
every stage its history entered (StageChange), and "hired" when it was hired, stored on the
application (jobs.furthest). Stage names differ per job; roles do not, so jobs compare. One
GROUP BY in the database, read from an index.
The cohort view counts only applications that reached an outcome (hired, rejected or
withdrawn), so open ones do not drag the conversion rates down while they are still moving.
"""

from dataclasses import dataclass

from django.db.models import Count

from ghostless.accounts.models import User
from ghostless.jobs.furthest import FUNNEL_ROLES
from ghostless.jobs.models import ApplicationStatus, Stage
from ghostless.reports.filters import Filters, scoped_applications


@dataclass
class FunnelStage:
    role: str
    name: str
    reached: int
    at_furthest: int
    conversion: float | None  # share of the previous role's reached that got here

    def as_row(self) -> dict:
        return {
            "role": self.role,
            "name": self.name,
            "reached": self.reached,
            "at_furthest": self.at_furthest,
            "conversion": self.conversion,
        }


@dataclass
class Funnel:
    filters: Filters
    cohort: bool
    total: int
    before_applied: int  # sourced or contacted, never at an applied (or later) stage
    stages: list[FunnelStage]

    @property
    def is_empty(self) -> bool:
        return not self.total


def funnel_report(*, actor: User | None, filters: Filters, cohort: bool = False) -> Funnel:
    applications = scoped_applications(actor=actor, filters=filters).filter(
        created_at__gte=filters.since, created_at__lt=filters.until
    )
    if cohort:
        applications = applications.exclude(status=ApplicationStatus.ACTIVE)
    counts = dict(
        applications.order_by()
        .values("furthest_rank")
        .annotate(n=Count("id"))
        .values_list("furthest_rank", "n")
    )
    names = _stage_names(filters)
    stages, previous = [], None
    for rank, role in enumerate(FUNNEL_ROLES, start=1):
        reached = sum(n for r, n in counts.items() if r >= rank)
        conversion = None
        if previous is not None:
            conversion = round(100 * reached / previous, 1) if previous else None
        stages.append(
            FunnelStage(
                role=role.value,
                name=names.get(role.value, role.label),
                reached=reached,
                at_furthest=counts.get(rank, 0),
                conversion=conversion,
            )
        )
        previous = reached
    return Funnel(
        filters=filters,
        cohort=cohort,
        total=sum(counts.values()),
        before_applied=counts.get(0, 0),
        stages=stages,
    )


def _stage_names(filters: Filters) -> dict[str, str]:
    """With one job chosen, its own stage names; across jobs, the roles' names."""
    if filters.job_id is None:
        return {}
    return dict(
        Stage.objects.filter(job_id=filters.job_id).exclude(role="").values_list("role", "name")
    )
