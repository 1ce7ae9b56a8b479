"""Close-out and rejection tell by text where email cannot reach: "told" stays true."""

import pytest

from ghostless.jobs.models import RejectionReason
from ghostless.jobs.services import job_update
from ghostless.loop.services import application_reject_and_tell, close_out_start
from ghostless.messaging.models import EmailTemplate, Message, Suppression
from ghostless.texts.models import Text
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reason(db):
    return RejectionReason.objects.get(name="Position filled or closed")


def test_rejecting_someone_without_email_texts_them_and_delivery_tells_them(
    provider,
    twilio,
    phoneless_email_candidate,
    job,
    recruiter,
    reason,
    django_capture_on_commit_callbacks,
):
    application = ApplicationFactory(candidate=phoneless_email_candidate, job=job)
    template = EmailTemplate.objects.get(purpose="rejection")
    with django_capture_on_commit_callbacks(execute=True):
        _, sent = application_reject_and_tell(
            application=application, actor=recruiter, reason=reason, template=template
        )
    assert isinstance(sent, Text) and not Message.objects.exists()
    [request] = twilio.requests
    assert request["form"]["Body"].startswith("Hi Pia, thank you for applying for Backend")
    application.refresh_from_db()
    assert application.told_at is None  # sent is not yet delivered
    sent.refresh_from_db()
    provider.post(
        "/inbound/sms/status", {"MessageSid": sent.provider_sid, "MessageStatus": "delivered"}
    )
    application.refresh_from_db()
    assert application.told_at is not None and application.told_how == "sms"


def test_a_bounced_address_is_no_working_email(
    twilio, texter, application, recruiter, reason, django_capture_on_commit_callbacks
):
    Suppression.objects.create(email="cara@example.org", reason="550 no such user")
    template = EmailTemplate.objects.get(purpose="rejection")
    with django_capture_on_commit_callbacks(execute=True):
        _, sent = application_reject_and_tell(
            application=application, actor=recruiter, reason=reason, template=template
        )
    assert isinstance(sent, Text) and sent.to_phone == "+15005550006"


def test_someone_with_email_still_gets_email(
    twilio, texter, application, recruiter, reason, django_capture_on_commit_callbacks
):
    template = EmailTemplate.objects.get(purpose="rejection")
    with django_capture_on_commit_callbacks(execute=True):
        _, sent = application_reject_and_tell(
            application=application, actor=recruiter, reason=reason, template=template
        )
    assert isinstance(sent, Message) and not twilio.requests


def test_close_out_texts_the_unreachable_once_and_not_a_stopped_number(
    twilio,
    phoneless_email_candidate,
    job,
    recruiter,
    reason,
    candidate,
    django_capture_on_commit_callbacks,
):
    from ghostless.candidates.models import CandidatePhone
    from tests.factories import CandidateFactory

    texted = ApplicationFactory(candidate=phoneless_email_candidate, job=job)
    stopped = CandidateFactory(first_name="Sam")
    stopped.emails.all().delete()
    CandidatePhone.objects.create(
        candidate=stopped, phone="+15005550008", sms_opted_out_at="2026-01-01T00:00Z"
    )
    ApplicationFactory(candidate=stopped, job=job)
    ApplicationFactory(candidate=candidate, job=job)
    job_update(job=job, actor=None, status="filled")
    with django_capture_on_commit_callbacks(execute=True):
        close_out = close_out_start(job=job, actor=recruiter, reason=reason)
    with django_capture_on_commit_callbacks(execute=True):
        close_out_start(job=job, actor=recruiter, reason=reason, key=close_out.key)
    assert [r["form"]["To"] for r in twilio.requests] == ["+15005550007"]
    assert Text.objects.get().application == texted
    assert Message.objects.filter(candidate=candidate).count() == 1
    close_out.refresh_from_db()
    assert [row["candidate"] for row in close_out.skipped] == [stopped.name]
