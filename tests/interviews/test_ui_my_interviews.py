"""My interviews: today, upcoming and the feedback owed, and the calendar feed's address."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from ghostless.interviews.models import (
    Attendee,
    AttendeeRole,
    CalendarFeed,
    Interview,
    Recommendation,
    Scorecard,
)
from tests.conftest import client_for
from tests.factories import ApplicationFactory, CandidateFactory
from tests.interviews import invites_fixtures as fixtures
from tests.parsed_html import find, texts

ivan = fixtures.ivan
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _now(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    with time_machine.travel(NOW, tick=False):
        yield


def interview_for(interviewer, job, *, starts_at, title="Technical", status="scheduled"):
    person = CandidateFactory(first_name=title, last_name="Person")
    application = ApplicationFactory(candidate=person, job=job)
    interview = Interview.objects.create(
        application=application,
        stage=application.stage,
        title=title,
        starts_at=starts_at,
        duration_minutes=60,
        status=status,
    )
    Attendee.objects.create(
        interview=interview,
        role=AttendeeRole.INTERVIEWER,
        user=interviewer,
        email=interviewer.email,
    )
    return interview


def test_today_upcoming_and_owed(ivan, job):
    interview_for(ivan, job, starts_at=NOW + timedelta(hours=3), title="Today")
    interview_for(ivan, job, starts_at=NOW + timedelta(days=2), title="Later")
    owed = interview_for(ivan, job, starts_at=NOW - timedelta(days=1), title="Owed")
    done = interview_for(ivan, job, starts_at=NOW - timedelta(days=2), title="Done")
    Scorecard.objects.create(
        interview=done,
        application=done.application,
        interviewer=ivan,
        recommendation=Recommendation.YES,
    )
    interview_for(ivan, job, starts_at=NOW + timedelta(hours=1), title="Off", status="cancelled")
    page = client_for(ivan).get(reverse("interviews:mine"))
    assert page.status_code == 200
    sections = {
        heading: texts(find(page, "section", aria_labelledby=f"{key}-heading"), "li")
        for key, heading in [("today", "today"), ("upcoming", "upcoming"), ("owed", "owed")]
    }
    assert [row.split(" with ")[0] for row in sections["today"]] == ["Today"]
    assert [row.split(" with ")[0] for row in sections["upcoming"]] == ["Later"]
    assert [row.split(" with ")[0] for row in sections["owed"]] == ["Owed"]
    kit = reverse("interviews:kit", args=[owed.pk])
    assert kit + "#scorecard" in page.content.decode()


def test_the_page_costs_the_same_with_more_interviews(ivan, job, django_assert_max_num_queries):
    for hours in (2, 30, -30):
        interview_for(ivan, job, starts_at=NOW + timedelta(hours=hours))
    client = client_for(ivan)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("interviews:mine"))
    for hours in (3, 4, 50, 60, -40, -50):
        interview_for(ivan, job, starts_at=NOW + timedelta(hours=hours))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("interviews:mine"))


def test_empty_states_say_what_comes(ivan):
    page = client_for(ivan).get(reverse("interviews:mine"))
    text = page.content.decode()
    assert "No scorecards owed" in text
    assert "When a recruiter puts you on an interview" in text


def test_the_calendar_address_is_shown_once_and_can_be_replaced_or_turned_off(ivan, client):
    user = client_for(ivan)
    made = user.post(reverse("interviews:feed_new"), follow=True)
    [url] = re.findall(r"http://testserver/calendar/[^\s<]+\.ics", made.content.decode())
    assert client.get(url).status_code == 200
    again = user.get(reverse("interviews:mine")).content.decode()
    assert url not in again and "On since" in again

    asked = user.post(reverse("interviews:feed_new"))
    assert "Make a new calendar address?" in asked.content.decode()
    assert client.get(url).status_code == 200
    user.post(reverse("interviews:feed_new"), {"confirm": "yes"})
    assert client.get(url).status_code == 404

    user.post(reverse("interviews:feed_off"), {"confirm": "yes"})
    assert not CalendarFeed.objects.filter(user=ivan, revoked_at=None).exists()
    assert "Make my calendar address" in user.get(reverse("interviews:mine")).content.decode()
