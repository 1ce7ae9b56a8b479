"""What a candidate asks for from their status page: a copy of their data, or its erasure.

Both are confirmed by a signed link mailed to their first address (the status page link
alone may have been forwarded); following it shows a page with one button, since mail
scanners open links. Erasure then goes ahead even where an outcome was never told (the
person asked) and the timeline entry says so.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import candidate_or_survivor
from ghostless.core.errors import DomainError
from ghostless.messaging.services import message_queue
from ghostless.privacy import events
from ghostless.privacy.anonymise import candidate_anonymise
from ghostless.privacy.exports import download_url, export_request
from ghostless.privacy.models import SubjectExport
from ghostless.status.services import hourly_allow

SALT = "privacy.request"
CONFIRM_DAYS = 3
ASKS_PER_HOUR = 3
ERASE, EXPORT = "erase", "export"

SUBJECTS = {
    ERASE: "Confirm: erase your personal data",
    EXPORT: "Confirm: send you a copy of your personal data",
}
BODIES = {
    ERASE: (
        "Hi,\n\nYou asked {{ company.name }} to erase the personal data we hold about you. "
        "To confirm, open this link within %(days)s days and press the button:\n\n%(url)s\n\n"
        "Once confirmed this cannot be undone: your applications end and we keep no way to "
        "reach you. If you did not ask for this, ignore this email: nothing changes.\n"
    ),
    EXPORT: (
        "Hi,\n\nYou asked {{ company.name }} for a copy of the personal data we hold about you. "
        "To confirm, open this link within %(days)s days and press the button:\n\n%(url)s\n\n"
        "We then email you a download link. If you did not ask for this, ignore this email.\n"
    ),
}
READY_SUBJECT = "Your copy of your personal data is ready"
READY_BODY = (
    "Hi,\n\nThe copy of your personal data you asked {{ company.name }} for is ready: a zip "
    "file you can download from this link for %(days)s days:\n\n%(url)s\n"
)


def privacy_request(*, candidate: Candidate, what: str) -> str:
    """Mail the confirmation link; returns the address written to."""
    if what not in (ERASE, EXPORT):
        raise DomainError("Ask for a copy or for erasure.", field="what")
    address = candidate.emails.values_list("email", flat=True).first()
    if not address:
        raise DomainError("We have no email address to confirm this with: ask us below.")
    if not hourly_allow(f"privacy:{what}:candidate:{candidate.pk}", ASKS_PER_HOUR):
        raise DomainError("We have sent several links in the last hour: please use one of them.")
    token = signing.dumps({"c": candidate.pk, "w": what}, salt=SALT)
    url = f"{settings.SITE_URL}{reverse('privacy:confirm', args=[token])}"
    with transaction.atomic():
        if what == ERASE:
            events.erasure_asked(candidate=candidate)
        message_queue(
            candidate=candidate,
            actor=None,
            subject=SUBJECTS[what],
            body=BODIES[what] % {"days": CONFIRM_DAYS, "url": url},
            to_email=address,
        )
    return address


def read_request(token: str) -> tuple[Candidate, str] | None:
    """(candidate, what) a valid, unexpired confirmation link names; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=CONFIRM_DAYS))
    except signing.BadSignature:
        return None
    candidate = candidate_or_survivor(int(data["c"]))
    if candidate is None or data.get("w") not in (ERASE, EXPORT):
        return None
    return candidate, data["w"]


def privacy_confirm(*, candidate: Candidate, what: str) -> SubjectExport | None:
    if what == ERASE:
        candidate_anonymise(
            candidate,
            actor=None,
            reason="Erasure requested by the candidate",
            by="At the candidate's own request, confirmed by email",
        )
        return None
    return export_request(candidate=candidate, actor=None, by_candidate=True)


def mail_export_ready(*, export: SubjectExport) -> None:
    candidate = export.candidate
    address = candidate.emails.values_list("email", flat=True).first()
    if not address:
        return
    message_queue(
        candidate=candidate,
        actor=None,
        subject=READY_SUBJECT,
        body=READY_BODY % {"days": settings.EXPORT_LINK_DAYS, "url": download_url(export)},
        to_email=address,
        idempotency_key=f"privacy-export:{export.pk}",
    )
