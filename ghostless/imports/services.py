"""Spreadsheet imports: upload, map, dry run, run. Every door (pages, API, tasks) calls these.

A phase (dry run or run) reads the file from the top in batches; each batch commits with the
progress it made, so a worker that dies mid-way is picked up where it stopped."""

from collections import Counter
from datetime import timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.imports import reading
from ghostless.imports.keys import SeenKeys
from ghostless.imports.mapping import check_mapping, guess_mapping, remember_mapping
from ghostless.imports.models import ImportIssue, ImportJob, ImportState, IssueKind, Phase
from ghostless.imports.plan import CREATE, REJECT, UNCHANGED, UPDATE, plan_batch
from ghostless.imports.rows import Lookups, parse_row

BATCH_SIZE = 1000
COUNT_KEYS = (CREATE, UPDATE, UNCHANGED, REJECT, "duplicates")


def import_upload(*, actor: User, upload: UploadedFile) -> ImportJob:
    """Check the file (type, size, encoding, rows) and keep it, with its columns and a
    mapping guessed or remembered for them."""
    from django.conf import settings

    check_recruiter(actor, "can import candidates")
    if upload is None:
        raise DomainError("Choose a file to upload.", field="file")
    if upload.size > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise DomainError(f"The file is larger than {limit} MB: split it.", field="file")
    if not upload.size:
        raise DomainError("The file is empty.", field="file")
    upload.seek(0)
    fmt = reading.file_format(upload.name or "", upload.read(4096))
    encoding = reading.detect_encoding(upload) if fmt == "csv" else ""
    columns, total = reading.survey(upload, file_format=fmt, encoding=encoding)
    upload.seek(0)
    job = ImportJob(
        original_filename=(upload.name or "upload")[-255:],
        file_format=fmt,
        encoding=encoding,
        columns=columns,
        mapping=guess_mapping(columns),
        total_rows=total,
        state=ImportState.MAPPING,
        created_by=actor,
    )
    job.file.save(f"import.{fmt}", upload, save=False)
    job.save()
    return job


def import_set_mapping(*, job: ImportJob, actor: User, mapping: dict) -> ImportJob:
    """Choose which column fills which field; a new mapping needs a new dry run."""
    check_recruiter(actor, "can import candidates")
    if job.state in (ImportState.RUNNING, ImportState.DONE, ImportState.CHECKING):
        raise DomainError(
            "This import is under way or done: its mapping is fixed.", field="mapping"
        )
    job.mapping = check_mapping(job.columns, mapping)
    job.state = ImportState.MAPPING
    job.dry_run_counts = {}
    job.save(update_fields=["mapping", "state", "dry_run_counts"])
    remember_mapping(job.columns, job.mapping)
    return job


def _start(job: ImportJob, *, phase: str, allowed: tuple[str, ...], state: str) -> ImportJob:
    from ghostless.imports import tasks

    with transaction.atomic():
        changed = ImportJob.objects.filter(pk=job.pk, state__in=allowed).update(
            state=state,
            phase=phase,
            processed_rows=0,
            error="",
            progress_at=timezone.now(),
            **{"dry_run_counts" if phase == Phase.DRY_RUN else "run_counts": {}},
        )
        if not changed:
            raise DomainError(_not_now(job, phase), field="state")
        ImportIssue.objects.filter(import_job=job, phase=phase).delete()
        SeenKeys(job, phase).forget()
        transaction.on_commit(lambda: tasks.import_process(job.pk, phase))
    job.refresh_from_db()
    return job


def _not_now(job: ImportJob, phase: str) -> str:
    if phase == Phase.RUN and job.state == ImportState.MAPPING:
        return "Run the dry run first: the import runs what its dry run checked."
    return f"This import is {job.get_state_display().lower()}: it cannot start that now."


def import_dry_run(*, job: ImportJob, actor: User) -> ImportJob:
    check_recruiter(actor, "can import candidates")
    job.mapping = check_mapping(job.columns, job.mapping)
    allowed = (ImportState.MAPPING, ImportState.CHECKED, ImportState.FAILED)
    return _start(job, phase=Phase.DRY_RUN, allowed=allowed, state=ImportState.CHECKING)


def import_run(*, job: ImportJob, actor: User) -> ImportJob:
    check_recruiter(actor, "can import candidates")
    allowed = (ImportState.CHECKED,)
    if job.state == ImportState.FAILED and job.phase == Phase.RUN:
        allowed = (ImportState.FAILED,)  # again from the top: imported rows are now matches
    return _start(job, phase=Phase.RUN, allowed=allowed, state=ImportState.RUNNING)


def _batches(job: ImportJob):
    lookups = Lookups.load()
    with job.file.open("rb") as stream:
        found = reading.rows(stream, file_format=job.file_format, encoding=job.encoding)
        header_seen, batch = False, []
        for number, values in enumerate(found, start=1):
            if not any(values):
                continue
            if not header_seen:
                header_seen = True
                continue
            batch.append(
                parse_row(number, values, columns=job.columns, mapping=job.mapping, lookups=lookups)
            )
            if len(batch) == BATCH_SIZE:
                yield batch
                batch = []
        if batch:
            yield batch


def _issues(job: ImportJob, phase: str, plans) -> list[ImportIssue]:
    issues = []
    for planned in plans:
        row = planned.row
        if planned.action == REJECT:
            issues.append(
                ImportIssue(
                    import_job=job,
                    phase=phase,
                    kind=IssueKind.REJECTED,
                    row_number=row.number,
                    message=planned.message[:500],
                    values=row.values,
                )
            )
        for pk, text in planned.duplicates:
            issues.append(
                ImportIssue(
                    import_job=job,
                    phase=phase,
                    kind=IssueKind.DUPLICATE,
                    row_number=row.number,
                    message=text[:500],
                    values=row.values,
                    candidate_id=pk,
                )
            )
    return issues


def import_process(*, job: ImportJob) -> ImportJob:
    """Run the job's current phase to the end (the task calls this). Rows before
    `processed_rows` were committed by an earlier attempt, with their keys for the in-file
    duplicate check: they are skipped."""
    from ghostless.imports.writing import write_batch

    phase = job.phase
    dry = phase == Phase.DRY_RUN
    done = job.processed_rows
    counts = Counter(job.dry_run_counts if dry and done else job.run_counts if done else {})
    seen = SeenKeys(job, phase)
    read = 0
    try:
        for batch in _batches(job):
            read += len(batch)
            if read <= done:
                continue
            with transaction.atomic():
                plans = plan_batch(batch, seen, suggest=dry)
                if not dry:
                    write_batch(plans, job=job, actor=job.created_by)
                for planned in plans:
                    counts[planned.action] += 1
                    counts["duplicates"] += bool(planned.duplicates)
                ImportIssue.objects.bulk_create(_issues(job, phase, plans), batch_size=500)
                field = "dry_run_counts" if dry else "run_counts"
                ImportJob.objects.filter(pk=job.pk).update(
                    processed_rows=read,
                    progress_at=timezone.now(),
                    **{field: {k: counts[k] for k in COUNT_KEYS}},
                )
    except DomainError as error:
        return _finish(job, state=ImportState.FAILED, error=error.message)
    return _finish(job, state=ImportState.CHECKED if dry else ImportState.DONE)


def _finish(job: ImportJob, *, state: str, error: str = "") -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(state=state, error=error, finished_at=timezone.now())
    SeenKeys(job, job.phase).forget()
    job.refresh_from_db()
    if state == ImportState.DONE and job.file:
        # The people are in Ghostless now and the rejected rows are kept as issues: the file
        # itself would only be one more copy of their data (anonymisation cannot reach it).
        name, storage = job.file.name, job.file.storage
        ImportJob.objects.filter(pk=job.pk).update(file="")
        transaction.on_commit(lambda: storage.delete(name))
        job.file = None
    return job


STALLED_AFTER = timedelta(minutes=10)


def imports_stalled() -> list[ImportJob]:
    cutoff = timezone.now() - STALLED_AFTER
    return list(
        ImportJob.objects.filter(
            state__in=(ImportState.CHECKING, ImportState.RUNNING), progress_at__lt=cutoff
        )
    )
