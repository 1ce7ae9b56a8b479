"""Business days in the company's time zone, working days and public holidays.

The business clock runs through every hour of a working day and stands still on weekends and
holidays. "One business day after Friday 15:00" is Monday 15:00; anything that happens on a
Saturday counts from the end of Friday, so one business day later is the end of Monday.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

from ghostless.core.when import EARLIEST


def company_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[date]:
    if not country:
        return frozenset()
    return frozenset(holidays.country_holidays(country, years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() in settings.WORKING_DAYS and day not in _holidays(
        settings.HOLIDAYS_COUNTRY, day.year
    )


def _step(day: date, direction: int) -> date:
    """The next (1) or previous (-1) working day."""
    return _step_cached(day, direction, settings.WORKING_DAYS, settings.HOLIDAYS_COUNTRY)


@lru_cache(maxsize=8192)
def _step_cached(day: date, direction: int, working_days: frozenset, country: str) -> date:
    # Cached with the settings in the key: the rules ask about few distinct days, many times.
    for _ in range(366):
        day += timedelta(days=direction)
        if day.weekday() in working_days and day not in _holidays(country, day.year):
            return day
    raise ValueError("No working day within a year: check WORKING_DAYS and HOLIDAYS_COUNTRY.")


def _business_position(moment: datetime) -> tuple[date, timedelta]:
    """(working day, time into it). On a day off the clock stands at the end of the last
    working day, which is the same business instant as the start of the next one."""
    # A time stored from before 1970 (older versions let some in) counts from 1970, so the
    # clock never steps off the start of the calendar.
    local = max(moment, EARLIEST).astimezone(company_zone())
    day = local.date()
    midnight = datetime.combine(day, time(0), tzinfo=company_zone())
    if is_working_day(day) and local > midnight:
        return day, local - midnight
    # Midnight before a working day, like a day off, is the end of the last working day.
    return _step(day, -1), timedelta(days=1)


def _wall(day: date, into: timedelta) -> datetime:
    return datetime.combine(day, time(0), tzinfo=company_zone()) + into


def add_business_days(moment: datetime, days: int) -> datetime:
    day, into = _business_position(moment)
    for _ in range(days):
        day = _step(day, 1)
    return _wall(day, into)


def subtract_business_days(moment: datetime, days: int) -> datetime:
    """The latest instant `x` with add_business_days(x, days) <= moment: a rule's cutoff."""
    day, into = _business_position(moment)
    for _ in range(days):
        day = _step(day, -1)
    return _wall(day, into)


def add_business_hours(moment: datetime, hours: int) -> datetime:
    """The business clock `hours` on: 24 business hours after Friday 15:00 is Monday 15:00."""
    day, into = _business_position(moment)
    into += timedelta(hours=hours)
    while into > timedelta(days=1):
        day = _step(day, 1)
        into -= timedelta(days=1)
    return _wall(day, into)


def subtract_business_hours(moment: datetime, hours: int) -> datetime:
    """The latest instant `x` with add_business_hours(x, hours) <= moment: a rule's cutoff."""
    day, into = _business_position(moment)
    into -= timedelta(hours=hours)
    while into < timedelta(0):
        day = _step(day, -1)
        into += timedelta(days=1)
    return _wall(day, into)
