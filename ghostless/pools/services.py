"""Talent pools, consent and unsubscribing."""

import calendar
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.pools import events
from ghostless.pools.models import Basis, ConsentSource, PoolMember, TalentPool
from ghostless.timeline.audit import audit_event


def consent_expiry(start: datetime) -> datetime:
    """CONSENT_MONTHS calendar months after `start` (31 Jan + 1 month is 28/29 Feb)."""
    months = start.month - 1 + settings.CONSENT_MONTHS
    year, month = start.year + months // 12, months % 12 + 1
    return start.replace(
        year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1])
    )


def audit_consent(*, member: PoolMember, actor: User | None, event: str, detail: dict) -> None:
    audit_event(
        actor=actor,
        subject="candidate",
        subject_id=member.candidate_id,
        label=f"{member.candidate.name} in {member.pool.name}",
        event=event,
        detail={"pool": [None, member.pool.name]} | detail,
    )


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
    *,
    pool: TalentPool,
    candidate: Candidate,
    actor: User | None,
    reason: str = "",
    basis: str = Basis.LEGITIMATE_INTEREST,
    source: str = ConsentSource.RECRUITER,
) -> PoolMember:
    """Add a candidate to a pool on a basis, until CONSENT_MONTHS from now; adding twice keeps
    the first membership. Consent a person records (they agreed on a call) counts from now,
    like any other."""
    return _member_add(
        pool=pool, candidate=candidate, actor=actor, reason=reason, basis=basis, source=source
    )[0]


def _member_add(
    *, pool: TalentPool, candidate: Candidate, actor: User | None, reason: str, basis, source
) -> tuple[PoolMember, bool]:
    check_recruiter(actor, "manage talent pools")
    if basis not in Basis.values:
        raise DomainError(f"Basis must be one of: {', '.join(Basis.values)}.", field="basis")
    if source not in ConsentSource.values:
        raise DomainError(
            f"Source must be one of: {', '.join(ConsentSource.values)}.", field="source"
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            member, created = PoolMember.objects.get_or_create(
                pool=pool,
                candidate=candidate,
                defaults={
                    "added_by": actor,
                    "reason": reason.strip()[:200],
                    "basis": basis,
                    "source": source,
                    "consent_given_at": now if basis == Basis.CONSENT else None,
                    "consent_expires_at": consent_expiry(now),
                },
            )
            if created:
                events.pool_added(candidate=candidate, actor=actor, pool=pool, reason=reason)
                if basis == Basis.CONSENT:
                    events.consent_given(
                        candidate=candidate, pool=pool, expires=member.consent_expires_at
                    )
                audit_consent(
                    member=member,
                    actor=actor,
                    event="consent_recorded",
                    detail={
                        "basis": [None, basis],
                        "source": [None, source],
                        "expires_at": [None, member.consent_expires_at.isoformat()],
                    },
                )
    except IntegrityError:
        member, created = PoolMember.objects.get(pool=pool, candidate=candidate), False
    return member, created


def consent_record(
    *, pool: TalentPool, candidate: Candidate, source: str = ConsentSource.EMAIL
) -> PoolMember:
    """The candidate said yes ("keep me in mind", the renewal ask, their status page):
    consent for CONSENT_MONTHS from now, in the pool. A legitimate-interest membership
    becomes consent; consent already running is renewed once its renewal is due (or past),
    so a second click right after changes nothing."""
    now = timezone.now()
    with transaction.atomic():
        member, created = _member_add(
            pool=pool,
            candidate=candidate,
            actor=None,
            reason="Candidate's consent",
            basis=Basis.CONSENT,
            source=source,
        )
        if created:
            return member
        member = (
            PoolMember.objects.select_for_update()
            .select_related("pool", "candidate")
            .get(pk=member.pk)
        )
        renewing = member.basis == Basis.CONSENT and member.consent_given_at is not None
        if renewing and member.consent_state == "granted" and member.renewal_ask_at > now:
            return member  # renewal not due yet: a second click changes nothing
        before = (member.basis, member.consent_expires_at)
        member.basis, member.renewal_asked_at = Basis.CONSENT, None
        member.consent_given_at, member.consent_expires_at = now, consent_expiry(now)
        if not renewing:
            member.source = source
        member.save(
            update_fields=[
                "basis",
                "source",
                "consent_given_at",
                "consent_expires_at",
                "renewal_asked_at",
            ]
        )
        expires = member.consent_expires_at
        if renewing:
            events.consent_renewed(candidate=candidate, pool=pool, expires=expires, source=source)
        else:
            events.consent_given(candidate=candidate, pool=pool, expires=expires)
        audit_consent(
            member=member,
            actor=None,
            event="consent_renewed" if renewing else "consent_given",
            detail={
                "basis": [before[0], Basis.CONSENT],
                "source": [None, source],
                "expires_at": [before[1].isoformat() if before[1] else None, expires.isoformat()],
            },
        )
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


def talent_network_join(*, candidate: Candidate, source: str) -> PoolMember:
    """The candidate ticked "keep me in your talent network" (careers form): consent to the
    pool named TALENT_NETWORK_POOL, made on first use."""
    pool, _ = TalentPool.objects.get_or_create(
        name=settings.TALENT_NETWORK_POOL,
        defaults={"description": "Candidates who asked to hear about future openings."},
    )
    return consent_record(pool=pool, candidate=candidate, source=source)
