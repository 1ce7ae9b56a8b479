from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from ghostless.followups.digest import digest_for, send_due_digests
from ghostless.followups.tasks import send_followup_digests
from ghostless.messaging.models import Message
from tests.factories import UserFactory
from tests.followups.conftest import remind

# 07:00 UTC on a Tuesday: 08:00 in Berlin, 02:00 in New York.
MORNING = datetime(2026, 11, 17, 7, 0, tzinfo=UTC)


@pytest.fixture
def berlin(recruiter):
    recruiter.time_zone, recruiter.digest_hour = "Europe/Berlin", 8
    recruiter.save()
    return recruiter


@pytest.fixture
def new_york(other_recruiter):
    other_recruiter.time_zone, other_recruiter.digest_hour = "America/New_York", 8
    other_recruiter.save()
    return other_recruiter


@pytest.fixture
def owed(berlin, new_york, application):
    """Each of them owes Cara something overdue, and Rita something due later today."""
    with time_machine.travel(MORNING - timedelta(days=3), tick=False):
        remind(berlin, application.candidate, application=application, note="Call about offer")
        remind(new_york, application.candidate, note="Ray's reminder")
    with time_machine.travel(MORNING, tick=False):
        remind(berlin, application.candidate, due_in=timedelta(hours=6), note="Later today")
        remind(berlin, application.candidate, due_in=timedelta(days=4), note="Next week")


def run_at(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return send_due_digests()


def test_the_digest_goes_at_eight_where_each_user_lives(
    owed, berlin, new_york, smtp, django_capture_on_commit_callbacks
):
    assert run_at(MORNING - timedelta(minutes=15), django_capture_on_commit_callbacks) == 0
    assert run_at(MORNING, django_capture_on_commit_callbacks) == 1
    [mail] = smtp.messages
    assert mail["To"] == berlin.email
    assert mail["Subject"] == "1 overdue, 1 due today: your Ghostless follow-ups"
    berlin.refresh_from_db()
    assert berlin.digest_sent_on.isoformat() == "2026-11-17"
    # 08:00 in New York is six hours later.
    assert run_at(MORNING + timedelta(hours=6), django_capture_on_commit_callbacks) == 1
    assert smtp.messages[-1]["To"] == new_york.email


def test_the_digest_is_never_sent_twice_a_day(owed, smtp, django_capture_on_commit_callbacks):
    for minutes in (0, 15, 30, 45):
        run_at(MORNING + timedelta(minutes=minutes), django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 1
    run_at(MORNING + timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 2


def test_no_digest_when_nothing_is_due(berlin, smtp, django_capture_on_commit_callbacks):
    assert run_at(MORNING, django_capture_on_commit_callbacks) == 0
    assert smtp.messages == [] and not Message.objects.exists()


def test_no_digest_for_those_who_opted_out_or_have_no_email(
    owed, berlin, candidate, smtp, django_capture_on_commit_callbacks
):
    berlin.digest_hour = None
    berlin.save()
    mailless = UserFactory(username="mailless", email="", time_zone="Europe/Berlin")
    with time_machine.travel(MORNING - timedelta(days=1), tick=False):
        remind(mailless, candidate)
    assert run_at(MORNING, django_capture_on_commit_callbacks) == 0
    assert smtp.messages == []


def test_the_digest_lists_overdue_then_today_with_absolute_links(
    owed, berlin, application, settings
):
    settings.SITE_URL = "https://ghostless.example.com"
    subject, text, html = digest_for(berlin, MORNING)
    link = f"https://ghostless.example.com/candidates/{application.candidate_id}/"
    assert text.index("Overdue (1):") < text.index("Call about offer")
    assert text.index("Call about offer") < text.index("Due today (1):") < text.index("Later today")
    assert "Next week" not in text and "Ray's reminder" not in text
    assert "Cara Candidate (Backend Engineer): Reminder, waiting 3\xa0days" in text
    assert "due 14:00" in text  # 13:00 UTC, shown in Berlin time
    assert link in text and "https://ghostless.example.com/followups/" in text
    assert f'<a href="{link}">Cara Candidate</a>' in html


def test_candidate_text_in_the_html_digest_is_escaped(berlin, candidate):
    candidate.first_name = "<b>Eve</b>"
    candidate.save()
    remind(berlin, candidate)
    _, _, html = digest_for(berlin, datetime.now(UTC))
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html and "<b>Eve</b>" not in html


def test_the_periodic_task_sends_the_digest(owed, smtp, django_capture_on_commit_callbacks):
    with time_machine.travel(MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        send_followup_digests.call_local()
    assert len(smtp.messages) == 1
