"""Telling an applicant the outcome by text when email cannot reach them (docs/texts.md):
no address, or every address on the suppression list (bounced, refused), but a number that
may be texted. The loop's services ask here before they fall back to email."""

from datetime import datetime

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.errors import DomainError
from ghostless.jobs.models import Application
from ghostless.messaging.models import Suppression
from ghostless.texts.models import SmsTemplate, Text
from ghostless.texts.services import text_queue, textable_phones


def has_working_email(candidate: Candidate) -> bool:
    addresses = [e.email for e in candidate.emails.all()]
    if not addresses:
        return False
    suppressed = Suppression.objects.filter(email__in=addresses, cleared_at__isnull=True)
    return suppressed.values("email").distinct().count() < len(addresses)


def tells_by_text(candidate: Candidate) -> bool:
    if candidate.do_not_contact_at:
        return False
    return not has_working_email(candidate) and bool(textable_phones(candidate))


def existing_outcome_text(*, application_id: int, key: str) -> Text | None:
    return Text.objects.filter(
        application_id=application_id, idempotency_key__endswith=f":{key}"
    ).first()


def outcome_text_queue(
    *,
    application: Application,
    actor: User | None,
    purpose: str,
    key: str,
    send_at: datetime | None = None,
) -> Text:
    """The outcome text for the email template's purpose (rejection, position filled)."""
    template = SmsTemplate.objects.filter(purpose=purpose).order_by("name", "id").first()
    if template is None:
        raise DomainError(
            f"{application.candidate.name} can only be told by text, and there is no SMS "
            f"template for “{purpose.replace('_', ' ')}”.",
            field="template_id",
        )
    return text_queue(
        candidate=application.candidate,
        actor=actor,
        template=template,
        application=application,
        send_at=send_at,
        idempotency_key=key,
    )
