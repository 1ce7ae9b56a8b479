"""The reports' story: Rosa answers every candidate within a couple of business hours and
calls every applicant she decided the same day, so the dashboard and the ghosting report
have a recruiter who answers fast and tells everyone beside Ray, who lets replies sit."""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q

from ghostless.accounts.models import User
from ghostless.followups.business_time import add_business_hours
from ghostless.jobs.models import Application, ApplicationStatus, JobStatus
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


TELL_WITHIN_HOURS = 3


def tell_everyone(recruiter: User, now: datetime) -> int:
    """A call three business hours after each decision on her applicants that nobody told:
    rejections, and applicants left when their job was filled or closed."""
    untold = (
        Application.objects.filter(owner=recruiter, told_at__isnull=True, loop_skip_reason="")
        .filter(
            Q(status=ApplicationStatus.REJECTED)
            | Q(
                status=ApplicationStatus.ACTIVE,
                job__status__in=[JobStatus.FILLED, JobStatus.CLOSED],
            )
        )
        .select_related("candidate", "job")
        .order_by("pk")
    )
    made = 0
    for application in untold:
        rejected = application.status == ApplicationStatus.REJECTED
        decided = application.status_changed_at if rejected else application.job.status_changed_at
        when = add_business_hours(decided, TELL_WITHIN_HOURS)
        if when >= now:
            continue
        activity_log(
            candidate=application.candidate,
            actor=recruiter,
            kind=Kind.CALL,
            outcome=Outcome.CONNECTED,
            occurred_at=when,
            body=f"Called to tell them the outcome for {application.job.title}, and thanked them.",
            application=application,
        )
        made += 1
    return made
