"""The one way pages show a time or a day: "2 Mar 2026, 16:05 CET" in the reader's zone.

Built from the value's fields rather than through Django's `date` filter, which parses its
format string on every call (pages show hundreds of times) and whose "p.m." meets a
sentence's full stop as "p.m..".
"""

from datetime import date, datetime

from django import template

register = template.Library()

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@register.filter(expects_localtime=True)
def day(value: date | None) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


@register.filter(expects_localtime=True)
def when(value: datetime | None) -> str:
    if not value:
        return ""
    return f"{day(value)}, {value.hour:02}:{value.minute:02} {value.tzname() or ''}".rstrip()


def span(start: datetime, end: datetime) -> str:
    """ "2 Mar 2026, 16:05–17:05 CET": a stretch of one day, in the zone `start` is in."""
    end = end.astimezone(start.tzinfo)
    return f"{day(start)}, {start:%H:%M}–{end:%H:%M} {start.tzname() or ''}".rstrip()
