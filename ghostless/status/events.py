"""Timeline entries the status page writes: a view, a withdrawal, a question, new details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from ghostless.timeline.events import record
from ghostless.timeline.models import Direction, EventKind, Kind

if TYPE_CHECKING:
    from ghostless.candidates.models import Candidate
    from ghostless.jobs.models import Application
    from ghostless.resumes.models import Resume
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


def status_page_details_updated(*, candidate: Candidate, names: list[str], body: str) -> Activity:
    """ "Updated their phone and LinkedIn on the status page", with the old and new values."""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Updated their {listed} on the status page",
        body=body,
        event=EventKind.STATUS_PAGE_DETAILS,
        payload={"changed": names},
    )


def status_page_resume_uploaded(*, resume: Resume) -> Activity:
    return record(
        candidate=resume.candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Uploaded a newer resume on the status page: {resume.original_filename}",
        event=EventKind.STATUS_PAGE_RESUME,
        payload={"resume_id": resume.pk},
    )


def status_page_email_asked(*, candidate: Candidate, email: str) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Asked to change their email on the status page",
        body=f"A link to confirm {email} was sent there; nothing changes until it is followed.",
        event=EventKind.STATUS_PAGE_EMAIL_ASKED,
        payload={"email": email},
    )


def status_page_email_confirmed(*, candidate: Candidate, email: str) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Updated their email on the status page",
        body=f"{email} is now the address we write to; earlier addresses are kept.",
        event=EventKind.STATUS_PAGE_EMAIL_CONFIRMED,
        payload={"email": email},
    )


def status_page_detail_elsewhere(
    *, candidate: Candidate, other: Candidate, what: str, shown: str
) -> Activity:
    """Their new phone or (confirmed) email is on another record: nothing moved; a person
    compares the two and merges them if they are one."""
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Gave a {what} on the status page that is on another record",
        body=f"{shown} is on {other.name}'s record (#{other.pk}). Nothing was moved: compare "
        "the two records and merge them if they are one person.",
        event=EventKind.STATUS_PAGE_DETAIL_ELSEWHERE,
        payload={"other_candidate_id": other.pk, "what": what, "value": shown},
    )


def status_page_fresh_link(*, candidate: Candidate, email: str) -> Activity:
    """Written only when the typed address was theirs and the link went out."""
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Asked for a fresh link to the status page",
        body=f"Their link had expired; a new one was sent to {email}.",
        event=EventKind.STATUS_PAGE_FRESH_LINK,
        payload={"email": email},
    )
