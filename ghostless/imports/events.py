"""The timeline entries imports write: a person updated from a file, a note from a file, a
JSON Resume taken in. New people's entries are `timeline.events.candidate_imported`, written
in bulk."""

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, EventKind, Kind


def import_updated(
    *, candidate: Candidate, actor: User, subject: str, payload: dict, fields: list[str]
) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=subject.replace("Imported", "Updated", 1),
        event=EventKind.IMPORT_UPDATED,
        payload=payload | {"fields": sorted(fields)},
    )


def imported_note(*, candidate: Candidate, actor: User, body: str) -> Activity:
    return record(candidate=candidate, actor=actor, kind=Kind.NOTE, body=body)


def json_resume_imported(*, candidate: Candidate, actor: User | None) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"JSON Resume imported by {actor.name}" if actor else "JSON Resume imported",
        event=EventKind.JSON_RESUME_IMPORTED,
    )
