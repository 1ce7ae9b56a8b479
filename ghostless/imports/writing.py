"""Writing a planned batch through the candidates and jobs services, in one transaction."""

from collections import defaultdict

from django.db import transaction

from ghostless.accounts.models import User
from ghostless.candidates.bulk import candidates_bulk_create
from ghostless.candidates.services import candidate_update
from ghostless.core.errors import DomainError
from ghostless.imports import events
from ghostless.imports.models import ImportJob
from ghostless.imports.plan import CREATE, REJECT, UPDATE, Planned
from ghostless.jobs.bulk import applications_bulk_create
from ghostless.jobs.models import StageRole
from ghostless.jobs.services import application_create


def _origin(job: ImportJob, actor: User) -> tuple[str, dict]:
    subject = f"Imported by {actor.name} from {job.original_filename}"
    return subject, {"import_id": job.pk, "file": job.original_filename}


def _apply_update(planned: Planned, *, actor: User, subject: str, payload: dict) -> None:
    candidate = planned.candidate
    lists = {}
    if planned.emails:
        lists["emails"] = [e.email for e in candidate.emails.all()] + planned.emails
    if planned.phones:
        lists["phones"] = [p.phone for p in candidate.phones.all()] + planned.phones
    if planned.tags:
        lists["tags"] = [t.name for t in candidate.tags.all()] + planned.tags
    if planned.changes or lists:
        candidate_update(candidate=candidate, actor=actor, **planned.changes, **lists)
        events.import_updated(
            candidate=candidate,
            actor=actor,
            subject=subject,
            payload=payload,
            fields=[*planned.changes, *lists],
        )
    if planned.note:
        events.imported_note(candidate=candidate, actor=actor, body=planned.note)


def write_batch(plans: list[Planned], *, job: ImportJob, actor: User) -> None:
    """Create the new people in bulk and put them on their jobs in bulk, update the matched
    ones one by one (each keeps its audit row) and add their applications; a row the services
    refuse after all becomes a rejection."""
    subject, payload = _origin(job, actor)
    with transaction.atomic():
        new = [p for p in plans if p.action == CREATE]
        created = candidates_bulk_create(
            actor=actor, people=[p.row.person for p in new], subject=subject, payload=payload
        )
        by_job = defaultdict(list)
        for planned, candidate in zip(new, created, strict=True):
            planned.candidate = candidate
            if planned.row.job is not None:
                by_job[planned.row.job].append(planned)
        for job_planned in by_job.values():
            _add_new_to_job(job_planned, actor=actor)
        for planned in plans:
            if planned.action == UPDATE:
                _apply_update(planned, actor=actor, subject=subject, payload=payload)
                if planned.add_to_job:
                    _add_to_job(planned, actor=actor)


def _add_new_to_job(plans: list[Planned], *, actor: User) -> None:
    """New people cannot be on the job yet: one bulk write for them all."""
    try:
        with transaction.atomic():
            applications_bulk_create(
                candidates=[p.candidate for p in plans],
                job=plans[0].row.job,
                actor=actor,
                entry=StageRole.SOURCED,
            )
    except DomainError as error:
        for planned in plans:
            planned.action, planned.message = REJECT, error.message


def _add_to_job(planned: Planned, *, actor: User) -> None:
    try:
        with transaction.atomic():
            application_create(
                candidate=planned.candidate,
                job=planned.row.job,
                actor=actor,
                source=planned.candidate.source,
                entry=StageRole.SOURCED,
            )
    except DomainError as error:
        planned.action, planned.message = REJECT, error.message
