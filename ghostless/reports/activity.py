"""Activity: the touches each person logged or sent, per week, by kind and direction.

One GROUP BY (person, week, kind, direction) over the range's timeline entries of the kinds
people log (email, text, call, voicemail, LinkedIn, meeting, note); private entries never count.
The week is a CASE over the UTC moments the company's weeks begin (a handful, computed here),
so the database compares each row's stored time with constants instead of converting it to
local time row by row (on SQLite a Python function call per touch); nested as a binary search.
PostgreSQL converts in the database, faster than either.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.db import connections
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import TruncWeek

from ghostless.accounts.models import User
from ghostless.followups.business_time import company_zone
from ghostless.reports.filters import Filters, scoped_applications
from ghostless.timeline.models import LOGGABLE_KINDS, Activity, Direction

KINDS = list(LOGGABLE_KINDS)


@dataclass
class Touches:
    key: object = None
    label: str = ""
    username: str = ""
    by_kind: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    by_direction: dict = field(default_factory=lambda: dict.fromkeys(Direction.values, 0))

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    def as_row(self) -> dict:
        return {
            "total": self.total,
            **{f"{kind}": n for kind, n in self.by_kind.items()},
            **{f"{direction}": n for direction, n in self.by_direction.items()},
        }


@dataclass
class ActivityReport:
    filters: Filters
    total: Touches
    by_person: list[Touches]
    weeks: list[Touches]

    @property
    def is_empty(self) -> bool:
        return not self.total.total


def activity_report(*, actor: User | None, filters: Filters) -> ActivityReport:
    touches = Activity.objects.filter(
        kind__in=KINDS,
        private=False,
        actor__isnull=False,
        occurred_at__gte=filters.since,
        occurred_at__lt=filters.until,
    )
    job_side = filters.job_id or filters.department or filters.location or filters.source
    if job_side or (actor is not None and not actor.sees_everything):
        touches = touches.filter(
            application__in=scoped_applications(
                actor=actor, filters=replace(filters, owner_id=None)
            ).values("pk")
        )
    else:
        scoped_applications(actor=actor, filters=filters)  # the permission check
    if filters.owner_id is not None:  # the recruiter filter: who made the touch
        touches = touches.filter(actor_id=filters.owner_id)
    mondays = _mondays(filters)
    week, monday_of = _week(mondays, touches.db)
    grouped = (
        touches.annotate(week=week)
        .values("actor_id", "week", "kind", "direction")
        .annotate(n=Count("id"))
        .values_list("actor_id", "week", "kind", "direction", "n")
    )
    total, people, weeks = Touches(), defaultdict(Touches), defaultdict(Touches)
    for person, index, kind, direction, n in grouped:
        week = monday_of(index)
        for row in (total, people[person], weeks[week]):
            row.by_kind[kind] += n
            row.by_direction[direction] += n
    names = {
        user.pk: (user.name, user.username)
        for user in User.objects.filter(pk__in=list(people)).only(
            "id", "username", "first_name", "last_name"
        )
    }
    for pk, row in people.items():
        row.key, (row.label, row.username) = pk, names.get(pk, ("", ""))
    return ActivityReport(
        filters=filters,
        total=total,
        by_person=sorted(people.values(), key=lambda r: (-r.total, r.label)),
        weeks=_weeks(weeks, filters),
    )


def _mondays(filters: Filters) -> list[date]:
    """The Mondays (company time) of every week the range touches, in order."""
    first = filters.start - timedelta(days=filters.start.weekday())
    return [first + timedelta(days=7 * i) for i in range((filters.end - first).days // 7 + 1)]


def _week(mondays: list[date], using: str):
    """The week of a touch as a database expression, and how to read its value as a Monday.
    PostgreSQL truncates to the local week itself (daylight saving included); SQLite has no
    time zones, so there it is the index of the week in `mondays` (`_week_case`)."""
    if connections[using].vendor == "postgresql":
        return TruncWeek("occurred_at", tzinfo=company_zone()), lambda monday: monday.date()
    return _week_case(mondays), mondays.__getitem__


def _week_case(mondays: list[date]):
    """The index in `mondays` of a touch's week: the last Monday's local midnight (as a UTC
    moment, so daylight saving is the zone's business) at or before the touch. A balanced
    tree of comparisons: about six per touch over a year's 53 weeks, not one per week."""
    zone = company_zone()
    starts = [datetime.combine(monday, time(0), tzinfo=zone) for monday in mondays]

    def within(low: int, high: int):
        """The index among weeks low..high (inclusive) of a touch known to be in them."""
        if low == high:
            return Value(low)
        middle = (low + high + 1) // 2
        return Case(
            When(occurred_at__lt=starts[middle], then=within(low, middle - 1)),
            default=within(middle, high),
            output_field=IntegerField(),
        )

    return within(0, len(starts) - 1)


def _weeks(rows: dict, filters: Filters) -> list[Touches]:
    weeks: list[Touches] = []
    week: date = filters.start - timedelta(days=filters.start.weekday())
    while week <= filters.end:
        row = rows.get(week, Touches())
        row.key, row.label = week, week.isoformat()
        weeks.append(row)
        week += timedelta(days=7)
    return weeks
