"""Reads of slot offers: the times still free for the status page (one query for every card),
and the offers staff see, with the permission check built in."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import (
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Value,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.interviews.models import (
    Attendee,
    InterviewStatus,
    Slot,
    SlotOffer,
    SlotOfferState,
)
from ghostless.interviews.services import may_schedule
from ghostless.jobs.selectors import applications_visible_to
from ghostless.status.selectors import interview_line


@dataclass
class OfferedTimes:
    """One open offer as the candidate sees it: what the interview is and the times left."""

    title: str
    duration_minutes: int
    location: str
    video_url: str
    # [{"id", "when", "your_time"}], soonest first
    slots: list[dict] = field(default_factory=list)


def _busy():
    """An interviewer of the slot's offer is in a scheduled interview overlapping the slot."""
    # Minutes as a duration, on both databases: SQLite multiplies only integer, decimal and
    # duration fields (so the small integer is cast), and adds a datetime and a duration
    # only when the second is typed as one.
    length = ExpressionWrapper(
        ExpressionWrapper(F("interview__duration_minutes"), output_field=IntegerField())
        * Value(timedelta(minutes=1)),
        output_field=DurationField(),
    )
    interview_end = ExpressionWrapper(
        F("interview__starts_at") + length, output_field=DateTimeField()
    )
    panel = SlotOffer.interviewers.through.objects.filter(
        slotoffer_id=OuterRef(OuterRef("offer_id"))
    ).values("user_id")
    return Exists(
        Attendee.objects.annotate(interview_end=interview_end).filter(
            user_id__in=panel,
            removed_at__isnull=True,
            interview__status=InterviewStatus.SCHEDULED,
            interview__starts_at__lt=OuterRef("ends_at"),
            interview_end__gt=OuterRef("starts_at"),
        )
    )


def free_slots(offer_ids=None, *, application_ids=None):
    """Slots of open offers still ahead whose interviewers are all free then."""
    slots = Slot.objects.filter(offer__state=SlotOfferState.OPEN, starts_at__gt=timezone.now())
    if offer_ids is not None:
        slots = slots.filter(offer_id__in=offer_ids)
    if application_ids is not None:
        slots = slots.filter(offer__application_id__in=application_ids)
    return slots.annotate(busy=_busy()).filter(busy=False)


def attach_offered_times(cards: list, zone) -> None:
    """Give each active status card its open offers (`card.slot_offers`), in one query. An
    offer whose times have all gone shows with none, so the page can say new ones are coming."""
    active = [card.application_id for card in cards if card.state == "active"]
    by_application: dict[int, dict[int, OfferedTimes]] = {}
    if active:
        now = timezone.now()
        slots = (
            Slot.objects.filter(offer__application_id__in=active, offer__state=SlotOfferState.OPEN)
            .annotate(busy=_busy())
            .select_related("offer")
            .only(
                "starts_at",
                "offer__application_id",
                "offer__title",
                "offer__duration_minutes",
                "offer__location",
                "offer__video_url",
            )
            .order_by("offer_id", "starts_at")
        )
        for slot in slots:
            offer = slot.offer
            offers = by_application.setdefault(offer.application_id, {})
            times = offers.setdefault(
                offer.pk,
                OfferedTimes(offer.title, offer.duration_minutes, offer.location, offer.video_url),
            )
            if slot.starts_at > now and not slot.busy:
                times.slots.append({"id": slot.pk, **interview_line(slot.starts_at, zone)})
    for card in cards:
        card.slot_offers = list(by_application.get(card.application_id, {}).values())


def _with_slots(offers):
    return offers.select_related(
        "application__candidate", "application__job", "offered_by", "interview"
    ).prefetch_related(
        "interviewers", Prefetch("slots", queryset=Slot.objects.order_by("starts_at"))
    )


def access_slot_offer(user: User, pk) -> SlotOffer:
    """The only way views and endpoints load an offer: 404 unless the user may schedule on
    its application."""
    offer = get_object_or_404(
        _with_slots(SlotOffer.objects.filter(application__in=applications_visible_to(user))),
        pk=pk,
    )
    if not may_schedule(user, offer.application):
        raise Http404
    return offer


def application_slot_offers(application) -> list[SlotOffer]:
    """The application's offers, newest first, for the schedule and interview pages."""
    return list(_with_slots(SlotOffer.objects.filter(application=application)))


def slot_states(offer: SlotOffer, now: datetime | None = None) -> list[tuple[Slot, str]]:
    """(slot, state) for each time: picked, free, taken (an interviewer is busy then), past,
    or closed (the offer was booked at another time or withdrawn)."""
    now = now or timezone.now()
    free = set(free_slots([offer.pk]).values_list("pk", flat=True))
    states = []
    for slot in offer.slots.all():
        if slot.picked_at:
            state = "picked"
        elif offer.state != SlotOfferState.OPEN:
            state = "closed"
        elif slot.starts_at <= now:
            state = "past"
        elif slot.pk in free:
            state = "free"
        else:
            state = "taken"
        states.append((slot, state))
    return states
