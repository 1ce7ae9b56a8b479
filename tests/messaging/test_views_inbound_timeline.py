from email.message import EmailMessage

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ghostless.messaging import inbound
from ghostless.messaging.models import InboundAttachment, Message
from ghostless.messaging.templatetags.email_display import fold_html, fold_text
from tests.factories import ApplicationFactory

REPLY = """Yes, Tuesday works. <script>alert(1)</script>

On Mon, 3 Mar 2025 at 10:00, Rita Reyes <rita@example.com> wrote:
> Would Tuesday suit you?
> Rita
"""


def raw_email(
    *,
    body=REPLY,
    html=None,
    attachments=(),
    sender="cara@example.org",
    message_id="<r1@mail.example>",
) -> bytes:
    message = EmailMessage()
    message["From"] = f"Cara <{sender}>"
    message["To"] = "jobs@ghostless.example"
    message["Subject"] = "Re: Interview"
    message["Message-ID"] = message_id
    message.set_content(body)
    if html:
        message.add_alternative(html, subtype="html")
    for filename, content_type, data in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


@pytest.fixture
def received(candidate):
    return inbound.receive(
        raw_email(attachments=[("cv.pdf", "application/pdf", b"%PDF-1.4 cara")]), source="webhook"
    )


def test_a_received_email_shows_on_the_timeline_with_its_quote_folded(
    received, recruiter_client, candidate
):
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    entry = html.split('<div class="inbound-email">')[1].split("</li>")[0]
    assert (
        '<pre class="email-text">Yes, Tuesday works. &lt;script&gt;alert(1)&lt;/script&gt;</pre>'
        in entry
    )
    assert '<details class="quoted"><summary>Show quoted text</summary>' in entry
    folded = entry.split("<summary>Show quoted text</summary>")[1]
    assert "On Mon, 3 Mar 2025 at 10:00, Rita Reyes &lt;rita@example.com&gt; wrote:" in folded
    assert "&gt; Would Tuesday suit you?" in folded
    assert "<script>alert" not in html


def test_attachments_download_as_attachments_with_nosniff(received, recruiter_client, candidate):
    attachment = InboundAttachment.objects.get()
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert f'<a href="/email/attachments/{attachment.pk}/" download>cv.pdf</a>' in html
    response = recruiter_client.get(f"/email/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 cara"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_html_attachment_is_served_as_opaque_bytes(candidate, recruiter_client):
    inbound.receive(
        raw_email(attachments=[("page.html", "text/html", b"<script>alert(1)</script>")]),
        source="webhook",
    )
    attachment = InboundAttachment.objects.get()
    response = recruiter_client.get(f"/email/attachments/{attachment.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_an_html_email_is_shown_sanitized_with_the_blockquote_folded(candidate, recruiter_client):
    html_body = (
        '<div>See you <b>then</b><img src=x onerror="alert(1)"></div>'
        "<div>On Mon, Rita wrote:</div><blockquote><p>Tuesday?</p></blockquote>"
    )
    inbound.receive(raw_email(html=html_body), source="webhook")
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    entry = html.split('<div class="inbound-email">')[1].split("</li>")[0]
    assert '<div class="email-html"><div>See you <b>then</b>' in entry
    assert "onerror" not in entry
    quoted = entry.split("<summary>Show quoted text</summary>")[1]
    assert "On Mon, Rita wrote:" in quoted and "<blockquote><p>Tuesday?</p></blockquote>" in quoted


def test_timeline_queries_do_not_grow_with_received_emails(candidate, recruiter_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            recruiter_client.get(f"/candidates/{candidate.pk}/")
        return len(queries)

    attachment = [("a.pdf", "application/pdf", b"%PDF")]
    inbound.receive(raw_email(message_id="<m0@x>", attachments=attachment), source="webhook")
    one = count_queries()
    for n in range(1, 8):
        inbound.receive(raw_email(message_id=f"<m{n}@x>", attachments=attachment), source="webhook")
    assert count_queries() == one


def test_hiring_managers_and_outsiders_cannot_download_what_they_cannot_see(
    received, candidate, job, manager_client, outsider_client, other_recruiter
):
    attachment = InboundAttachment.objects.get()
    path = f"/email/attachments/{attachment.pk}/"
    # Cara is on no job of theirs, so neither manager sees her.
    assert outsider_client.get(path).status_code == 404
    assert manager_client.get(path).status_code == 404


def test_a_hiring_manager_downloads_from_a_reply_about_her_job(candidate, job, manager_client):
    application = ApplicationFactory(candidate=candidate, job=job)
    sent = Message.objects.create(
        candidate=candidate,
        application=application,
        to_email="cara@example.org",
        from_email="jobs@example.com",
        subject="Interview",
        body_text="Would Tuesday suit you?",
        message_id="<sent1@ghostless.example>",
        thread_token="t1",
        status="sent",
    )
    reply = raw_email(attachments=[("cv.pdf", "application/pdf", b"%PDF")])
    inbound.receive(f"In-Reply-To: {sent.message_id}\n".encode() + reply, source="webhook")
    attachment = InboundAttachment.objects.get()
    response = manager_client.get(f"/email/attachments/{attachment.pk}/")
    assert response.status_code == 200


def test_a_hiring_manager_cannot_download_from_an_email_tied_to_no_application(
    candidate, job, manager_client
):
    # Matched by address only: it may be about any job, or a talent pool.
    ApplicationFactory(candidate=candidate, job=job)
    inbound.receive(
        raw_email(attachments=[("cv.pdf", "application/pdf", b"%PDF")]), source="webhook"
    )
    attachment = InboundAttachment.objects.get()
    assert manager_client.get(f"/email/attachments/{attachment.pk}/").status_code == 404


def test_triage_attachments_are_for_recruiters_only(db, recruiter_client, manager_client):
    inbound.receive(
        raw_email(
            sender="nobody@unknown.example", attachments=[("x.pdf", "application/pdf", b"%")]
        ),
        source="webhook",
    )
    attachment = InboundAttachment.objects.get()
    assert recruiter_client.get(f"/email/attachments/{attachment.pk}/").status_code == 200
    assert manager_client.get(f"/email/attachments/{attachment.pk}/").status_code == 404


def test_fold_text_keeps_inline_replies_in_order():
    blocks = fold_text("> question one\nanswer one\n> question two\nanswer two")
    assert [(b.quoted, b.text) for b in blocks] == [
        (True, "> question one"),
        (False, "answer one"),
        (True, "> question two"),
        (False, "answer two"),
    ]


def test_fold_text_without_quotes_is_one_block():
    assert [(b.quoted, b.text) for b in fold_text("Just this.")] == [(False, "Just this.")]


def test_fold_html_without_quotes_is_unchanged():
    [block] = fold_html("<p>Hi</p>")
    assert (block.quoted, str(block.text)) == (False, "<p>Hi</p>")
