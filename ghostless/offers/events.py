"""Timeline entries for an offer's transitions. None names the salary: a hiring manager reads
this timeline and may not see it (the offer page decides who does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ghostless.timeline.events import record
from ghostless.timeline.models import EventKind, Kind

if TYPE_CHECKING:
    from ghostless.accounts.models import User
    from ghostless.offers.models import Offer
    from ghostless.timeline.models import Activity


def _offer_entry(
    offer: Offer, *, actor: User | None, subject: str, event: EventKind, body: str = "", **extra
) -> Activity:
    application = offer.application
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=subject,
        body=body,
        event=event,
        payload={"offer_id": offer.pk, "job_id": application.job_id, **extra},
    )


def offer_created(*, offer: Offer, actor: User | None) -> Activity:
    return _offer_entry(
        offer, actor=actor, subject=f"Offer drafted: {offer.title}", event=EventKind.OFFER_CREATED
    )


def offer_updated(*, offer: Offer, actor: User | None, fields: list[str]) -> Activity:
    return _offer_entry(
        offer,
        actor=actor,
        subject=f"Offer draft changed: {offer.title}",
        event=EventKind.OFFER_UPDATED,
        fields=fields,
    )


def offer_submitted(*, offer: Offer, actor: User | None, approvers: list[str]) -> Activity:
    if approvers:
        subject = f"Offer submitted for approval by {', '.join(approvers)}"
    else:
        subject = "Offer approved: it needs no approval"
    return _offer_entry(
        offer, actor=actor, subject=subject, event=EventKind.OFFER_SUBMITTED, approvers=approvers
    )


def offer_approved(*, offer: Offer, actor: User | None, comment: str, last: bool) -> Activity:
    who = actor.name if actor else "the system"
    subject = f"Offer approved by {who}" + (": fully approved" if last else "")
    return _offer_entry(
        offer, actor=actor, subject=subject, body=comment, event=EventKind.OFFER_APPROVED, last=last
    )


def offer_rejected(*, offer: Offer, actor: User | None, comment: str) -> Activity:
    who = actor.name if actor else "the system"
    return _offer_entry(
        offer,
        actor=actor,
        subject=f"Offer sent back to draft by {who}",
        body=comment,
        event=EventKind.OFFER_REJECTED,
    )


def offer_sent(*, offer: Offer, actor: User | None) -> Activity:
    return _offer_entry(
        offer, actor=actor, subject=f"Offer sent: {offer.title}", event=EventKind.OFFER_SENT
    )


def offer_accepted(*, offer: Offer) -> Activity:
    """By the candidate on their status page (actor None)."""
    return _offer_entry(
        offer,
        actor=None,
        subject=f"Accepted the offer for {offer.application.job.title} on the status page",
        event=EventKind.OFFER_ACCEPTED,
        link_issued_at=offer.answer_link_issued_at.isoformat()
        if offer.answer_link_issued_at
        else "",
    )


def offer_declined(*, offer: Offer) -> Activity:
    return _offer_entry(
        offer,
        actor=None,
        subject=f"Declined the offer for {offer.application.job.title} on the status page",
        body=offer.decline_reason,
        event=EventKind.OFFER_DECLINED,
    )


def offer_expired(*, offer: Offer) -> Activity:
    return _offer_entry(
        offer,
        actor=None,
        subject=f"Offer expired unanswered (open until {offer.expires_on:%d %b %Y})",
        event=EventKind.OFFER_EXPIRED,
    )


def offer_withdrawn(*, offer: Offer, actor: User | None, note: str) -> Activity:
    return _offer_entry(
        offer,
        actor=actor,
        subject=f"Offer withdrawn: {offer.title}",
        body=note,
        event=EventKind.OFFER_WITHDRAWN,
    )
