"""Reads for talent pools. Pools are for recruiters and admins: nobody else sees them."""

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.pools.models import PoolMember, TalentPool


def pools_visible_to(user: User) -> QuerySet[TalentPool]:
    return TalentPool.objects.all() if user.sees_everything else TalentPool.objects.none()


def access_pool(user: User, pk) -> TalentPool:
    """The only way views load a pool: 404 for what the user may not see."""
    return get_object_or_404(pools_visible_to(user), pk=pk)


def pool_list(*, user: User) -> QuerySet[TalentPool]:
    """Pools with their counts and newest member, in one query however many there are."""
    newest = PoolMember.objects.filter(pool_id=OuterRef("pk")).order_by("-added_at", "-id")
    return (
        pools_visible_to(user)
        .annotate(
            member_count=Count("members", distinct=True),
            consented_count=Count(
                "members",
                filter=Q(
                    members__consent_given_at__isnull=False,
                    members__consent_expires_at__gt=timezone.now(),
                ),
                distinct=True,
            ),
            newest_added_at=Max("members__added_at"),
            newest_candidate_id=Subquery(newest.values("candidate_id")[:1]),
            newest_first_name=Subquery(newest.values("candidate__first_name")[:1]),
            newest_last_name=Subquery(newest.values("candidate__last_name")[:1]),
        )
        .order_by("name", "id")
    )


def pool_members(*, pool: TalentPool) -> QuerySet[PoolMember]:
    return pool.members.select_related("candidate", "added_by").order_by("-added_at", "-id")


def candidate_pools(*, user: User, candidate: Candidate) -> list[PoolMember]:
    """The candidate's memberships, for the profile."""
    if not user.sees_everything:
        return []
    return list(
        candidate.pool_memberships.select_related("pool", "added_by")
        .only(
            "candidate_id",
            "added_at",
            "reason",
            "consent_given_at",
            "consent_expires_at",
            "basis",
            "source",
            "renewal_asked_at",
            "pool__name",
            "added_by__first_name",
            "added_by__last_name",
            "added_by__username",
        )
        .order_by("pool__name")
    )


def access_member(user: User, pool: TalentPool, pk) -> PoolMember:
    return get_object_or_404(pool_members(pool=pool).filter(pool__in=pools_visible_to(user)), pk=pk)
