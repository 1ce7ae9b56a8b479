"""StageChange.stay_seconds: each ended stay's length in business seconds, kept so the time in
stage report ranks stays in the database instead of running the business clock over every
one of a year's stays in Python.

A stay ends at its left_at (the application's next change) or, when it is the latest, at the
application's hire, rejection or withdrawal; reopened, it is open again. The clock is the
follow-up rules' (reports.clock): changing WORKING_DAYS, HOLIDAYS_COUNTRY or the time zone
applies to stays that end later; `stay_seconds_refresh` over every application recounts the
past (docs/reports.md).
"""

from collections.abc import Iterable
from datetime import datetime

from ghostless.jobs.models import ApplicationStatus, StageChange
from ghostless.reports.clock import BusinessClock


def stay_length(clock: BusinessClock, entered: datetime, ended: datetime | None) -> float | None:
    if ended is None:
        return None
    return max(0.0, clock.seconds(ended) - clock.seconds(entered))


def stay_seconds_refresh(*, application_ids: Iterable[int]) -> None:
    """Recount the stays of these applications (a few rows each) and write the ones that
    changed."""
    changes = list(
        StageChange.objects.filter(application_id__in=list(application_ids))
        .select_related("application")
        .only(
            "id",
            "changed_at",
            "left_at",
            "stay_seconds",
            "application__status",
            "application__status_changed_at",
        )
    )
    clock = BusinessClock()
    stale = []
    for change in changes:
        application = change.application
        ended = change.left_at
        if ended is None and application.status != ApplicationStatus.ACTIVE:
            ended = application.status_changed_at
        length = stay_length(clock, change.changed_at, ended)
        if change.stay_seconds != length:
            change.stay_seconds = length
            stale.append(change)
    StageChange.objects.bulk_update(stale, ["stay_seconds"], batch_size=500)
