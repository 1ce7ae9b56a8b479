"""Email many applicants of a job at once: the request only starts a batch; a task writes one
personalized message per applicant, never twice, and the progress page tells how it went."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ghostless.candidates.models import Candidate, CandidateEmail
from ghostless.jobs.models import Application
from ghostless.messaging import tasks
from ghostless.messaging.bulk import bulk_progress, bulk_send_start
from ghostless.messaging.models import BulkSend, Message, Suppression
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def many_fields(settings):
    # A board can hold more than Django's default 1,000 form fields; the lead raises it in
    # settings too (see the report).
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


def applicants(job, n: int, name: str = "Person") -> list[Application]:
    """n applicants, each with their own first name and address, written in bulk."""
    candidates = Candidate.objects.bulk_create(
        Candidate(first_name=f"{name}{i:04d}", last_name="Applicant") for i in range(n)
    )
    CandidateEmail.objects.bulk_create(
        CandidateEmail(candidate=c, email=f"{name.lower()}{i:04d}@example.org", order=0)
        for i, c in enumerate(candidates)
    )
    stage = job.stages.order_by("order").first()
    return Application.objects.bulk_create(
        Application(candidate=c, job=job, stage=stage) for c in candidates
    )


def start(client, job, template, applications, **extra):
    return client.post(
        reverse("messaging:bulk_start"),
        {
            "job": job.pk,
            "template": template.pk,
            "applications": [a.pk for a in applications],
            "confirm": "yes",  # past the preview (tests/messaging/test_views_bulk_preview.py)
            **extra,
        },
    )


def test_a_thousand_applicants_the_request_returns_at_once_and_the_task_sends_each(
    recruiter_client, recruiter, job, hello_template, eml_outbox, django_capture_on_commit_callbacks
):
    few, many = applicants(job, 3, "Few"), applicants(job, 1000)
    with CaptureQueriesContext(connection) as few_queries:
        start(recruiter_client, job, hello_template, few)
    with CaptureQueriesContext(connection) as queries:
        response = start(recruiter_client, job, hello_template, many)
    assert len(queries) == len(few_queries) < 15
    bulk = BulkSend.objects.get(total=1000)
    assert response.status_code == 302
    assert response["Location"] == reverse("messaging:bulk", args=[bulk.key])
    assert not Message.objects.exists()  # nothing was written or sent inline

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_bulk.call_local(bulk.pk)

    messages = Message.objects.filter(candidate__first_name__startswith="Person")
    assert messages.count() == 1000
    assert set(messages.values_list("status", flat=True)) == {"sent"}
    subjects = set(messages.values_list("subject", flat=True))
    assert len(subjects) == 1000 and "Hello Person0042" in subjects
    assert len(list(eml_outbox.glob("*.eml"))) == 1000  # the 3 "Few" were never run
    bulk.refresh_from_db()
    assert bulk.finished_at is not None and bulk.skipped == []


def test_running_the_task_again_sends_nothing_new(
    recruiter, job, hello_template, smtp, django_capture_on_commit_callbacks
):
    apps = applicants(job, 3)
    with django_capture_on_commit_callbacks(execute=True):
        bulk = bulk_send_start(
            actor=recruiter,
            template=hello_template,
            applications=Application.objects.filter(pk__in=[a.pk for a in apps]),
            job=job,
        )
    assert len(smtp.messages) == 3
    assert sorted(m["To"] for m in smtp.messages) == [
        "person0000@example.org",
        "person0001@example.org",
        "person0002@example.org",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_bulk.call_local(bulk.pk)
    assert len(smtp.messages) == 3
    assert Message.objects.count() == 3


def test_applicants_without_an_address_or_suppressed_are_listed_as_skipped(
    recruiter_client, recruiter, job, hello_template, eml_outbox, django_capture_on_commit_callbacks
):
    reachable, suppressed = applicants(job, 2)
    Suppression.objects.create(email="person0001@example.org", reason="Bounced: no such user")
    silent = ApplicationFactory(candidate=CandidateFactory(first_name="Nomail"), job=job)
    CandidateEmail.objects.filter(candidate=silent.candidate).delete()
    start(recruiter_client, job, hello_template, [reachable, suppressed, silent])
    bulk = BulkSend.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_bulk.call_local(bulk.pk)

    bulk.refresh_from_db()
    reasons = {row["application_id"]: row["reason"] for row in bulk.skipped}
    assert set(reasons) == {suppressed.pk, silent.pk}
    assert "suppression list (Bounced: no such user)" in reasons[suppressed.pk]
    assert "has no email address" in reasons[silent.pk]
    assert Message.objects.get().to_email == "person0000@example.org"

    page = recruiter_client.get(reverse("messaging:bulk", args=[bulk.key])).content.decode()
    assert "1 of 3 sent" in page
    assert "Person0001 Applicant" in page and "Nomail" in page
    assert "has no email address" in page
    assert 'hx-trigger="every 2s"' not in page  # done: the page stops polling


def test_the_progress_page_counts_and_polls_until_done(
    recruiter_client, recruiter, job, hello_template, smtp, django_capture_on_commit_callbacks
):
    apps = applicants(job, 3)
    smtp.recorder.refuse["person0002@example.org"] = "550 5.1.1 No such mailbox"
    start(recruiter_client, job, hello_template, apps)
    bulk = BulkSend.objects.get()
    url = reverse("messaging:bulk", args=[bulk.key])

    waiting = recruiter_client.get(url).content.decode()
    assert "0 of 3 sent" in waiting
    assert '<progress max="3" value="0"' in waiting
    assert 'hx-trigger="every 2s"' in waiting

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_bulk.call_local(bulk.pk)
    bulk.refresh_from_db()
    progress = bulk_progress(bulk)
    assert (progress.sent, progress.failed_count, progress.in_flight, progress.done) == (
        2,
        1,
        0,
        True,
    )

    fragment = recruiter_client.get(url, HTTP_HX_TARGET="progress", **HTMX).content.decode()
    assert fragment.lstrip().startswith('<section id="progress"')
    assert "2 of 3 sent" in fragment
    assert "550 5.1.1 No such mailbox" in fragment
    assert 'hx-trigger="every 2s"' not in fragment


def test_the_progress_of_a_thousand_reads_with_a_thousands_separator(
    recruiter_client, recruiter, job, hello_template
):
    start(recruiter_client, job, hello_template, applicants(job, 1000))
    bulk = BulkSend.objects.get()
    page = recruiter_client.get(reverse("messaging:bulk", args=[bulk.key])).content.decode()
    assert "0 of 1,000 sent" in page


def test_a_double_click_starts_one_batch(recruiter_client, job, hello_template):
    apps = applicants(job, 2)
    key = "0b6f8e4c-2f7a-4bb0-9d7e-6c1f1f0a0c11"
    first = start(recruiter_client, job, hello_template, apps, key=key)
    second = start(recruiter_client, job, hello_template, apps, key=key)
    assert BulkSend.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_job_page_and_board_offer_email_selected(recruiter_client, job, hello_template):
    [application] = applicants(job, 1)
    for name in ("jobs:detail", "jobs:board"):
        page = recruiter_client.get(reverse(name, args=[job.pk])).content.decode()
        assert 'action="/inbox/bulk/"' in page and "Email selected" in page
        assert f'name="applications" value="{application.pk}" form="bulk-email"' in page
        assert f'<option value="{hello_template.pk}">Bulk hello' in page


def test_hiring_managers_see_no_bulk_email_and_are_refused(
    manager_client, recruiter_client, job, hello_template
):
    apps = applicants(job, 2)
    page = manager_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Email selected" not in page and 'name="applications"' not in page
    assert start(manager_client, job, hello_template, apps).status_code == 403
    assert not BulkSend.objects.exists()
    start(recruiter_client, job, hello_template, apps)
    bulk = BulkSend.objects.get()
    assert manager_client.get(reverse("messaging:bulk", args=[bulk.key])).status_code == 404


def test_applications_of_another_job_are_refused(
    recruiter_client, recruiter, job, hello_template, hiring_manager
):
    mine = applicants(job, 1)
    other_job = JobFactory(
        title="Sales Lead", hiring_manager=hiring_manager, recruiters=[recruiter]
    )
    theirs = applicants(other_job, 1, "Other")
    response = start(recruiter_client, job, hello_template, mine + theirs)
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert not BulkSend.objects.exists()
    page = recruiter_client.get(job.get_absolute_url()).content.decode()
    assert "Some selected applications are not on this job. Nothing was sent." in page


def test_sending_needs_a_template_and_at_least_one_applicant(recruiter_client, job, hello_template):
    apps = applicants(job, 1)
    no_template = recruiter_client.post(
        reverse("messaging:bulk_start"), {"job": job.pk, "applications": [apps[0].pk]}, follow=True
    )
    assert "Choose a template to send." in no_template.content.decode()
    nobody = recruiter_client.post(
        reverse("messaging:bulk_start"), {"job": job.pk, "template": hello_template.pk}, follow=True
    )
    assert "Select at least one applicant to email." in nobody.content.decode()
    assert not BulkSend.objects.exists()
