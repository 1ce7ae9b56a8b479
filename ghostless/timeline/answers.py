"""When did we answer? `Activity.answered_at` on an inbound contact touch is the moment of our
first outbound contact touch to the same candidate strictly after it (private ones too: the
candidate heard from us). Stored so the ghosting report reads it from the row instead of a
correlated "next outbound touch" per reply.

`record` (timeline/events.py) keeps it in the transaction that writes a touch; a writer that
moves touches between candidates or rewrites their times (a merge, the demo's backdating) calls
`answers_refresh` for the candidates concerned. Migration 0005 backfilled it the same way.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import OuterRef, Q, Subquery

from ghostless.timeline.models import CONTACT_KINDS, Activity, Direction


def first_answer(*, candidate_id: int, after: datetime) -> datetime | None:
    """Our first outbound contact touch to the candidate strictly after `after`."""
    return (
        Activity.objects.filter(
            candidate_id=candidate_id,
            direction=Direction.OUTBOUND,
            kind__in=CONTACT_KINDS,
            occurred_at__gt=after,
        )
        .order_by("occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )


def answer_recorded(*, candidate_id: int, at: datetime) -> None:
    """An outbound contact touch at `at` was written: it answers every earlier reply of the
    candidate not yet answered, or answered only later than `at` (a touch logged afterwards
    for an earlier moment). One UPDATE."""
    Activity.objects.filter(
        candidate_id=candidate_id,
        direction=Direction.INBOUND,
        kind__in=CONTACT_KINDS,
        occurred_at__lt=at,
    ).filter(Q(answered_at__isnull=True) | Q(answered_at__gt=at)).update(answered_at=at)


def answers_refresh(*, candidate_ids: Iterable[int]) -> int:
    """Recompute answered_at of these candidates' replies (one correlated UPDATE)."""
    return _replies_of(Activity.objects.filter(candidate_id__in=list(candidate_ids))).update(
        answered_at=Subquery(_answer_of_outer())
    )


def _replies_of(activities):
    return activities.filter(direction=Direction.INBOUND, kind__in=CONTACT_KINDS)


def _answer_of_outer():
    return (
        Activity.objects.filter(
            candidate_id=OuterRef("candidate_id"),
            direction=Direction.OUTBOUND,
            kind__in=CONTACT_KINDS,
            occurred_at__gt=OuterRef("occurred_at"),
        )
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )
