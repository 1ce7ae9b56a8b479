"""The timeline entries privacy writes: an anonymisation, and what a candidate asked for."""

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, EventKind, Kind


def candidate_anonymised(
    *, candidate: Candidate, actor: User | None, by: str, reason: str, untold: int
) -> Activity:
    """Says who or what did it and why; `untold` counts applications never told their
    outcome, which only an erasure the person asked for goes ahead with."""
    body = f"{by}. Reason: {reason}"
    if untold:
        body += (
            f"\n{untold} application(s) had not been told their outcome; "
            "erased anyway because the person asked."
        )
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        private=True,
        subject="Personal data anonymised",
        body=body,
        event=EventKind.CANDIDATE_ANONYMISED,
        payload={"untold": untold},
    )


def subject_export_asked(*, candidate: Candidate, actor: User | None) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        private=True,
        subject="A copy of their personal data was asked for",
        event=EventKind.SUBJECT_EXPORT_ASKED,
    )


def erasure_asked(*, candidate: Candidate) -> Activity:
    return record(
        candidate=candidate,
        actor=None,
        kind=Kind.SYSTEM,
        private=True,
        subject="Asked for their personal data to be erased; a confirmation link was emailed",
        event=EventKind.ERASURE_ASKED,
    )
