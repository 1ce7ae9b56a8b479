"""Scheduling from the pages: the form (in the company's time), the overlap warning, one
interview's page with its changes and cancellation, and who may do what."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from ghostless.interviews.models import Attendee, Interview, InterviewStatus
from ghostless.jobs.models import ApplicationStatus, PlannedInterview
from tests.conftest import client_for
from tests.interviews import invites_fixtures as fixtures
from tests.parsed_html import find, find_all, texts

ivan, iris = fixtures.ivan, fixtures.iris
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _company_in_berlin(settings):
    settings.TIME_ZONE = "Europe/Berlin"


@pytest.fixture
def now():
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN), tick=False):
        yield


def form(ivan, **extra):
    data = {
        "title": "Technical interview",
        "starts_at": "2026-12-08T10:00",
        "duration_minutes": "60",
        "location": "Room 2",
        "video_url": "",
        "interviewers": [str(ivan.pk)],
        "note": "",
    }
    return {**data, **extra}


def test_the_form_starts_from_the_stage_plan(now, recruiter_client, application):
    PlannedInterview.objects.create(
        stage=application.stage, title="System design", duration_minutes=90
    )
    page = recruiter_client.get(reverse("interviews:schedule", args=[application.pk]))
    assert page.status_code == 200
    assert find(page, "input", id="id_title").get("value") == "System design"
    duration = find(page, "select", id="id_duration_minutes")
    assert find(duration, "option", selected=True).get("value") == "90"
    assert "Europe/Berlin" in page.content.decode()


def test_scheduling_keeps_the_company_wall_clock(
    now, recruiter, recruiter_client, application, ivan
):
    recruiter.time_zone = "America/New_York"
    recruiter.save()
    url = reverse("interviews:schedule", args=[application.pk])
    response = recruiter_client.post(url, form(ivan))
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:detail", args=[interview.pk])
    # 10:00 in Berlin, whatever the recruiter's own zone.
    assert interview.starts_at == datetime(2026, 12, 8, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert interview.organizer == recruiter
    assert {a.email for a in interview.attendees.all()} == {"cara@example.org", ivan.email}


def test_a_busy_interviewer_is_a_warning_not_a_refusal(now, recruiter_client, application, ivan):
    url = reverse("interviews:schedule", args=[application.pk])
    recruiter_client.post(url, form(ivan))
    second = recruiter_client.post(
        url, form(ivan, title="Second look", starts_at="2026-12-08T10:30")
    )
    assert second.status_code == 200
    text = second.content.decode()
    assert "Ivan Ivanov already has “Technical interview” then" in text
    assert "Schedule anyway" in text
    assert Interview.objects.count() == 1
    anyway = recruiter_client.post(
        url, form(ivan, title="Second look", starts_at="2026-12-08T10:30", overlap_ok="yes")
    )
    assert anyway.status_code == 302
    assert Interview.objects.count() == 2


def test_bad_input_is_a_form_error_and_writes_nothing(now, recruiter_client, application, ivan):
    url = reverse("interviews:schedule", args=[application.pk])
    past = recruiter_client.post(url, form(ivan, starts_at="2026-12-01T10:00"))
    assert past.status_code == 422
    assert "The interview must start in the future" in " ".join(texts(past, class_="errorlist"))
    nobody = recruiter_client.post(url, form(ivan, interviewers=[]))
    assert nobody.status_code == 422
    assert find_all(nobody, "div", class_="field-interviewers")[0].xpath(
        ".//ul[@class='errorlist']"
    )
    assert not Interview.objects.exists() and not Attendee.objects.exists()


def test_a_closed_application_cannot_be_scheduled(now, recruiter_client, application, ivan):
    application.status = ApplicationStatus.REJECTED
    application.save()
    url = reverse("interviews:schedule", args=[application.pk])
    page = recruiter_client.get(url)
    assert "reopen it before scheduling" in page.content.decode()
    response = recruiter_client.post(url, form(ivan))
    assert response.status_code == 422
    assert not Interview.objects.exists()


def test_change_and_cancel_from_the_interview_page(now, recruiter_client, application, ivan, iris):
    recruiter_client.post(reverse("interviews:schedule", args=[application.pk]), form(ivan))
    interview = Interview.objects.get()
    page_url = reverse("interviews:detail", args=[interview.pk])
    moved = recruiter_client.post(page_url, form(iris, starts_at="2026-12-09T14:00"), follow=True)
    interview.refresh_from_db()
    assert interview.sequence == 1
    assert interview.starts_at == datetime(2026, 12, 9, 14, 0, tzinfo=BERLIN)
    assert "Everyone on it gets the update" in moved.content.decode()
    removed = Attendee.objects.get(interview=interview, user=ivan)
    assert removed.removed_at is not None
    assert "removed" in moved.content.decode()

    cancel_url = reverse("interviews:cancel", args=[interview.pk])
    asked = recruiter_client.post(cancel_url)
    assert "Cancel the interview" in asked.content.decode()
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.SCHEDULED
    done = recruiter_client.post(cancel_url, {"confirm": "yes"}, follow=True)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED
    assert "Interview cancelled" in done.content.decode()
    # A cancelled interview offers no change form.
    assert "Change the interview" not in recruiter_client.get(page_url).content.decode()


def test_who_may_schedule(now, application, ivan, hiring_manager, outsider):
    url = reverse("interviews:schedule", args=[application.pk])
    assert client_for(hiring_manager).get(url).status_code == 200  # her own job
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(ivan).get(url).status_code == 404
    assert client_for(outsider).post(url, form(ivan)).status_code == 404
    assert not Interview.objects.exists()


def test_the_pages_link_to_scheduling(now, recruiter_client, application, ivan):
    schedule = reverse("interviews:schedule", args=[application.pk])
    profile = recruiter_client.get(reverse("candidates:detail", args=[application.candidate_id]))
    assert schedule in profile.content.decode()
    job_page = recruiter_client.get(reverse("jobs:detail", args=[application.job_id]))
    assert schedule in job_page.content.decode()
    board = recruiter_client.get(reverse("jobs:board", args=[application.job_id]))
    assert schedule in board.content.decode()
    recruiter_client.post(schedule, form(ivan))
    interview = Interview.objects.get()
    detail = reverse("interviews:detail", args=[interview.pk])
    profile = recruiter_client.get(reverse("candidates:detail", args=[application.candidate_id]))
    assert detail in profile.content.decode()
    page = recruiter_client.get(reverse("jobs:application", args=[application.pk]))
    assert detail in page.content.decode()


def test_next_returns_to_the_board(now, recruiter_client, application, ivan):
    board = reverse("jobs:board", args=[application.job_id])
    url = reverse("interviews:schedule", args=[application.pk])
    response = recruiter_client.post(url, form(ivan, next=board))
    assert response.status_code == 302 and response["Location"] == board
    elsewhere = recruiter_client.post(
        url, form(ivan, starts_at="2026-12-08T15:00", next="https://evil.example/")
    )
    assert elsewhere["Location"] == reverse("interviews:detail", args=[Interview.objects.last().pk])


def test_an_interview_over_reads_completed_and_offers_no_change(
    now, recruiter_client, application, ivan
):
    recruiter_client.post(reverse("interviews:schedule", args=[application.pk]), form(ivan))
    interview = Interview.objects.get()
    with time_machine.travel(datetime(2026, 12, 8, 12, 0, tzinfo=BERLIN), tick=False):
        page = recruiter_client.get(reverse("interviews:detail", args=[interview.pk]))
        profile = recruiter_client.get(
            reverse("candidates:detail", args=[application.candidate_id])
        )
    assert "Completed" in texts(page, "span", class_="badge")
    assert "Change the interview" not in page.content.decode()
    assert "This interview is over" in page.content.decode()
    assert "Completed" in texts(profile, "span", class_="badge")


def test_the_pages_say_what_the_promise_will_do(now, recruiter_client, application, ivan):
    application.stage.hear_back_days = 3
    application.stage.save()
    url = reverse("interviews:schedule", args=[application.pk])
    form_page = recruiter_client.get(url).content.decode()
    assert "The invite promises Cara an answer within 3 business days" in form_page
    recruiter_client.post(url, form(ivan))
    interview = Interview.objects.get()
    page = recruiter_client.get(reverse("interviews:detail", args=[interview.pk]))
    assert "Answer promised by" in page.content.decode()
    assert "the application's owner gets a follow-up to find another time" in page.content.decode()
