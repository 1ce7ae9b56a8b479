"""Timeline entries for talent pools and marketing consent, one small function per kind.
Hiring managers never see them (timeline.selectors.POOL_EVENTS)."""

from datetime import datetime

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.pools.models import TalentPool
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, EventKind, Kind


def pool_added(
    *, candidate: Candidate, actor: User | None, pool: TalentPool, reason: str
) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"Added to the talent pool {pool.name}",
        event=EventKind.POOL_ADDED,
        payload={"pool": pool.pk, "reason": reason},
    )


def consent_given(*, candidate: Candidate, pool: TalentPool, expires: datetime) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Agreed to stay in the talent network ({pool.name}) until {expires:%Y-%m-%d}",
        event=EventKind.CONSENT_GIVEN,
        payload={"pool": pool.pk},
    )


def candidate_unsubscribed(*, candidate: Candidate) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Unsubscribed from everything but mail about their applications",
        event=EventKind.UNSUBSCRIBED,
    )


def candidate_resubscribed(*, candidate: Candidate) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Resubscribed to news about new roles",
        event=EventKind.RESUBSCRIBED,
    )


def pool_removed(*, candidate: Candidate, actor: User | None, pool: TalentPool) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"Removed from the talent pool {pool.name}",
        event=EventKind.POOL_REMOVED,
        payload={"pool": pool.pk},
    )


def consent_renewed(
    *, candidate: Candidate, pool: TalentPool, expires: datetime, source: str
) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Renewed their consent to the talent pool {pool.name} until {expires:%Y-%m-%d}",
        event=EventKind.CONSENT_RENEWED,
        payload={"pool": pool.pk, "source": source},
    )


def consent_renewal_asked(
    *, candidate: Candidate, pool: TalentPool, expires: datetime, message_id: int
) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=(
            f"Ghostless asked them to renew their consent to {pool.name}, "
            f"which runs out on {expires:%Y-%m-%d}"
        ),
        event=EventKind.CONSENT_RENEWAL_ASKED,
        payload={"pool": pool.pk, "message": message_id},
    )


def consent_renewal_not_asked(*, candidate: Candidate, pool: TalentPool, why: str) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Ghostless did not ask them to renew their consent to {pool.name}",
        body=why,
        event=EventKind.CONSENT_RENEWAL_NOT_ASKED,
        payload={"pool": pool.pk},
    )


def consent_expired(*, candidate: Candidate, pool: TalentPool, basis: str) -> Activity:
    ended = "consent expired" if basis == "consent" else "legitimate-interest period ended"
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Ghostless removed them from the talent pool {pool.name}: {ended}",
        event=EventKind.CONSENT_EXPIRED,
        payload={"pool": pool.pk, "basis": basis},
    )
