"""Reports over the API: the same figures as the pages, as JSON rows or, asked for with
`Accept: text/csv` or `?format=csv`, as streamed CSV."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ghostless.api.schemas import Id, Text150
from ghostless.reports.activity import activity_report
from ghostless.reports.csv_export import (
    activity_csv,
    funnel_csv,
    ghosting_csv,
    sources_csv,
    time_in_stage_csv,
    time_to_hire_csv,
    wants_csv,
)
from ghostless.reports.filters import Filters, make_filters
from ghostless.reports.funnel import funnel_report
from ghostless.reports.ghosting import ghosting_report
from ghostless.reports.sources import sources_report
from ghostless.reports.time_in_stage import time_in_stage_report
from ghostless.reports.time_to_hire import time_to_hire_report

router = Router(tags=["reports"])


class ReportFilters(Schema):
    start: date | None = Field(None, alias="from", description="First day (company time).")
    end: date | None = Field(None, alias="to", description="Last day, inclusive.")
    job_id: Id | None = None
    department: Text150 = ""
    location: Text150 = ""
    owner_id: Id | None = Field(None, description="The recruiter who owns the applications.")
    source: Text150 = ""
    format: str = Field("", description="`csv` for CSV (or send `Accept: text/csv`).")

    def filters(self) -> Filters:
        return make_filters(**self.model_dump(exclude={"format", "cohort"}))


class FunnelFilters(ReportFilters):
    cohort: bool = Field(False, description="Only applications that reached an outcome.")


class GhostingOut(Schema):
    total: dict
    by_owner: list[dict]
    by_job: list[dict]
    weeks: list[dict]
    answer_limit_hours: int


@router.get("/ghosting", response=GhostingOut)
def ghosting(request: HttpRequest, params: Query[ReportFilters]):
    """Applicants told (and within 2, 5, 10 business days), replies answered, promises kept:
    for everyone, per owner and per job (worst first), and per week. Figures in docs/reports.md."""
    report = ghosting_report(actor=request.auth, filters=params.filters())
    if wants_csv(request):
        return ghosting_csv(report)
    return {
        "total": report.total.as_row(),
        "by_owner": [
            {"owner_id": row.key, "owner": row.username, **row.as_row()} for row in report.by_owner
        ],
        "by_job": [{"job_id": row.key, "job": row.label, **row.as_row()} for row in report.by_job],
        "weeks": [{"week": row.label, **row.as_row()} for row in report.weeks],
        "answer_limit_hours": report.answer_limit_hours,
    }


class FunnelStageOut(Schema):
    role: str
    name: str
    reached: int = Field(description="Applications that got to this stage or beyond.")
    at_furthest: int = Field(description="Applications whose furthest stage this is.")
    conversion: float | None = Field(description="Percent of the previous stage's reached.")


class FunnelOut(Schema):
    cohort: bool
    total: int
    before_applied: int = Field(description="Sourced or contacted only, never at Applied.")
    stages: list[FunnelStageOut]


@router.get("/funnel", response=FunnelOut)
def funnel(request: HttpRequest, params: Query[FunnelFilters]):
    """Applications (created in the range) reaching each stage role, each counted once at its
    furthest; `cohort=true` counts only those hired, rejected or withdrawn."""
    report = funnel_report(actor=request.auth, filters=params.filters(), cohort=params.cohort)
    if wants_csv(request):
        return funnel_csv(report)
    return {
        "cohort": report.cohort,
        "total": report.total,
        "before_applied": report.before_applied,
        "stages": [stage.as_row() for stage in report.stages],
    }


class SourceOut(Schema):
    source: str
    applicants: int
    interviews: int = Field(description="Applications that reached the interview stage.")
    offers: int = Field(description="Applications that reached the offer stage.")
    hires: int
    hire_rate: float | None = Field(description="Percent of applicants hired.")


class SourcesOut(Schema):
    sources: list[SourceOut]


@router.get("/sources", response=SourcesOut)
def sources(request: HttpRequest, params: Query[ReportFilters]):
    """Applications created in the range, per source, and how far they got."""
    report = sources_report(actor=request.auth, filters=params.filters())
    if wants_csv(request):
        return sources_csv(report)
    return {"sources": [row.as_row() for row in report.rows]}


class StageStayOut(Schema):
    stage: str
    stays: int = Field(description="Stays entered in the range that have ended.")
    median_days: float | None = Field(description="Median business days.")
    p90_days: float | None = Field(description="90th percentile, business days.")


class TimeInStageOut(Schema):
    stages: list[StageStayOut]


@router.get("/time-in-stage", response=TimeInStageOut)
def time_in_stage(request: HttpRequest, params: Query[ReportFilters]):
    """Business days applications stayed in each stage (stays entered in the range)."""
    report = time_in_stage_report(actor=request.auth, filters=params.filters())
    if wants_csv(request):
        return time_in_stage_csv(report)
    return {"stages": [stage.as_row() for stage in report.stages]}


class ActivityOut(Schema):
    total: dict = Field(description="`total`, one count per kind and per direction.")
    by_person: list[dict] = Field(description="Each with `user_id` and `user` (username).")
    weeks: list[dict]


@router.get("/activity", response=ActivityOut)
def activity(request: HttpRequest, params: Query[ReportFilters]):
    """Touches per person and per week by kind and direction; `owner_id` is who touched."""
    report = activity_report(actor=request.auth, filters=params.filters())
    if wants_csv(request):
        return activity_csv(report)
    return {
        "total": report.total.as_row(),
        "by_person": [
            {"user_id": row.key, "user": row.username, **row.as_row()} for row in report.by_person
        ],
        "weeks": [{"week": row.label, **row.as_row()} for row in report.weeks],
    }


class TimeToHireOut(Schema):
    total: dict = Field(
        description="`hires`, `median_days_to_hire`, `p90_days_to_hire`, `jobs_filled`, "
        "`median_days_to_fill`, `p90_days_to_fill` (calendar days)."
    )
    months: list[dict] = Field(description="Each with `month` (YYYY-MM).")
    jobs: list[dict] = Field(description="Each with `job_id` and `job`.")


@router.get("/time-to-hire", response=TimeToHireOut)
def time_to_hire(request: HttpRequest, params: Query[ReportFilters]):
    """Days from application to hire (hires in the range) and from opening to filled (jobs
    filled in the range), per month and per job."""
    report = time_to_hire_report(actor=request.auth, filters=params.filters())
    if wants_csv(request):
        return time_to_hire_csv(report)
    return {
        "total": report.total.as_row(),
        "months": [{"month": row.key, **row.as_row()} for row in report.months],
        "jobs": [{"job_id": row.key, "job": row.label, **row.as_row()} for row in report.jobs],
    }
