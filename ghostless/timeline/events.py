"""One small function per kind of timeline entry that services write by themselves.

`record` only writes: what a touch settles (an application told, a follow-up cleared) is done
by the service that caused it. Workflow apps keep their own event functions in their own
`events` module (messaging, pools, careers, resumes, search, merges), calling `record` downward.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from ghostless.timeline.answers import answer_recorded, first_answer
from ghostless.timeline.models import CONTACT_KINDS, Activity, Direction, EventKind, Kind

if TYPE_CHECKING:
    from datetime import datetime

    from ghostless.accounts.models import User
    from ghostless.candidates.models import Candidate
    from ghostless.jobs.models import Application, Stage


def candidate_imported(
    *, candidate: Candidate, actor: User | None, subject: str, payload: dict
) -> Activity:
    """Unsaved: a spreadsheet import writes these with `bulk_create`, many at a time. A system
    entry, so no contact times move (what `record` would otherwise keep)."""
    return Activity(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=subject[:300],
        payload={"event": EventKind.CANDIDATE_IMPORTED.value, **payload},
    )


def record(
    *,
    candidate: Candidate,
    actor: User | None,
    kind: str,
    event: EventKind | None = None,
    payload: dict | None = None,
    **fields,
) -> Activity:
    """Append an activity (with its event kind, if a service wrote it) and keep the
    candidate's last-contact times current: they are this table's own summary, read by lists
    and rules, so every door that writes a contact moves them."""
    if event is not None:
        payload = {"event": event.value, **(payload or {})}
    activity = Activity(
        candidate=candidate, actor=actor, kind=kind, payload=payload or {}, **fields
    )
    contact = kind in CONTACT_KINDS and activity.direction != Direction.INTERNAL
    inbound = activity.direction == Direction.INBOUND
    if contact and inbound:
        activity.answered_at = first_answer(candidate_id=candidate.pk, after=activity.occurred_at)
    activity.save(force_insert=True)
    if contact:
        when = activity.occurred_at
        _move_forward(candidate, "last_contact_at", when)
        _move_forward(candidate, "last_inbound_at" if inbound else "last_outbound_at", when)
        if not inbound:
            answer_recorded(candidate_id=candidate.pk, at=when)
    return activity


def _move_forward(candidate: Candidate, field: str, when: datetime) -> None:
    """Conditional update: concurrent writers can only move the value forward."""
    type(candidate).objects.filter(pk=candidate.pk).filter(
        Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": when})
    ).update(**{field: when})


def touch_logged(
    *,
    candidate: Candidate,
    actor: User | None,
    kind: str,
    direction: str,
    outcome: str,
    occurred_at: datetime,
    subject: str,
    body: str,
    application: Application | None,
    private: bool,
    mentions: list[str] = (),
) -> Activity:
    """A touch a person logged by hand: its `kind` says what it was, so it has no event. The
    usernames its notes mention are kept, so the timeline marks those and no other @word."""
    return record(
        candidate=candidate,
        actor=actor,
        kind=kind,
        direction=direction,
        outcome=outcome,
        occurred_at=occurred_at,
        subject=subject,
        body=body,
        application=application,
        private=private,
        payload={"mentions": list(mentions)} if mentions else None,
    )


def candidate_created(*, candidate: Candidate, actor: User | None) -> Activity:
    by = f" by {actor.name}" if actor else ""
    source = f" (source: {candidate.source})" if candidate.source else ""
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"Added to Ghostless{by}{source}",
        event=EventKind.CANDIDATE_CREATED,
    )


def owner_changed(*, candidate: Candidate, actor: User | None, owner: User | None) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"Owner set to {owner.name}" if owner else "Owner cleared",
        event=EventKind.OWNER_CHANGED,
        payload={"owner": owner.username if owner else None},
    )


def applications_created(*, applications: list[Application], actor: User | None) -> list[Activity]:
    """Unsaved, for a bulk insert of new applications: a stage change is no contact, so
    `record` would only have saved them."""
    return [
        Activity(
            candidate=application.candidate,
            application=application,
            actor=actor,
            kind=Kind.STAGE_CHANGE,
            subject=f"Added to {application.job.title} at {application.stage.name}",
            payload={
                "event": EventKind.APPLICATION_CREATED.value,
                "job_id": application.job_id,
                "to_stage": application.stage.name,
                "source": application.source,
            },
        )
        for application in applications
    ]


def application_created(*, application: Application, actor: User | None) -> Activity:
    [entry] = applications_created(applications=[application], actor=actor)
    entry.save(force_insert=True)
    return entry


def stage_changed(
    *,
    application: Application,
    actor: User | None,
    from_stage: Stage,
    to_stage: Stage,
    undone: bool = False,
) -> Activity:
    """`undone`: the move back of a move its mover took back ("Undo" on the board)."""
    subject = f"{application.job.title}: {from_stage.name} → {to_stage.name}"
    payload = {
        "job_id": application.job_id,
        "from_stage": from_stage.name,
        "to_stage": to_stage.name,
    }
    if undone:
        subject += " (move undone)"
        payload["undone"] = True
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.STAGE_CHANGE,
        subject=subject,
        event=EventKind.STAGE_CHANGED,
        payload=payload,
    )


def status_changed(
    *, application: Application, actor: User | None, old: str, new: str, reason: str = ""
) -> Activity:
    label = application.get_status_display()
    subject = f"{application.job.title}: {label.lower()}"
    if reason:
        subject += f" ({reason})"
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=subject,
        occurred_at=timezone.now(),
        event=EventKind.STATUS_CHANGED,
        payload={"job_id": application.job_id, "from": old, "to": new, "reason": reason},
    )


def do_not_contact_set(*, candidate: Candidate, actor: User | None, reason: str) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject="Marked do not contact: no email or text may be sent",
        body=reason,
        event=EventKind.DO_NOT_CONTACT_SET,
    )


def do_not_contact_cleared(*, candidate: Candidate, actor: User | None, reason: str) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject="Do not contact cleared: email and texts may reach them again",
        body=reason,
        event=EventKind.DO_NOT_CONTACT_CLEARED,
    )
