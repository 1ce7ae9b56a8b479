"""Privacy over the API: anonymise, the subject access export, retention rules and dry run."""

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from ghostless.api.schemas import Id
from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_admin, check_recruiter
from ghostless.privacy import exports, services
from ghostless.privacy.anonymise import candidate_anonymise
from ghostless.privacy.models import RetentionRule, SubjectExport
from ghostless.privacy.retention import retention_plan

router = Router(tags=["privacy"])


class AnonymiseIn(Schema):
    reason: str


class AnonymisedOut(Schema):
    id: int
    name: str
    anonymised_at: datetime


@router.post("/candidates/{candidate_id}/anonymise", response=AnonymisedOut)
def anonymise(request: HttpRequest, candidate_id: Id, payload: AnonymiseIn):
    """Anonymise the person at once and for good (docs/privacy.md says what goes)."""
    candidate = access_candidate(request.auth, candidate_id)
    check_recruiter(request.auth, "can anonymise candidates")
    if not payload.reason.strip():
        raise DomainError("Say why (no personal data).", field="reason")
    return candidate_anonymise(candidate, actor=request.auth, reason=payload.reason)


class ExportOut(Schema):
    id: UUID
    state: str
    created_at: datetime
    ready_at: datetime | None
    expires_at: datetime | None
    download_url: str | None

    @staticmethod
    def resolve_download_url(export: SubjectExport) -> str | None:
        if export.state != "ready" or export.expires_at <= timezone.now():
            return None
        return exports.download_url(export)


@router.post("/candidates/{candidate_id}/export", response={202: ExportOut})
def export_start(request: HttpRequest, candidate_id: Id):
    """Start building the zip; poll the GET for `download_url`."""
    candidate = access_candidate(request.auth, candidate_id)
    check_recruiter(request.auth, "can export a candidate's data")
    return Status(202, exports.export_request(candidate=candidate, actor=request.auth))


@router.get("/candidates/{candidate_id}/export", response=ExportOut)
def export_latest(request: HttpRequest, candidate_id: Id):
    """The newest export job of this candidate."""
    candidate = access_candidate(request.auth, candidate_id)
    check_recruiter(request.auth, "can export a candidate's data")
    export = SubjectExport.objects.filter(candidate=candidate).first()
    if export is None:
        raise HttpError(404, "No export was asked for yet: POST to start one.")
    return export


class RuleIn(Schema):
    outcome: str
    months: int
    location: str = ""
    legal_floor: bool = False
    note: str = ""


class RuleOut(Schema):
    id: int
    outcome: str
    months: int
    location: str
    legal_floor: bool
    note: str
    created_at: datetime


@router.get("/retention-rules", response=list[RuleOut])
def rules(request: HttpRequest):
    check_admin(request.auth)
    return RetentionRule.objects.all()


@router.post("/retention-rules", response={201: RuleOut})
def rule_create(request: HttpRequest, payload: RuleIn):
    return Status(201, services.retention_rule_create(actor=request.auth, **payload.dict()))


class DryRunIn(Schema):
    until: datetime | None = None


class DueOut(Schema):
    candidate_id: int
    outcome: str
    last_activity: datetime
    due_at: datetime
    action: str
    untold_application_ids: list[int]


@router.post("/retention-rules/dry-run", response=list[DueOut])
def dry_run(request: HttpRequest, payload: DryRunIn):
    """Who the rules make due by `until` (default now), and what the run would do; changes
    nothing. The daily run does exactly this list for the moment it runs."""
    check_admin(request.auth)
    now = timezone.now()
    return [
        {
            "candidate_id": d.candidate_id,
            "outcome": d.outcome,
            "last_activity": d.last_activity,
            "due_at": d.due_at,
            "action": "anonymise" if not d.untold else "close_the_loop_followup",
            "untold_application_ids": d.untold,
        }
        for d in retention_plan(now=now, until=payload.until or now)
    ]
