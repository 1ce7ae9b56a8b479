"""Time in stage: how long applications stay in each stage, in business days.

A stay begins with a StageChange into the stage (in the range) and ends at the application's
next StageChange (stored on the change as left_at, kept by jobs.stays), or when it was hired,
rejected or withdrawn there; its length in business seconds is stored on the change
(reports.stays), so the report reads numbers instead of running the clock. Stays still open
are not in the median and 90th percentile but are listed, slowest first. Stages are grouped
by name (a job's own pipeline when one job is chosen), in pipeline order.
"""

from dataclasses import dataclass, field
from functools import cached_property
from statistics import median, quantiles

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.jobs.models import ApplicationStatus, Stage, StageChange
from ghostless.reports.clock import DAY, BusinessClock, raw_rows
from ghostless.reports.filters import Filters, scoped_applications, within

SLOWEST_PER_STAGE = 5


def p90(values: list[float]) -> float:
    """The 90th percentile, interpolated between the closest ranks (inclusive method)."""
    if len(values) == 1:
        return values[0]
    return quantiles(values, n=10, method="inclusive")[8]


@dataclass
class Slow:
    application_id: int
    url: str
    name: str
    job: str
    days: float


@dataclass
class StageStay:
    name: str
    order: int
    days: list[float] = field(default_factory=list, repr=False)
    slowest: list[Slow] = field(default_factory=list)

    @property
    def stays(self) -> int:
        return len(self.days)

    # Cached: the page reads them for the chart, its summary and the table, and each sorts
    # a year of stays.
    @cached_property
    def median_days(self) -> float | None:
        return round(median(self.days), 1) if self.days else None

    @cached_property
    def p90_days(self) -> float | None:
        return round(p90(self.days), 1) if self.days else None

    def as_row(self) -> dict:
        return {
            "stage": self.name,
            "stays": self.stays,
            "median_days": self.median_days,
            "p90_days": self.p90_days,
        }


@dataclass
class TimeInStage:
    filters: Filters
    stages: list[StageStay]

    @property
    def is_empty(self) -> bool:
        return not any(stage.stays or stage.slowest for stage in self.stages)


def time_in_stage_report(*, actor: User | None, filters: Filters) -> TimeInStage:
    applications = scoped_applications(actor=actor, filters=filters)
    entered = StageChange.objects.filter(
        changed_at__gte=filters.since, changed_at__lt=filters.until
    )
    # The stays of the range from one index (moment, stage, stored length), named per stage.
    stays = within(entered, applications, actor=actor, filters=filters).order_by()
    rows = list(raw_rows(stays.values_list("to_stage_id", "stay_seconds")))
    named = Stage.objects.filter(pk__in={stage_id for stage_id, _ in rows})
    names = {pk: (name, order) for pk, name, order in named.values_list("pk", "name", "order")}
    stages: dict[str, StageStay] = {}
    for stage_id, seconds in rows:
        name, order = names[stage_id]
        stage = stages.get(name)
        if stage is None:
            stage = stages[name] = StageStay(name, order)
        elif order < stage.order:
            stage.order = order
        if seconds is not None:
            stage.days.append(seconds / DAY)
    now = timezone.now()
    since = BusinessClock().seconds
    for slow in _slowest(applications):
        stage = stages.setdefault(slow.stage.name, StageStay(slow.stage.name, slow.stage.order))
        stage.slowest.append(
            Slow(
                application_id=slow.pk,
                url=slow.get_absolute_url(),
                name=slow.candidate.name,
                job=slow.job.title,
                days=round((since(now) - since(slow.stage_entered_at)) / DAY, 1),
            )
        )
    return TimeInStage(
        filters=filters, stages=sorted(stages.values(), key=lambda s: (s.order, s.name))
    )


def _slowest(applications):
    """The longest-waiting active applications of each stage name, in one windowed query."""
    return (
        applications.filter(status=ApplicationStatus.ACTIVE)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("stage__name")],
                order_by=[F("stage_entered_at").asc(), F("id").asc()],
            )
        )
        .filter(place__lte=SLOWEST_PER_STAGE)
        .select_related("candidate", "job", "stage")
        .only(
            "id",
            "stage_entered_at",
            "candidate__first_name",
            "candidate__last_name",
            "job__title",
            "stage__name",
            "stage__order",
        )
        .order_by("stage__order", "stage_entered_at", "id")
    )
