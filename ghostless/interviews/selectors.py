"""Reads of interviews, with the permission check built in.

Who sees an interview: recruiters and admins all; a hiring manager those of their jobs; anyone
else (an interviewer) only those they are on.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.core.templatetags.dates import span
from ghostless.followups.business_time import company_zone
from ghostless.interviews.models import Attendee, Interview, InterviewStatus

# The longest interview one may schedule (services refuse longer ones).
MAX_DURATION_MINUTES = 12 * 60
# The feed shows interviews of the last 30 days too, so a week's calendar is not half empty.
FEED_PAST = timedelta(days=30)


def on_interview(user: User) -> Q:
    return Q(
        Exists(
            Attendee.objects.filter(interview_id=OuterRef("pk"), user=user, removed_at__isnull=True)
        )
    )


def interviews_visible_to(user: User) -> QuerySet[Interview]:
    if user.sees_everything:
        return Interview.objects.all()
    if user.is_hiring_manager:
        return Interview.objects.filter(
            Q(application__job__hiring_manager=user) | on_interview(user)
        )
    return Interview.objects.filter(on_interview(user))


def with_attendees(interviews: QuerySet[Interview]) -> QuerySet[Interview]:
    return interviews.select_related("organizer").prefetch_related(
        Prefetch("attendees", queryset=Attendee.objects.order_by("role", "id"))
    )


def access_interview(user: User, pk) -> Interview:
    """The only way views and endpoints load an interview: 404 for what the user may not see."""
    return get_object_or_404(
        with_attendees(
            interviews_visible_to(user).select_related("application__candidate", "application__job")
        ),
        pk=pk,
    )


def interview_list(
    *,
    user: User,
    interviewer: User | None = None,
    starts_from: datetime | None = None,
    starts_to: datetime | None = None,
) -> QuerySet[Interview]:
    """Visible interviews by start time; `interviewer` keeps those that person is on."""
    interviews = interviews_visible_to(user)
    if interviewer is not None:
        interviews = interviews.filter(on_interview(interviewer))
    if starts_from is not None:
        interviews = interviews.filter(starts_at__gte=starts_from)
    if starts_to is not None:
        interviews = interviews.filter(starts_at__lt=starts_to)
    return with_attendees(interviews).order_by("starts_at", "id")


def interview_overlaps(
    *, users: Iterable[User], starts_at: datetime, ends_at: datetime, exclude=None
) -> list[tuple[User, Interview]]:
    """Scheduled interviews these users are on that overlap the slot: a warning, never a
    refusal (an interviewer may well sit in two panels that touch)."""
    by_id = {user.pk: user for user in users}
    # An interview overlaps when it starts before the slot ends and ends after it starts;
    # its end is not a column, so the longest possible interview bounds the search.
    attendances = (
        Attendee.objects.filter(
            user_id__in=by_id,
            removed_at__isnull=True,
            interview__status=InterviewStatus.SCHEDULED,
            interview__starts_at__lt=ends_at,
            interview__starts_at__gt=starts_at - timedelta(minutes=MAX_DURATION_MINUTES),
        )
        .select_related("interview")
        .order_by("interview__starts_at", "id")
    )
    if exclude is not None:
        attendances = attendances.exclude(interview=exclude)
    return [
        (by_id[attendance.user_id], attendance.interview)
        for attendance in attendances
        if attendance.interview.ends_at > starts_at
    ]


def overlap_warnings(
    *, users: Iterable[User], starts_at: datetime, ends_at: datetime, exclude=None
) -> list[str]:
    """What the scheduling page and the API say about `interview_overlaps`, in the company's
    time."""
    zone = company_zone()
    return [
        f"{user.name} already has “{other.title}” then "
        f"({span(other.starts_at.astimezone(zone), other.ends_at)})."
        for user, other in interview_overlaps(
            users=users, starts_at=starts_at, ends_at=ends_at, exclude=exclude
        )
    ]


def feed_interviews(user: User) -> QuerySet[Interview]:
    """A calendar feed's events: the user's interviews not cancelled, from 30 days ago on."""
    since = timezone.now() - FEED_PAST
    interviews = Interview.objects.filter(on_interview(user), starts_at__gte=since)
    return with_attendees(interviews.exclude(status=InterviewStatus.CANCELLED)).order_by(
        "starts_at", "id"
    )
