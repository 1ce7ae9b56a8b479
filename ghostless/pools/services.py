"""Talent pools, consent and unsubscribing."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.pools import events
from ghostless.pools.models import PoolMember, TalentPool


def pool_create(*, actor: User | None, name: str, description: str = "") -> TalentPool:
    check_recruiter(actor, "manage talent pools")
    name = name.strip()
    if not name:
        raise DomainError("A pool needs a name.", field="name")
    if len(name) > 120:
        raise DomainError("Keep the name under 120 characters.", field="name")
    if TalentPool.objects.filter(name__iexact=name).exists():
        raise DomainError(f"There is already a pool called {name}.", field="name")
    return TalentPool.objects.create(name=name, description=description.strip(), created_by=actor)


def pool_add(
    *, pool: TalentPool, candidate: Candidate, actor: User | None, reason: str = ""
) -> PoolMember:
    """Add a candidate to a pool; adding twice keeps the first membership."""
    check_recruiter(actor, "manage talent pools")
    try:
        with transaction.atomic():
            member, created = PoolMember.objects.get_or_create(
                pool=pool,
                candidate=candidate,
                defaults={"added_by": actor, "reason": reason.strip()[:200]},
            )
    except IntegrityError:
        member, created = PoolMember.objects.get(pool=pool, candidate=candidate), False
    if created:
        events.pool_added(candidate=candidate, actor=actor, pool=pool, reason=reason)
    return member


def consent_record(*, pool: TalentPool, candidate: Candidate) -> PoolMember:
    """The candidate clicked "keep me in mind": consent for CONSENT_MONTHS, in the pool."""
    now = timezone.now()
    expires = now + timedelta(days=round(settings.CONSENT_MONTHS * 30.44))
    with transaction.atomic():
        member = pool_add(pool=pool, candidate=candidate, actor=None, reason="Candidate's consent")
        if member.consent_state == "granted":
            return member  # a second click changes nothing
        PoolMember.objects.filter(pk=member.pk).update(
            consent_given_at=now, consent_expires_at=expires
        )
        events.consent_given(candidate=candidate, pool=pool, expires=expires)
    member.refresh_from_db()
    return member


def candidate_unsubscribe(*, candidate: Candidate) -> None:
    """Only transactional mail (about their own applications) reaches them from now on."""
    with transaction.atomic():
        changed = Candidate.objects.filter(pk=candidate.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
        if changed:
            events.candidate_unsubscribed(candidate=candidate)


def candidate_resubscribe(*, candidate: Candidate) -> None:
    """They changed their mind (on their status page): nurture mail may reach them again."""
    with transaction.atomic():
        changed = Candidate.objects.filter(pk=candidate.pk, unsubscribed_at__isnull=False).update(
            unsubscribed_at=None
        )
        if changed:
            events.candidate_resubscribed(candidate=candidate)


def pool_remove(*, member: PoolMember, actor: User | None) -> None:
    """Take a candidate out of a pool; the timeline keeps that they were in it."""
    check_recruiter(actor, "manage talent pools")
    with transaction.atomic():
        deleted, _ = PoolMember.objects.filter(pk=member.pk).delete()
        if deleted:
            events.pool_removed(candidate=member.candidate, actor=actor, pool=member.pool)


def pool_add_many(
    *, pool: TalentPool, candidates: list[Candidate], actor: User | None, reason: str = ""
) -> int:
    """Add a selection; returns how many were new to the pool."""
    check_recruiter(actor, "manage talent pools")
    with transaction.atomic():
        before = PoolMember.objects.filter(pool=pool).count()
        for candidate in candidates:
            pool_add(pool=pool, candidate=candidate, actor=actor, reason=reason)
        return PoolMember.objects.filter(pool=pool).count() - before
