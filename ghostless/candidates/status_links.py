"""The signed link to a candidate's status page (issue 18), made here in the records layer so
messaging (every email's footer) and the status app (the page) can both reach it without either
importing the other.

The token is the candidate's id signed with the SECRET_KEY and the time it was made
(TimestampSigner, its own salt): a forged or altered token fails the signature, and a token
older than STATUS_LINK_DAYS is expired but still names, verifiably, whom it was made for.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

SALT = "ghostless.status.page"


class LinkInvalid(Exception):
    """Forged, altered or not ours: the page answers a plain 404."""


class LinkExpired(Exception):
    """Genuine but older than STATUS_LINK_DAYS; `candidate_id` is whom it was made for."""

    def __init__(self, candidate_id: int):
        super().__init__(candidate_id)
        self.candidate_id = candidate_id


def lifetime() -> timedelta:
    return timedelta(days=settings.STATUS_LINK_DAYS)


def status_token(candidate_id: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"c": candidate_id})


def status_url(candidate_id: int) -> str:
    """An absolute link, signed afresh each time: every email carries a new one."""
    return settings.SITE_URL + reverse("status:page", args=[status_token(candidate_id)])


def expires_at(issued: datetime | None = None) -> datetime:
    return (issued or timezone.now()) + lifetime()


def read_status_token(token: str) -> int:
    """The candidate id the token was signed for; LinkInvalid or LinkExpired otherwise."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=lifetime())
    except signing.SignatureExpired:
        return _expired(signer, token)
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkInvalid from None
    return _candidate_id(data)


def _expired(signer: signing.TimestampSigner, token: str) -> int:
    try:
        data = signer.unsign_object(token)  # the signature held; only its age failed
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkInvalid from None
    raise LinkExpired(_candidate_id(data))


def _candidate_id(data) -> int:
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        raise LinkInvalid
    return data["c"]
