"""The reports' story: Rosa answers every candidate within a couple of business hours, so the
ghosting report has a recruiter who answers fast beside those who let replies sit."""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef

from ghostless.accounts.models import User
from ghostless.followups.business_time import add_business_hours
from ghostless.timeline.models import CONTACT_KINDS, Activity, Direction, Kind, Outcome
from ghostless.timeline.services import activity_log

ANSWER_WITHIN_HOURS = 2


def answer_fast(recruiter: User, now: datetime) -> int:
    """A call back two business hours after each of her candidates' replies of the last
    quarter that had no answer within a day."""
    answered_soon = Activity.objects.filter(
        candidate_id=OuterRef("candidate_id"),
        direction=Direction.OUTBOUND,
        kind__in=CONTACT_KINDS,
        occurred_at__gt=OuterRef("occurred_at"),
        occurred_at__lte=OuterRef("occurred_at") + timedelta(days=1),
    )
    replies = (
        Activity.objects.filter(
            candidate__owner=recruiter,
            direction=Direction.INBOUND,
            kind__in=CONTACT_KINDS,
            occurred_at__gte=now - timedelta(days=91),
        )
        .exclude(Exists(answered_soon))
        .select_related("candidate", "application")
        .order_by("occurred_at")
    )
    made = 0
    for reply in replies:
        when = add_business_hours(reply.occurred_at, ANSWER_WITHIN_HOURS)
        if when >= now:
            continue
        activity_log(
            candidate=reply.candidate,
            actor=recruiter,
            kind=Kind.CALL,
            outcome=Outcome.CONNECTED,
            occurred_at=when,
            body="Called back about their message.",
            application=reply.application,
        )
        made += 1
    return made
