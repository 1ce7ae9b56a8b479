"""Time to hire and time to fill, in calendar days, per month and per job.

Time to hire: from an application's creation to its hire (`status_changed_at` of a hired
application), for hires in the range. Time to fill: from a job's creation to the moment it
was marked filled, for jobs filled in the range. Median and 90th percentile (as time in stage).
Two bounded reads: the range's hires and filled jobs (two timestamps each).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median

from ghostless.accounts.models import User
from ghostless.followups.business_time import company_zone
from ghostless.jobs.models import ApplicationStatus, JobStatus
from ghostless.reports.filters import Filters, scoped_applications, scoped_jobs
from ghostless.reports.time_in_stage import p90

DAY = 86400


@dataclass
class Spread:
    key: object = None
    label: str = ""
    hire_days: list[float] = field(default_factory=list, repr=False)
    fill_days: list[float] = field(default_factory=list, repr=False)

    @staticmethod
    def _median(values) -> float | None:
        return round(median(values), 1) if values else None

    @staticmethod
    def _p90(values) -> float | None:
        return round(p90(values), 1) if values else None

    def as_row(self) -> dict:
        return {
            "hires": len(self.hire_days),
            "median_days_to_hire": self._median(self.hire_days),
            "p90_days_to_hire": self._p90(self.hire_days),
            "jobs_filled": len(self.fill_days),
            "median_days_to_fill": self._median(self.fill_days),
            "p90_days_to_fill": self._p90(self.fill_days),
        }


@dataclass
class TimeToHire:
    filters: Filters
    total: Spread
    months: list[Spread]
    jobs: list[Spread]

    @property
    def is_empty(self) -> bool:
        return not (self.total.hire_days or self.total.fill_days)


def time_to_hire_report(*, actor: User | None, filters: Filters) -> TimeToHire:
    zone = company_zone()
    total, months, jobs = Spread(), defaultdict(Spread), defaultdict(Spread)
    titles: dict[int, str] = {}
    hires = (
        scoped_applications(actor=actor, filters=filters)
        .filter(
            status=ApplicationStatus.HIRED,
            status_changed_at__gte=filters.since,
            status_changed_at__lt=filters.until,
        )
        .values_list("job_id", "job__title", "created_at", "status_changed_at")
    )
    for job_id, title, created, hired in hires:
        days = max(0.0, (hired - created).total_seconds() / DAY)
        titles[job_id] = title
        month = hired.astimezone(zone).strftime("%Y-%m")
        for row in (total, months[month], jobs[job_id]):
            row.hire_days.append(days)
    filled = (
        scoped_jobs(actor=actor, filters=filters)
        .filter(
            status=JobStatus.FILLED,
            status_changed_at__gte=filters.since,
            status_changed_at__lt=filters.until,
        )
        .values_list("pk", "title", "created_at", "status_changed_at")
    )
    if filters.owner_id is None and not filters.source:
        # A job has no owner or source of its own: filling is counted only without those.
        for job_id, title, created, done in filled:
            days = max(0.0, (done - created).total_seconds() / DAY)
            titles[job_id] = title
            month = done.astimezone(zone).strftime("%Y-%m")
            for row in (total, months[month], jobs[job_id]):
                row.fill_days.append(days)
    for key, row in months.items():
        row.key = row.label = key
    for key, row in jobs.items():
        row.key, row.label = key, titles.get(key, "")
    return TimeToHire(
        filters=filters,
        total=total,
        months=[months[key] for key in sorted(months)],
        jobs=sorted(jobs.values(), key=lambda r: (-len(r.hire_days), r.label)),
    )
