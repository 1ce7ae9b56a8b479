"""Logging a touch by hand: a call, a text, a note, ..."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core import hooks
from ghostless.core.errors import DomainError
from ghostless.core.when import check_past_datetime
from ghostless.jobs.models import Application
from ghostless.jobs.services import application_mark_told
from ghostless.timeline import events
from ghostless.timeline.mentions import mentioned_users
from ghostless.timeline.models import (
    CONTACT_KINDS,
    LOGGABLE_KINDS,
    Activity,
    Direction,
    Kind,
    Outcome,
)

# The outcomes that make sense for each kind and direction of touch; any other pair (an
# inbound text "wrong number", an inbound voicemail "connected", a note "busy") is nonsense.
FITTING_OUTCOMES = {
    (Kind.CALL, Direction.OUTBOUND): {
        Outcome.CONNECTED,
        Outcome.NO_ANSWER,
        Outcome.LEFT_VOICEMAIL,
        Outcome.BUSY,
        Outcome.WRONG_NUMBER,
    },
    (Kind.CALL, Direction.INBOUND): {Outcome.CONNECTED, Outcome.LEFT_VOICEMAIL},
    (Kind.VOICEMAIL, Direction.OUTBOUND): {Outcome.LEFT_VOICEMAIL, Outcome.WRONG_NUMBER},
    (Kind.SMS, Direction.OUTBOUND): {Outcome.WRONG_NUMBER, Outcome.BOUNCED},
    (Kind.EMAIL, Direction.OUTBOUND): {Outcome.BOUNCED},
    (Kind.LINKEDIN, Direction.OUTBOUND): {Outcome.BOUNCED},
    # A meeting that took place, whoever asked for it.
    (Kind.MEETING, Direction.OUTBOUND): {Outcome.CONNECTED},
    (Kind.MEETING, Direction.INBOUND): {Outcome.CONNECTED},
}
# These say nothing without words; a call, voicemail or meeting is a record by itself
# (that it happened, and when), its outcome and notes optional.
WORDED_KINDS = {Kind.NOTE, Kind.SMS, Kind.EMAIL, Kind.LINKEDIN}

# Clocks drift; a touch logged "now" on a phone may be a little ahead of the server.
FUTURE_TOLERANCE = timedelta(minutes=5)


def _hiring_manager_application(
    *, actor: User, candidate: Candidate, application: Application | None, private: bool
) -> Application:
    """A hiring manager's entry belongs to one of their jobs, so other jobs' managers never
    see it: the application named, or else the candidate's newest one on their jobs."""
    if private:
        raise DomainError("Hiring managers cannot log private entries.", field="private")
    if application is None:
        application = (
            Application.objects.filter(candidate=candidate, job__hiring_manager=actor)
            .order_by("-created_at")
            .first()
        )
    if application is None or application.job.hiring_manager_id != actor.pk:
        raise DomainError("Choose the application for your job.", field="application_id")
    return application


def _check_outcome_fits(*, kind: str, direction: str, outcome: str) -> None:
    if outcome and outcome not in FITTING_OUTCOMES.get((kind, direction), ()):
        fits = FITTING_OUTCOMES.get((kind, direction))
        named = f"{Direction(direction).label.lower()} {Kind(kind).label.lower()}"
        allowed = ", ".join(sorted(Outcome(o).label for o in fits)) if fits else "none"
        raise DomainError(
            f"“{Outcome(outcome).label}” is not an outcome of an {named} (it can be: {allowed}).",
            field="outcome",
        )


def activity_log(
    *,
    candidate: Candidate,
    actor: User | None,
    kind: str,
    direction: str = Direction.OUTBOUND,
    outcome: str = "",
    occurred_at: datetime | None = None,
    subject: str = "",
    body: str = "",
    application: Application | None = None,
    private: bool = False,
) -> Activity:
    if kind not in LOGGABLE_KINDS:
        allowed = ", ".join(LOGGABLE_KINDS)
        raise DomainError(f"Kind must be one of: {allowed}.", field="kind")
    if direction not in Direction.values:
        raise DomainError(
            f"Direction must be one of: {', '.join(Direction.values)}.", field="direction"
        )
    if outcome not in Outcome.values:
        allowed = ", ".join(v for v in Outcome.values if v)
        raise DomainError(f"Outcome must be one of: {allowed}, or empty.", field="outcome")
    _check_outcome_fits(kind=kind, direction=direction, outcome=outcome)
    occurred_at = check_past_datetime(
        occurred_at or timezone.now(), field="occurred_at", ahead=FUTURE_TOLERANCE
    )
    if application is not None and application.candidate_id != candidate.pk:
        raise DomainError("That application belongs to another candidate.", field="application_id")
    if actor is not None and actor.is_hiring_manager:
        application = _hiring_manager_application(
            actor=actor, candidate=candidate, application=application, private=private
        )
    if kind in WORDED_KINDS and not (subject.strip() or body.strip()):
        raise DomainError(f"Write what the {Kind(kind).label.lower()} said.", field="body")
    mentions = mentioned_users(body)
    with transaction.atomic():
        activity = events.touch_logged(
            candidate=candidate,
            actor=actor,
            kind=kind,
            direction=direction,
            outcome=outcome,
            occurred_at=occurred_at,
            subject=subject.strip()[:300],
            body=body.strip(),
            application=application,
            private=private,
            mentions=[user.username for user in mentions],
        )
        if mentions:
            hooks.mentioned.send(activity=activity, user_ids=[user.pk for user in mentions])
        # Notes are searchable; private ones are not indexed, so no snippet can show them.
        if kind == Kind.NOTE and not private:
            hooks.candidates_changed.send(candidate_ids=[candidate.pk])
        if kind in CONTACT_KINDS and direction == Direction.OUTBOUND:
            if application is not None:
                application_mark_told(application_id=application.pk, at=occurred_at, how=kind)
            # A call, a text, ... may answer a reply or keep a promised call-back.
            hooks.candidates_touched.send_on_commit(candidate_ids=[candidate.pk])
        return activity
