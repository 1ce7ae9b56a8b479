"""Talent pools over the API: list and create pools, list and add members."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ghostless.api import lookups
from ghostless.api.schemas import Id, In, Page, Text, Text120, Text200
from ghostless.core.permissions import check_recruiter
from ghostless.pools import services
from ghostless.pools.models import ConsentSource
from ghostless.pools.selectors import access_pool, pool_list, pool_members

router = Router(tags=["talent pools"])


class PoolOut(Schema):
    id: int
    name: str
    description: str
    member_count: int
    consented_count: int
    created_at: datetime


class PoolIn(In):
    name: Text120
    description: Text = ""


class MemberOut(Schema):
    candidate_id: int
    name: str
    added_at: datetime
    added_by: str | None
    reason: str
    consent_state: str
    # consent or legitimate_interest; where it was recorded; when the membership runs out.
    basis: str
    source: str
    consent_expires_at: datetime | None
    renewal_asked_at: datetime | None

    @staticmethod
    def resolve_name(member) -> str:
        return member.candidate.name

    @staticmethod
    def resolve_added_by(member) -> str | None:
        return member.added_by.username if member.added_by_id else None


class MemberIn(In):
    candidate_id: Id
    reason: Text200 = ""
    # "consent" only where they agreed elsewhere; Ghostless then asks them to renew.
    basis: Literal["consent", "legitimate_interest"] = "legitimate_interest"


@router.get("", response=list[PoolOut])
@paginate(Page)
def list_pools(request: HttpRequest):
    return pool_list(user=request.auth)


@router.post("", response={201: PoolOut})
def create_pool(request: HttpRequest, payload: PoolIn):
    # Hiring managers see no pools: refuse their writes before any lookup answers 404.
    check_recruiter(request.auth, "manage talent pools")
    pool = services.pool_create(actor=request.auth, **payload.dict())
    return Status(201, pool_list(user=request.auth).get(pk=pool.pk))


@router.get("/{pool_id}/members", response=list[MemberOut])
@paginate(Page)
def list_members(request: HttpRequest, pool_id: Id):
    return pool_members(pool=access_pool(request.auth, pool_id))


@router.post("/{pool_id}/members", response={200: MemberOut, 201: MemberOut})
def add_member(request: HttpRequest, pool_id: Id, payload: MemberIn):
    """201 when the candidate joins; 200 with the existing membership when already in."""
    # Hiring managers see no pools: refuse their writes before any lookup answers 404.
    check_recruiter(request.auth, "manage talent pools")
    pool = access_pool(request.auth, pool_id)
    candidate = lookups.visible_candidate(request.auth, payload.candidate_id, field="candidate_id")
    existed = pool.members.filter(candidate=candidate).exists()
    member = services.pool_add(
        pool=pool,
        candidate=candidate,
        actor=request.auth,
        reason=payload.reason,
        basis=payload.basis,
        source=ConsentSource.API,
    )
    return Status(200 if existed else 201, member)
