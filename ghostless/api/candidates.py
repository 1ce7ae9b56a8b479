from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from ghostless.api import lookups
from ghostless.api.exports import exportable
from ghostless.api.paging import KeysetPage
from ghostless.api.schemas import (
    ActivityIn,
    ActivityLoggedOut,
    ActivityOut,
    CandidateFilters,
    CandidateIn,
    CandidateOut,
    CandidatePatch,
    DoNotContactIn,
    DuplicateOut,
    Id,
    MergeIn,
    MergeOut,
    Page,
    TimelineFilters,
)
from ghostless.candidates import services
from ghostless.candidates.duplicates import duplicate_suggestions
from ghostless.candidates.models import Candidate
from ghostless.candidates.normalize import linkedin_key
from ghostless.candidates.selectors import access_candidate, candidate_applications
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_hiring_team, check_recruiter
from ghostless.followups.services import activity_log_with_callback
from ghostless.merges.services import candidate_merge
from ghostless.search.quick_find import candidate_find
from ghostless.timeline.selectors import timeline

router = Router(tags=["candidates"])


def _candidate_detail(user, pk) -> Candidate:
    candidate = access_candidate(user, pk)
    candidate.visible_applications = list(candidate_applications(user=user, candidate=candidate))
    return candidate


@router.get("", response=list[CandidateOut])
@exportable("candidates")
@paginate(KeysetPage)
def list_candidates(request: HttpRequest, filters: Query[CandidateFilters]):
    check_hiring_team(request.auth)
    if filters.linkedin_url and not linkedin_key(filters.linkedin_url):
        raise DomainError(
            "That is not a LinkedIn profile address (https://www.linkedin.com/in/...).",
            field="linkedin_url",
        )
    return candidate_find(user=request.auth, **filters.dict(exclude_none=True))


@router.post("", response={201: CandidateOut})
def create_candidate(request: HttpRequest, payload: CandidateIn):
    fields = payload.dict()
    # Left out or null: the service makes the caller the owner.
    fields["owner"] = lookups.user_named(fields.get("owner"), field="owner")
    candidate = services.candidate_create(actor=request.auth, **fields)
    return Status(201, _candidate_detail(request.auth, candidate.pk))


@router.get("/{candidate_id}", response=CandidateOut)
def get_candidate(request: HttpRequest, candidate_id: Id):
    return _candidate_detail(request.auth, candidate_id)


@router.patch("/{candidate_id}", response=CandidateOut)
def update_candidate(request: HttpRequest, candidate_id: Id, payload: CandidatePatch):
    candidate = access_candidate(request.auth, candidate_id)
    fields = payload.dict(exclude_unset=True)
    if "owner" in fields:
        fields["owner"] = lookups.user_named(fields["owner"], field="owner")
    services.candidate_update(candidate=candidate, actor=request.auth, **fields)
    return _candidate_detail(request.auth, candidate_id)


@router.put("/{candidate_id}/do-not-contact", response=CandidateOut)
def set_do_not_contact(request: HttpRequest, candidate_id: Id, payload: DoNotContactIn):
    """Set (with a reason) or clear do-not-contact; recruiters and admins only."""
    candidate = access_candidate(request.auth, candidate_id)
    services.candidate_do_not_contact(
        candidate=candidate,
        actor=request.auth,
        do_not_contact=payload.do_not_contact,
        reason=payload.reason,
    )
    return _candidate_detail(request.auth, candidate_id)


@router.get("/{candidate_id}/timeline", response=list[ActivityOut])
@exportable("timeline")
@paginate(Page)
def candidate_timeline(request: HttpRequest, candidate_id: Id, filters: Query[TimelineFilters]):
    candidate = access_candidate(request.auth, candidate_id)
    return timeline(user=request.auth, candidate=candidate, **filters.dict(exclude_none=True))


@router.post("/{candidate_id}/activities", response={201: ActivityLoggedOut})
def log_activity(request: HttpRequest, candidate_id: Id, payload: ActivityIn):
    candidate = access_candidate(request.auth, candidate_id)
    fields = payload.dict(exclude={"application_id"})
    if payload.application_id is not None:
        fields["application"] = lookups.visible_application(
            request.auth, payload.application_id, field="application_id"
        )
    activity = activity_log_with_callback(candidate=candidate, actor=request.auth, **fields)
    return Status(201, activity)


@router.get("/{candidate_id}/duplicates", response=list[DuplicateOut])
def candidate_duplicates(request: HttpRequest, candidate_id: Id):
    """Possible duplicates, surest first: the same LinkedIn profile, or a close name at the
    same company or in the same city. Recruiters and admins only."""
    candidate = access_candidate(request.auth, candidate_id)
    check_recruiter(request.auth, "can see possible duplicates")
    return duplicate_suggestions(user=request.auth, candidate=candidate)


@router.post("/{candidate_id}/merge", response=MergeOut)
def merge_candidate(request: HttpRequest, candidate_id: Id, payload: MergeIn):
    """Fold `other_id` into this candidate, which survives; `other_id` is deleted."""
    survivor = access_candidate(request.auth, candidate_id)
    check_recruiter(request.auth, "can merge candidates")
    # A 404 like the URL's id: merging names a record as strongly as the path does.
    other = access_candidate(request.auth, payload.other_id)
    merge = candidate_merge(survivor=survivor, other=other, actor=request.auth)
    return {"merge_id": merge.pk, "candidate": _candidate_detail(request.auth, survivor.pk)}
