"""Answering an email a candidate sent: the subject, the quoted text and the threading headers.

The subject and body of an email are template source (rendering.py), so text taken from the
candidate's email is escaped for the template engine: a `{{` they typed stays two braces.
"""

import re
from email import policy
from email.parser import BytesHeaderParser

from django.utils import timezone

from ghostless.core.templatetags.dates import when
from ghostless.messaging.inbound import message_ids
from ghostless.messaging.models import InboundEmail

# "Re:", "RE :", "Aw:" (German), "Sv:" (Nordic), "Re[2]:": one is enough, however many came.
REPLY_PREFIX_RE = re.compile(r"^\s*(?:(?:re|aw|sv)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
TEMPLATE_DELIMITER_RE = re.compile(r"\{[{%#]")
# A quote longer than this is cut: the body of an email holds 100,000 characters.
MAX_QUOTED = 20_000
# References keeps the thread's first id and the latest ones (RFC 5322 allows trimming).
MAX_REFERENCES = 20


def template_literal(text: str) -> str:
    """Text the template engine will print as it is: each `{{`, `{%` or `{#` becomes an
    expression that prints those two characters."""
    return TEMPLATE_DELIMITER_RE.sub(lambda match: "{{ '" + match.group(0) + "' }}", text)


def reply_subject(subject: str) -> str:
    """ "Re: <the original>", never "Re: Re: ..."."""
    original = REPLY_PREFIX_RE.sub("", subject).strip()
    return f"Re: {original or '(no subject)'}"[:300]


def quoted(inbound: InboundEmail) -> str:
    """ "On 4 Mar 2025, 10:00 UTC, Sam Sender wrote:" and the text, each line after "> "."""
    sent = timezone.localtime(inbound.sent_at or inbound.received_at)
    name = inbound.from_name or inbound.from_email or "they"
    text = inbound.body_text.strip()
    if len(text) > MAX_QUOTED:
        text = text[:MAX_QUOTED].rstrip() + "\n[…]"
    lines = [f"> {line}".rstrip() for line in text.splitlines()]
    return f"On {when(sent)}, {name} wrote:\n" + "\n".join(lines)


def reply_body(inbound: InboundEmail) -> str:
    """The composer's starting text: room to write above the quoted email, as template source."""
    return "\n\n" + template_literal(quoted(inbound))


def threading_headers(inbound: InboundEmail) -> tuple[str, str]:
    """(In-Reply-To, References) for an answer: the email's own Message-ID, after the
    References it carried, so the candidate's mail client files the answer in the thread."""
    headers = BytesHeaderParser(policy=policy.compat32).parsebytes(bytes(inbound.raw))
    earlier = message_ids(" ".join(str(v) for v in headers.get_all("References") or []))
    own = message_ids(inbound.message_id)
    chain = list(dict.fromkeys(earlier + own))
    if len(chain) > MAX_REFERENCES:
        chain = chain[:1] + chain[-(MAX_REFERENCES - 1) :]
    return (own[0] if own else ""), " ".join(chain)
