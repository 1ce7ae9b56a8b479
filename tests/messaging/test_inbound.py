from email.message import EmailMessage

import pytest
from django.core.management import call_command

from ghostless.core.errors import DomainError
from ghostless.messaging import inbound
from ghostless.messaging.models import InboundEmail, Message, Suppression
from ghostless.messaging.services import message_queue
from ghostless.timeline.models import Activity


def email(
    *,
    sender="cara@example.org",
    subject="Re: Hello",
    body="Yes, I'm interested.",
    message_id="<reply-1@mail.example.org>",
    **headers,
) -> bytes:
    message = EmailMessage()
    message["From"] = f"Cara <{sender}>"
    message["To"] = "jobs@ghostless.example"
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


@pytest.fixture
def sent(application, recruiter, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    settings.REPLY_DOMAIN = "reply.ghostless.example"
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(
            candidate=application.candidate,
            actor=recruiter,
            application=application,
            subject="Hello",
            body="Interested?",
        )
    return Message.objects.get(pk=message.pk)


def inbound_activities():
    return Activity.objects.filter(kind="email", direction="inbound")


def test_a_reply_is_threaded_to_the_message_it_answers(sent):
    received = inbound.receive(
        email(sender="other@else.example", In_Reply_To=sent.message_id), source="webhook"
    )
    assert (received.state, received.matched_by) == ("matched", "thread")
    activity = inbound_activities().get()
    assert (activity.candidate, activity.application) == (sent.candidate, sent.application)
    assert activity.body == "Yes, I'm interested."


def test_mangled_references_still_find_the_thread(sent):
    mangled = f"garbage {sent.message_id}\t<broken  <also@broken"
    received = inbound.receive(email(sender="x@y.example", References=mangled), source="webhook")
    assert received.matched_by == "thread"


def test_the_reply_token_finds_the_thread(sent):
    raw = email(sender="x@y.example").replace(
        b"To: jobs@ghostless.example",
        f"To: reply+{sent.thread_token}@reply.ghostless.example".encode(),
    )
    assert inbound.receive(raw, source="webhook").matched_by == "reply_token"


def test_the_sender_address_finds_the_candidate(candidate):
    received = inbound.receive(email(sender="CARA@example.org"), source="webhook")
    assert (received.matched_by, received.candidate) == ("sender", candidate)


def test_the_same_message_is_never_added_twice(candidate):
    first = inbound.receive(email(), source="imap")
    again = inbound.receive(email(), source="webhook")
    assert first.pk == again.pk
    assert inbound_activities().count() == 1


def test_without_a_message_id_the_content_hash_deduplicates(candidate):
    raw = email(message_id=None)
    inbound.receive(raw, source="imap")
    inbound.receive(raw, source="imap")
    assert InboundEmail.objects.count() == 1


def test_unknown_senders_wait_in_triage_until_a_person_acts(candidate, recruiter):
    received = inbound.receive(email(sender="stranger@nowhere.example"), source="webhook")
    assert received.state == "triage" and not inbound_activities().exists()
    inbound.inbound_attach(inbound=received, candidate=candidate, actor=recruiter)
    assert inbound_activities().get().candidate == candidate
    with pytest.raises(DomainError):
        inbound.inbound_attach(inbound=received, candidate=candidate, actor=recruiter)
    other = inbound.receive(
        email(sender="spam@nowhere.example", message_id="<s@x>"), source="webhook"
    )
    inbound.inbound_dismiss(inbound=other, actor=recruiter)
    assert InboundEmail.objects.get(pk=other.pk).state == "dismissed"


def test_attachments_are_kept_and_html_is_sanitized(candidate, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    message = EmailMessage()
    message["From"] = "cara@example.org"
    message["Subject"] = "My CV"
    message["Message-ID"] = "<cv@example.org>"
    message.set_content("See attached")
    message.add_alternative("<p>See <b>attached</b><script>alert(1)</script></p>", subtype="html")
    message.add_attachment(b"%PDF-1.4 cv", maintype="application", subtype="pdf", filename="cv.pdf")
    received = inbound.receive(message.as_bytes(), source="webhook")
    [attachment] = received.attachments.all()
    assert (attachment.filename, attachment.size) == ("cv.pdf", 11)
    assert attachment.file.read() == b"%PDF-1.4 cv"
    assert "cv.pdf" not in attachment.file.name
    assert "<script>" not in received.body_html and "<b>attached</b>" in received.body_html


DSN = """From: MAILER-DAEMON@mx.example
To: jobs@ghostless.example
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce-1@mx.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system. Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example
Final-Recipient: rfc822; cara@example.org
Action: failed
Status: 5.1.1

--B
Content-Type: text/rfc822-headers

Message-ID: {message_id}
Subject: Hello

--B--
"""


def test_a_bounce_marks_the_message_and_suppresses_the_address(sent):
    raw = DSN.format(message_id=sent.message_id).replace("\n", "\r\n").encode()
    received = inbound.receive(raw, source="imap")
    assert received.state == "bounce"
    assert Message.objects.get(pk=sent.pk).status == "bounced"
    assert Suppression.objects.filter(email="cara@example.org", cleared_at=None).exists()
    assert Activity.objects.filter(subject__startswith="Email bounced").exists()
    assert not inbound_activities().exists()


@pytest.mark.parametrize("raw", [b"", b"   \r\n", b"no headers at all"])
def test_unparseable_mail_is_refused(raw, db):
    with pytest.raises(DomainError):
        inbound.receive(raw, source="webhook")


def test_poll_inbox_puts_each_reply_on_its_timeline_once(
    dovecot, sent, settings, django_capture_on_commit_callbacks
):
    settings.IMAP_URL = dovecot.url
    dovecot.append(email(sender="x@y.example", In_Reply_To=sent.message_id))
    dovecot.append(email(sender="stranger@nowhere.example", message_id="<s1@nowhere>"))
    call_command("poll_inbox")
    call_command("poll_inbox")
    assert inbound_activities().filter(candidate=sent.candidate).count() == 1
    assert InboundEmail.objects.filter(state="triage").count() == 1
    dovecot.append(email(sender="cara@example.org", message_id="<later@example.org>"))
    call_command("poll_inbox")
    assert inbound_activities().count() == 2
