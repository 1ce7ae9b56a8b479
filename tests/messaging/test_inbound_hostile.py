"""Mail the databases could not store, or the parser trips on, is cleaned and kept: never
lost, never a crash that stops the poller at that message."""

import pytest

from ghostless.messaging import inbound
from ghostless.messaging.models import InboundEmail

HEAD = b"From: Cara <cara@example.org>\r\nTo: jobs@ghostless.example\r\nMIME-Version: 1.0\r\n"


def unstorable(text: str) -> bool:
    return "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def test_nul_and_broken_utf8_in_the_body_are_cleaned(candidate):
    raw = (
        HEAD + b"Subject: Hello\r\nMessage-ID: <nul@mail.example.org>\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>Yes\x00 I am \xed\xa0\x80 interested</p>\r\n"
    )
    received = inbound.receive(raw, source="webhook")
    stored = InboundEmail.objects.get(pk=received.pk)
    assert stored.state == "matched"
    assert "Yes I am" in stored.body_text
    assert not unstorable(stored.body_text + stored.body_html)


def test_undecodable_headers_and_filenames_are_stored_with_replacement_characters(candidate):
    raw = (
        HEAD + b"Subject: Caf\xe9 \xff\r\nMessage-ID: <hdr@mail.example.org>\r\n"
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached\r\n"
        b"--B\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="cv\xe9\xff.pdf"\r\n\r\n%PDF-1.4\r\n--B--\r\n'
    )
    stored = InboundEmail.objects.get(pk=inbound.receive(raw, source="webhook").pk)
    assert stored.subject.startswith("Caf\N{REPLACEMENT CHARACTER}")
    assert stored.attachments.get().filename.endswith(".pdf")
    assert not unstorable(stored.subject + stored.attachments.get().filename)


@pytest.mark.parametrize("charset", ["x-unknown-zz", "utf-7-bogus"])
def test_a_part_in_an_unknown_charset_is_read_as_utf8_not_dropped(candidate, charset):
    raw = (
        HEAD + b"Subject: Hi\r\nMessage-ID: <cs@mail.example.org>\r\n"
        b"Content-Type: multipart/alternative; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain; charset=" + charset.encode() + b"\r\n\r\n"
        b"Happy to talk \xc3\xa9\r\n--B--\r\n"
    )
    stored = InboundEmail.objects.get(pk=inbound.receive(raw, source="webhook").pk)
    assert stored.body_text == "Happy to talk \N{LATIN SMALL LETTER E WITH ACUTE}"
    assert stored.state == "matched"


def test_the_webhook_keeps_hostile_mail_instead_of_failing(client, settings, candidate):
    settings.INBOUND_EMAIL_SECRET = "s3cret"
    raw = HEAD + b"Subject: \xff\r\nContent-Type: text/plain; charset=nope\r\n\r\nA\x00B\r\n"
    response = client.post(
        "/api/v1/inbound/email", raw, "message/rfc822", headers={"X-Inbound-Secret": "s3cret"}
    )
    assert response.status_code == 202
    assert InboundEmail.objects.get().body_text == "AB"


def test_the_webhook_takes_mail_larger_than_a_form_body(client, settings, candidate):
    """A 5 MB CV attached is ordinary mail, over Django's 2.5 MB request-body limit."""
    settings.INBOUND_EMAIL_SECRET = "s3cret"
    cv = b"JVBERi0xLjQK" * (5 * 1024 * 1024 // 12)
    raw = (
        HEAD + b"Subject: CV\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nAttached.\r\n--B\r\n"
        b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        b'Content-Disposition: attachment; filename="cv.pdf"\r\n\r\n' + cv + b"\r\n--B--\r\n"
    )
    response = client.post(
        "/api/v1/inbound/email", raw, "message/rfc822", headers={"X-Inbound-Secret": "s3cret"}
    )
    assert response.status_code == 202
    assert InboundEmail.objects.get().attachments.get().size > 3 * 1024 * 1024


def test_the_webhook_refuses_mail_beyond_the_inbound_limit_as_json(client, settings, db):
    settings.INBOUND_EMAIL_SECRET = "s3cret"
    settings.INBOUND_EMAIL_MAX_BYTES = 1000
    response = client.post(
        "/api/v1/inbound/email",
        HEAD + b"\r\n" + b"x" * 2000,
        "message/rfc822",
        headers={"X-Inbound-Secret": "s3cret"},
    )
    assert response.status_code == 413
    assert "1,000 bytes" in response.json()["detail"]
