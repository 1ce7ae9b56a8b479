"""Reads of the timeline. Hiring managers never see private entries or other jobs' entries."""

from django.db.models import Q, QuerySet

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.timeline.models import Activity


def activities_visible_to(user: User) -> QuerySet[Activity]:
    if user.sees_everything:
        return Activity.objects.all()
    return Activity.objects.filter(private=False).filter(
        Q(application__isnull=True) | Q(application__job__hiring_manager=user)
    )


def timeline(
    *, user: User, candidate: Candidate, kind: str = "", job: str | int | None = None
) -> QuerySet[Activity]:
    """A candidate's activities, newest first, optionally one kind or one job's only."""
    activities = activities_visible_to(user).filter(candidate=candidate)
    if kind:
        activities = activities.filter(kind=kind)
    if job:
        activities = activities.filter(application__job_id=job)
    return activities.select_related("actor", "application__job").order_by("-occurred_at", "-id")
