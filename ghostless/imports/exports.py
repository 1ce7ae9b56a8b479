"""Streamed CSV and XLSX exports of candidate lists, a job's applicants, a candidate's
timeline and an import's rejected rows. What a user may see decides what is written: the
querysets come from permission-checked selectors, private notes are never among the rows,
and custom fields about pay are left out for hiring managers.

Every cell that a spreadsheet would run as a formula (=, +, -, @ first, or a tab or carriage
return that some programs skip before one) is written with a leading ' (OWASP's advice)."""

import csv
import re
import tempfile
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone
from ghostless.core.errors import DomainError

FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAY_FIELD = re.compile(r"salary|compensation|pay|wage|bonus|equity", re.IGNORECASE)
CHUNK_ROWS = 500


def escape_cell(value) -> str:
    """Text a spreadsheet shows as it is, never runs."""
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def check_format_or_404(value: str | None) -> str:
    """For a page's download link: an unknown format is a page that does not exist."""
    from django.http import Http404

    try:
        return check_format(value)
    except DomainError as error:
        raise Http404(error.message) from error


def check_format(value: str | None) -> str:
    fmt = (value or "csv").lower()
    if fmt not in FORMATS:
        raise DomainError("Export as csv or xlsx.", field="format")
    return fmt


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_stream(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # Excel reads UTF-8 only with a byte-order mark
    yield writer.writerow([escape_cell(h) for h in header])
    for row in rows:
        yield writer.writerow([escape_cell(v) for v in row])


def spreadsheet_response(
    *, filename: str, fmt: str, header: list[str], rows: Iterable[list]
) -> StreamingHttpResponse:
    """CSV streamed row by row; XLSX written by openpyxl in write-only mode to a temporary
    file (memory stays flat) and streamed from there."""
    stamp = timezone.now().strftime("%Y-%m-%d")
    name = f"{filename}-{stamp}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            _csv_stream(header, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(filename[:31])
        sheet.append([escape_cell(h) for h in header])
        for row in rows:
            sheet.append([escape_cell(v) for v in row])
        # FileResponse closes it once sent; the operating system then removes it.
        spool = tempfile.TemporaryFile()  # noqa: SIM115
        workbook.save(spool)
        spool.seek(0)
        response = FileResponse(
            spool,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


CANDIDATE_HEADER = [
    "id",
    "first_name",
    "last_name",
    "emails",
    "phones",
    "current_title",
    "current_company",
    "location",
    "linkedin_url",
    "github_url",
    "website_url",
    "skills",
    "tags",
    "source",
    "owner",
    "created_at",
    "last_contact_at",
    "custom_fields",
]


def _custom(candidate: Candidate, user: User) -> str:
    fields = candidate.custom_fields or {}
    if not user.sees_everything:
        fields = {k: v for k, v in fields.items() if not PAY_FIELD.search(k)}
    return "; ".join(f"{k}: {v}" for k, v in fields.items())


def _ordered(rows, ids: list[int]) -> list:
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def candidate_rows(candidates: QuerySet[Candidate], *, user: User) -> Iterator[list]:
    return candidate_rows_by_ids(list(candidates.values_list("pk", flat=True)), user=user)


def candidate_rows_by_ids(ids: list[int], *, user: User) -> Iterator[list]:
    """In the order given, 500 at a time: three queries per chunk however many rows."""
    for start in range(0, len(ids), CHUNK_ROWS):
        part = ids[start : start + CHUNK_ROWS]
        found = (
            Candidate.objects.filter(pk__in=part)
            .select_related("owner")
            .prefetch_related(
                Prefetch("emails", queryset=CandidateEmail.objects.order_by("order", "id")),
                Prefetch("phones", queryset=CandidatePhone.objects.order_by("order", "id")),
                "tags",
            )
        )
        for c in _ordered(found, part):
            yield [
                c.pk,
                c.first_name,
                c.last_name,
                "; ".join(e.email for e in c.emails.all()),
                "; ".join(p.phone for p in c.phones.all()),
                c.current_title,
                c.current_company,
                c.location,
                c.linkedin_url,
                c.github_url,
                c.website_url,
                c.skills,
                ", ".join(t.name for t in c.tags.all()),
                c.source,
                c.owner.username if c.owner else "",
                c.created_at,
                c.last_contact_at,
                _custom(c, user),
            ]


APPLICATION_HEADER = [
    "application_id",
    "candidate_id",
    "first_name",
    "last_name",
    "emails",
    "stage",
    "status",
    "source",
    "owner",
    "applied_at",
    "stage_entered_at",
    "rejection_reason",
]


def application_rows(applications: QuerySet) -> Iterator[list]:
    rows = applications.select_related("candidate", "stage", "owner", "rejection_reason")
    rows = rows.prefetch_related(
        Prefetch("candidate__emails", queryset=CandidateEmail.objects.order_by("order", "id"))
    )
    for a in rows.iterator(chunk_size=CHUNK_ROWS):
        yield [
            a.pk,
            a.candidate_id,
            a.candidate.first_name,
            a.candidate.last_name,
            "; ".join(e.email for e in a.candidate.emails.all()),
            a.stage.name,
            a.status,
            a.source,
            a.owner.username if a.owner else "",
            a.created_at,
            a.stage_entered_at,
            a.rejection_reason.name if a.rejection_reason else "",
        ]


TIMELINE_HEADER = [
    "occurred_at",
    "kind",
    "direction",
    "outcome",
    "by",
    "job",
    "subject",
    "body",
]


def timeline_rows(activities: QuerySet) -> Iterator[list]:
    # Private notes stay out of exports whoever asks: an export leaves the building.
    for a in activities.filter(private=False).iterator(chunk_size=CHUNK_ROWS):
        yield [
            a.occurred_at,
            a.kind,
            a.direction,
            a.outcome,
            a.actor.name if a.actor else "",
            a.application.job.title if a.application else "",
            a.subject,
            a.body,
        ]
