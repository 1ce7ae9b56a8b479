"""Reads of follow-ups: the queue, the counts in the navigation, the team view."""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidatePhone
from ghostless.followups.business_time import company_zone
from ghostless.followups.models import OPEN_STATES, FollowUp, Reason, State
from ghostless.timeline.selectors import on_managed_job


def followups_visible_to(user: User) -> QuerySet[FollowUp]:
    if user.sees_everything:
        # No "candidate in every candidate" subquery: SQLite would probe it per row.
        return FollowUp.objects.all()
    # The timeline's rule: only what is owed on an application of her own job.
    return FollowUp.objects.filter(on_managed_job(user))


def candidate_followups(*, candidate: Candidate) -> QuerySet[FollowUp]:
    """What is still owed to a candidate the caller has already loaded with
    `access_candidate`, for the profile: no visibility subquery needed, and only the columns
    its card shows (each column costs the ORM time even when no row comes back)."""
    return (
        candidate.followups.filter(state__in=OPEN_STATES)
        .select_related("assignee")
        .only(
            "candidate_id",
            "reason",
            "state",
            "due_at",
            "note",
            "assignee__first_name",
            "assignee__last_name",
            "assignee__username",
        )
    )


# The profile lists follow-ups closed this recently, and says what closed each.
RECENTLY_CLOSED = timedelta(days=14)
RECENTLY_CLOSED_SHOWN = 5
# Why a rule closed a follow-up when no touch or person did.
RULE_ENDINGS = {
    (Reason.AWAITING_REPLY, State.DONE): "they were answered",
    (Reason.NOT_ACKNOWLEDGED, State.DONE): "they heard from us",
    (Reason.NOT_ACKNOWLEDGED, State.CANCELLED): "the application is no longer active",
    (Reason.STALE_IN_STAGE, State.CANCELLED): "the application moved on",
    (Reason.CLOSE_THE_LOOP, State.DONE): "they were told the outcome",
    (Reason.CALLBACK, State.DONE): "a call reached them",
    (Reason.FEEDBACK_DUE, State.DONE): "the scorecard was submitted",
    (Reason.FEEDBACK_DUE, State.CANCELLED): (
        "the interview was cancelled or the interviewer taken off it"
    ),
    (Reason.DECISION_DUE, State.DONE): "the application moved on",
    (Reason.PROMISE_DUE, State.DONE): "they heard from us",
    (Reason.PROMISE_DUE, State.CANCELLED): (
        "the promised date was changed or cleared, or the application closed"
    ),
    (Reason.AWAITING_CANDIDATE, State.DONE): "they picked a time, or the times were re-sent",
    (Reason.AWAITING_CANDIDATE, State.CANCELLED): (
        "the times were withdrawn or the application closed"
    ),
}


# What the profile's "Closed lately" list and `closed_how` read: the joined user and activity
# rows would otherwise come whole (an activity's body and payload, every user column).
CLOSED_FIELDS = (
    "candidate_id",
    "reason",
    "state",
    "closed_at",
    "note",
    "closed_by__first_name",
    "closed_by__last_name",
    "closed_by__username",
    "closed_by_activity__kind",
    "closed_by_activity__payload",
    "closed_by_activity__actor__first_name",
    "closed_by_activity__actor__last_name",
    "closed_by_activity__actor__username",
)


def recently_closed(*, candidate: Candidate, now: datetime | None = None) -> QuerySet[FollowUp]:
    """The candidate's follow-ups closed in the last two weeks, newest first, with what
    closed them joined (one query), for the profile."""
    since = (now or timezone.now()) - RECENTLY_CLOSED
    return (
        candidate.followups.exclude(state__in=OPEN_STATES)
        .filter(closed_at__gte=since)
        .select_related("closed_by", "closed_by_activity__actor")
        .only(*CLOSED_FIELDS)
        .order_by("-closed_at", "-id")[:RECENTLY_CLOSED_SHOWN]
    )


def closed_how(followup: FollowUp) -> str:
    """Who or what closed a follow-up, in words ("" while it is open): the touch that kept
    it, the person who marked it, or the rule that saw it settled. Reads `closed_by` and
    `closed_by_activity__actor`: join them."""
    if followup.state in OPEN_STATES:
        return ""
    touch = followup.closed_by_activity
    if touch is not None:
        kind = touch.get_kind_display()
        kind = kind if kind.startswith("LinkedIn") else kind.lower()
        verb = "sent" if touch.payload.get("event") == "email_sent" else "logged"
        by = touch.actor.name if touch.actor_id else "Ghostless"
        return f"Done by the {kind} {verb} by {by}"
    if followup.closed_by_id:
        done = "Marked done" if followup.state == State.DONE else "Cancelled"
        return f"{done} by {followup.closed_by.name}"
    rule = f"Closed by the rule “{followup.get_reason_display()}”"
    ending = RULE_ENDINGS.get((followup.reason, followup.state))
    return f"{rule}: {ending}" if ending else rule


def access_followup(user: User, pk) -> FollowUp:
    return get_object_or_404(followups_visible_to(user), pk=pk)


def end_of_today(now: datetime | None = None) -> datetime:
    local = (now or timezone.now()).astimezone(company_zone())
    return local.replace(hour=23, minute=59, second=59, microsecond=999999)


class Queue:
    """Open follow-ups due by the end of today: overdue first, then longest wait first.

    Read as two index-ordered queries (overdue, then due later today, each by wait) rather
    than sorting every due follow-up by "is it overdue": a page costs the same however many
    are due. Sliceable and countable, so a Paginator pages it; iterating gives them all.
    """

    def __init__(self, *, user: User, now: datetime):
        self.now = now
        self.due = FollowUp.objects.filter(
            assignee=user, state=State.OPEN, due_at__lte=end_of_today(now)
        )
        # Whether the row offers a text: a number that has not opted out (texts app).
        textable = CandidatePhone.objects.filter(
            candidate_id=OuterRef("candidate_id"), sms_opted_out_at__isnull=True
        )
        by_wait = (
            self.due.select_related("candidate", "application__job", "application__stage")
            .annotate(textable=Exists(textable))
            .order_by("waiting_since", "id")
        )
        self.overdue = by_wait.filter(due_at__lte=now)
        self.later = by_wait.filter(due_at__gt=now)
        self._counts: tuple[int, int] | None = None

    def counts(self) -> tuple[int, int]:
        """(overdue, all due by tonight) in one query over the assignee's due range."""
        if self._counts is None:
            row = self.due.aggregate(
                overdue=Count("id", filter=Q(due_at__lte=self.now)), due=Count("id")
            )
            self._counts = (row["overdue"], row["due"])
        return self._counts

    def count(self) -> int:
        return self.counts()[1]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, rows: slice) -> list[FollowUp]:
        overdue = self.counts()[0]
        start, stop = rows.start or 0, rows.stop if rows.stop is not None else self.count()
        found = list(self.overdue[start:stop]) if start < min(stop, overdue) else []
        if stop > overdue:
            found += self.later[max(start - overdue, 0) : stop - overdue]
        return found

    def __iter__(self) -> Iterator[FollowUp]:
        yield from self.overdue
        yield from self.later


def queue(*, user: User, now: datetime | None = None) -> Queue:
    """The queue of one recruiter (see Queue)."""
    return Queue(user=user, now=now or timezone.now())


def overdue_count(user: User, now: datetime | None = None) -> int:
    now = now or timezone.now()
    return FollowUp.objects.filter(assignee=user, state=State.OPEN, due_at__lte=now).count()


def team_summary(now: datetime | None = None) -> QuerySet:
    """Per assignee: open and overdue counts and the oldest wait, most overdue first; one
    grouped query, which the team page cuts into pages."""
    now = now or timezone.now()
    return (
        FollowUp.objects.filter(state__in=OPEN_STATES)
        .values("assignee_id", "assignee__username", "assignee__first_name", "assignee__last_name")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(state=State.OPEN, due_at__lte=now)),
            oldest_wait=Min("waiting_since"),
        )
        .order_by("-overdue", "oldest_wait", "assignee_id")
    )


def team_totals(now: datetime | None = None) -> dict:
    """The whole team's open and overdue follow-ups and how many people hold them."""
    now = now or timezone.now()
    return FollowUp.objects.filter(state__in=OPEN_STATES).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(state=State.OPEN, due_at__lte=now)),
        people=Count("assignee_id", distinct=True),
    )
