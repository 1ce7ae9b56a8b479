"""The iCalendar we write: the company zone's wall-clock time survives daylight saving."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from ghostless.interviews import services
from ghostless.messaging.models import Message
from tests.interviews import invites_fixtures as fixtures

ivan = fixtures.ivan
BERLIN = ZoneInfo("Europe/Berlin")


def test_an_interview_after_the_march_change_keeps_its_wall_clock_time(
    settings, application, recruiter, ivan, eml_outbox, time_machine
):
    settings.TIME_ZONE = "Europe/Berlin"
    ivan.time_zone = "Europe/Berlin"
    ivan.save()
    time_machine.move_to(datetime(2027, 2, 10, 9, tzinfo=UTC))  # winter: UTC+1
    interview = services.interview_schedule(
        application=application,
        actor=recruiter,
        title="Technical interview",
        starts_at=datetime(2027, 4, 6, 10, tzinfo=BERLIN),  # summer: UTC+2
        duration_minutes=60,
        interviewers=[ivan],
    )
    assert interview.starts_at == datetime(2027, 4, 6, 8, tzinfo=UTC)
    message = Message.objects.get(to_email="ivan@example.com")
    calendar = Calendar.from_ical(message.calendar)
    [event] = calendar.walk("VEVENT")
    start = event["dtstart"]
    assert start.params["TZID"] == "Europe/Berlin"
    assert (start.dt.hour, start.dt.utcoffset().total_seconds()) == (10, 7200)
    assert event["dtend"].dt.hour == 11
    assert "DTSTART;TZID=Europe/Berlin:20270406T100000" in message.calendar
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Berlin"
    assert {c.name for c in zone.subcomponents} >= {"STANDARD", "DAYLIGHT"}
    # The readable body says the same time, in the recipient's zone.
    assert "Tuesday 6 April 2027, 10:00–11:00 (Europe/Berlin)" in message.body_text


def test_the_candidate_reads_the_time_in_their_own_zone(
    settings, application, recruiter, ivan, eml_outbox, time_machine
):
    settings.TIME_ZONE = "Europe/Berlin"
    time_machine.move_to(datetime(2027, 2, 10, 9, tzinfo=UTC))
    candidate = application.candidate
    candidate.time_zone = "America/New_York"
    candidate.save()
    services.interview_schedule(
        application=application,
        actor=recruiter,
        title="Technical interview",
        starts_at=datetime(2027, 4, 6, 16, tzinfo=BERLIN),
        duration_minutes=30,
        interviewers=[ivan],
    )
    message = Message.objects.get(to_email="cara@example.org")
    assert "Tuesday 6 April 2027, 10:00–10:30 (America/New_York)" in message.body_text


def test_the_candidate_is_told_when_they_will_hear_back(
    application, recruiter, ivan, eml_outbox, time_machine
):
    time_machine.move_to(datetime(2026, 12, 7, 9, tzinfo=UTC))  # a Monday
    stage = application.stage
    stage.hear_back_days = 3
    stage.save()
    interview = services.interview_schedule(
        application=application,
        actor=recruiter,
        title="Technical interview",
        starts_at=datetime(2026, 12, 8, 14, tzinfo=UTC),
        duration_minutes=60,
        interviewers=[ivan],
    )
    application.refresh_from_db()
    assert application.hear_back_by is not None
    assert application.hear_back_by > interview.ends_at
    message = Message.objects.get(to_email="cara@example.org")
    assert "You will hear from us by Friday 11 December." in message.body_text
    panel = Message.objects.get(to_email="ivan@example.com")
    assert "hear from us" not in panel.body_text
