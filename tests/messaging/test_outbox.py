from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.core.errors import Conflict, DomainError
from ghostless.messaging import outbox
from ghostless.messaging.models import EmailTemplate, Message, Suppression
from ghostless.messaging.services import message_queue, suppression_clear
from ghostless.timeline.models import Activity


def send(candidate, actor, capture, **kwargs):
    kwargs.setdefault("subject", "Hello {{ candidate.first_name }}")
    kwargs.setdefault("body", "About {{ job.title }}, {{ recruiter.name }}")
    with capture(execute=True):
        return message_queue(candidate=candidate, actor=actor, **kwargs)


def test_a_sent_message_reaches_the_server_with_our_headers(
    smtp, application, recruiter, settings, django_capture_on_commit_callbacks
):
    settings.REPLY_DOMAIN = "reply.example.com"
    message = send(
        application.candidate,
        recruiter,
        django_capture_on_commit_callbacks,
        application=application,
    )
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1
    [received] = smtp.messages
    assert received["To"] == "cara@example.org"
    assert received["Subject"] == "Hello Cara"
    assert received["Message-ID"] == message.message_id
    assert received["Reply-To"] == f"reply+{message.thread_token}@reply.example.com"
    assert "About Backend Engineer, Rita Reyes" in received.get_body(("plain",)).get_content()
    assert received.get_body(("html",)) is None


def test_a_sent_message_is_an_outbound_email_on_the_timeline(
    smtp, application, recruiter, django_capture_on_commit_callbacks
):
    message = send(
        application.candidate,
        recruiter,
        django_capture_on_commit_callbacks,
        application=application,
    )
    activity = Activity.objects.get(kind="email")
    assert (activity.direction, activity.application, activity.subject) == (
        "outbound",
        application,
        "Hello Cara",
    )
    assert Message.objects.get(pk=message.pk).activity == activity
    application.candidate.refresh_from_db()
    assert application.candidate.last_contact_at == activity.occurred_at


def test_formatted_templates_get_an_html_part_with_merged_values_escaped(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    candidate.first_name = "<b>Cara</b>"
    candidate.save()
    send(
        candidate,
        recruiter,
        django_capture_on_commit_callbacks,
        body="Hi {{ candidate.first_name }}, **welcome**",
    )
    html = smtp.messages[0].get_body(("html",)).get_content()
    assert "<strong>welcome</strong>" in html
    assert "<b>Cara</b>" not in html and "&lt;b&gt;Cara&lt;/b&gt;" in html


def test_with_the_server_down_messages_wait_then_go_exactly_once(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    smtp.stop()
    messages = [
        send(candidate, recruiter, django_capture_on_commit_callbacks, subject=f"Note {i}")
        for i in range(3)
    ]
    for message in messages:
        message.refresh_from_db()
        assert message.status == "queued" and message.attempts == 1
        assert "Connection" in message.last_error or "refused" in message.last_error
    smtp.start()
    assert outbox.due_message_ids() == []  # not before the retry delay
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        for pk in outbox.due_message_ids():
            outbox.handle_one(pk)
        for pk in outbox.due_message_ids():
            outbox.handle_one(pk)
    assert sorted(m["Subject"] for m in smtp.messages) == ["Note 0", "Note 1", "Note 2"]
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
    assert {m.message_id for m in messages} == {m["Message-ID"] for m in smtp.messages}


def test_a_permanent_refusal_fails_the_message_and_suppresses_the_address(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    smtp.recorder.refuse["cara@example.org"] = "550 5.1.1 No such user"
    message = send(candidate, recruiter, django_capture_on_commit_callbacks)
    message.refresh_from_db()
    assert message.status == "failed"
    assert "550" in message.last_error and "No such user" in message.last_error
    suppression = Suppression.objects.get(email="cara@example.org")
    with pytest.raises(DomainError, match="suppression list"):
        send(candidate, recruiter, django_capture_on_commit_callbacks)
    suppression_clear(suppression=suppression, actor=recruiter)
    del smtp.recorder.refuse["cara@example.org"]
    assert send(candidate, recruiter, django_capture_on_commit_callbacks).status == "queued"
    assert len(smtp.messages) == 1


def test_a_claim_left_by_a_dead_worker_is_released_by_the_sweep(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    smtp.stop()
    message = send(candidate, recruiter, django_capture_on_commit_callbacks)
    Message.objects.filter(pk=message.pk).update(status="sending", claimed_at=timezone.now())
    smtp.start()
    assert outbox.due_message_ids() == []
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert outbox.due_message_ids() == [message.pk]
        outbox.handle_one(message.pk)
    assert len(smtp.messages) == 1


def test_the_same_idempotency_key_sends_once(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    first = send(candidate, recruiter, django_capture_on_commit_callbacks, idempotency_key="k1")
    again = send(candidate, recruiter, django_capture_on_commit_callbacks, idempotency_key="k1")
    assert first.pk == again.pk
    assert len(smtp.messages) == 1
    with pytest.raises(Conflict):
        send(
            candidate,
            recruiter,
            django_capture_on_commit_callbacks,
            idempotency_key="k1",
            subject="Different",
        )


def test_a_scheduled_message_waits_for_its_time(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    later = timezone.now() + timedelta(hours=3)
    message = send(candidate, recruiter, django_capture_on_commit_callbacks, send_at=later)
    assert Message.objects.get(pk=message.pk).status == "queued"
    assert outbox.due_message_ids() == []
    with time_machine.travel(later + timedelta(seconds=1)):
        for pk in outbox.due_message_ids():
            outbox.handle_one(pk)
    assert len(smtp.messages) == 1


def test_without_email_url_messages_are_written_as_eml_files(
    tmp_path, settings, candidate, recruiter, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    message = send(candidate, recruiter, django_capture_on_commit_callbacks)
    [eml] = tmp_path.glob("*.eml")
    assert message.message_id.encode() in eml.read_bytes()
    assert Message.objects.get(pk=message.pk).status == "sent"


def test_default_templates_ship_for_every_purpose(db):
    purposes = set(EmailTemplate.objects.values_list("purpose", flat=True))
    assert {
        "acknowledgement",
        "rejection",
        "position_filled",
        "interview_invite",
        "follow_up",
        "nurture",
    } <= purposes


def test_a_candidate_without_email_cannot_be_mailed(recruiter, django_capture_on_commit_callbacks):
    from tests.factories import CandidateFactory

    nobody = CandidateFactory(emails=[])
    nobody.emails.all().delete()
    with pytest.raises(DomainError, match="no email"):
        send(nobody, recruiter, django_capture_on_commit_callbacks)


def test_a_notification_to_a_user_goes_through_the_outbox_once(
    smtp, recruiter, django_capture_on_commit_callbacks
):
    from ghostless.messaging.services import notification_queue

    with django_capture_on_commit_callbacks(execute=True):
        first = notification_queue(
            to_user=recruiter,
            subject="Your day",
            body="3 overdue",
            idempotency_key="digest:1:2026-11-25",
        )
        again = notification_queue(
            to_user=recruiter,
            subject="Your day",
            body="3 overdue",
            idempotency_key="digest:1:2026-11-25",
        )
    assert first.pk == again.pk
    [received] = smtp.messages
    assert received["To"] == "rita@example.com" and received["Subject"] == "Your day"
    assert Message.objects.get(pk=first.pk).status == "sent"
    assert not Activity.objects.filter(kind="email").exists()
