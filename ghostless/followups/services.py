"""Follow-ups made and worked by people."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core import hooks
from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.core.permissions import check_recruiter
from ghostless.core.when import check_future_datetime
from ghostless.followups.models import OPEN_STATES, FollowUp, Reason, RuleSetting, State
from ghostless.jobs.models import Application
from ghostless.timeline.services import activity_log

MANUAL_REASONS = (Reason.MANUAL, Reason.CALLBACK)


def followup_create(
    *,
    actor: User | None,
    candidate: Candidate,
    due_at: datetime,
    reason: str = Reason.MANUAL,
    note: str = "",
    application: Application | None = None,
    assignee: User | None = None,
) -> FollowUp:
    """A reminder made by a person ("remind me in 3 days", "promised to call back")."""
    check_recruiter(actor, "work follow-ups")
    if reason not in MANUAL_REASONS:
        raise DomainError(
            "People make reminders and call-backs; rules make the rest.", field="reason"
        )
    due_at = check_future_datetime(due_at, field="due_at")
    if application is not None and application.candidate_id != candidate.pk:
        raise DomainError("That application belongs to another candidate.", field="application_id")
    assignee = assignee or actor
    if assignee is not None and not assignee.sees_everything:
        raise DomainError("Follow-ups go to recruiters or admins.", field="assignee")
    now = timezone.now()
    with transaction.atomic():
        followup = FollowUp.objects.create(
            candidate=candidate,
            application=application,
            assignee=assignee,
            reason=reason,
            due_at=due_at,
            waiting_since=now,
            note=note.strip(),
            created_by=actor,
            created_at=now,
        )
        hooks.handed_off.send(assignee=assignee, actor=actor, followup=followup)
    return followup


def _finish(followup: FollowUp, *, actor: User | None, state: str) -> FollowUp:
    check_recruiter(actor, "work follow-ups")
    with transaction.atomic():
        changed = FollowUp.objects.filter(pk=followup.pk, state__in=OPEN_STATES).update(
            state=state, closed_at=timezone.now(), closed_by=actor
        )
        if not changed:
            raise DomainError(f"This follow-up is already {followup.state}.", field="state")
    followup.refresh_from_db()
    return followup


def followup_done(*, followup: FollowUp, actor: User | None) -> FollowUp:
    return _finish(followup, actor=actor, state=State.DONE)


def followup_snooze(*, followup: FollowUp, actor: User | None, until: datetime) -> FollowUp:
    check_recruiter(actor, "work follow-ups")
    until = check_future_datetime(until, field="until")
    if until <= timezone.now():
        raise DomainError("Snooze until a time in the future.", field="until")
    changed = FollowUp.objects.filter(pk=followup.pk, state__in=OPEN_STATES).update(
        state=State.SNOOZED, due_at=until
    )
    if not changed:
        raise DomainError(f"This follow-up is already {followup.state}.", field="state")
    followup.refresh_from_db()
    return followup


def rule_setting_save(*, actor: User, reason: str, enabled: bool, business_days: int) -> None:
    if not actor.is_admin:
        raise PermissionDenied("Only admins change the follow-up rules.")
    if reason not in (
        Reason.AWAITING_REPLY,
        Reason.NOT_ACKNOWLEDGED,
        Reason.CLOSE_THE_LOOP,
        Reason.STALE_IN_STAGE,
        Reason.FEEDBACK_DUE,
        Reason.DECISION_DUE,
        Reason.PROMISE_DUE,
        Reason.APPROVAL_DUE,
        Reason.OFFER_EXPIRING,
        Reason.AWAITING_CANDIDATE,
    ):
        raise DomainError("That rule has no settings.", field="reason")
    if not 1 <= business_days <= 60:
        raise DomainError("Use 1 to 60 business days.", field="business_days")
    RuleSetting.objects.update_or_create(
        reason=reason, defaults={"enabled": enabled, "business_days": business_days}
    )


def activity_log_with_callback(
    *, candidate: Candidate, actor: User | None, callback_at: datetime | None = None, **activity
):
    """Log a touch and, when the person promised to call back, the call-back it promises:
    both or neither. A call-back is promised for later, never for a time gone by. The
    follow-up made, if any, is handed back as the activity's `callback`."""
    if callback_at is not None:
        callback_at = check_future_datetime(callback_at, field="callback_at")
        if callback_at <= timezone.now():
            raise DomainError(
                "A call-back is promised for a time still to come.", field="callback_at"
            )
    with transaction.atomic():
        logged = activity_log(candidate=candidate, actor=actor, **activity)
        logged.callback = None
        if callback_at:
            logged.callback = followup_create(
                actor=actor,
                candidate=candidate,
                application=activity.get("application"),
                due_at=callback_at,
                reason=Reason.CALLBACK,
                note=activity.get("subject", ""),
            )
    return logged
