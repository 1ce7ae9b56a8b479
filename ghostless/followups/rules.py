"""The rules that turn silence into follow-ups, as set-based queries.

Each rule has a `find` step (rows that need a follow-up and have none for this episode) and a
`clear` step (open follow-ups whose condition has gone). Rows are inserted with
`ignore_conflicts` on the unique `rule_key`, so two workers running at once make no duplicate.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ghostless.candidates.models import Candidate
from ghostless.followups.business_time import add_business_days, subtract_business_days
from ghostless.followups.interview_rules import INTERVIEW_RULES, WINDOWS
from ghostless.followups.models import (
    OPEN_STATES,
    FollowUp,
    Reason,
    RuleRun,
    RuleSetting,
    State,
)
from ghostless.followups.offer_rules import OFFER_RULES
from ghostless.followups.rule_rows import after, close, close_answered, insert, open_of
from ghostless.followups.slot_rules import (
    DEFAULT_BUSINESS_DAYS as AWAITING_CANDIDATE_DAYS,
)
from ghostless.followups.slot_rules import clear_awaiting_candidate, find_awaiting_candidate
from ghostless.jobs.models import Application, ApplicationStatus, JobStatus, Stage
from ghostless.timeline.models import CONTACT_KINDS, Activity, Direction, Kind, Outcome

DEFAULT_DAYS = {
    Reason.AWAITING_REPLY: 1,
    Reason.NOT_ACKNOWLEDGED: 1,
    Reason.CLOSE_THE_LOOP: 2,
    Reason.STALE_IN_STAGE: 0,  # per stage: Stage.stale_after_days
    Reason.CALLBACK: 0,  # due at the promised time
    Reason.FEEDBACK_DUE: 0,  # per job: Job.feedback_due_hours
    Reason.DECISION_DUE: 0,  # per job: Job.decision_due_days
    Reason.PROMISE_DUE: 0,  # per stage: Stage.hear_back_days, stored as Application.hear_back_by
    Reason.APPROVAL_DUE: 1,  # after the approver's turn began (offer_rules.py)
    Reason.OFFER_EXPIRING: 1,  # before a sent offer's last day
    Reason.AWAITING_CANDIDATE: AWAITING_CANDIDATE_DAYS,  # interview times offered, none picked
}
ENDED_JOB = [JobStatus.FILLED, JobStatus.CLOSED]
FULL_SCAN_EVERY = timedelta(hours=1)
WINDOW_MARGIN = timedelta(days=1)


def rule_settings() -> dict[str, tuple[bool, int]]:
    chosen = {r.reason: (r.enabled, r.business_days) for r in RuleSetting.objects.all()}
    return {reason: chosen.get(reason, (True, days)) for reason, days in DEFAULT_DAYS.items()}


# Awaiting our reply: the last inbound touch has no outbound one after it.


def find_awaiting_reply(now: datetime, days: int, since: datetime | None = None) -> int:
    cutoff = subtract_business_days(now, days)
    last_inbound = Activity.objects.filter(
        candidate_id=OuterRef("pk"), direction=Direction.INBOUND, kind__in=CONTACT_KINDS
    ).order_by("-occurred_at", "-id")
    waiting = (
        Candidate.objects.filter(last_inbound_at__lte=cutoff, **after("last_inbound_at", since))
        .filter(Q(last_outbound_at__isnull=True) | Q(last_outbound_at__lt=F("last_inbound_at")))
        .exclude(Exists(open_of(Reason.AWAITING_REPLY).filter(candidate_id=OuterRef("pk"))))
        .exclude(
            Exists(
                FollowUp.objects.filter(
                    candidate_id=OuterRef("pk"),
                    reason=Reason.AWAITING_REPLY,
                    waiting_since=OuterRef("last_inbound_at"),
                )
            )
        )
        .annotate(application_id=Subquery(last_inbound.values("application_id")[:1]))
        .values_list("pk", "last_inbound_at", "owner_id", "application_id")
    )
    return insert(
        [
            FollowUp(
                candidate_id=pk,
                application_id=application_id,
                assignee_id=owner_id,
                reason=Reason.AWAITING_REPLY,
                due_at=add_business_days(since, days),
                waiting_since=since,
                rule_key=f"awaiting_reply:{pk}:{since.timestamp():.6f}",
                created_at=now,
            )
            for pk, since, owner_id, application_id in waiting
        ]
    )


def clear_awaiting_reply(now: datetime, scope: Q) -> int:
    answered = (
        open_of(Reason.AWAITING_REPLY)
        .filter(scope)
        .filter(candidate__last_outbound_at__gte=F("waiting_since"))
    )
    return close_answered(answered, now)


# Not acknowledged: a new application with no outbound touch since it arrived.


def find_not_acknowledged(now: datetime, days: int, since: datetime | None = None) -> int:
    cutoff = subtract_business_days(now, days)
    unanswered = (
        Application.objects.filter(
            status=ApplicationStatus.ACTIVE, created_at__lte=cutoff, **after("created_at", since)
        )
        .filter(
            Q(candidate__last_outbound_at__isnull=True)
            | Q(candidate__last_outbound_at__lt=F("created_at"))
        )
        .exclude(
            Exists(
                FollowUp.objects.filter(
                    application_id=OuterRef("pk"), reason=Reason.NOT_ACKNOWLEDGED
                )
            )
        )
        .annotate(assignee=Coalesce("owner_id", "candidate__owner_id"))
        .values_list("pk", "candidate_id", "created_at", "assignee")
    )
    return insert(
        [
            FollowUp(
                candidate_id=candidate_id,
                application_id=pk,
                assignee_id=assignee,
                reason=Reason.NOT_ACKNOWLEDGED,
                due_at=add_business_days(since, days),
                waiting_since=since,
                rule_key=f"not_acknowledged:{pk}",
                created_at=now,
            )
            for pk, candidate_id, since, assignee in unanswered
        ]
    )


def clear_not_acknowledged(now: datetime, scope: Q) -> int:
    followups = open_of(Reason.NOT_ACKNOWLEDGED).filter(scope)
    answered = followups.filter(candidate__last_outbound_at__gte=F("waiting_since"))
    gone = followups.exclude(application__status=ApplicationStatus.ACTIVE)
    return close_answered(answered, now) + close(gone, State.CANCELLED, now)


# Stale in stage: an active application past its stage's limit.


def find_stale_in_stage(now: datetime, days: int, since: datetime | None = None) -> int:
    del days  # each stage has its own limit; `since` was taken at the shortest one
    limits = (
        Stage.objects.filter(stale_after_days__isnull=False)
        .values_list("stale_after_days", flat=True)
        .distinct()
        .order_by()
    )
    created = 0
    for limit in sorted(set(limits)):
        cutoff = subtract_business_days(now, limit)
        stale = (
            Application.objects.filter(
                status=ApplicationStatus.ACTIVE,
                stage__stale_after_days=limit,
                stage_entered_at__lte=cutoff,
                **after("stage_entered_at", since),
            )
            .exclude(
                Exists(
                    FollowUp.objects.filter(
                        application_id=OuterRef("pk"),
                        reason=Reason.STALE_IN_STAGE,
                        waiting_since=OuterRef("stage_entered_at"),
                    )
                )
            )
            .exclude(Exists(open_of(Reason.STALE_IN_STAGE).filter(application_id=OuterRef("pk"))))
            .annotate(assignee=Coalesce("owner_id", "candidate__owner_id"))
            .values_list("pk", "candidate_id", "stage_entered_at", "assignee", "stage_id")
        )
        created += insert(
            [
                FollowUp(
                    candidate_id=candidate_id,
                    application_id=pk,
                    assignee_id=assignee,
                    reason=Reason.STALE_IN_STAGE,
                    due_at=add_business_days(since, limit),
                    waiting_since=since,
                    rule_key=f"stale_in_stage:{pk}:{stage_id}:{since.timestamp():.6f}",
                    created_at=now,
                )
                for pk, candidate_id, since, assignee, stage_id in stale
            ]
        )
    return created


def clear_stale_in_stage(now: datetime, scope: Q) -> int:
    followups = open_of(Reason.STALE_IN_STAGE).filter(scope)
    moved = followups.filter(
        Q(application__stage_entered_at__gt=F("waiting_since"))
        | ~Q(application__status=ApplicationStatus.ACTIVE)
    )
    return close(moved, State.CANCELLED, now)


# Close the loop: rejected, or left on a filled or closed job, and never told.


def _untold() -> QuerySet[Application]:
    return Application.objects.filter(told_at__isnull=True).filter(
        Q(status=ApplicationStatus.REJECTED)
        | Q(status=ApplicationStatus.ACTIVE, job__status__in=ENDED_JOB)
    )


def find_close_the_loop(now: datetime, days: int, since: datetime | None = None) -> int:
    cutoff = subtract_business_days(now, days)
    untold = (
        _untold()
        .filter(
            Q(
                status=ApplicationStatus.REJECTED,
                status_changed_at__lte=cutoff,
                **after("status_changed_at", since),
            )
            | Q(
                status=ApplicationStatus.ACTIVE,
                job__status_changed_at__lte=cutoff,
                **after("job__status_changed_at", since),
            )
        )
        .exclude(
            Exists(
                FollowUp.objects.filter(application_id=OuterRef("pk"), reason=Reason.CLOSE_THE_LOOP)
            )
        )
        .annotate(assignee=Coalesce("owner_id", "candidate__owner_id"))
        .values_list(
            "pk",
            "candidate_id",
            "status",
            "status_changed_at",
            "job__status_changed_at",
            "assignee",
        )
    )
    rows = []
    for pk, candidate_id, status, rejected_at, job_ended_at, assignee in untold:
        since = rejected_at if status == ApplicationStatus.REJECTED else job_ended_at
        rows.append(
            FollowUp(
                candidate_id=candidate_id,
                application_id=pk,
                assignee_id=assignee,
                reason=Reason.CLOSE_THE_LOOP,
                due_at=add_business_days(since, days),
                waiting_since=since,
                rule_key=f"close_the_loop:{pk}",
                created_at=now,
            )
        )
    return insert(rows)


def clear_close_the_loop(now: datetime, scope: Q) -> int:
    followups = open_of(Reason.CLOSE_THE_LOOP).filter(scope)
    told = followups.exclude(Exists(_untold().filter(pk=OuterRef("application_id"))))
    return close(told, State.DONE, now)


# Call attempts that reached nobody: the call promised is still owed.
UNREACHED = [Outcome.NO_ANSWER, Outcome.BUSY, Outcome.WRONG_NUMBER]


def clear_callback(now: datetime, scope: Q) -> int:
    """A promised call-back is kept by an outbound call that reached the candidate (or left
    a voicemail) after the promise was made; other touches leave it owed. The call, and the
    person who made it, are recorded as what closed it."""
    calls = (
        Activity.objects.filter(
            candidate_id=OuterRef("candidate_id"),
            kind__in=[Kind.CALL, Kind.VOICEMAIL],
            direction=Direction.OUTBOUND,
            occurred_at__gt=OuterRef("created_at"),
        )
        .exclude(outcome__in=UNREACHED)
        .order_by("occurred_at", "id")
    )
    kept = open_of(Reason.CALLBACK).filter(scope).filter(Exists(calls))
    return kept.update(
        state=State.DONE,
        closed_at=now,
        closed_by_activity_id=Subquery(calls.values("pk")[:1]),
        closed_by_id=Subquery(calls.values("actor_id")[:1]),
    )


RULES: dict[str, tuple[Callable | None, Callable]] = {
    Reason.AWAITING_REPLY: (find_awaiting_reply, clear_awaiting_reply),
    Reason.NOT_ACKNOWLEDGED: (find_not_acknowledged, clear_not_acknowledged),
    Reason.STALE_IN_STAGE: (find_stale_in_stage, clear_stale_in_stage),
    Reason.CLOSE_THE_LOOP: (find_close_the_loop, clear_close_the_loop),
    Reason.CALLBACK: (None, clear_callback),
    **INTERVIEW_RULES,
    **OFFER_RULES,
    Reason.AWAITING_CANDIDATE: (find_awaiting_candidate, clear_awaiting_candidate),
}


def wake_snoozed(now: datetime) -> int:
    return FollowUp.objects.filter(state=State.SNOOZED, due_at__lte=now).update(state=State.OPEN)


def _window_start(run: RuleRun | None, now: datetime, days: int, enabled: bool, full: bool):
    """Where an incremental run may start looking, or None for a full scan.

    A row only becomes due as time passes, so a run need only look at episodes that began
    after the previous run's cutoff (less a margin). Everything else forces a full scan: the
    first run, a changed limit, a rule switched back on, and once every FULL_SCAN_EVERY,
    which also catches touches logged late with a time in the past.
    """
    if full or run is None or run.days != days or not run.enabled:
        return None
    if run.full_at is None or run.full_at <= now - FULL_SCAN_EVERY:
        return None
    if run.reason in WINDOWS:
        return WINDOWS[run.reason](run.ran_at)
    shortest = days
    if run.reason == Reason.STALE_IN_STAGE:
        shortest = min(
            Stage.objects.filter(stale_after_days__isnull=False)
            .values_list("stale_after_days", flat=True)
            .order_by("stale_after_days")[:1],
            default=1,
        )
    return subtract_business_days(run.ran_at, shortest) - WINDOW_MARGIN


def run_rules(now: datetime | None = None, *, full: bool = False) -> dict[str, dict[str, int]]:
    """One pass of every rule: clear what has gone, then find what is new."""
    now = now or timezone.now()
    report = {"snoozed": {"woken": wake_snoozed(now)}}
    runs = {run.reason: run for run in RuleRun.objects.all()}
    for reason, (enabled, days) in rule_settings().items():
        find, clear = RULES[reason]
        cleared = clear(now, Q())
        created = 0
        since = _window_start(runs.get(reason), now, days, enabled, full)
        if enabled and find:
            created = find(now, days, since)
        defaults = {"ran_at": now, "days": days, "enabled": enabled}
        if since is None:
            defaults["full_at"] = now
        RuleRun.objects.update_or_create(reason=reason, defaults=defaults)
        report[reason] = {"created": created, "cleared": cleared, "full_scan": int(since is None)}
    return report


def clear_for_candidates(*, candidate_ids: list[int]) -> None:
    """Run just the clearing steps for these candidates, right after something changed
    (the `candidates_touched` hook, connected in FollowupsConfig.ready)."""
    open_followups = FollowUp.objects.filter(candidate_id__in=candidate_ids, state__in=OPEN_STATES)
    if not open_followups.exists():
        return  # the common case: one cheap query instead of one per rule
    now = timezone.now()
    for _, clear in RULES.values():
        clear(now, Q(candidate_id__in=candidate_ids))
