"""Audit rows for edits admins may need to trace: who changed which fields, from what, to what.

The service that makes the change writes the row in its own transaction, with only the fields
that changed; nothing is written when nothing did.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.timeline.models import AuditEntry


def plain(value):
    """A value as JSON can hold it and a person can read it: a user by username, a record by
    its name, dates in ISO form."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, User):
        return value.username
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [plain(v) for v in value]
    return str(value)


def changes_between(before: dict, after: dict) -> dict[str, list]:
    """`{field: [old, new]}` for the fields of `after` whose value is not the one before."""
    return {
        field: [plain(before.get(field)), plain(value)]
        for field, value in after.items()
        if plain(before.get(field)) != plain(value)
    }


def audit_record(
    *,
    actor: User | None,
    subject: str,
    subject_id: int,
    label: str,
    event: str,
    changes: dict[str, list],
) -> AuditEntry | None:
    if not changes:
        return None
    return AuditEntry.objects.create(
        actor=actor,
        subject=subject,
        subject_id=subject_id,
        label=label[:300],
        event=event,
        changes=changes,
    )


def audit_event(
    *,
    actor: User | None,
    subject: str,
    subject_id: int,
    label: str,
    event: str,
    detail: dict[str, list] | None = None,
) -> AuditEntry:
    """A row for something done rather than changed (a view, an export, an anonymisation, a
    login): written even when no field changed. `detail` takes the shape of `changes`."""
    return AuditEntry.objects.create(
        actor=actor,
        subject=subject,
        subject_id=subject_id,
        label=label[:300],
        event=event,
        changes=detail or {},
    )


def account_event(*, actor: User | None, user: User | None, label: str, event: str, detail: dict):
    """Listener of hooks.account_event: logins, tokens, two-factor, sessions, unlocks."""
    audit_event(
        actor=actor,
        subject="user",
        subject_id=user.pk if user is not None else 0,
        label=label,
        event=event,
        detail=detail,
    )


def audit_prune(*, now=None) -> int:
    """Remove entries older than AUDIT_RETENTION_DAYS; returns how many went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    removed, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return removed
