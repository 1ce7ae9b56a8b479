"""Reads of follow-ups: the queue, the counts in the navigation, the team view."""

from datetime import datetime

from django.db.models import Case, Count, Min, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.selectors import candidates_visible_to
from ghostless.followups.business_time import company_zone
from ghostless.followups.models import OPEN_STATES, FollowUp, State


def followups_visible_to(user: User) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(candidate__in=candidates_visible_to(user))


def access_followup(user: User, pk) -> FollowUp:
    return get_object_or_404(followups_visible_to(user), pk=pk)


def end_of_today(now: datetime | None = None) -> datetime:
    local = (now or timezone.now()).astimezone(company_zone())
    return local.replace(hour=23, minute=59, second=59, microsecond=999999)


def queue(*, user: User, now: datetime | None = None) -> QuerySet[FollowUp]:
    """Open follow-ups due by the end of today: overdue first, then longest wait first."""
    now = now or timezone.now()
    return (
        FollowUp.objects.filter(assignee=user, state=State.OPEN, due_at__lte=end_of_today(now))
        .select_related("candidate", "application__job", "application__stage")
        .order_by(
            Case(When(due_at__lte=now, then=Value(0)), default=Value(1)), "waiting_since", "id"
        )
    )


def overdue_count(user: User, now: datetime | None = None) -> int:
    now = now or timezone.now()
    return FollowUp.objects.filter(assignee=user, state=State.OPEN, due_at__lte=now).count()


def team_summary(now: datetime | None = None) -> list[dict]:
    """Per assignee: open and overdue counts and the oldest wait, in one query."""
    now = now or timezone.now()
    rows = (
        FollowUp.objects.filter(state__in=OPEN_STATES)
        .values("assignee_id", "assignee__username", "assignee__first_name", "assignee__last_name")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(state=State.OPEN, due_at__lte=now)),
            oldest_wait=Min("waiting_since"),
        )
        .order_by("-overdue", "oldest_wait")
    )
    return list(rows)
