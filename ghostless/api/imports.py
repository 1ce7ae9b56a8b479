"""Spreadsheet imports and JSON Resume over the API (docs/imports.md)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Body, File, Router, Schema, Status, UploadedFile

from ghostless.api.schemas import Id
from ghostless.candidates.selectors import access_candidate
from ghostless.core.permissions import check_recruiter
from ghostless.imports import jsonresume, services
from ghostless.imports.models import IssueKind, Phase
from ghostless.imports.selectors import access_import, import_issues, report_phase

router = Router(tags=["imports"])
resume_router = Router(tags=["candidates"])
# Rows of errors and suggestions an import's answer lists; the rejected-rows file has all.
ISSUES_SHOWN = 100


class ImportCreated(Schema):
    id: int
    state: str
    columns: list[str]
    mapping: dict[str, str]


class IssueOut(Schema):
    row: int
    message: str
    candidate_id: int | None = None


class ImportOut(ImportCreated):
    original_filename: str
    file_format: str
    total_rows: int
    phase: str
    processed_rows: int
    progress: int
    dry_run: dict[str, int]
    counts: dict[str, int]
    error: str
    errors: list[IssueOut]
    duplicates: list[IssueOut]
    created_at: datetime
    finished_at: datetime | None


class MappingIn(Schema):
    mapping: dict[str, str]


def _issues(job, kind: str, phase: str) -> list[dict]:
    return [
        {"row": i.row_number, "message": i.message, "candidate_id": i.candidate_id}
        for i in import_issues(job, phase=phase, kind=kind)[:ISSUES_SHOWN]
    ]


def _detail(job) -> dict:
    phase = report_phase(job)
    return {
        "id": job.pk,
        "state": job.state,
        "columns": job.columns,
        "mapping": job.mapping,
        "original_filename": job.original_filename,
        "file_format": job.file_format,
        "total_rows": job.total_rows,
        "phase": job.phase,
        "processed_rows": job.processed_rows,
        "progress": job.percent,
        "dry_run": job.dry_run_counts,
        "counts": job.run_counts,
        "error": job.error,
        "errors": _issues(job, IssueKind.REJECTED, phase),
        "duplicates": _issues(job, IssueKind.DUPLICATE, Phase.DRY_RUN),
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }


@router.post("", response={201: ImportCreated})
def create_import(request: HttpRequest, file: File[UploadedFile]):
    """Upload a CSV or XLSX; the answer has its columns and the mapping guessed for them."""
    job = services.import_upload(actor=request.auth, upload=file)
    return Status(201, job)


@router.get("/{import_id}", response=ImportOut)
def get_import(request: HttpRequest, import_id: Id):
    """Counts, progress and the first rows rejected (by the run, else the dry run)."""
    return _detail(access_import(request.auth, import_id))


@router.patch("/{import_id}", response=ImportOut)
def update_import(request: HttpRequest, import_id: Id, payload: MappingIn):
    """`mapping`: {column: field}; a column left out is not imported."""
    job = access_import(request.auth, import_id)
    services.import_set_mapping(job=job, actor=request.auth, mapping=payload.mapping)
    return _detail(access_import(request.auth, import_id))


@router.post("/{import_id}/dry-run", response={202: ImportOut})
def dry_run_import(request: HttpRequest, import_id: Id):
    job = access_import(request.auth, import_id)
    services.import_dry_run(job=job, actor=request.auth)
    return Status(202, _detail(access_import(request.auth, import_id)))


@router.post("/{import_id}/run", response={202: ImportOut})
def run_import(request: HttpRequest, import_id: Id):
    """Import in the background what the dry run checked; poll GET for progress."""
    job = access_import(request.auth, import_id)
    services.import_run(job=job, actor=request.auth)
    return Status(202, _detail(access_import(request.auth, import_id)))


class ResumeImported(Schema):
    id: int
    name: str
    created: bool


@resume_router.post("/import-json-resume", response={200: ResumeImported, 201: ResumeImported})
def import_json_resume(
    request: HttpRequest, resume: Body[dict[str, Any]], candidate_id: Id | None = None
):
    """A resume.json as the body: a new candidate, or onto `?candidate_id=`."""
    check_recruiter(request.auth, "can import resumes")
    document = jsonresume.parse_resume(resume)
    candidate = access_candidate(request.auth, candidate_id) if candidate_id else None
    done = jsonresume.resume_import(actor=request.auth, document=document, candidate=candidate)
    body = {"id": done.pk, "name": done.name, "created": candidate is None}
    return Status(200 if candidate else 201, body)


@resume_router.get("/{candidate_id}/resume.json", response=dict[str, Any])
def candidate_resume_json(request: HttpRequest, candidate_id: Id):
    """The candidate as a JSON Resume (jsonresume.org schema)."""
    return jsonresume.resume_export(access_candidate(request.auth, candidate_id))
