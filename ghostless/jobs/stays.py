"""The end of each stay: StageChange.left_at is the application's first later change.

"Later" is strictly later (a change at the same moment does not end the stay), as the time in
stage report has always counted. Writers call these in the transaction that writes changes;
hook `stays_changed` then keeps each ended stay's length in business time.
"""

from collections.abc import Iterable
from datetime import datetime

from ghostless.core import hooks
from ghostless.jobs.models import StageChange


def stays_end(*, application_id: int, at: datetime) -> None:
    """A change at `at` was just recorded: end the stays still open before it (one UPDATE)."""
    StageChange.objects.filter(
        application_id=application_id, left_at__isnull=True, changed_at__lt=at
    ).update(left_at=at)


def stays_refresh(*, application_ids: Iterable[int]) -> None:
    """Recompute left_at for these applications' changes after their times were rewritten."""
    changes = list(
        StageChange.objects.filter(application_id__in=list(application_ids))
        .order_by("application_id", "changed_at", "id")
        .only("id", "application_id", "changed_at", "left_at")
    )
    stale = []
    pairs = [(change.application_id, change.changed_at) for change in changes]
    for change, left_at in zip(changes, following(pairs), strict=True):
        if change.left_at != left_at:
            change.left_at = left_at
            stale.append(change)
    StageChange.objects.bulk_update(stale, ["left_at"], batch_size=500)
    hooks.stays_changed.send(application_ids=list({change.application_id for change in changes}))


def following(pairs: list[tuple[int, datetime]]) -> list[datetime | None]:
    """For (application_id, changed_at) pairs sorted so, each one's first strictly later time
    of the same application (its left_at)."""
    result: list[datetime | None] = [None] * len(pairs)
    nxt: datetime | None = None
    for i in range(len(pairs) - 1, -1, -1):
        app, at = pairs[i]
        if i + 1 < len(pairs) and pairs[i + 1][0] != app:
            nxt = None
        # nxt is the earliest time among this application's later changes strictly after
        # `at`; sorted input means it is the nearest distinct later time.
        result[i] = nxt
        if i == 0 or pairs[i - 1][0] != app or pairs[i - 1][1] != at:
            nxt = at
    return result
