"""The demo's slot offers: candidates in Interview asked to pick a time (one waiting long
enough to be an "Awaiting the candidate" follow-up), and one who already picked."""

from datetime import datetime, timedelta

from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.errors import DomainError
from ghostless.followups.business_time import (
    add_business_days,
    company_zone,
    subtract_business_days,
)
from ghostless.interviews.models import SlotOffer
from ghostless.interviews.slot_selectors import free_slots
from ghostless.interviews.slots import slot_offer_create, slot_pick
from ghostless.jobs.models import Application, ApplicationStatus, JobStatus, StageRole
from ghostless.timeline.models import Activity, EventKind


def _times(now: datetime, days: int) -> list[datetime]:
    """10:00, 14:00 and 16:30 company time, `days` and `days + 1` business days from now."""
    starts = []
    for day in (days, days + 1):
        base = add_business_days(now, day).astimezone(company_zone())
        base = base.replace(hour=10, minute=0, second=0, microsecond=0)
        for hour, minute in ((0, 0), (4, 0), (6, 30)):
            starts.append(base + timedelta(hours=hour, minutes=minute))
    return starts


def offer_slots(interviewer: User) -> None:
    """Three applications in Interview with no interview ahead get times to pick from."""
    now = timezone.now()
    candidates = (
        Application.objects.filter(
            status=ApplicationStatus.ACTIVE,
            stage__role=StageRole.INTERVIEW,
            job__status=JobStatus.OPEN,
        )
        .exclude(interviews__starts_at__gt=now)
        .select_related("candidate", "job", "stage", "owner")
        .order_by("-id")
    )
    offered = []
    for application in candidates:
        if len(offered) == 3:
            break
        try:
            offered.append(
                slot_offer_create(
                    application=application,
                    actor=application.owner,
                    title="",
                    duration_minutes=45,
                    interviewers=[interviewer],
                    starts=_times(now, 3 + len(offered)),
                    video_url="https://meet.example.com/ghostless-demo",
                )
            )
        except DomainError:
            continue  # no address to write to, say
    if not offered:
        return
    # The first has waited three business days: its owner is reminded to nudge.
    waiting = offered[0]
    sent = subtract_business_days(now, 3)
    SlotOffer.objects.filter(pk=waiting.pk).update(created_at=sent, sent_at=sent)
    # Their own clock differs from the company's: the page shows both times.
    Candidate.objects.filter(pk=waiting.application.candidate_id, time_zone="").update(
        time_zone="America/Los_Angeles"
    )
    Activity.objects.filter(
        application=waiting.application,
        payload__event=EventKind.SLOTS_OFFERED.value,
        payload__slot_offer_id=waiting.pk,
    ).update(occurred_at=sent)
    # The last one's candidate has already picked a time: the second still free.
    if len(offered) > 1:
        booked = offered[-1]
        free = free_slots([booked.pk]).order_by("starts_at")
        if len(free) > 1:
            slot_pick(candidate=booked.application.candidate, slot_id=free[1].pk)
