"""CSV that streams: rows are written as the database yields them, in constant memory."""

import csv
from collections.abc import Iterable

from django.http import HttpRequest, StreamingHttpResponse

from ghostless.reports.activity import ActivityReport
from ghostless.reports.funnel import Funnel
from ghostless.reports.ghosting import GhostingReport
from ghostless.reports.sources import Sources
from ghostless.reports.time_in_stage import TimeInStage
from ghostless.reports.time_to_hire import TimeToHire


class _Echo:
    """A file-like object whose write returns the line, for csv.writer to hand back."""

    def write(self, value: str) -> str:
        return value


def wants_csv(request: HttpRequest) -> bool:
    if request.GET.get("format") == "csv":
        return True
    return "text/csv" in request.headers.get("Accept", "")


def csv_response(filename: str, header: list[str], rows: Iterable) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


GHOSTING_COLUMNS = [
    "applications_decided",
    "told",
    "told_within_2bd",
    "told_within_5bd",
    "told_within_10bd",
    "skipped",
    "never_told",
    "replies",
    "replies_answered",
    "replies_answered_within_limit",
    "median_answer_hours",
    "promises",
    "promises_kept",
    "promises_broken",
    "decisions_late",
    "left_waiting",
]


def ghosting_csv(report: GhostingReport) -> StreamingHttpResponse:
    """The report's rows: everyone, each owner, each job, each week; one column a figure."""
    return csv_response(
        "ghosting.csv", ["group", "id", "name", *GHOSTING_COLUMNS], _ghosting_rows(report)
    )


def _ghosting_rows(report):
    yield ("total", "", "Everyone", *report.total.as_row().values())
    for group, rows in (("owner", report.by_owner), ("job", report.by_job)):
        for row in rows:
            yield (group, row.key or "", row.label, *row.as_row().values())
    for row in report.weeks:
        yield ("week", row.label, row.label, *row.as_row().values())


def funnel_csv(report: Funnel) -> StreamingHttpResponse:
    return csv_response(
        "funnel.csv",
        ["role", "name", "reached", "at_furthest", "conversion"],
        ([*stage.as_row().values()] for stage in report.stages),
    )


def sources_csv(report: Sources) -> StreamingHttpResponse:
    return csv_response(
        "sources.csv",
        ["source", "applicants", "interviews", "offers", "hires", "hire_rate"],
        ([*row.as_row().values()] for row in report.rows),
    )


def time_in_stage_csv(report: TimeInStage) -> StreamingHttpResponse:
    return csv_response(
        "time-in-stage.csv",
        ["stage", "stays", "median_days", "p90_days"],
        ([*stage.as_row().values()] for stage in report.stages),
    )


def activity_csv(report: ActivityReport) -> StreamingHttpResponse:
    """One row per person and per week: touches by kind, then by direction."""
    header = ["group", "id", "name", *report.total.as_row()]

    def rows():
        yield ("total", "", "Everyone", *report.total.as_row().values())
        for row in report.by_person:
            yield ("person", row.key, row.label, *row.as_row().values())
        for row in report.weeks:
            yield ("week", row.label, row.label, *row.as_row().values())

    return csv_response("activity.csv", header, rows())


def time_to_hire_csv(report: TimeToHire) -> StreamingHttpResponse:
    header = ["group", "id", "name", *report.total.as_row()]

    def rows():
        yield ("total", "", "Everyone", *report.total.as_row().values())
        for row in report.months:
            yield ("month", row.key, row.label, *row.as_row().values())
        for row in report.jobs:
            yield ("job", row.key, row.label, *row.as_row().values())

    return csv_response("time-to-hire.csv", header, rows())
