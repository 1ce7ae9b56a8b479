"""Quiet hours: no text reaches a candidate at night in their own zone (Candidate.time_zone,
else the company's TIME_ZONE). SMS_QUIET_HOURS is "HH:MM-HH:MM" (default 20:00-08:00); a
text due inside it waits until the end of it, the candidate's morning."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings


def _window() -> tuple[time, time] | None:
    if not settings.SMS_QUIET_HOURS:
        return None
    start, end = settings.SMS_QUIET_HOURS.split("-")
    return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())


def candidate_zone(candidate) -> ZoneInfo:
    try:
        return ZoneInfo(candidate.time_zone or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def _quiet(moment: time, start: time, end: time) -> bool:
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end  # the window spans midnight


def release_at(candidate, when: datetime) -> datetime | None:
    """When a text due at `when` may go, if quiet hours hold it; None if it may go then."""
    window = _window()
    if window is None:
        return None
    start, end = window
    zone = candidate_zone(candidate)
    local = when.astimezone(zone)
    if not _quiet(local.time().replace(tzinfo=None), start, end):
        return None
    morning = datetime.combine(local.date(), end, tzinfo=zone)
    if morning <= local:
        morning = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=zone)
    return morning.astimezone(when.tzinfo)


def describe() -> str:
    window = _window()
    return f"{window[0]:%H:%M}–{window[1]:%H:%M}" if window else ""
