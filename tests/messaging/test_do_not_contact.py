"""Do not contact: no email reaches the person by any path. The outbox refuses (one choke
point) and every door says so or skips them visibly: compose, the API, bulk sends, close-outs,
nurture, offers, interview invites, the status page, the careers acknowledgement, retries and
mail queued before the mark was set."""

import json

import pytest
from django.urls import reverse

from ghostless.candidates.services import candidate_do_not_contact
from ghostless.core.errors import DomainError
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.loop import services as loop_services
from ghostless.loop.selectors import loop_state
from ghostless.messaging import bulk, outbox
from ghostless.messaging.models import EmailTemplate, Message, MessageStatus, Purpose
from ghostless.messaging.services import message_queue, message_retry
from ghostless.pools import nurture
from ghostless.pools.models import TalentPool
from ghostless.pools.services import consent_record
from ghostless.status.services import fresh_link_send
from tests.factories import ApplicationFactory, CandidateFactory
from tests.loop.conftest import fill_job
from tests.parsed_html import find, text, texts


def mark(candidate, actor, reason="Asked us to stop"):
    return candidate_do_not_contact(
        candidate=candidate, actor=actor, do_not_contact=True, reason=reason
    )


@pytest.fixture
def hello(db):
    return EmailTemplate.objects.create(
        name="Hello", purpose="other", subject="Hi {{ candidate.first_name }}", body="Hello."
    )


def test_the_outbox_refuses_any_email_to_them(candidate, recruiter):
    mark(candidate, recruiter)
    with pytest.raises(DomainError) as refused:
        message_queue(candidate=candidate, actor=recruiter, subject="Hi", body="Hello")
    assert refused.value.field == "do_not_contact"
    assert "Cara Candidate is marked do not contact (Asked us to stop)" in refused.value.message
    assert not Message.objects.exists()


def test_compose_says_so_and_sends_nothing(recruiter_client, candidate, recruiter):
    mark(candidate, recruiter)
    page = recruiter_client.get(reverse("messaging:compose", args=[candidate.pk]))
    assert "is marked do not contact" in text(find(page, "p", class_="flash-error"))
    assert 'id="compose-form"' not in page.content.decode()
    posted = recruiter_client.post(
        reverse("messaging:compose", args=[candidate.pk]),
        {"to_email": "cara@example.org", "subject": "Hi", "body": "Hello", "when": "now"},
    )
    assert posted.status_code == 422
    assert not Message.objects.exists()


def test_the_api_refuses_with_the_field(recruiter_api, candidate, recruiter):
    mark(candidate, recruiter)
    response = recruiter_api.client.post(
        f"/api/v1/candidates/{candidate.pk}/messages",
        json.dumps({"subject": "Hi", "body": "Hello"}),
        "application/json",
    )
    assert response.status_code == 422
    assert "do_not_contact" in str(response.json())
    assert not Message.objects.exists()


def test_a_bulk_send_previews_and_records_them_as_skipped(
    recruiter_client, recruiter, job, hello, django_capture_on_commit_callbacks
):
    quiet = ApplicationFactory(job=job, candidate=CandidateFactory(first_name="Quinn"))
    loud = ApplicationFactory(job=job, candidate=CandidateFactory(first_name="Lou"))
    mark(quiet.candidate, recruiter)
    data = {"job": job.pk, "template": hello.pk, "applications": [quiet.pk, loud.pk]}
    preview = recruiter_client.post(reverse("messaging:bulk_start"), data)
    assert "1: marked do not contact" in texts(preview, "ul", class_="confirm-skipped")[0]
    with django_capture_on_commit_callbacks(execute=True):
        batch = bulk.bulk_send_start(
            actor=recruiter, template=hello, applications=Application.objects.all(), job=job
        )
    batch.refresh_from_db()
    assert [row["candidate"] for row in batch.skipped] == [quiet.candidate.name]
    assert "marked do not contact" in batch.skipped[0]["reason"]
    assert list(Message.objects.values_list("candidate_id", flat=True)) == [loud.candidate_id]


def test_a_close_out_skips_them_with_the_reason_and_the_job_can_close(
    job, recruiter, django_capture_on_commit_callbacks
):
    applications = fill_job(job, 3)
    quiet = applications[1]
    mark(quiet.candidate, recruiter, reason="GDPR request")
    shown = loop_state(job)
    assert {a.pk for a in shown.untold} == {applications[1].pk, applications[2].pk}
    with django_capture_on_commit_callbacks(execute=True):
        close_out = loop_services.close_out_start(job=job, actor=recruiter)
    close_out.refresh_from_db()
    assert close_out.skipped == [
        {
            "application_id": quiet.pk,
            "candidate": quiet.candidate.name,
            "reason": "Skipped: do not contact (GDPR request)",
        }
    ]
    quiet.refresh_from_db()
    assert quiet.status == ApplicationStatus.REJECTED
    assert quiet.loop_skip_reason == "Skipped: do not contact (GDPR request)"
    assert not Message.objects.filter(candidate=quiet.candidate).exists()
    assert loop_state(job).complete
    job_services.job_update(job=job, actor=recruiter, status="closed")


def test_the_closing_screen_marks_them_before_anything_is_sent(recruiter_client, job, recruiter):
    applications = fill_job(job, 2)
    mark(applications[1].candidate, recruiter)
    url = reverse("loop:close", args=[job.pk])
    page = recruiter_client.get(url).content.decode()
    assert "“Tell them all” skips them" in page
    key = page.split('name="key" value="', 1)[1].split('"', 1)[0]
    asked = recruiter_client.post(url, {"key": key})
    assert "recorded as “skipped: do not contact”" in asked.content.decode()
    assert not Message.objects.exists()


def test_nurture_skips_them_visibly(recruiter, candidate, django_capture_on_commit_callbacks):
    pool = TalentPool.objects.create(name="Network")
    consent_record(pool=pool, candidate=candidate)
    other = CandidateFactory(first_name="Ola")
    consent_record(pool=pool, candidate=other)
    mark(candidate, recruiter)
    template = EmailTemplate.objects.create(
        name="News", purpose=Purpose.NURTURE, subject="News", body="Roles for you."
    )
    counts = nurture.nurture_preview(candidates=candidate.__class__.objects.all(), pool=pool)
    assert counts["do_not_contact"] == 1 and counts["unsubscribed"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        batch = nurture.nurture_start(actor=recruiter, template=template, pool=pool)
    batch.refresh_from_db()
    assert [row["code"] for row in batch.skipped] == ["do_not_contact"]
    assert nurture.skip_counts(batch.skipped) == [("Marked do not contact", 1)]
    assert list(Message.objects.values_list("candidate_id", flat=True)) == [other.pk]


def test_careers_acknowledgement_is_not_sent_and_the_timeline_says_why(application, recruiter):
    from ghostless.careers.services import _acknowledge
    from ghostless.timeline.models import Activity, EventKind

    EmailTemplate.objects.create(
        name="Thanks", purpose=Purpose.ACKNOWLEDGEMENT, subject="Thanks", body="Got it."
    )
    mark(application.candidate, recruiter)
    _acknowledge(application)
    assert not Message.objects.exists()
    refused = Activity.objects.get(payload__event=EventKind.ACKNOWLEDGEMENT_REFUSED)
    assert "do not contact" in (refused.body + refused.subject)


def test_the_status_page_mails_no_fresh_link(candidate, recruiter):
    mark(candidate, recruiter)
    assert fresh_link_send(candidate=candidate, email="cara@example.org") is False
    assert not Message.objects.exists()


def test_mail_queued_before_the_mark_never_leaves(smtp, candidate, recruiter):
    message = message_queue(candidate=candidate, actor=recruiter, subject="Hi", body="Hello")
    mark(candidate, recruiter)
    assert outbox.handle_one(message.pk) == MessageStatus.FAILED
    message.refresh_from_db()
    assert message.last_error == outbox.DO_NOT_CONTACT_ERROR
    assert smtp.messages == []
    with pytest.raises(DomainError, match="marked do not contact"):
        message_retry(message=message, actor=recruiter)
