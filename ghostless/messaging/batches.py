"""Starting a batch of email (a bulk send, a nurture send, a close-out) exactly once per form.

The form carries a fresh key each time it is shown, so the same form submitted twice (a double
click, a retried request) answers with the first batch instead of starting a second.
"""

import uuid
from collections.abc import Callable

from django.db import IntegrityError, models, transaction

from ghostless.accounts.models import User
from ghostless.core.errors import Conflict

USED_BY_SOMEONE_ELSE = "This form was already used by someone else."


def batch_for_key(
    model: type[models.Model],
    *,
    key: uuid.UUID | None,
    actor: User,
    message: str = USED_BY_SOMEONE_ELSE,
    **same,
) -> models.Model | None:
    """The batch this key already started, or None; Conflict when it was started by another
    user or for something else (`same`: fields that must match)."""
    if key is None or (existing := model.objects.filter(key=key).first()) is None:
        return None
    if existing.actor_id != actor.pk or any(getattr(existing, f) != v for f, v in same.items()):
        raise Conflict(message, field="key")
    return existing


def batch_create(
    model: type[models.Model],
    *,
    key: uuid.UUID | None,
    actor: User,
    enqueue: Callable[[int], None],
    message: str = USED_BY_SOMEONE_ELSE,
    same: dict | None = None,
    **fields,
) -> models.Model:
    """Write the batch and hand its id to `enqueue` after the commit. When the other click of a
    double click wins the race on the unique key, answer with its batch."""
    try:
        with transaction.atomic():
            batch = model.objects.create(key=key or uuid.uuid4(), actor=actor, **fields)
            transaction.on_commit(lambda: enqueue(batch.pk))
    except IntegrityError:
        if key is None:
            raise
        return batch_for_key(model, key=key, actor=actor, message=message, **(same or {}))
    return batch
