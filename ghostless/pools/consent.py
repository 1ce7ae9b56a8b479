"""The daily consent sweep: ask consenting pool members to renew a month before their consent
runs out, and remove every membership whose basis has run out (docs/privacy-consent.md).

Both steps are safe to run again and on parallel workers: the ask is claimed with a
conditional UPDATE of `renewal_asked_at` and queued under an idempotency key naming the
membership and its expiry, and a removal deletes only a row still past its expiry, so a
renewal that lands first wins.
"""

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ghostless.core.errors import DomainError
from ghostless.jobs.models import Application
from ghostless.messaging.services import message_queue
from ghostless.pools import events
from ghostless.pools.models import Basis, PoolMember
from ghostless.pools.services import audit_consent

EMAILS = Path(__file__).resolve().parent / "templates" / "pools" / "email"
BATCH = 500


def renewal_email(*, member: PoolMember, has_status_page: bool) -> dict:
    """Subject and body (merge templates) of the renewal ask. The link is the candidate's
    status page when they have applications to follow there, else the signed "keep me in
    mind" link to this pool, whose page renews with one click."""
    link = "{{ links.status }}" if has_status_page else "{{ links.keep_in_touch }}"
    expires = timezone.localtime(member.consent_expires_at)
    body = (EMAILS / "consent-renewal-body.txt").read_text().strip()
    body = body.replace("RENEW_LINK", link).replace("EXPIRES_ON", f"{expires:%-d %B %Y}")
    return {"subject": (EMAILS / "consent-renewal-subject.txt").read_text().strip(), "body": body}


def renewals_due(now: datetime):
    return PoolMember.objects.filter(
        basis=Basis.CONSENT,
        renewal_asked_at__isnull=True,
        consent_expires_at__gt=now,
        consent_expires_at__lte=now + timedelta(days=settings.CONSENT_RENEWAL_DAYS),
    )


def consent_renewals_ask(now: datetime | None = None) -> int:
    """Email each consenting member due a renewal ask, once per expiry; returns how many were
    asked. Who cannot be emailed (do not contact, unsubscribed, no address, suppressed) is
    not asked, and the timeline says why."""
    now = now or timezone.now()
    asked = 0
    while ids := list(renewals_due(now).order_by("pk").values_list("pk", flat=True)[:BATCH]):
        for pk in ids:
            asked += _ask_one(pk, now)
    return asked


def _ask_one(pk: int, now: datetime) -> int:
    with transaction.atomic():
        if not PoolMember.objects.filter(pk=pk, renewal_asked_at__isnull=True).update(
            renewal_asked_at=now
        ):
            return 0  # another worker has it
        member = PoolMember.objects.select_related("pool", "candidate").get(pk=pk)
        candidate = member.candidate
        try:
            if candidate.unsubscribed_at and candidate.do_not_contact_at is None:
                raise DomainError("They unsubscribed from everything but their applications.")
            has_status_page = Application.objects.filter(candidate=candidate).exists()
            message = message_queue(
                candidate=candidate,
                actor=None,
                pool=member.pool,
                idempotency_key=f"consent-renewal:{member.pk}:{member.consent_expires_at:%Y%m%d}",
                **renewal_email(member=member, has_status_page=has_status_page),
            )
        except DomainError as error:
            events.consent_renewal_not_asked(
                candidate=candidate, pool=member.pool, why=error.message
            )
            return 0
        events.consent_renewal_asked(
            candidate=candidate,
            pool=member.pool,
            expires=member.consent_expires_at,
            message_id=message.pk,
        )
    return 1


def consent_expire(now: datetime | None = None) -> int:
    """Remove every membership past its expiry, consent or legitimate interest alike, with a
    timeline entry and an audit row each; returns how many. Nurture reads pool consent at
    sending time, so nobody removed is sent nurture mail afterwards."""
    now = now or timezone.now()
    removed = 0
    while members := list(
        PoolMember.objects.filter(consent_expires_at__lte=now)
        .select_related("pool", "candidate")
        .order_by("pk")[:BATCH]
    ):
        for member in members:
            with transaction.atomic():
                deleted, _ = PoolMember.objects.filter(
                    pk=member.pk, consent_expires_at__lte=now
                ).delete()
                if not deleted:
                    continue
                events.consent_expired(
                    candidate=member.candidate, pool=member.pool, basis=member.basis
                )
                audit_consent(
                    member=member,
                    actor=None,
                    event="consent_expired",
                    detail={"basis": [member.basis, None], "source": [member.source, None]},
                )
                removed += 1
    return removed


def consent_sweep() -> tuple[int, int]:
    """(asked, removed): the daily task's work."""
    now = timezone.now()
    return consent_renewals_ask(now), consent_expire(now)
