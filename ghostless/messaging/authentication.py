"""Was inbound mail really sent by the address in its From:? The receiving mail server's
Authentication-Results header (RFC 8601) says what SPF, DKIM and DMARC found.

Anyone can write such a header into a message, so only the receiving server's counts: the
one whose authserv-id is `INBOUND_AUTHSERV_ID` when that is set, else the topmost (the
receiver prepends its own above everything the sender wrote).

Verified means dmarc=pass, or dkim=pass for a signing domain aligned with the From: domain,
or spf=pass for an envelope sender aligned with it. Aligned is relaxed and simplified: the
same domain, or one a subdomain of the other.
"""

import re
from dataclasses import dataclass

COMMENT_RE = re.compile(r"\([^()]*\)")
RESULT_RE = re.compile(r"^\s*([a-z0-9_-]+)\s*=\s*([a-z]+)\b(.*)$", re.IGNORECASE | re.DOTALL)
PROPERTY_RE = re.compile(r"\b([a-z]+\.[a-z0-9_-]+)\s*=\s*([^\s;]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    raw: str  # the trusted header, as received; "" when there is none
    verified: bool


def _authserv_id(header: str) -> str:
    words = COMMENT_RE.sub(" ", header).split(";", 1)[0].split()
    return words[0].lower() if words else ""


def trusted_header(headers: list[str], *, authserv_id: str) -> str:
    if not authserv_id:
        return headers[0] if headers else ""
    wanted = authserv_id.lower()
    return next((h for h in headers if _authserv_id(h) == wanted), "")


def results(header: str) -> list[tuple[str, str, dict[str, str]]]:
    """(method, result, properties) for each `method=result prop=value ...` clause."""
    found = []
    for clause in COMMENT_RE.sub(" ", header).split(";")[1:]:
        if match := RESULT_RE.match(clause):
            method, result, rest = match.groups()
            props = {k.lower(): v.strip('"').lower() for k, v in PROPERTY_RE.findall(rest)}
            found.append((method.lower(), result.lower(), props))
    return found


def _domain(value: str) -> str:
    return value.rsplit("@", 1)[-1].strip(".<>").lower()


def aligned(domain: str, from_domain: str) -> bool:
    return bool(domain) and (
        domain == from_domain
        or domain.endswith("." + from_domain)
        or from_domain.endswith("." + domain)
    )


def sender_verdict(headers: list[str], from_email: str, *, authserv_id: str) -> Verdict:
    header = " ".join(trusted_header(headers, authserv_id=authserv_id).split())
    from_domain = _domain(from_email) if "@" in from_email else ""
    verified = False
    for method, result, props in results(header):
        if result != "pass" or not from_domain:
            continue
        if method == "dmarc":
            verified = verified or aligned(
                _domain(props.get("header.from", from_domain)), from_domain
            )
        elif method == "dkim":
            signer = props.get("header.d") or _domain(props.get("header.i", ""))
            verified = verified or aligned(signer, from_domain)
        elif method == "spf":
            verified = verified or aligned(_domain(props.get("smtp.mailfrom", "")), from_domain)
    return Verdict(raw=header, verified=verified)
