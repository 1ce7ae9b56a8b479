"""Sending one template to many applications: start a batch, run it in the background, and
read how far it got."""

import uuid

from django.db.models import QuerySet

from ghostless.accounts.models import User
from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.jobs.models import Application, Job
from ghostless.messaging.batches import (
    access_batch,
    batch_create,
    batch_for_key,
    batch_run,
    skip_row,
)
from ghostless.messaging.models import BulkSend, EmailTemplate, Message
from ghostless.messaging.progress import SendProgress, send_progress
from ghostless.messaging.services import message_queue


def bulk_send_start(
    *,
    actor: User,
    template: EmailTemplate | None,
    applications: QuerySet[Application],
    job: Job | None = None,
    key: uuid.UUID | None = None,
) -> BulkSend:
    """Write the batch and hand it to a task after the commit; nothing is sent here.

    `key` comes from the form, fresh each time it is shown: the same form submitted twice
    (a double click) returns the first batch instead of starting a second.
    """
    if not actor.sees_everything:
        raise PermissionDenied("Only recruiters and admins can send email.")
    if existing := batch_for_key(BulkSend, key=key, actor=actor):
        return existing
    if template is None:
        raise DomainError("Choose a template to send.", field="template")
    rows = list(applications.values_list("pk", "job_id").order_by("pk"))
    if not rows:
        raise DomainError("Select at least one applicant to email.", field="applications")
    if job is not None and any(job_id != job.pk for _, job_id in rows):
        raise DomainError("Some selected applications are not on this job.", field="applications")
    ids = [pk for pk, _ in rows]
    return batch_create(
        BulkSend,
        key=key,
        actor=actor,
        enqueue=_enqueue,
        template=template,
        job=job,
        application_ids=ids,
        total=len(ids),
    )


def _enqueue(bulk_id: int) -> None:
    from ghostless.messaging.tasks import send_bulk

    send_bulk(bulk_id)


def message_key(bulk: BulkSend, application_id: int) -> str:
    return f"bulk:{bulk.key}:{application_id}"


def bulk_send_run(bulk_id: int) -> BulkSend:
    """Queue one personalized message per application of the batch, a step at a time (see
    `batch_run`). Safe to run again, and resumed where it stopped when a worker dies.

    1. Each message's idempotency key names the batch and the application, so a repeated
       step gets the first run's message back instead of writing another.
    2. Whoever cannot be sent to (no address, suppressed, application gone) is recorded with
       the reason.
    3. The batch is marked finished; delivery goes on in the outbox.
    """
    bulk = BulkSend.objects.select_related("actor", "template").get(pk=bulk_id)

    def process(ids: list[int]) -> list[dict]:
        skipped = []
        found = {
            application.pk: application
            for application in Application.objects.filter(pk__in=ids)
            .select_related("candidate", "job")
            .prefetch_related("candidate__emails")
        }
        for application_id in ids:
            application = found.get(application_id)
            if application is None:
                skipped.append(skip_row(application_id, "", "The application no longer exists."))
                continue
            try:
                if bulk.template is None:
                    raise DomainError("The template was deleted before this message was sent.")
                message_queue(
                    candidate=application.candidate,
                    application=application,
                    template=bulk.template,
                    actor=bulk.actor,
                    idempotency_key=message_key(bulk, application_id),
                )
            except DomainError as error:
                skipped.append(skip_row(application_id, application.candidate.name, error.message))
        return skipped

    batch_run(bulk, bulk.application_ids, process)
    bulk.refresh_from_db()
    return bulk


# Reads.


def access_bulk(user: User, key) -> BulkSend:
    return access_batch(BulkSend, user, key, "actor", "template", "job")


def bulk_progress(bulk: BulkSend) -> SendProgress:
    """The batch's messages counted by status in one query, plus who was skipped and why."""
    return send_progress(
        # The application index finds the rows; the key prefix keeps this batch's only.
        Message.objects.filter(
            application_id__in=bulk.application_ids,
            idempotency_key__startswith=f"{bulk.actor_id}:{message_key(bulk, '')}",
        ),
        total=bulk.total,
        finished=bulk.finished_at is not None,
        skipped=bulk.skipped,
        resumed_at=bulk.resumed_at,
    )
