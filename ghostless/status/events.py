"""Timeline entries the status page writes: a view, a withdrawal, a question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from ghostless.timeline.events import record
from ghostless.timeline.models import Direction, EventKind, Kind

if TYPE_CHECKING:
    from ghostless.candidates.models import Candidate
    from ghostless.jobs.models import Application
    from ghostless.timeline.models import Activity

QUESTION_SUBJECT = "Question from the status page"


def status_page_viewed(*, candidate: Candidate) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Viewed status page",
        event=EventKind.STATUS_PAGE_VIEWED,
    )


def status_page_withdrew(*, application: Application, reason: str) -> Activity:
    return record(
        candidate=application.candidate,
        application=application,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Withdrew from {application.job.title} on the status page",
        body=reason,
        event=EventKind.STATUS_PAGE_WITHDREW,
        payload={"job_id": application.job_id},
    )


def status_page_question(
    *, candidate: Candidate, application: Application | None, text: str
) -> Activity:
    """Inbound and of kind email: it waits for our answer like any email they send, so the
    awaiting-reply rule puts it in the owner's queue."""
    return record(
        candidate=candidate,
        application=application,
        actor=None,
        kind=Kind.EMAIL,
        direction=Direction.INBOUND,
        occurred_at=timezone.now(),
        subject=QUESTION_SUBJECT,
        body=text,
        event=EventKind.STATUS_PAGE_QUESTION,
    )
