"""Timeline entries for rediscovery, one small function per kind."""

from ghostless.accounts.models import User
from ghostless.jobs.models import Application
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, EventKind, Kind


def suggestion_added(
    *, application: Application, actor: User | None, reasons: list[str]
) -> Activity:
    """The why, for recruiters only: the reasons name other jobs and consent."""
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.SYSTEM,
        private=True,
        subject=f"Suggested from the network for {application.job.title}"[:300],
        body="\n".join(reasons),
        event=EventKind.SUGGESTION_ADDED,
        payload={"job_id": application.job_id, "reasons": reasons},
    )
