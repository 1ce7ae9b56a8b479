"""The rules that keep a decision from hanging after an interview: feedback_due, decision_due
and promise_due. Same shape as rules.py (a `find` and a `clear` step per rule, one follow-up
per episode by `rule_key`); their limits live on each job (feedback_due_hours,
decision_due_days) and each stage (hear_back_days), not on the rule settings.

Interview ends (start plus duration) are not a column, so a query selects by start with the
shortest limit and Python keeps the rows whose own limit has passed: few rows, one query.
"""

from datetime import datetime, timedelta

from django.db.models import Exists, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats

from ghostless.followups.business_time import (
    add_business_days,
    add_business_hours,
    company_zone,
    subtract_business_days,
    subtract_business_hours,
)
from ghostless.followups.models import FollowUp, Reason, State
from ghostless.followups.rule_rows import after, close, close_answered, insert, open_of
from ghostless.interviews.models import (
    Attendee,
    AttendeeRole,
    Interview,
    InterviewStatus,
    Scorecard,
)
from ghostless.jobs.models import DEFAULT_FEEDBACK_DUE_HOURS, Application, ApplicationStatus, Job

# How far back of its window an incremental run looks: covers an interview's length too.
WINDOW_MARGIN = timedelta(days=1)
# A promise shows one business day before its date.
PROMISE_NOTICE_DAYS = 1


def _owed_interviewers():
    """Interviewers still on an interview that was not cancelled, whose user can work."""
    return (
        Attendee.objects.filter(
            role=AttendeeRole.INTERVIEWER, removed_at__isnull=True, user__is_active=True
        )
        .exclude(interview__status=InterviewStatus.CANCELLED)
        .exclude(
            Exists(
                Scorecard.objects.filter(
                    interview_id=OuterRef("interview_id"), interviewer_id=OuterRef("user_id")
                )
            )
        )
    )


def _shortest(field: str, default: int) -> int:
    shortest = Job.objects.aggregate(shortest=Min(field))["shortest"]
    return default if shortest is None else shortest


# Feedback due: an interviewer's scorecard missing the job's hours after the interview ended.


def find_feedback_due(now: datetime, days: int, since: datetime | None = None) -> int:
    del days  # each job has its own limit
    cutoff = subtract_business_hours(now, _shortest("feedback_due_hours", 0))
    missing = (
        _owed_interviewers()
        .filter(
            interview__starts_at__lte=cutoff,
            **after("interview__starts_at", since and since - WINDOW_MARGIN),
        )
        .exclude(
            Exists(
                FollowUp.objects.filter(
                    interview_id=OuterRef("interview_id"),
                    assignee_id=OuterRef("user_id"),
                    reason=Reason.FEEDBACK_DUE,
                )
            )
        )
        .values_list(
            "interview_id",
            "user_id",
            "interview__starts_at",
            "interview__duration_minutes",
            "interview__application_id",
            "interview__application__candidate_id",
            "interview__application__job__feedback_due_hours",
        )
    )
    rows = []
    for interview_id, user_id, starts_at, minutes, application_id, candidate_id, hours in missing:
        ended = starts_at + timedelta(minutes=minutes)
        due = add_business_hours(ended, hours)
        if due > now:
            continue
        rows.append(
            FollowUp(
                candidate_id=candidate_id,
                application_id=application_id,
                interview_id=interview_id,
                assignee_id=user_id,
                reason=Reason.FEEDBACK_DUE,
                due_at=due,
                waiting_since=ended,
                rule_key=f"feedback_due:{interview_id}:{user_id}",
                created_at=now,
            )
        )
    return insert(rows)


def clear_feedback_due(now: datetime, scope: Q) -> int:
    followups = open_of(Reason.FEEDBACK_DUE).filter(scope)
    submitted = followups.filter(
        Exists(
            Scorecard.objects.filter(
                interview_id=OuterRef("interview_id"), interviewer_id=OuterRef("assignee_id")
            )
        )
    )
    done = close(submitted, State.DONE, now)
    still_on = Attendee.objects.filter(
        interview_id=OuterRef("interview_id"),
        user_id=OuterRef("assignee_id"),
        removed_at__isnull=True,
    )
    gone = followups.filter(Q(interview__status=InterviewStatus.CANCELLED) | ~Exists(still_on))
    return done + close(gone, State.CANCELLED, now)


# Decision due: every scorecard of the stage is in and nothing happened for the job's days.


def _last_scorecard():
    """When the last scorecard of the application's interviews in its current stage came."""
    return (
        Scorecard.objects.filter(
            application_id=OuterRef("pk"), interview__stage_id=OuterRef("stage_id")
        )
        .exclude(interview__status=InterviewStatus.CANCELLED)
        .order_by("-submitted_at")
        .values("submitted_at")[:1]
    )


def find_decision_due(now: datetime, days: int, since: datetime | None = None) -> int:
    del days  # each job has its own limit
    cutoff = subtract_business_days(now, _shortest("decision_due_days", 0))
    scored = Scorecard.objects.filter(submitted_at__lte=cutoff, **after("submitted_at", since))
    undecided = (
        Application.objects.filter(
            status=ApplicationStatus.ACTIVE, pk__in=scored.values("application_id")
        )
        .annotate(last=Subquery(_last_scorecard()))
        .filter(last__lte=cutoff, stage_entered_at__lte=F("last"), **after("last", since))
        .filter(
            Q(candidate__last_outbound_at__isnull=True)
            | Q(candidate__last_outbound_at__lt=F("last"))
        )
        .exclude(
            Exists(
                _owed_interviewers().filter(
                    interview__application_id=OuterRef("pk"),
                    interview__stage_id=OuterRef("stage_id"),
                )
            )
        )
        .exclude(Exists(open_of(Reason.DECISION_DUE).filter(application_id=OuterRef("pk"))))
        .exclude(
            Exists(
                FollowUp.objects.filter(
                    application_id=OuterRef("pk"),
                    reason=Reason.DECISION_DUE,
                    waiting_since=OuterRef("last"),
                )
            )
        )
        .annotate(assignee=Coalesce("owner_id", "candidate__owner_id"))
        .values_list("pk", "candidate_id", "last", "assignee", "stage_id", "job__decision_due_days")
    )
    rows = []
    for pk, candidate_id, last, assignee, stage_id, limit in undecided:
        due = add_business_days(last, limit)
        if due > now:
            continue
        rows.append(
            FollowUp(
                candidate_id=candidate_id,
                application_id=pk,
                assignee_id=assignee,
                reason=Reason.DECISION_DUE,
                due_at=due,
                waiting_since=last,
                rule_key=f"decision_due:{pk}:{stage_id}:{last.timestamp():.6f}",
                created_at=now,
            )
        )
    return insert(rows)


def clear_decision_due(now: datetime, scope: Q) -> int:
    """Done by a message to the candidate, a move, a status change, or another interview
    scheduled for the application: each is the decision, or the next step, taken."""
    followups = open_of(Reason.DECISION_DUE).filter(scope)
    answered = followups.filter(candidate__last_outbound_at__gte=F("waiting_since"))
    cleared = close_answered(answered, now)
    next_interview = Interview.objects.filter(
        application_id=OuterRef("application_id"), created_at__gt=OuterRef("waiting_since")
    ).exclude(status=InterviewStatus.CANCELLED)
    decided = followups.filter(
        Q(application__stage_entered_at__gt=F("waiting_since"))
        | ~Q(application__status=ApplicationStatus.ACTIVE)
        | Exists(next_interview)
    )
    return cleared + close(decided, State.DONE, now)


# Promise due: the candidate was told "you'll hear from us by" a date, and has not.


def promise_note(hear_back_by: datetime) -> str:
    day = formats.date_format(hear_back_by.astimezone(company_zone()), "l j F")
    return f"Promised an answer by {day}."


def _promise_key(application_id: int, hear_back_by: datetime) -> str:
    return f"promise_due:{application_id}:{hear_back_by.timestamp():.6f}"


def _last_interview(field: str):
    """The latest interview, not cancelled, that began before the promised date."""
    return (
        Interview.objects.filter(
            application_id=OuterRef("pk"), starts_at__lte=OuterRef("hear_back_by")
        )
        .exclude(status=InterviewStatus.CANCELLED)
        .order_by("-starts_at", "-id")
        .values(field)[:1]
    )


def find_promise_due(now: datetime, days: int, since: datetime | None = None) -> int:
    del days  # each stage has its own promise
    horizon = add_business_days(now, PROMISE_NOTICE_DAYS)
    promised = (
        Application.objects.filter(
            status=ApplicationStatus.ACTIVE,
            hear_back_by__lte=horizon,
            **after("hear_back_by", since),
        )
        .filter(
            Q(candidate__last_outbound_at__isnull=True)
            | Q(candidate__last_outbound_at__lt=F("hear_back_by"))
        )
        .exclude(Exists(open_of(Reason.PROMISE_DUE).filter(application_id=OuterRef("pk"))))
        .annotate(
            interview_start=Subquery(_last_interview("starts_at")),
            interview_minutes=Subquery(_last_interview("duration_minutes")),
            assignee=Coalesce("owner_id", "candidate__owner_id"),
        )
        .values_list(
            "pk",
            "candidate_id",
            "hear_back_by",
            "interview_start",
            "interview_minutes",
            "stage_entered_at",
            "candidate__last_outbound_at",
            "assignee",
        )
    )
    rows = []
    for pk, candidate_id, by, start, minutes, entered, told_at, assignee in promised:
        # Waiting since the interview ended: the invite itself came before it.
        since_when = start + timedelta(minutes=minutes) if start else entered
        if since_when > now or (told_at and told_at >= since_when):
            continue
        rows.append(
            FollowUp(
                candidate_id=candidate_id,
                application_id=pk,
                assignee_id=assignee,
                reason=Reason.PROMISE_DUE,
                due_at=by,
                waiting_since=since_when,
                note=promise_note(by),
                rule_key=_promise_key(pk, by),
                created_at=now,
            )
        )
    made = set(
        FollowUp.objects.filter(rule_key__in=[row.rule_key for row in rows]).values_list(
            "rule_key", flat=True
        )
    )
    return insert([row for row in rows if row.rule_key not in made])


def clear_promise_due(now: datetime, scope: Q) -> int:
    """Done by a message to the candidate; cancelled when the application closes or the
    promised date is cleared or changed (a changed date is a new promise, with its own)."""
    followups = open_of(Reason.PROMISE_DUE).filter(scope)
    answered = followups.filter(candidate__last_outbound_at__gte=F("waiting_since"))
    cleared = close_answered(answered, now)
    gone = followups.exclude(application__status=ApplicationStatus.ACTIVE)
    cleared += close(gone, State.CANCELLED, now)
    # Only a snoozed one has a due time other than its date: the key tells those apart.
    moved = followups.filter(
        Q(application__hear_back_by__isnull=True) | ~Q(application__hear_back_by=F("due_at"))
    )
    promises = moved.values_list("pk", "rule_key", "application_id", "application__hear_back_by")
    changed = [
        pk
        for pk, key, application_id, by in promises
        if by is None or key != _promise_key(application_id, by)
    ]
    return cleared + close(FollowUp.objects.filter(pk__in=changed), State.CANCELLED, now)


def _feedback_window(ran_at: datetime) -> datetime:
    shortest = _shortest("feedback_due_hours", DEFAULT_FEEDBACK_DUE_HOURS)
    return subtract_business_hours(ran_at, shortest) - WINDOW_MARGIN


def _decision_window(ran_at: datetime) -> datetime:
    return subtract_business_days(ran_at, _shortest("decision_due_days", 0)) - WINDOW_MARGIN


def _promise_window(ran_at: datetime) -> datetime:
    return add_business_days(ran_at, PROMISE_NOTICE_DAYS) - WINDOW_MARGIN


INTERVIEW_RULES = {
    Reason.FEEDBACK_DUE: (find_feedback_due, clear_feedback_due),
    Reason.DECISION_DUE: (find_decision_due, clear_decision_due),
    Reason.PROMISE_DUE: (find_promise_due, clear_promise_due),
}
# Where an incremental run of each starts, from the previous run's time (rules._window_start).
WINDOWS = {
    Reason.FEEDBACK_DUE: _feedback_window,
    Reason.DECISION_DUE: _decision_window,
    Reason.PROMISE_DUE: _promise_window,
}
