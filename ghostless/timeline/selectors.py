"""Reads of the timeline. Hiring managers never see private entries, other jobs' entries,
or entries about what is hidden from them."""

from django.db.models import Q, QuerySet

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.permissions import check_admin
from ghostless.timeline.models import Activity, AuditEntry, EventKind

# System events about talent pools and marketing consent, which hiring managers never see:
# their subjects name the pool, their payloads carry the reason for adding.
POOL_EVENTS = (
    EventKind.POOL_ADDED,
    EventKind.POOL_REMOVED,
    EventKind.CONSENT_GIVEN,
    EventKind.UNSUBSCRIBED,
    EventKind.RESUBSCRIBED,
    EventKind.TALENT_NETWORK_CONSENT,
    EventKind.CONSENT_RENEWAL_ASKED,
    EventKind.CONSENT_RENEWAL_NOT_ASKED,
    EventKind.CONSENT_RENEWED,
    EventKind.CONSENT_EXPIRED,
)
# Events that tell of an email: shown to a hiring manager on the terms of the Message itself.
EMAIL_EVENTS = (EventKind.EMAIL_SENT, EventKind.EMAIL_RECEIVED, EventKind.EMAIL_BOUNCED)


def on_managed_job(user: User, *, through: str = "application") -> Q:
    """The one rule for what a hiring manager may read of a candidate's history: it belongs
    to an application on a job she manages. Messages use it as it is."""
    return Q(**{f"{through}__job__hiring_manager": user})


def activities_visible_to(user: User) -> QuerySet[Activity]:
    """Everything for recruiters. For a hiring manager: not private, not about pools, and
    either on her job's application or tied to none (a note, a call), unless it is an email,
    which needs her application like the Message does."""
    if user.sees_everything:
        return Activity.objects.all()
    event = Q(payload__event__isnull=True)
    untied = Q(application__isnull=True) & (event | ~Q(payload__event__in=EMAIL_EVENTS))
    return (
        Activity.objects.filter(private=False)
        .filter(event | ~Q(payload__event__in=POOL_EVENTS))
        .filter(on_managed_job(user) | untied)
    )


def timeline(
    *, user: User, candidate: Candidate, kind: str = "", job: str | int | None = None
) -> QuerySet[Activity]:
    """A candidate's activities, newest first, optionally one kind or one job's only."""
    activities = activities_visible_to(user).filter(candidate=candidate)
    if kind:
        activities = activities.filter(kind=kind)
    if job:
        activities = activities.filter(application__job_id=job)
    return activities.select_related("actor", "application__job").order_by("-occurred_at", "-id")


def audit_entries(
    *,
    user: User,
    subject: str = "",
    subject_id: int | None = None,
    actor_id: int | None = None,
    event: str = "",
    since=None,
    until=None,
) -> QuerySet[AuditEntry]:
    """The audit history, newest first, for admins only; narrowed to one kind of record, one
    record, one person's actions, one action, or a time span."""
    check_admin(user)
    entries = AuditEntry.objects.select_related("actor")
    if subject:
        entries = entries.filter(subject=subject)
        if subject_id is not None:
            entries = entries.filter(subject_id=subject_id)
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if event:
        entries = entries.filter(event=event)
    if since is not None:
        entries = entries.filter(at__gte=since)
    if until is not None:
        entries = entries.filter(at__lt=until)
    return entries.order_by("-at", "-id")
