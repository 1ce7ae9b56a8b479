"""The ghosting report: did every applicant hear back, every reply get an answer, every
promise hold? Per recruiter (owner) and per job, worst first, and week by week.

Counts come from a few bounded reads of the range's rows (decisions, replies, interviews,
promises: two or three timestamps and two ids each); business time is subtracted in Python on
the follow-up rules' own clock (`reports.clock`), which no SQL function knows. The big reads
(decisions, replies) come as epoch seconds, not datetimes, which is most of their cost. Steps:
1. decisions: rejections decided in the range, and active applicants of jobs filled or closed
   in it; told (and within 2/5/10 business days), skipped with a reason, never told;
2. replies: inbound contact from candidates in the range, and our first outbound contact after
   each (stored on the reply), in business hours, against the awaiting-reply rule's limit;
3. promises: interviews held in the range (kept unless the feedback-due rule had to chase a
   scorecard) and "hear back by" dates passed in it (kept when we contacted the candidate after
   the interview and by the date); decisions the decision-due rule had to chase;
4. tallies per owner, per job, per week; the never-told and unanswered lists, oldest first.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from statistics import median

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.followups.models import FollowUp, Reason
from ghostless.followups.rules import rule_settings
from ghostless.interviews.models import Interview, InterviewStatus
from ghostless.jobs.models import Application, ApplicationStatus, Job, JobStatus
from ghostless.reports.clock import DAY, BusinessClock, Epoch, EpochClock, moment, raw_rows
from ghostless.reports.filters import Filters, scoped_applications, within
from ghostless.timeline.models import CONTACT_KINDS, Activity, Direction

TOLD_WITHIN = (2, 5, 10)
LIST_LIMIT = 50
ENDED_JOB = (JobStatus.FILLED, JobStatus.CLOSED)


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Tally:
    """The figures of one row: the company, one owner, one job or one week."""

    key: object = None
    label: str = ""
    username: str = ""
    decided: int = 0
    told: int = 0
    told_within: dict = field(default_factory=lambda: dict.fromkeys(TOLD_WITHIN, 0))
    skipped: int = 0
    never_told: int = 0
    replies: int = 0
    answered: int = 0
    answered_in_limit: int = 0
    answer_hours: list = field(default_factory=list, repr=False)
    promises: int = 0
    promises_broken: int = 0
    decisions_late: int = 0

    @property
    def told_share(self) -> float | None:
        return share(self.told, self.decided)

    def told_within_share(self, days: int) -> float | None:
        return share(self.told_within[days], self.decided)

    @property
    def told_within_2(self) -> float | None:
        return self.told_within_share(2)

    @property
    def told_within_5(self) -> float | None:
        return self.told_within_share(5)

    @property
    def told_within_10(self) -> float | None:
        return self.told_within_share(10)

    @property
    def unanswered(self) -> int:
        return self.replies - self.answered

    @property
    def answered_late(self) -> int:
        return self.answered - self.answered_in_limit

    @property
    def told_late(self) -> int:
        """Told, but more than 2 business days after the decision."""
        return self.told - self.told_within[2]

    @property
    def answered_in_limit_share(self) -> float | None:
        return share(self.answered_in_limit, self.replies)

    @cached_property  # read only once tallied, by the chart, the table and the CSV
    def median_answer_hours(self) -> float | None:
        return round(median(self.answer_hours), 1) if self.answer_hours else None

    @property
    def promises_kept(self) -> int:
        return self.promises - self.promises_broken

    @property
    def left_waiting(self) -> int:
        """What the leaderboard sorts by: applicants never told, replies never answered and
        promises broken, each one a candidate left waiting."""
        return self.never_told + self.unanswered + self.promises_broken + self.decisions_late

    @property
    def is_empty(self) -> bool:
        return not (self.decided or self.replies or self.promises or self.decisions_late)

    def as_row(self) -> dict:
        return {
            "applications_decided": self.decided,
            "told": self.told,
            "told_within_2bd": self.told_within[2],
            "told_within_5bd": self.told_within[5],
            "told_within_10bd": self.told_within[10],
            "skipped": self.skipped,
            "never_told": self.never_told,
            "replies": self.replies,
            "replies_answered": self.answered,
            "replies_answered_within_limit": self.answered_in_limit,
            "median_answer_hours": self.median_answer_hours,
            "promises": self.promises,
            "promises_kept": self.promises_kept,
            "promises_broken": self.promises_broken,
            "decisions_late": self.decisions_late,
            "left_waiting": self.left_waiting,
        }


@dataclass
class Waiting:
    """One line of a "still waiting" list: who, on what, since when."""

    candidate_id: int
    name: str
    job: str
    since: datetime
    url: str = ""


@dataclass
class GhostingReport:
    filters: Filters
    total: Tally
    by_owner: list[Tally]
    by_job: list[Tally]
    weeks: list[Tally]
    never_told: list[Waiting]
    unanswered: list[Waiting]
    answer_limit_hours: int

    @property
    def is_empty(self) -> bool:
        return self.total.is_empty


class _Tallies:
    """Adds one event to the company's, its owner's, its job's and its week's rows."""

    def __init__(self):
        self.total = Tally()
        self.owners: dict = defaultdict(Tally)
        self.jobs: dict = defaultdict(Tally)
        self.weeks: dict = defaultdict(Tally)

    def rows(self, owner_id, job_id, week: date) -> list[Tally]:
        rows = [self.total, self.owners[owner_id], self.weeks[week]]
        if job_id is not None:
            rows.append(self.jobs[job_id])
        return rows


def _decisions(applications: QuerySet[Application], filters: Filters):
    """(pk, owner, job, decided at, told at, skipped) of every outcome decided in the range
    (times in epoch seconds): two index range reads, rejections by their status time, ended
    jobs by theirs."""
    fields = ("pk", "owner_id", "job_id", "decided", "told", "loop_skip_reason")
    rejected = applications.filter(
        status=ApplicationStatus.REJECTED,
        status_changed_at__gte=filters.since,
        status_changed_at__lt=filters.until,
    ).annotate(decided=Epoch("status_changed_at"), told=Epoch("told_at"))
    ended_jobs = Job.objects.filter(
        status__in=ENDED_JOB,
        status_changed_at__gte=filters.since,
        status_changed_at__lt=filters.until,
    )
    # By the range's few ended jobs first: otherwise SQLite walks every active application.
    ended = applications.filter(
        status=ApplicationStatus.ACTIVE, job__in=ended_jobs.order_by().values("pk")
    ).annotate(decided=Epoch("job__status_changed_at"), told=Epoch("told_at"))
    yield from raw_rows(rejected.order_by().values_list(*fields))
    yield from raw_rows(ended.order_by().values_list(*fields))


def _replies(actor: User | None, filters: Filters, applications: QuerySet[Application]):
    """(candidate, owner, job, replied at, answered at) of every inbound contact in the range,
    times in epoch seconds; the answer is stored on the reply (`Activity.answered_at`).
    Narrowed to a job's (or a hiring manager's) applications when a job-side filter is set;
    private entries and notes never count."""
    replies = Activity.objects.filter(
        direction=Direction.INBOUND,
        kind__in=CONTACT_KINDS,
        private=False,
        occurred_at__gte=filters.since,
        occurred_at__lt=filters.until,
    )
    job_side = filters.job_id or filters.department or filters.location or filters.source
    if job_side or (actor is not None and not actor.sees_everything):
        replies = replies.filter(application__in=applications.values("pk"))
    elif filters.owner_id is not None:
        replies = replies.filter(
            Q(application__owner_id=filters.owner_id)
            | Q(application__isnull=True, candidate__owner_id=filters.owner_id)
        )
    return (
        replies.order_by()
        .annotate(
            owner=Coalesce("application__owner_id", "candidate__owner_id"),
            replied=Epoch("occurred_at"),
            answered=Epoch("answered_at"),
        )
        .values_list("candidate_id", "owner", "application__job_id", "replied", "answered")
    )


def _interviews(actor, applications: QuerySet[Application], filters: Filters, now: datetime):
    """(owner, job, start, feedback chased) of every interview held in the range."""
    chased = FollowUp.objects.filter(interview_id=OuterRef("pk"), reason=Reason.FEEDBACK_DUE)
    held = Interview.objects.filter(
        starts_at__gte=filters.since, starts_at__lt=min(filters.until, now)
    )
    return (
        within(held, applications, actor=actor, filters=filters)
        .exclude(status=InterviewStatus.CANCELLED)
        .annotate(chased=Exists(chased))
        .order_by()
        .values_list("application__owner_id", "application__job_id", "starts_at", "chased")
    )


def _answer_promises(applications: QuerySet[Application], filters: Filters, now: datetime):
    """(owner, job, hear back by, kept) of every promised date that passed in the range; kept
    when we contacted the candidate after the interview and by the date."""
    interview_start = (
        Interview.objects.filter(
            application_id=OuterRef("pk"), starts_at__lte=OuterRef("hear_back_by")
        )
        .exclude(status=InterviewStatus.CANCELLED)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    contact = Activity.objects.filter(
        candidate_id=OuterRef("candidate_id"),
        direction=Direction.OUTBOUND,
        kind__in=CONTACT_KINDS,
        occurred_at__gt=Coalesce(OuterRef("interview_start"), OuterRef("stage_entered_at")),
        occurred_at__lte=OuterRef("hear_back_by"),
    )
    return (
        applications.filter(
            hear_back_by__gte=filters.since, hear_back_by__lt=min(filters.until, now)
        )
        .annotate(interview_start=Subquery(interview_start))
        .annotate(contacted=Exists(contact))
        .order_by()
        .values_list("owner_id", "job_id", "hear_back_by", "contacted", "told_at")
    )


def _late_decisions(actor, applications: QuerySet[Application], filters: Filters):
    late = FollowUp.objects.filter(
        application__isnull=False,
        reason=Reason.DECISION_DUE,
        due_at__gte=filters.since,
        due_at__lt=filters.until,
    )
    return (
        within(late, applications, actor=actor, filters=filters)
        .order_by()
        .values_list("application__owner_id", "application__job_id", "due_at")
    )


def ghosting_report(*, actor: User | None, filters: Filters) -> GhostingReport:
    now = timezone.now()
    applications = scoped_applications(actor=actor, filters=filters)
    clock = BusinessClock()
    epochs = EpochClock(clock)
    seconds, week_of = epochs.seconds, epochs.week
    tallies = _Tallies()
    never_told: list[tuple[float, int]] = []
    for pk, owner_id, job_id, decided_at, told_at, skip in _decisions(applications, filters):
        rows = tallies.rows(owner_id, job_id, week_of(decided_at))
        for row in rows:
            row.decided += 1
            if told_at is not None:
                row.told += 1
            elif skip:
                row.skipped += 1
            else:
                row.never_told += 1
        if told_at is not None:
            took = seconds(told_at) - seconds(decided_at)
            within = [days for days in TOLD_WITHIN if took <= days * DAY]
            for row in rows:
                for days in within:
                    row.told_within[days] += 1
        elif not skip:
            never_told.append((decided_at, pk))

    limit_hours = rule_settings()[Reason.AWAITING_REPLY][1] * 24
    waiting: dict[int, tuple[float, int | None]] = {}
    for candidate_id, owner_id, job_id, replied_at, answered_at in raw_rows(
        _replies(actor, filters, applications)
    ):
        rows = tallies.rows(owner_id, job_id, week_of(replied_at))
        if answered_at is None:
            waiting.setdefault(candidate_id, (replied_at, job_id))
            waiting[candidate_id] = min(waiting[candidate_id], (replied_at, job_id))
            for row in rows:
                row.replies += 1
            continue
        hours = (seconds(answered_at) - seconds(replied_at)) / 3600
        for row in rows:
            row.replies += 1
            row.answered += 1
            row.answer_hours.append(hours)
            if hours <= limit_hours:
                row.answered_in_limit += 1

    for owner_id, job_id, starts_at, chased in _interviews(actor, applications, filters, now):
        for row in tallies.rows(owner_id, job_id, clock.week(starts_at)):
            row.promises += 1
            row.promises_broken += chased
    for owner_id, job_id, by, contacted, told_at in _answer_promises(applications, filters, now):
        kept = contacted or (told_at is not None and told_at <= by)
        for row in tallies.rows(owner_id, job_id, clock.week(by)):
            row.promises += 1
            row.promises_broken += not kept
    for owner_id, job_id, due_at in _late_decisions(actor, applications, filters):
        for row in tallies.rows(owner_id, job_id, clock.week(due_at)):
            row.decisions_late += 1

    return GhostingReport(
        filters=filters,
        total=tallies.total,
        by_owner=_labelled(tallies.owners, _owner_labels),
        by_job=_labelled(tallies.jobs, _job_rows_labels),
        weeks=_week_rows(tallies.weeks, filters),
        never_told=_never_told_list(never_told),
        unanswered=_unanswered_list(waiting),
        answer_limit_hours=limit_hours,
    )


def _owner_labels(ids) -> dict:
    labels = {
        user.pk: (user.name, user.username)
        for user in User.objects.filter(pk__in=[i for i in ids if i is not None]).only(
            "id", "username", "first_name", "last_name"
        )
    }
    labels[None] = ("Nobody (unowned)", "")
    return labels


def _job_labels(ids) -> dict:
    return dict(Job.objects.filter(pk__in=list(ids)).values_list("pk", "title"))


def _job_rows_labels(ids) -> dict:
    return {pk: (title, "") for pk, title in _job_labels(ids).items()}


def _labelled(rows: dict, labels_of) -> list[Tally]:
    """Rows named, worst first: most candidates left waiting, then the lowest told share."""
    labels = labels_of(rows.keys())
    for key, row in rows.items():
        row.key, (row.label, row.username) = key, labels.get(key, ("", ""))
    return sorted(
        rows.values(),
        key=lambda r: (-r.left_waiting, r.told_share if r.told_share is not None else 101, r.label),
    )


def _week_rows(rows: dict, filters: Filters) -> list[Tally]:
    """One row per week of the range, empty weeks too, so a chart's gaps are real."""
    weeks = []
    week = filters.start - timedelta(days=filters.start.weekday())
    while week <= filters.end:
        row = rows.get(week, Tally())
        row.key, row.label = week, week.isoformat()
        weeks.append(row)
        week += timedelta(days=7)
    return weeks


def _never_told_list(never_told: list[tuple[float, int]]) -> list[Waiting]:
    oldest = sorted(never_told)[:LIST_LIMIT]
    found = (
        Application.objects.filter(pk__in=[pk for _, pk in oldest])
        .select_related("candidate", "job")
        .only("id", "candidate__first_name", "candidate__last_name", "job__title")
        .in_bulk()
    )
    return [
        Waiting(
            candidate_id=found[pk].candidate_id,
            name=found[pk].candidate.name,
            job=found[pk].job.title,
            since=moment(decided_at),
            url=found[pk].get_absolute_url(),
        )
        for decided_at, pk in oldest
        if pk in found
    ]


def _unanswered_list(waiting: dict[int, tuple[float, int | None]]) -> list[Waiting]:
    oldest = sorted(waiting.items(), key=lambda item: item[1])[:LIST_LIMIT]
    names = {
        candidate.pk: candidate.name
        for candidate in Candidate.objects.filter(pk__in=[pk for pk, _ in oldest]).only(
            "id", "first_name", "last_name"
        )
    }
    jobs = _job_labels({job_id for _, (_, job_id) in oldest if job_id})
    return [
        Waiting(
            candidate_id=pk, name=names.get(pk, ""), job=jobs.get(job_id, ""), since=moment(since)
        )
        for pk, (since, job_id) in oldest
    ]


def never_told_rows(*, actor: User | None, filters: Filters):
    """Every applicant decided in the range and never told, for the CSV: streamed from the
    database in chunks, oldest decision first within each kind of decision."""
    applications = scoped_applications(actor=actor, filters=filters).filter(
        told_at__isnull=True, loop_skip_reason=""
    )
    fields = (
        "pk",
        "candidate_id",
        "candidate__first_name",
        "candidate__last_name",
        "job_id",
        "job__title",
        "owner__username",
    )
    rejected = (
        applications.filter(
            status=ApplicationStatus.REJECTED,
            status_changed_at__gte=filters.since,
            status_changed_at__lt=filters.until,
        )
        .order_by("status_changed_at", "pk")
        .values_list(*fields, "status_changed_at")
    )
    ended = (
        applications.filter(
            status=ApplicationStatus.ACTIVE,
            job__status__in=ENDED_JOB,
            job__status_changed_at__gte=filters.since,
            job__status_changed_at__lt=filters.until,
        )
        .order_by("job__status_changed_at", "pk")
        .values_list(*fields, "job__status_changed_at")
    )
    yield from rejected.iterator(chunk_size=2000)
    yield from ended.iterator(chunk_size=2000)
