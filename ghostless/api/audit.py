"""The audit log over the API (admins only): the same rows and filters as /settings/audit/."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from ghostless.api.schemas import Page
from ghostless.timeline.selectors import audit_entries

router = Router(tags=["audit"])


class AuditFilters(Schema):
    actor: int | None = None
    event: str | None = None
    subject: str | None = None
    subject_id: int | None = None
    candidate: int | None = None
    since: datetime | None = None
    until: datetime | None = None


class AuditOut(Schema):
    id: int
    at: datetime
    actor: str | None
    subject: str
    subject_id: int
    label: str
    event: str
    changes: dict

    @staticmethod
    def resolve_actor(entry) -> str | None:
        return entry.actor.username if entry.actor else None


@router.get("/audit", response=list[AuditOut])
@paginate(Page)
def list_audit(request: HttpRequest, filters: Query[AuditFilters]):
    """Newest first. `actor` is a user id, `candidate` a candidate id (as `subject=candidate`
    with `subject_id`), `since`/`until` ISO times; a 403 for anyone but an admin."""
    subject, subject_id = filters.subject or "", filters.subject_id
    if filters.candidate is not None:
        subject, subject_id = "candidate", filters.candidate
    return audit_entries(
        user=request.auth,
        subject=subject,
        subject_id=subject_id,
        actor_id=filters.actor,
        event=filters.event or "",
        since=filters.since,
        until=filters.until,
    )
