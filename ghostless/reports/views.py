"""Report pages: a GET filter form, charts with their tables beneath, CSV export."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from ghostless.core.web import render, require_hiring_team
from ghostless.reports import charts
from ghostless.reports.activity import KINDS, activity_report
from ghostless.reports.csv_export import (
    activity_csv,
    csv_response,
    funnel_csv,
    ghosting_csv,
    sources_csv,
    time_in_stage_csv,
    time_to_hire_csv,
    wants_csv,
)
from ghostless.reports.filters import ReportFilterForm, default_range, make_filters
from ghostless.reports.funnel import funnel_report
from ghostless.reports.ghosting import ghosting_report, never_told_rows
from ghostless.reports.sources import sources_report
from ghostless.reports.time_in_stage import SLOWEST_PER_STAGE, time_in_stage_report
from ghostless.reports.time_to_hire import time_to_hire_report
from ghostless.timeline.models import Direction, Kind


def _filter_form(request: HttpRequest) -> ReportFilterForm:
    require_hiring_team(request)
    return ReportFilterForm(request.GET, user=request.user)


@require_safe
def ghosting(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    filters = form.filters()
    if wants_csv(request) and request.GET.get("list") == "never_told":
        rows = never_told_rows(actor=request.user, filters=filters)
        return csv_response(
            "never-told.csv",
            ["application_id", "candidate_id", "candidate", "job_id", "job", "owner", "decided_at"],
            (
                (pk, cid, f"{first} {last}".strip(), job_id, job, owner or "", at.isoformat())
                for pk, cid, first, last, job_id, job, owner, at in rows
            ),
        )
    report = ghosting_report(actor=request.user, filters=filters)
    if wants_csv(request):
        return ghosting_csv(report)
    return render(
        request,
        "reports/ghosting.html",
        {
            "nav": "reports",
            "report_nav": "ghosting",
            "form": form,
            "query": form.query(),
            "report": report,
            "told_chart": charts.told_by_week(report),
            "told_summary": charts.told_summary(report),
            "replies_chart": charts.replies_by_week(report),
            "replies_summary": charts.replies_summary(report),
            "boards": [
                {
                    "id": "owners",
                    "title": "Recruiters",
                    "name": "Recruiter",
                    "rows": report.by_owner,
                    "chart_id": "owners-chart",
                    "chart": charts.leaderboard(report.by_owner),
                    "summary": charts.leaderboard_summary(report.by_owner, "recruiter"),
                    "empty": "No recruiter owns an application or candidate in this range.",
                },
                {
                    "id": "jobs",
                    "title": "Jobs",
                    "name": "Job",
                    "rows": report.by_job,
                    "chart_id": "jobs-chart",
                    "chart": charts.leaderboard(report.by_job),
                    "summary": charts.leaderboard_summary(report.by_job, "job"),
                    "empty": "No job had a decision, reply or interview in this range.",
                },
            ],
        },
    )


@require_safe
def funnel(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    cohort = request.GET.get("cohort") == "1"
    report = funnel_report(actor=request.user, filters=form.filters(), cohort=cohort)
    if wants_csv(request):
        return funnel_csv(report)
    query = form.query()
    return render(
        request,
        "reports/funnel.html",
        {
            "nav": "reports",
            "report_nav": "funnel",
            "form": form,
            "query": query,
            "cohort_query": f"{query}&cohort=1" if query else "cohort=1",
            "report": report,
            "chart": charts.funnel_chart(report),
            "summary": charts.funnel_summary(report),
        },
    )


SLOWEST = SLOWEST_PER_STAGE
SOURCE_COLUMNS = ["Source", "Applicants", "Interviews", "Offers", "Hires", "Hire rate"]


def _pct(value) -> str:
    return "—" if value is None else f"{value:g}%"


@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    report = sources_report(actor=request.user, filters=form.filters())
    if wants_csv(request):
        return sources_csv(report)
    return render(
        request,
        "reports/table_report.html",
        {
            "nav": "reports",
            "report_nav": "sources",
            "form": form,
            "query": form.query(),
            "report": report,
            "title": "Sources",
            "intro": "Where applications came from, and how far each source's got.",
            "empty": "The report counts applications created between these dates, by the "
            "source recorded on each. Widen the range or clear a filter.",
            "tables": [
                {
                    "id": "sources",
                    "title": "Applications by source",
                    "chart_id": "sources-chart",
                    "chart": charts.sources_chart(report),
                    "summary": charts.sources_summary(report),
                    "columns": [
                        "Source",
                        "Applicants",
                        "Interviews",
                        "Offers",
                        "Hires",
                        "Hire rate",
                    ],
                    "rows": [
                        [r.source, r.applicants, r.interviews, r.offers, r.hires, _pct(r.hire_rate)]
                        for r in report.rows
                    ],
                }
            ],
        },
    )


def _days(value) -> str:
    return "—" if value is None else f"{value:g}"


@require_safe
def time_in_stage(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    report = time_in_stage_report(actor=request.user, filters=form.filters())
    if wants_csv(request):
        return time_in_stage_csv(report)
    slowest = [
        [
            {"text": slow.name, "url": slow.url},
            stage.name,
            slow.job,
            slow.days,
        ]
        for stage in report.stages
        for slow in stage.slowest
    ]
    return render(
        request,
        "reports/table_report.html",
        {
            "nav": "reports",
            "report_nav": "time_in_stage",
            "form": form,
            "query": form.query(),
            "report": report,
            "title": "Time in stage",
            "intro": "How many business days applications stay in each stage.",
            "empty": "The report measures stays in stages entered between these dates. Move "
            "applicants through their pipelines, widen the range or clear a filter.",
            "tables": [
                {
                    "id": "stays",
                    "title": "Business days per stage",
                    "chart_id": "stays-chart",
                    "chart": charts.time_in_stage_chart(report),
                    "summary": charts.time_in_stage_summary(report),
                    "note": "Stays that ended: at the next stage, or at hire, rejection or "
                    "withdrawal. Stays still open are in the list below.",
                    "columns": ["Stage", "Stays", "Median days", "90th percentile"],
                    "rows": [
                        [s.name, s.stays, _days(s.median_days), _days(s.p90_days)]
                        for s in report.stages
                    ],
                },
                {
                    "id": "slowest",
                    "title": "Slowest open applications per stage",
                    "note": f"The {SLOWEST} longest in each stage now, business days so far.",
                    "columns": ["Candidate", "Stage", "Job", "Days in stage"],
                    "rows": slowest,
                    "empty": "No open application in these stages.",
                },
            ],
        },
    )


@require_safe
def activity(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    report = activity_report(actor=request.user, filters=form.filters())
    if wants_csv(request):
        return activity_csv(report)
    kinds = [Kind(kind).label for kind in KINDS]
    directions = [Direction(d).label for d in Direction.values]
    return render(
        request,
        "reports/table_report.html",
        {
            "nav": "reports",
            "report_nav": "activity",
            "form": form,
            "query": form.query(),
            "report": report,
            "title": "Activity",
            "intro": "Touches each person logged or sent, by kind and direction.",
            "empty": "The report counts emails, texts, calls, voicemails, LinkedIn messages, "
            "meetings and notes made between these dates (private entries never). Log touches "
            "on candidates' profiles, widen the range or clear a filter.",
            "tables": [
                {
                    "id": "weeks",
                    "title": "Touches, week by week",
                    "chart_id": "activity-chart",
                    "chart": charts.activity_chart(report),
                    "summary": charts.activity_summary(report),
                    "columns": ["Week of", "All", *kinds],
                    "rows": [[w.label, w.total, *w.by_kind.values()] for w in report.weeks],
                },
                {
                    "id": "people",
                    "title": "Per person",
                    "columns": ["Person", "All", *kinds, *directions],
                    "rows": [
                        [p.label, p.total, *p.by_kind.values(), *p.by_direction.values()]
                        for p in report.by_person
                    ],
                    "empty": "Nobody logged a touch in this range.",
                },
            ],
        },
    )


HIRE_COLUMNS = [
    "Hires",
    "Median days to hire",
    "90th percentile",
    "Jobs filled",
    "Median days to fill",
]


def _hire_cells(row) -> list:
    figures = row.as_row()
    return [
        figures["hires"],
        _days(figures["median_days_to_hire"]),
        _days(figures["p90_days_to_hire"]),
        figures["jobs_filled"],
        _days(figures["median_days_to_fill"]),
    ]


@require_safe
def time_to_hire(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    report = time_to_hire_report(actor=request.user, filters=form.filters())
    if wants_csv(request):
        return time_to_hire_csv(report)
    return render(
        request,
        "reports/table_report.html",
        {
            "nav": "reports",
            "report_nav": "time_to_hire",
            "form": form,
            "query": form.query(),
            "report": report,
            "title": "Time to hire and fill",
            "intro": "Calendar days from application to hire, and from a job's opening to "
            "its filling.",
            "empty": "The report counts hires and jobs filled between these dates. Hire "
            "applicants or mark jobs filled, widen the range or clear a filter.",
            "tables": [
                {
                    "id": "months",
                    "title": "Per month",
                    "chart_id": "hire-chart",
                    "chart": charts.time_to_hire_chart(report),
                    "summary": charts.time_to_hire_summary(report),
                    "columns": ["Month", *HIRE_COLUMNS],
                    "rows": [[m.label, *_hire_cells(m)] for m in report.months],
                },
                {
                    "id": "hire-jobs",
                    "title": "Per job",
                    "columns": ["Job", *HIRE_COLUMNS],
                    "rows": [[j.label, *_hire_cells(j)] for j in report.jobs],
                },
            ],
        },
    )


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """A recruiter's own numbers this week (the applications and candidates they own) against
    the company's; a hiring manager's jobs alone, since the company's are not hers to see. Then
    their last 13 weeks: outcomes told and replies answered by week, and their funnel."""
    require_hiring_team(request)
    user = request.user
    start, today = default_range()
    monday = today - timedelta(days=today.weekday())
    mine = {"owner_id": user.pk} if user.sees_everything else {}
    week = ghosting_report(actor=user, filters=make_filters(start=monday, end=today, **mine))
    theirs = None
    if user.sees_everything:
        theirs = ghosting_report(actor=user, filters=make_filters(start=monday, end=today))
    quarter = make_filters(start=start, end=today, **mine)
    trend = ghosting_report(actor=user, filters=quarter)
    funnel = funnel_report(actor=user, filters=quarter)
    mine_query = f"owner={user.username}" if user.sees_everything else ""
    return render(
        request,
        "reports/dashboard.html",
        {
            "nav": "reports",
            "report_nav": "dashboard",
            "week": week,
            "theirs": theirs,
            "trend": trend,
            "funnel": funnel,
            "mine_label": "yours" if user.sees_everything else "your jobs",
            "theirs_label": "the company's" if user.sees_everything else "",
            "mine_query": mine_query,
            "ghosting_url": reverse("reports:ghosting") + (f"?{mine_query}" if mine_query else ""),
            "told_chart": charts.told_by_week(trend),
            "told_summary": charts.told_summary(trend),
            "replies_chart": charts.replies_by_week(trend),
            "replies_summary": charts.replies_summary(trend),
            "funnel_chart": charts.funnel_chart(funnel),
            "funnel_summary": charts.funnel_summary(funnel),
        },
    )
