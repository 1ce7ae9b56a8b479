"""Business time as one number, so a report can subtract many pairs of moments quickly.

`BusinessClock.seconds(moment)` counts business seconds from a fixed Monday on the clock of
`followups.business_time`: it runs through every hour of a working day (wall-clock time since
local midnight) and stands still on weekends and holidays. `add_business_days(m, n)` is
exactly `n * 86400` of them later, so "told within 2 business days" here means what the
follow-up rules mean by it (tests/reports/test_clock.py holds them to it).
"""

from bisect import bisect_left
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.conf import settings

from ghostless.core.when import EARLIEST
from ghostless.followups.business_time import _holidays, company_zone

DAY = 86400
ANCHOR = date(1969, 12, 29)  # a Monday before the earliest moment the clock takes (1970)


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
