"""One small function per kind of timeline entry that services write by themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ghostless.timeline.models import CONTACT_KINDS, Activity, Direction, Kind

if TYPE_CHECKING:
    from ghostless.accounts.models import User
    from ghostless.candidates.models import Candidate
    from ghostless.jobs.models import Application, Stage


def record(*, candidate: Candidate, actor: User | None, kind: str, **fields) -> Activity:
    """Append an activity and keep the candidate's `last_contact_at` current."""
    activity = Activity.objects.create(candidate=candidate, actor=actor, kind=kind, **fields)
    if kind in CONTACT_KINDS and activity.direction != Direction.INTERNAL:
        when = activity.occurred_at
        _move_forward(candidate, "last_contact_at", when)
        if activity.direction == Direction.INBOUND:
            _move_forward(candidate, "last_inbound_at", when)
        else:
            _move_forward(candidate, "last_outbound_at", when)
            if activity.application_id:
                _mark_told(activity)
            _after_commit_clear_followups(candidate.pk)
    elif kind in (Kind.STAGE_CHANGE, Kind.SYSTEM):
        _after_commit_clear_followups(candidate.pk)
    return activity


def _after_commit_clear_followups(candidate_id: int) -> None:
    """A reply, a move or a status change may settle a follow-up: clear it at once."""
    from ghostless.followups.rules import clear_for_candidate

    transaction.on_commit(lambda: clear_for_candidate(candidate_id))


def _move_forward(candidate: Candidate, field: str, when) -> None:
    """Conditional update: concurrent writers can only move the value forward."""
    type(candidate).objects.filter(pk=candidate.pk).filter(
        Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": when})
    ).update(**{field: when})


def _mark_told(activity: Activity) -> None:
    """An outbound touch after a rejection, or after the job was filled or closed, tells the
    candidate the outcome: the loop is closed for that application."""
    from ghostless.jobs.models import Application, ApplicationStatus, JobStatus

    when = activity.occurred_at
    rejected = Q(status=ApplicationStatus.REJECTED, status_changed_at__lte=when)
    job_ended = Q(
        status=ApplicationStatus.ACTIVE,
        job__status__in=[JobStatus.FILLED, JobStatus.CLOSED],
        job__status_changed_at__lte=when,
    )
    Application.objects.filter(pk=activity.application_id, told_at__isnull=True).filter(
        rejected | job_ended
    ).update(told_at=when, told_how=activity.kind)


def candidate_created(*, candidate: Candidate, actor: User | None) -> Activity:
    by = f" by {actor.name}" if actor else ""
    source = f" (source: {candidate.source})" if candidate.source else ""
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"Added to Ghostless{by}{source}",
        payload={"event": "candidate_created"},
    )


def owner_changed(*, candidate: Candidate, actor: User | None, owner: User | None) -> Activity:
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"Owner set to {owner.name}" if owner else "Owner cleared",
        payload={"event": "owner_changed", "owner": owner.username if owner else None},
    )


def application_created(*, application: Application, actor: User | None) -> Activity:
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.STAGE_CHANGE,
        subject=f"Added to {application.job.title} at {application.stage.name}",
        payload={
            "event": "application_created",
            "job_id": application.job_id,
            "to_stage": application.stage.name,
            "source": application.source,
        },
    )


def stage_changed(
    *, application: Application, actor: User | None, from_stage: Stage, to_stage: Stage
) -> Activity:
    return record(
        candidate=application.candidate,
        application=application,
        actor=actor,
        kind=Kind.STAGE_CHANGE,
        subject=f"{application.job.title}: {from_stage.name} → {to_stage.name}",
        payload={
            "event": "stage_changed",
            "job_id": application.job_id,
            "from_stage": from_stage.name,
            "to_stage": to_stage.name,
        },
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
        payload={
            "event": "status_changed",
            "job_id": application.job_id,
            "from": old,
            "to": new,
            "reason": reason,
        },
    )


def email_sent(*, message, sent_at) -> Activity:
    return record(
        candidate=message.candidate,
        application_id=message.application_id,
        actor=message.created_by,
        kind=Kind.EMAIL,
        direction=Direction.OUTBOUND,
        occurred_at=sent_at,
        subject=message.subject,
        body=message.body_text,
        payload={"event": "email_sent", "message": message.pk, "to": message.to_email},
    )


def email_received(*, inbound) -> Activity:
    return record(
        candidate=inbound.candidate,
        application_id=inbound.application_id,
        actor=None,
        kind=Kind.EMAIL,
        direction=Direction.INBOUND,
        occurred_at=inbound.sent_at or inbound.received_at,
        subject=inbound.subject,
        body=inbound.body_text,
        payload={"event": "email_received", "inbound": inbound.pk, "from": inbound.from_email},
    )


def email_bounced(*, message, inbound) -> Activity:
    return record(
        candidate=message.candidate,
        application_id=message.application_id,
        actor=None,
        kind=Kind.SYSTEM,
        subject=f"Email bounced: {message.subject} to {message.to_email}",
        payload={"event": "email_bounced", "message": message.pk, "inbound": inbound.pk},
    )
