"""The timeline entries interviews write: scheduled, rescheduled, cancelled, an attendee's
answer, and a scorecard submitted. Times in payloads are ISO 8601 UTC."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ghostless.timeline.events import record
from ghostless.timeline.models import Direction, EventKind, Kind

if TYPE_CHECKING:
    from ghostless.accounts.models import User
    from ghostless.interviews.models import Attendee, Interview, Scorecard, Slot, SlotOffer
    from ghostless.timeline.models import Activity


def _payload(interview: Interview, **extra) -> dict:
    return {
        "interview_id": interview.pk,
        "starts_at": interview.starts_at.isoformat(),
        "sequence": interview.sequence,
        **extra,
    }


def _entry(interview: Interview, *, actor: User | None, **fields) -> Activity:
    application = interview.application
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.SYSTEM,
        **fields,
    )


def interview_scheduled(*, interview: Interview, actor: User | None) -> Activity:
    return _entry(
        interview,
        actor=actor,
        subject=f"Interview scheduled: {interview.title}",
        event=EventKind.INTERVIEW_SCHEDULED,
        payload=_payload(interview),
    )


def interview_rescheduled(*, interview: Interview, actor: User | None, changes: dict) -> Activity:
    """`changes`: {field: [old, new]} of what moved (time, place, attendees)."""
    return _entry(
        interview,
        actor=actor,
        subject=f"Interview changed: {interview.title}",
        event=EventKind.INTERVIEW_RESCHEDULED,
        payload=_payload(interview, changes=changes),
    )


def interview_cancelled(*, interview: Interview, actor: User | None) -> Activity:
    return _entry(
        interview,
        actor=actor,
        subject=f"Interview cancelled: {interview.title}",
        event=EventKind.INTERVIEW_CANCELLED,
        payload=_payload(interview),
    )


def interview_answered(*, interview: Interview, attendee: Attendee) -> Activity:
    """An attendee accepted, declined or answered tentatively (an iTIP REPLY)."""
    who = attendee.name or attendee.email
    return _entry(
        interview,
        actor=attendee.user,
        direction=Direction.INBOUND,
        subject=f"{who} {attendee.get_response_display().lower()}: {interview.title}",
        event=EventKind.INTERVIEW_ANSWERED,
        payload=_payload(
            interview, email=attendee.email, role=attendee.role, response=attendee.response
        ),
    )


def scorecard_submitted(*, scorecard: Scorecard, amended: bool) -> Activity:
    # Private: feedback is for the hiring team, and other interviewers must not read it
    # on the timeline before they submit their own.
    interview = scorecard.interview
    verb = "amended" if amended else "submitted"
    return _entry(
        interview,
        actor=scorecard.interviewer,
        subject=f"Scorecard {verb} for {interview.title}",
        private=True,
        event=EventKind.SCORECARD_SUBMITTED,
        payload=_payload(interview, scorecard_id=scorecard.pk, amended=amended),
    )


def slots_offered(*, offer: SlotOffer, actor: User | None, resent: bool = False) -> Activity:
    count = len(offer.slots.all())
    verb = "Re-sent" if resent else "Offered"
    application = offer.application
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"{verb} {count} interview time{'s' if count != 1 else ''}: {offer.title}",
        event=EventKind.SLOTS_OFFERED,
        payload={
            "slot_offer_id": offer.pk,
            "starts": [slot.starts_at.isoformat() for slot in offer.slots.all()],
            "resent": resent,
        },
    )


def slot_picked(*, offer: SlotOffer, slot: Slot, when: str) -> Activity:
    """The candidate's pick on their status page: they act, so no user is the actor."""
    application = offer.application
    return record(
        candidate=application.candidate,
        application=application,
        actor=None,
        kind=Kind.SYSTEM,
        direction=Direction.INBOUND,
        subject=f"Picked {when} on the status page: {offer.title}",
        event=EventKind.SLOT_PICKED,
        payload={
            "slot_offer_id": offer.pk,
            "interview_id": offer.interview_id,
            "starts_at": slot.starts_at.isoformat(),
        },
    )


def slot_offer_cancelled(*, offer: SlotOffer, actor: User | None) -> Activity:
    application = offer.application
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"Withdrew the interview times offered: {offer.title}",
        event=EventKind.SLOT_OFFER_CANCELLED,
        payload={"slot_offer_id": offer.pk},
    )
