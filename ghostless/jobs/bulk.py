"""Many people put on one job at once (spreadsheet imports): `application_create` for
candidates just created, so none can be on the job yet, written in a fixed number of
statements. The stage history, the timeline entries and the webhooks (hook
`applications_created`, heard as one `application_created` each) are kept as one by one."""

from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core import hooks
from ghostless.core.inserts import insert
from ghostless.core.permissions import check_recruiter
from ghostless.jobs.furthest import RANK
from ghostless.jobs.models import Application, Job, StageChange, StageRole
from ghostless.jobs.services import entry_stage
from ghostless.timeline import events


def applications_bulk_create(
    *, candidates: list[Candidate], job: Job, actor: User | None, entry: StageRole
) -> list[Application]:
    """Put new candidates on `job` at its `entry` stage, each with its candidate's source."""
    check_recruiter(actor)
    stage = entry_stage(job, entry)
    now = timezone.now()
    fallback_owner = actor if actor and actor.sees_everything else None
    applications = [
        Application(
            candidate=candidate,
            job=job,
            stage=stage,
            source=candidate.source,
            owner=candidate.owner or fallback_owner,
            created_at=now,
            stage_entered_at=now,
            furthest_rank=RANK.get(stage.role, 0),
        )
        for candidate in candidates
    ]
    with transaction.atomic():
        insert(applications, returning=True)
        insert(
            [
                StageChange(
                    application=a, from_stage=None, to_stage=stage, actor=actor, changed_at=now
                )
                for a in applications
            ]
        )
        insert(events.applications_created(applications=applications, actor=actor))
        hooks.applications_created.send(applications=applications)
    return applications
