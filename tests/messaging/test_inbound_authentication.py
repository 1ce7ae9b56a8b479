"""A forged From: of a known candidate still reaches their timeline (mail is never dropped),
but only mail the receiving server authenticated (RFC 8601 Authentication-Results) counts
as from them; the rest is marked "Unverified sender"."""

import pytest

from ghostless.messaging import inbound
from ghostless.messaging.authentication import sender_verdict
from ghostless.messaging.models import InboundEmail

MX = "mx.ghostless.example"


def raw_mail(*auth_results: str, sender="cara@example.org", message_id="<a1@example.org>"):
    headers = "".join(f"Authentication-Results: {value}\r\n" for value in auth_results)
    return (
        f"{headers}From: Cara <{sender}>\r\nTo: jobs@ghostless.example\r\n"
        f"Subject: Re: Hello\r\nMessage-ID: {message_id}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nYes, I'm interested.\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("result", "verified"),
    [
        (f"{MX}; dmarc=pass (p=reject) header.from=example.org", True),
        (f"{MX}; dkim=pass header.d=example.org header.s=sel; spf=fail", True),
        (f"{MX}; dkim=pass header.d=mail.example.org", True),
        (f"{MX}; spf=pass smtp.mailfrom=bounce@example.org", True),
        (f"{MX}; spf=pass smtp.mailfrom=attacker@evil.example; dkim=none", False),
        (f"{MX}; dkim=pass header.d=evil.example; dmarc=fail header.from=example.org", False),
        (f"{MX}; dkim=pass header.d=notexample.org", False),
        (f"{MX}; dmarc=fail header.from=example.org", False),
        (f"{MX}; none", False),
        (f"{MX} 1; auth=pass (cram-md5) smtp.auth=sender@example.org; spf=neutral", False),
        ("garbage without any structure", False),
    ],
)
def test_verdict_follows_dmarc_or_an_aligned_dkim_or_spf_pass(result, verified):
    assert sender_verdict([result], "cara@example.org", authserv_id="").verified is verified


def test_authenticated_mail_from_a_candidate_is_verified(candidate):
    header = f"{MX}; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org"
    stored = InboundEmail.objects.get(pk=inbound.receive(raw_mail(header), source="imap").pk)
    assert stored.sender_verified is True
    assert stored.auth_results == header
    assert stored.state == "matched"


def test_spoofed_from_still_attaches_but_is_unverified(candidate):
    header = f"{MX}; spf=fail smtp.mailfrom=example.org; dkim=none; dmarc=fail"
    stored = InboundEmail.objects.get(pk=inbound.receive(raw_mail(header), source="imap").pk)
    assert (stored.state, stored.matched_by) == ("matched", "sender")
    assert stored.sender_verified is False
    assert "dmarc=fail" in stored.auth_results


def test_mail_without_authentication_results_is_unverified(candidate):
    stored = InboundEmail.objects.get(pk=inbound.receive(raw_mail(), source="webhook").pk)
    assert stored.sender_verified is False
    assert stored.auth_results == ""


def test_only_the_topmost_header_counts_as_the_receiving_servers(candidate):
    """A sender can write any Authentication-Results they like below the receiver's own."""
    forged = f"{MX}; dmarc=pass header.from=example.org"
    real = "mx.receiver.example; dmarc=fail header.from=example.org"
    stored = inbound.receive(raw_mail(real, forged), source="imap")
    assert stored.sender_verified is False
    assert stored.auth_results == real


def test_with_an_authserv_id_only_that_servers_header_counts(candidate, settings):
    settings.INBOUND_AUTHSERV_ID = MX
    forged = "forger.example; dmarc=pass header.from=example.org"
    real = f"{MX.upper()}; dmarc=pass header.from=example.org"
    stored = inbound.receive(raw_mail(forged, real), source="imap")
    assert stored.sender_verified is True
    assert stored.auth_results == real

    only_forged = inbound.receive(raw_mail(forged, message_id="<a2@example.org>"), source="imap")
    assert only_forged.sender_verified is False
    assert only_forged.auth_results == ""
