"""Closing the loop on a job: who has been told, and telling everyone left at once."""

import uuid
from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from ghostless.api import lookups
from ghostless.api.schemas import (
    PAGE_LIMIT_MAX,
    SMALLINT_MAX,
    Id,
    In,
    Page,
    RejectIn,
    Text40,
    Text200,
)
from ghostless.core.errors import DomainError
from ghostless.jobs.selectors import access_job
from ghostless.loop import selectors, services
from ghostless.messaging.models import EmailTemplate
from ghostless.pools.models import TalentPool

router = Router(tags=["loop"])

# Idempotency-Key headers become close-out keys scoped to the caller and the job.
KEY_NAMESPACE = uuid.UUID("2f6bb2a4-59c6-4f3e-9a57-2c1e5b0d7c11")


class RejectAndTellIn(RejectIn):
    template_id: Id | None = Field(None, description="Send this template to the candidate.")
    send_at: datetime | None = Field(None, description="Send the template at this time.")
    skip_reason: Text40 = Field(
        "", description=f"Send nothing, because: {', '.join(services.SKIP_REASONS)}."
    )
    skip_note: Text200 = Field("", description="Your words; required with skip_reason other.")


class UntoldOut(Schema):
    id: int
    candidate_id: int
    candidate: str
    status: str
    stage: str
    furthest_stage_order: int | None


class LoopOut(Schema):
    told: int
    total: int
    untold: int
    untold_applications: list[UntoldOut]


class GroupTemplateIn(In):
    stage_order: int = Field(ge=0, le=SMALLINT_MAX, description="The furthest stage's order.")
    template_id: Id


class CloseOutIn(In):
    reason: Text200 = Field("", description="A rejection reason's name; default: position filled.")
    templates: list[GroupTemplateIn] = Field(
        default_factory=list, description="Per group; groups left out get their default template."
    )
    pool_id: Id | None = None


class ProgressOut(Schema):
    id: int
    total: int
    sent: int
    queued: int
    failed: int
    skipped: int
    done: bool
    # True when a sweep took the close-out over from a worker that died (docs/reliability.md).
    resumed: bool
    not_sent: list[dict]


def template_with_id(pk: int | None, *, field: str) -> EmailTemplate | None:
    if pk is None:
        return None
    template = EmailTemplate.objects.filter(pk=pk).first()
    if template is None:
        raise DomainError(f"There is no template {pk}.", field=field)
    return template


def _progress(close_out) -> dict:
    progress = selectors.close_out_progress(close_out)
    return progress.as_json() | {"id": close_out.pk, "not_sent": progress.skipped}


@router.get("/{job_id}/loop", response=LoopOut)
def get_loop(request: HttpRequest, job_id: Id, paging: Query[Page.Input]):
    """Withdrawn and skipped applicants count as told; hired ones are not counted. The untold
    list is paged (`limit`, `offset`, by name); `untold` counts all of them."""
    job = access_job(request.auth, job_id)
    told, total = selectors.loop_counts(job)
    rows = selectors.untold_page(job, limit=min(paging.limit, PAGE_LIMIT_MAX), offset=paging.offset)
    return {
        "told": told,
        "total": total,
        "untold": total - told,
        "untold_applications": rows,
    }


@router.post("/{job_id}/close-out", response={202: ProgressOut})
def start_close_out(request: HttpRequest, job_id: Id, payload: CloseOutIn):
    """Reject everyone untold and send each their group's template, in the background."""
    job = access_job(request.auth, job_id)
    header = request.headers.get("Idempotency-Key", "")[:200]
    key = uuid.uuid5(KEY_NAMESPACE, f"{request.auth.pk}:{job.pk}:{header}") if header else None
    pool = None
    if payload.pool_id is not None:
        pool = TalentPool.objects.filter(pk=payload.pool_id).first()
        if pool is None:
            raise DomainError(f"There is no talent pool {payload.pool_id}.", field="pool_id")
    close_out = services.close_out_start(
        job=job,
        actor=request.auth,
        reason=lookups.rejection_reason_named(payload.reason, field="reason")
        if payload.reason
        else None,
        templates={
            row.stage_order: template_with_id(row.template_id, field="templates")
            for row in payload.templates
        },
        pool=pool,
        key=key,
    )
    close_out.refresh_from_db()
    return Status(202, _progress(close_out))


@router.get("/{job_id}/close-out", response={200: ProgressOut, 404: dict})
def get_close_out(request: HttpRequest, job_id: Id):
    """The latest close-out's progress."""
    job = access_job(request.auth, job_id)
    close_out = selectors.latest_close_out(job)
    if close_out is None:
        return Status(404, {"detail": "This job has not been closed out yet."})
    return _progress(close_out)
