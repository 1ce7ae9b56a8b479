"""Timeline entries for resumes, one small function per kind, written by the services."""

from ghostless.accounts.models import User
from ghostless.resumes.models import Resume
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, EventKind, Kind


def resume_uploaded(*, resume: Resume, actor: User) -> Activity:
    return record(
        candidate=resume.candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"Resume uploaded: {resume.original_filename}",
        event=EventKind.RESUME_UPLOADED,
        payload={"resume_id": resume.pk},
    )


def resume_contacts_added(*, resume: Resume, actor: User, added: list[str]) -> Activity:
    return record(
        candidate=resume.candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject="Contact details added from the resume",
        body=f"{', '.join(added)} (from {resume.original_filename})",
        event=EventKind.RESUME_CONTACTS_ADDED,
        payload={"resume_id": resume.pk, "added": added},
    )
