"""Business time as one number, so a report can subtract many pairs of moments quickly.

`BusinessClock.seconds(moment)` counts business seconds from a fixed Monday on the clock of
`followups.business_time`: it runs through every hour of a working day (wall-clock time since
local midnight) and stands still on weekends and holidays. `add_business_days(m, n)` is
exactly `n * 86400` of them later, so "told within 2 business days" here means what the
follow-up rules mean by it (tests/reports/test_clock.py holds them to it).
"""

from bisect import bisect_left
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import connections
from django.db.models import FloatField, Func, QuerySet

from ghostless.core.when import EARLIEST
from ghostless.followups.business_time import _holidays, company_zone

DAY = 86400
ANCHOR = date(1969, 12, 29)  # a Monday before the earliest moment the clock takes (1970)
UNIX_DAY = date(1970, 1, 1)


@lru_cache(maxsize=256)
def _skipped_holidays(working_days: frozenset, country: str, year: int) -> tuple[date, ...]:
    """The year's holidays that fall on working weekdays, sorted: the ones the count skips."""
    return tuple(sorted(d for d in _holidays(country, year) if d.weekday() in working_days))


@lru_cache(maxsize=16384)
def _day_index(day: date, working_days: frozenset, country: str) -> int:
    """How many working days lie in [ANCHOR, day) (holidays counted from 1970)."""
    weeks, rest = divmod((day - ANCHOR).days, 7)
    count = weeks * len(working_days) + sum(1 for i in range(rest) if i in working_days)
    for year in range(ANCHOR.year + 1, day.year + 1):
        skipped = _skipped_holidays(working_days, country, year)
        count -= bisect_left(skipped, day) if year == day.year else len(skipped)
    return count


class BusinessClock:
    """Reads the settings once; remembers each local day it has seen (a report sees few)."""

    def __init__(self):
        self.zone = company_zone()
        self.working_days = settings.WORKING_DAYS
        self.country = settings.HOLIDAYS_COUNTRY
        self._days: dict[date, tuple[int, bool]] = {}

    def _day(self, day: date) -> tuple[int, bool]:
        known = self._days.get(day)
        if known is None:
            working = day.weekday() in self.working_days and day not in _holidays(
                self.country, day.year
            )
            known = self._days[day] = (
                _day_index(day, self.working_days, self.country) * DAY,
                working,
            )
        return known

    def local(self, moment: datetime) -> datetime:
        return max(moment, EARLIEST).astimezone(self.zone)

    def seconds(self, moment: datetime) -> float:
        """On a working day its start plus the wall-clock time into it; on a day off the end
        of the last working day, which is the start of the next one."""
        local = self.local(moment)
        start, working = self._day(local.date())
        if not working:
            return start
        return (
            start
            + (local.hour * 3600 + local.minute * 60 + local.second)
            + (local.microsecond / 1e6)
        )

    def week(self, moment: datetime) -> date:
        """The Monday of the moment's week, in company time."""
        day = self.local(moment).date()
        return day - timedelta(days=day.weekday())


def business_seconds(moment: datetime) -> float:
    return BusinessClock().seconds(moment)


class Epoch(Func):
    """A stored moment as seconds since 1970 (UTC, with its microseconds): a report reading tens
    of thousands of moments skips building a datetime for each (most of its time otherwise)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "sqlite":  # stored as text: "YYYY-MM-DD HH:MM:SS[.ffffff]"
            sql = f"(CAST(strftime('%%s', {column}) AS REAL) + CAST(substr({column}, 20) AS REAL))"
            return sql, (*params, *params)
        return f"EXTRACT(EPOCH FROM {column})::double precision", params


class EpochClock:
    """`BusinessClock.seconds` and `.week` of epoch seconds, with the zone's offset remembered
    per UTC day (per quarter hour on a day the offset changes) and each local day's figures
    per day: about a microsecond a moment."""

    def __init__(self, clock: BusinessClock | None = None):
        self.clock = clock or BusinessClock()
        self._offsets: dict[int, float | None] = {}
        self._quarters: dict[int, float | None] = {}
        self._days: dict[int, tuple[int, bool]] = {}
        self._weeks: dict[int, date] = {}

    def _zone_offset(self, epoch: float) -> float:
        return (
            datetime.fromtimestamp(epoch, UTC)
            .astimezone(self.clock.zone)
            .utcoffset()
            .total_seconds()
        )

    def _same_offset(self, start: int, length: int) -> float | None:
        """The zone's offset through [start, start + length) seconds, or None if it changes
        (zones change it at most once or twice a year, never twice within a day)."""
        first, last = self._zone_offset(start), self._zone_offset(start + length - 1)
        return first if first == last else None

    def _offset(self, epoch: float) -> float:
        day = int(epoch // DAY)
        offset = self._offsets.get(day, False)
        if offset is False:
            offset = self._offsets[day] = self._same_offset(day * DAY, DAY)
        if offset is not None:
            return offset
        quarter = int(epoch // 900)
        offset = self._quarters.get(quarter, False)
        if offset is False:
            offset = self._quarters[quarter] = self._same_offset(quarter * 900, 900)
        return offset if offset is not None else self._zone_offset(epoch)

    def _day(self, day: int) -> tuple[int, bool]:
        known = self._days.get(day)
        if known is None:
            known = self._days[day] = self.clock._day(UNIX_DAY + timedelta(days=day))
        return known

    def seconds(self, epoch: float) -> float:
        # `_offset` and `_day` inlined on their cached paths: this runs once or twice a row.
        epoch = max(epoch, 0.0)
        offset = self._offsets.get(int(epoch // DAY))
        local = epoch + (offset if offset is not None else self._offset(epoch))
        day = int(local // DAY)
        start, working = self._days.get(day) or self._day(day)
        return start + (local - day * DAY) if working else start

    def week(self, epoch: float) -> date:
        epoch = max(epoch, 0.0)
        offset = self._offsets.get(int(epoch // DAY))
        day = int((epoch + (offset if offset is not None else self._offset(epoch))) // DAY)
        week = self._weeks.get(day)
        if week is None:
            local = UNIX_DAY + timedelta(days=day)
            week = self._weeks[day] = local - timedelta(days=local.weekday())
        return week


def moment(epoch: float) -> datetime:
    """The datetime of an `Epoch` value (exact to the microsecond it was stored with)."""
    return datetime.fromtimestamp(epoch, UTC)


def raw_rows(queryset: QuerySet):
    """A `values_list` queryset's rows as the database driver gives them, without Django's
    per-value converters: for reads of plain numbers and strings (`Epoch`s, ids, names)."""
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(2000):
            yield from chunk
