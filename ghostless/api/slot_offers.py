"""Slot offers: interview times offered to the candidate, who books one on their status page.

Who may offer and read them is who may schedule on the application
(`interviews.services.check_scheduler`; 404 for an application out of sight, 403 otherwise).
Each slot says whether it is still free: `picked`, `free`, `taken` (an interviewer is booked
then), `past`, or `closed` (the offer was booked at another time or withdrawn).
"""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from ghostless.api.interviews import Minutes, _users
from ghostless.api.schemas import Id, In, Text, Text120, Text300
from ghostless.interviews import slot_selectors, slots
from ghostless.interviews.models import SlotOffer
from ghostless.interviews.selectors import overlap_warnings
from ghostless.jobs.selectors import access_application

applications_router = Router(tags=["slot offers"])
router = Router(tags=["slot offers"])


class SlotOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    state: str = Field(description="picked, free, taken, past or closed.")
    free: bool


class SlotOfferOut(Schema):
    id: int
    application_id: int
    state: str = Field(description="open, booked or cancelled.")
    title: str
    duration_minutes: int
    location: str
    video_url: str
    note: str
    interviewer_ids: list[int]
    interview_id: int | None = Field(description="The interview booked, once a time is picked.")
    created_at: datetime
    sent_at: datetime
    slots: list[SlotOut]
    warnings: list[str] = []

    @staticmethod
    def resolve_interviewer_ids(offer) -> list[int]:
        return [user.pk for user in offer.interviewers.all()]

    @staticmethod
    def resolve_slots(offer) -> list[dict]:
        return [
            {
                "id": slot.pk,
                "starts_at": slot.starts_at,
                "ends_at": slot.ends_at,
                "state": state,
                "free": state == "free",
            }
            for slot, state in slot_selectors.slot_states(offer)
        ]

    @staticmethod
    def resolve_warnings(offer) -> list[str]:
        return getattr(offer, "warnings", [])


class SlotOfferIn(In):
    interviewer_ids: list[Id] = Field(..., max_length=50)
    duration_minutes: int = Minutes
    # Longer lists are refused by the service with its own message (at most MAX_SLOTS).
    starts: list[datetime] = Field(..., max_length=100, description="ISO 8601 with a zone.")
    title: Text120 = ""
    location: Text300 = ""
    video_url: Text = Field("", max_length=500)
    note: Text = Field("", max_length=5000)


def _warnings(offer: SlotOffer) -> list[str]:
    panel = list(offer.interviewers.all())
    found = []
    for slot in offer.slots.all():
        found += overlap_warnings(users=panel, starts_at=slot.starts_at, ends_at=slot.ends_at)
    return list(dict.fromkeys(found))


@applications_router.post("/{application_id}/slot-offers", response={201: SlotOfferOut})
def offer_slots(request: HttpRequest, application_id: Id, payload: SlotOfferIn):
    """Offer the times and email the candidate a link to pick one; `warnings` names
    interviewers already booked at an offered time (that time is not shown to the candidate
    while they are)."""
    application = access_application(request.auth, application_id)
    offer = slots.slot_offer_create(
        application=application,
        actor=request.auth,
        title=payload.title,
        duration_minutes=payload.duration_minutes,
        interviewers=_users(payload.interviewer_ids),
        starts=payload.starts,
        location=payload.location,
        video_url=payload.video_url,
        note=payload.note,
    )
    offer = slot_selectors.access_slot_offer(request.auth, offer.pk)
    offer.warnings = _warnings(offer)
    return Status(201, offer)


@router.get("/{slot_offer_id}", response=SlotOfferOut)
def get_slot_offer(request: HttpRequest, slot_offer_id: Id):
    return slot_selectors.access_slot_offer(request.auth, slot_offer_id)
