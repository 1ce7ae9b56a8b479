"""Dates and times from people and programs, and showing stored ones back.

Python's calendar runs from year 1 to 9999, so a time near either end cannot always be moved
to another zone: the conversion raises OverflowError. Times coming in are held to a sane range
and refused with the field named; times already stored are shown in UTC when the viewer's
zone cannot hold them.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from ghostless.core.errors import DomainError

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
# A past event may be dated a little ahead of the server's clock: clocks and zones get mixed up.
AHEAD = timedelta(days=1)
# How far ahead anything may be scheduled: a due time, a send time, a snooze, a closing date.
HORIZON = timedelta(days=3650)

TOO_EARLY = "Give a time from 1970 on."
TOO_LATE = "Give a time within ten years from now."


def _in_utc(value: datetime, *, field: str) -> datetime:
    if timezone.is_naive(value):
        raise DomainError("The time needs a time zone.", field=field)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise DomainError(TOO_EARLY if value.year < 1970 else TOO_LATE, field=field) from None


def check_past_datetime(value: datetime, *, field: str, ahead: timedelta = AHEAD) -> datetime:
    """When something happened, in UTC: from 1970 up to `ahead` of now."""
    moment = _in_utc(value, field=field)
    if moment < EARLIEST:
        raise DomainError(TOO_EARLY, field=field)
    if moment > timezone.now() + ahead:
        raise DomainError("That cannot happen in the future.", field=field)
    return moment


def check_future_datetime(value: datetime, *, field: str) -> datetime:
    """When something is due or scheduled, in UTC: from 1970 (it may be overdue) up to ten
    years from now. Whether it must still be to come is the caller's rule."""
    moment = _in_utc(value, field=field)
    if moment < EARLIEST:
        raise DomainError(TOO_EARLY, field=field)
    if moment > timezone.now() + HORIZON:
        raise DomainError(TOO_LATE, field=field)
    return moment


def check_date(day: date, *, field: str) -> date:
    """A calendar day given as a filter or a deadline: from 1970 up to ten years from today."""
    if day < EARLIEST.date():
        raise DomainError("Give a date from 1970 on.", field=field)
    if day > timezone.localdate() + HORIZON:
        raise DomainError("Give a date within ten years from today.", field=field)
    return day


def date_in_range(day: date) -> None:
    """check_date as a form field's validator: the refusal becomes the field's error."""
    try:
        check_date(day, field="date")
    except DomainError as error:
        raise ValidationError(error.message) from None


class ShownZone(ZoneInfo):
    """A zone to show times in. A stored time it cannot hold (the first or last hours of the
    calendar) comes back in UTC instead of raising, so a page shows it rather than failing."""

    def fromutc(self, dt: datetime) -> datetime:
        try:
            return super().fromutc(dt)
        except OverflowError:
            return dt.replace(tzinfo=UTC)
