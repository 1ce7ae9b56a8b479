"""The steps every rule shares: its incremental window, its open follow-ups, inserting new
ones once per episode and closing settled ones (rules.py and interview_rules.py)."""

from datetime import datetime

from django.db.models import OuterRef, QuerySet, Subquery

from ghostless.followups.models import OPEN_STATES, FollowUp, State
from ghostless.timeline.models import CONTACT_KINDS, Activity, Direction


def after(field: str, since: datetime | None) -> dict:
    """The window of an incremental run: only episodes that began since the last one."""
    return {f"{field}__gte": since} if since else {}


def open_of(reason: str) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(reason=reason, state__in=OPEN_STATES)


def insert(rows: list[FollowUp]) -> int:
    FollowUp.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def close(followups: QuerySet[FollowUp], state: str, now: datetime) -> int:
    return followups.update(state=state, closed_at=now)


def close_answered(followups: QuerySet[FollowUp], now: datetime) -> int:
    """Done by the first outbound touch since the candidate began waiting: that touch, and
    who made it, are recorded as what closed the follow-up."""
    touch = Activity.objects.filter(
        candidate_id=OuterRef("candidate_id"),
        direction=Direction.OUTBOUND,
        kind__in=CONTACT_KINDS,
        occurred_at__gte=OuterRef("waiting_since"),
    ).order_by("occurred_at", "id")
    return followups.update(
        state=State.DONE,
        closed_at=now,
        closed_by_activity_id=Subquery(touch.values("pk")[:1]),
        closed_by_id=Subquery(touch.values("actor_id")[:1]),
    )
