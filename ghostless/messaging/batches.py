"""Batches of email (a bulk send, a nurture send, a close-out): started exactly once per form,
run in committed steps, and resumed when the worker running one dies.

The form carries a fresh key each time it is shown, so the same form submitted twice (a double
click, a retried request) answers with the first batch instead of starting a second. The
batch's progress lives in its row (`BatchState`), never only in a task.
"""

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.core.errors import Conflict
from ghostless.messaging.models import BatchState

logger = logging.getLogger(__name__)

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


def skip_row(application_id: int, candidate: str, reason: str) -> dict:
    """One application a batch could not send to, as the progress pages list it."""
    return {"application_id": application_id, "candidate": candidate, "reason": reason}


def access_batch(model: type[BatchState], user: User, key, *related: str) -> BatchState:
    """The only way views load a batch by its key: recruiters and admins see them all, others
    none (404, as for a key that names nothing)."""
    batch = model.objects.select_related(*related).filter(key=key).first() if key else None
    if batch is None or not user.sees_everything:
        raise Http404
    return batch


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


# Running a batch so that a worker killed at any instant loses nothing.

# Rows handled between two commits of the batch's progress: what a dead worker can lose is
# one step, and the next run repeats it (every row's work is idempotent).
STEP = 20
# A batch whose heartbeat is older than this has no live worker: steps take well under a
# second, so a live run beats far more often.
STALE_AFTER = timedelta(minutes=3)

# Every batch model and the function that hands one of its batches to a task.
KINDS: dict[type[BatchState], Callable[[int], None]] = {}


def batch_kind(model: type[BatchState], enqueue: Callable[[int], None]) -> None:
    """Register a batch model with the sweep; tasks modules call this at import."""
    KINDS[model] = enqueue


def batch_run(
    batch: BatchState, items: Sequence, process: Callable[[Sequence], list[dict]]
) -> bool:
    """Run `process` over `items` from where the batch got to, one step at a time.

    1. The run owns the batch through its heartbeat: it starts by moving the heartbeat it
       was handed forward, and every later write lands only while the heartbeat is still the
       one it wrote last. When a sweep hands the batch to another run, this one stops.
    2. After each step, position, the skips so far and the heartbeat are committed in one
       UPDATE, so the row always says how far the batch really got.
    3. The last step marks the batch finished. Returns False when another run owns it.
    """
    model = type(batch)
    token = batch.heartbeat_at
    position, skipped = batch.position, list(batch.skipped)
    while True:
        now = timezone.now()
        done = position >= len(items)
        owned = model.objects.filter(pk=batch.pk, heartbeat_at=token, finished_at=None).update(
            position=position,
            skipped=skipped,
            heartbeat_at=now,
            **({"finished_at": now} if done else {}),
        )
        if not owned:
            logger.info(
                "%s %s is run elsewhere or finished; this run stops", model.__name__, batch.pk
            )
            return False
        if done:
            return True
        token = now
        step = items[position : position + STEP]
        skipped += process(step)
        position += len(step)


def batches_resume() -> int:
    """Hand every batch left by a dead worker (or never started) to a new task; how many.

    The conditional UPDATE on the heartbeat it saw makes one sweep win when several run at
    once (every worker's start, the periodic task on each machine)."""
    now = timezone.now()
    cutoff = now - STALE_AFTER
    resumed = 0
    for model, enqueue in KINDS.items():
        stale = model.objects.filter(finished_at=None).filter(
            Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at=None, created_at__lt=cutoff)
        )
        for pk, seen in stale.values_list("pk", "heartbeat_at"):
            claimed = model.objects.filter(pk=pk, heartbeat_at=seen, finished_at=None).update(
                heartbeat_at=now, resumes=F("resumes") + 1, resumed_at=now
            )
            if claimed:
                logger.warning("Resuming %s %s after an interruption", model.__name__, pk)
                enqueue(pk)
                resumed += 1
    return resumed
