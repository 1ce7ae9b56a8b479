"""Parsing the closing screen's and the reject form's fields into what the services take."""

import uuid
from datetime import datetime

from django.http import QueryDict
from django.utils import timezone

from ghostless.core.errors import DomainError
from ghostless.jobs.models import RejectionReason
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.pools.models import TalentPool

OUTCOME_PURPOSES = (Purpose.REJECTION, Purpose.POSITION_FILLED)


def _pk(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def outcome_templates():
    """Rejection templates first, so the reject form starts on one."""
    return EmailTemplate.objects.filter(purpose__in=OUTCOME_PURPOSES).order_by("-purpose", "name")


def template_from(value: str | None, *, field: str) -> EmailTemplate | None:
    if not value:
        return None
    template = EmailTemplate.objects.filter(pk=_pk(value)).first()
    if template is None:
        raise DomainError("Choose a template from the list.", field=field)
    return template


def reason_from(value: str | None) -> RejectionReason | None:
    return RejectionReason.objects.filter(pk=_pk(value), active=True).first()


def pool_from(value: str | None) -> TalentPool | None:
    if not value:
        return None
    pool = TalentPool.objects.filter(pk=_pk(value)).first()
    if pool is None:
        raise DomainError("Choose a talent pool from the list.", field="pool")
    return pool


def key_from(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def send_at_from(value: str | None) -> datetime | None:
    """A datetime-local value, read in the user's time zone (the middleware activates it)."""
    if not value:
        return None
    try:
        naive = datetime.fromisoformat(value)
    except ValueError:
        raise DomainError("Give the send time as a date and a time.", field="send_at") from None
    return timezone.make_aware(naive, timezone.get_current_timezone())


def group_templates(data: QueryDict) -> dict[int, EmailTemplate]:
    """`template_<stage order>` fields: the template each group gets."""
    templates = {}
    for name, value in data.items():
        order = name.removeprefix("template_")
        if name.startswith("template_") and order.isdigit() and value:
            templates[int(order)] = template_from(value, field=name)
    return templates
