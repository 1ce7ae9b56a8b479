"""Retention rules as admins write them, each change in the audit log."""

from django.db import transaction

from ghostless.accounts.models import User
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_admin
from ghostless.privacy.models import Outcome, RetentionRule
from ghostless.timeline.audit import audit_event

MAX_MONTHS = 600


def retention_rule_create(
    *,
    actor: User | None,
    outcome: str,
    months: int,
    location: str = "",
    legal_floor: bool = False,
    note: str = "",
) -> RetentionRule:
    check_admin(actor)
    if outcome not in Outcome.values:
        raise DomainError(f"Outcome must be one of: {', '.join(Outcome.values)}.", field="outcome")
    if not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise DomainError(f"Months must be a whole number from 1 to {MAX_MONTHS}.", field="months")
    location, note = location.strip(), note.strip()
    if len(location) > 200:
        raise DomainError("Location must be at most 200 characters.", field="location")
    if len(note) > 200:
        raise DomainError("Note must be at most 200 characters.", field="note")
    with transaction.atomic():
        rule = RetentionRule.objects.create(
            outcome=outcome,
            months=months,
            location=location,
            legal_floor=legal_floor,
            note=note,
            created_by=actor,
        )
        audit_event(
            actor=actor,
            subject="retention_rule",
            subject_id=rule.pk,
            label=str(rule),
            event="created",
        )
    return rule


def retention_rule_delete(*, actor: User | None, rule: RetentionRule) -> None:
    check_admin(actor)
    with transaction.atomic():
        audit_event(
            actor=actor,
            subject="retention_rule",
            subject_id=rule.pk,
            label=str(rule),
            event="deleted",
        )
        rule.delete()
