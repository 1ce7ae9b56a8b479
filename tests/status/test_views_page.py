"""What a candidate reads on their status page: reached from their acknowledgement, in plain
words, with the date they will hear from us, and nothing that is not theirs to see."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.interviews.models import Interview
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Application, JobStatus
from ghostless.loop.services import application_reject_and_tell
from ghostless.messaging.models import EmailTemplate
from ghostless.timeline.models import Activity, EventKind
from ghostless.timeline.services import activity_log
from tests.careers.conftest import apply
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory
from tests.parsed_html import find, find_all, text, texts
from tests.status.conftest import page_path, path_of, status_link_in

# A Monday in January, 10:00 UTC (the company's zone in tests): three business days after it
# is Thursday the 14th.
MONDAY = datetime(2027, 1, 11, 10, 0, tzinfo=UTC)


def card(page, application) -> str:
    return text(find(page, "section", id=f"application-{application.pk}"))


@time_machine.travel(MONDAY, tick=False)
def test_the_acknowledgement_links_to_a_page_saying_when_they_will_hear_from_us(
    client, job, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, job)
    [mail] = smtp.messages
    url = status_link_in(mail.get_body(("plain",)).get_content())

    page = client.get(path_of(url))

    assert page.status_code == 200
    application = Application.objects.get(job=job)
    said = card(page, application)
    assert "Backend Engineer" in said
    assert "Application received" in said
    assert "We are reading your application." in said
    assert "What comes next: Your application is with the hiring team." in said  # Contacted
    assert "You will hear from us by Thursday 14 January." in said


def test_a_promise_made_after_an_interview_is_the_date_they_see(client, application):
    application.hear_back_by = timezone.now() + timedelta(days=9)
    application.save(update_fields=["hear_back_by"])
    promised = timezone.localtime(application.hear_back_by)

    said = card(client.get(page_path(application.candidate)), application)

    assert f"You will hear from us by {promised:%A} {promised.day} {promised:%B}" in said


def test_past_the_stage_limit_the_page_says_we_are_late(client, job, candidate):
    with time_machine.travel(MONDAY, tick=False):
        application = job_services.application_create(
            candidate=candidate, job=job, actor=None, entry="applied"
        )
    with time_machine.travel(MONDAY + timedelta(days=10), tick=False):
        said = card(client.get(page_path(candidate)), application)

    assert "We are running late: you should have heard from us by Thursday 14 January." in said


@time_machine.travel(MONDAY, tick=False)
def test_an_interview_shows_in_the_company_zone_and_the_candidates_own(client, application):
    candidate = application.candidate
    candidate.time_zone = "Asia/Dhaka"  # six hours ahead of the company's UTC
    candidate.save(update_fields=["time_zone"])
    Interview.objects.create(
        application=application,
        title="Technical interview",
        starts_at=datetime(2027, 1, 19, 10, 0, tzinfo=UTC),
        duration_minutes=60,
        location="Office, 2nd floor",
    )
    Interview.objects.create(
        application=application,
        title="Past",
        starts_at=MONDAY - timedelta(days=1),
        duration_minutes=60,
    )

    page = client.get(page_path(candidate))

    [line] = [t for t in texts(page, "li") if t.startswith("Interview on")]
    assert line == (
        "Interview on Tuesday 19 January at 10:00 (your time: 16:00), at Office, 2nd floor"
    )


def test_the_page_never_shows_internal_stage_names_private_notes_or_other_applicants(
    client, application, recruiter, admin
):
    stage = application.stage
    job_services.stage_rename(stage=stage, name="Probably no - weak Go", actor=admin)
    activity_log(
        candidate=application.candidate,
        actor=recruiter,
        kind="note",
        direction="internal",
        body="Asked for too much; keep looking",
        private=True,
    )
    ApplicationFactory(job=application.job, candidate=CandidateFactory(first_name="Otherina"))

    page = client.get(page_path(application.candidate))

    html = page.content.decode()
    assert "Your application is with the hiring team" in card(page, application)  # Sourced
    assert "Probably no" not in html
    assert "too much" not in html
    assert "Otherina" not in html
    assert "Rita" not in html  # the owner is a recruiter-only field


def test_stage_words_written_by_an_admin_are_what_the_candidate_reads(client, application, admin):
    job_services.stage_set_candidate_text(
        stage=application.stage,
        name="We found you",
        description="Someone on our team thinks you would fit.",
        actor=admin,
    )

    said = card(client.get(page_path(application.candidate)), application)

    assert "We found you" in said
    assert "Someone on our team thinks you would fit." in said


def test_closed_outcomes_are_stated_honestly(
    client, candidate, recruiter, reason, django_capture_on_commit_callbacks
):
    rejected = ApplicationFactory(candidate=candidate, job=JobFactory(title="Rejected role"))
    with django_capture_on_commit_callbacks(execute=True):
        application_reject_and_tell(
            application=rejected,
            actor=recruiter,
            reason=reason,
            template=EmailTemplate.objects.get(purpose="rejection"),
        )
    filled_job = JobFactory(title="Filled role")
    filled = ApplicationFactory(candidate=candidate, job=filled_job)
    for other in (ApplicationFactory(job=filled_job),):
        job_services.application_hire(application=other, actor=None)
    job_services.job_update(job=filled_job, actor=None, status=JobStatus.FILLED)
    withdrawn = ApplicationFactory(candidate=candidate, job=JobFactory(title="Left role"))
    job_services.application_withdraw(application=withdrawn, actor=None)
    hired = ApplicationFactory(candidate=candidate, job=JobFactory(title="Dream role"))
    job_services.application_hire(application=hired, actor=None)

    page = client.get(page_path(candidate))

    assert "We decided not to go further" in card(page, rejected)
    sent = rejected.candidate.messages.get(application=rejected).body_text
    assert sent.splitlines()[0] in card(page, rejected)  # the words they were sent
    assert "See where you stand" not in card(page, rejected)  # not our footer again
    assert "The position has been filled" in card(page, filled)
    assert "You withdrew" in card(page, withdrawn)
    assert "Welcome aboard!" in card(page, hired)
    assert not any(card.can_withdraw for card in page.context["cards"])


def test_a_candidate_with_no_applications_is_told_what_happens_next(client, db):
    candidate = CandidateFactory(emails=["solo@example.org"])

    page = client.get(page_path(candidate))

    assert "When you apply for a job, it shows up here" in text(find(page, "p", class_="empty"))


@pytest.mark.parametrize("count", [1, 5])
def test_the_page_reads_a_fixed_number_of_queries(
    client, candidate, count, django_assert_num_queries
):
    for n in range(count):
        application = ApplicationFactory(candidate=candidate, job=JobFactory(title=f"Role {n}"))
        Interview.objects.create(
            application=application,
            title="Chat",
            starts_at=timezone.now() + timedelta(days=n + 1),
            duration_minutes=30,
        )
    path = page_path(candidate)
    client.get(path)  # the visit's timeline entry is written once

    # The candidate, the visit check, applications with their jobs and stages, the pipelines'
    # stages (for what comes next), upcoming interviews, interview times offered, offers,
    # pool memberships, and the details form's first email, first phone and current resume.
    with django_assert_num_queries(9):
        page = client.get(path)

    assert len(page.context["cards"]) == count


def test_views_within_half_an_hour_are_one_entry_on_the_timeline(client, application):
    path = page_path(application.candidate)
    viewed = Activity.objects.filter(payload__event=EventKind.STATUS_PAGE_VIEWED.value)

    client.get(path)
    client.get(path)
    assert viewed.count() == 1
    assert viewed.get().subject == "Viewed status page"
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        client.get(path)
    assert viewed.count() == 2


def test_the_page_keeps_its_link_out_of_caches_and_referrers(client, application):
    page = client.get(page_path(application.candidate))

    assert page["Cache-Control"] == "no-store"
    assert page["Referrer-Policy"] == "same-origin"  # tests/browser/test_status_page.py
    assert find(page, "title").text.endswith("Ghostless Demo Co")
    assert find_all(page, "header", class_="topbar") == []  # no staff navigation


def test_the_page_shows_the_companys_name_and_logo(client, candidate, settings):
    settings.COMPANY_NAME = "Acme Robotics"
    settings.COMPANY_LOGO_URL = "https://cdn.example.com/acme.svg"

    page = client.get(page_path(candidate))

    header = find(page, "header", class_="status-head")
    assert text(header) == "Acme Robotics"
    assert find(header, "img").get("src") == "https://cdn.example.com/acme.svg"
    assert text(find(page, "title")).endswith("· Acme Robotics")


def test_without_a_logo_the_name_stands_alone(client, candidate, settings):
    settings.COMPANY_LOGO_URL = ""

    page = client.get(page_path(candidate))

    assert not find_all(find(page, "header", class_="status-head"), "img")
