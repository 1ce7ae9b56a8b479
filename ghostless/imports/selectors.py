"""Reads for imports, with the permission check built in: imports are recruiters' and
admins' work; each sees every import (a colleague may finish one)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ghostless.accounts.models import User
from ghostless.core.permissions import check_recruiter
from ghostless.imports.models import ImportIssue, ImportJob, IssueKind, Phase


def imports_visible_to(user: User) -> QuerySet[ImportJob]:
    check_recruiter(user, "can import candidates")
    return ImportJob.objects.select_related("created_by")


def access_import(user: User, pk) -> ImportJob:
    return get_object_or_404(imports_visible_to(user), pk=pk)


def import_issues(job: ImportJob, *, phase: str, kind: str = IssueKind.REJECTED) -> QuerySet:
    return ImportIssue.objects.filter(import_job=job, phase=phase, kind=kind).order_by(
        "row_number", "id"
    )


def report_phase(job: ImportJob) -> str:
    """The phase whose rows the report shows: the run once it started, else the dry run."""
    return Phase.RUN if job.run_counts or job.phase == Phase.RUN else Phase.DRY_RUN
