"""The invites tests' cast and helpers: two interviewers, a real SMTP server, and the
iCalendar parts of what it received."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from ghostless.accounts.models import Role
from ghostless.interviews import services
from tests.factories import UserFactory
from tests.messaging import conftest as messaging_fixtures

smtp = messaging_fixtures.smtp  # the real server


@pytest.fixture
def ivan(db):
    return UserFactory(
        username="ivan", role=Role.INTERVIEWER, first_name="Ivan", last_name="Ivanov"
    )


@pytest.fixture
def iris(db):
    return UserFactory(username="iris", role=Role.INTERVIEWER, first_name="Iris", last_name="Ito")


def tomorrow_at(hour: int):
    day = timezone.now() + timedelta(days=1)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def schedule(application, actor, interviewers, capture, **fields):
    fields.setdefault("title", "Technical interview")
    fields.setdefault("starts_at", tomorrow_at(10))
    fields.setdefault("duration_minutes", 60)
    with capture(execute=True):
        return services.interview_schedule(
            application=application, actor=actor, interviewers=interviewers, **fields
        )


def calendars(mail):
    """(the text/calendar alternative, the invite.ics attachment) of one received email."""
    part = next(p for p in mail.walk() if p.get_content_type() == "text/calendar")
    attachment = next(p for p in mail.iter_attachments() if p.get_filename() == "invite.ics")
    return (
        part,
        Calendar.from_ical(part.get_content()),
        Calendar.from_ical(attachment.get_content()),
    )


def event_of(calendar):
    [event] = calendar.walk("VEVENT")
    return event


def attendee_emails(event) -> set[str]:
    attendees = event.get("attendee")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    return {str(a).removeprefix("mailto:") for a in attendees}
