"""Retention rules: who is due for anonymisation, when, and the run that does it.

`retention_plan` is the one reading of the rules; the dry run shows it and the real run acts
on it, so the two cannot disagree (tests/privacy/test_retention.py).

1. Only people with no application still in progress (active on an open job) and not yet
   anonymised are considered.
2. Their outcome: hired if any application was, else rejected, else withdrawn; with no
   application at all, "never applied".
3. A rule matches their outcome where its location (blank: anywhere) is found in the
   candidate's location or one of their jobs' locations.
4. Due date: the latest of (last activity + months) over the matching rules; legal floors only
   push it later and make nobody due alone.
5. Someone due with an application whose outcome was never told is held: the run raises a
   close-the-loop follow-up for its owner instead of anonymising.
"""

from dataclasses import dataclass, field
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Q
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.errors import Conflict
from ghostless.followups.business_time import add_business_days
from ghostless.followups.models import FollowUp, Reason
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.privacy.anonymise import candidate_anonymise, compact_storage
from ghostless.privacy.models import Outcome, RetentionRule, RetentionRun, RunState

ENDED_JOB = ["filled", "closed"]


@dataclass
class Due:
    candidate_id: int
    name: str
    outcome: str
    last_activity: datetime
    due_at: datetime
    rules: list[str]
    untold: list[int] = field(default_factory=list)  # application ids never told

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label

    @property
    def action(self) -> str:
        return "follow-up: tell them the outcome first" if self.untold else "anonymise"


def _outcome(statuses: set[str]) -> str | None:
    for status, outcome in (
        (ApplicationStatus.HIRED, Outcome.HIRED),
        (ApplicationStatus.REJECTED, Outcome.REJECTED),
        (ApplicationStatus.WITHDRAWN, Outcome.WITHDRAWN),
    ):
        if status in statuses:
            return outcome
    return Outcome.NEVER_APPLIED if not statuses else None


def _matches(rule: RetentionRule, places: list[str]) -> bool:
    where = rule.location.strip().lower()
    return not where or any(where in place for place in places)


def retention_plan(*, now: datetime | None = None, until: datetime | None = None) -> list[Due]:
    """Everyone the rules make due by `until` (default: now), earliest first. A fixed number
    of queries: candidates, their applications, and the untold among them."""
    now = now or timezone.now()
    until = until or now
    rules = list(RetentionRule.objects.all())
    if not any(not r.legal_floor for r in rules):
        return []
    in_progress = Application.objects.filter(status=ApplicationStatus.ACTIVE).exclude(
        job__status__in=ENDED_JOB
    )
    people = (
        Candidate.objects.filter(anonymised_at__isnull=True)
        .exclude(pk__in=in_progress.values("candidate_id"))
        .annotate(last_touch=Max("activities__occurred_at"))
        .values_list("pk", "first_name", "last_name", "location", "created_at", "last_touch")
    )
    rows = list(people)
    ids = [row[0] for row in rows]
    apps: dict[int, list[tuple]] = {}
    for candidate_id, status, place in Application.objects.filter(candidate_id__in=ids).values_list(
        "candidate_id", "status", "job__location"
    ):
        apps.setdefault(candidate_id, []).append((status, (place or "").lower()))
    plan = []
    for pk, first, last, location, created_at, last_touch in rows:
        outcome = _outcome({status for status, _ in apps.get(pk, [])})
        if outcome is None:
            continue
        places = [location.lower(), *(place for _, place in apps.get(pk, []))]
        matching = [r for r in rules if r.outcome == outcome and _matches(r, places)]
        if not any(not r.legal_floor for r in matching):
            continue
        last_activity = max(filter(None, [created_at, last_touch]))
        due_at = max(last_activity + relativedelta(months=r.months) for r in matching)
        if due_at <= until:
            plan.append(
                Due(
                    pk,
                    f"{first} {last}".strip(),
                    outcome,
                    last_activity,
                    due_at,
                    [str(r) for r in matching],
                )
            )
    untold = (
        Application.objects.filter(candidate_id__in=[d.candidate_id for d in plan])
        .filter(told_at__isnull=True, loop_skip_reason="")
        .filter(
            Q(status=ApplicationStatus.REJECTED)
            | Q(status=ApplicationStatus.ACTIVE, job__status__in=ENDED_JOB)
        )
        .values_list("candidate_id", "pk")
    )
    by_candidate: dict[int, list[int]] = {}
    for candidate_id, app_id in untold:
        by_candidate.setdefault(candidate_id, []).append(app_id)
    for due in plan:
        due.untold = by_candidate.get(due.candidate_id, [])
    return sorted(plan, key=lambda d: (d.due_at, d.candidate_id))


def retention_run_start(*, actor: User | None) -> RetentionRun:
    if RetentionRun.objects.filter(state=RunState.RUNNING).exists():
        raise Conflict("A retention run is already under way.")
    return RetentionRun.objects.create(started_by=actor)


def retention_run(*, run: RetentionRun, now: datetime | None = None) -> RetentionRun:
    """Apply the plan as of `now`: anonymise who is due, hold the untold with a follow-up.
    Progress is saved after each person, for the admin page."""
    now = now or timezone.now()
    plan = retention_plan(now=now)
    RetentionRun.objects.filter(pk=run.pk).update(total=len(plan))
    done = anonymised = held = 0
    try:
        for due in plan:
            if due.untold:
                _hold(due, now)
                held += 1
            else:
                candidate_anonymise(
                    Candidate.objects.get(pk=due.candidate_id),
                    actor=None,
                    reason=f"Retention: {'; '.join(due.rules)}",
                    by="By the retention rules (daily run)",
                )
                anonymised += 1
            done += 1
            RetentionRun.objects.filter(pk=run.pk).update(
                done=done, anonymised=anonymised, held=held
            )
        state, error = RunState.DONE, ""
    except Exception as exc:  # recorded on the run for the admin page, then re-raised
        state, error = RunState.FAILED, str(exc)[:300]
        raise
    finally:
        RetentionRun.objects.filter(pk=run.pk).update(
            state=state, error=error, finished_at=timezone.now()
        )
        compact_storage()
    run.refresh_from_db()
    return run


def _hold(due: Due, now: datetime) -> None:
    """A close-the-loop follow-up per untold application, keyed like the rule's own, so
    neither makes a second one for the same application."""
    owners = dict(Application.objects.filter(pk__in=due.untold).values_list("pk", "owner_id"))
    owner = Candidate.objects.filter(pk=due.candidate_id).values_list("owner_id", flat=True)[0]
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                candidate_id=due.candidate_id,
                application_id=app_id,
                assignee_id=owners.get(app_id) or owner,
                reason=Reason.CLOSE_THE_LOOP,
                due_at=add_business_days(now, 1),
                waiting_since=now,
                note="Due for anonymisation under the retention rules, but never told the "
                "outcome: tell them, then the next daily run anonymises them.",
                rule_key=f"close_the_loop:{app_id}",
                created_at=now,
            )
            for app_id in due.untold
        ],
        ignore_conflicts=True,
    )
