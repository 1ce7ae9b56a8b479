from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from ghostless.messaging import batches, bulk, mailbox, outbox
from ghostless.messaging.models import BulkSend


@db_task()
def deliver_message(pk: int) -> None:
    outbox.handle_one(pk)


@db_periodic_task(crontab(minute="*"))
def sweep_outbox() -> None:
    """Catch what a lost task or a dead worker left behind."""
    for pk in outbox.due_message_ids():
        deliver_message(pk)


@db_periodic_task(crontab(minute="*"))
def sweep_batches() -> None:
    """Resume every batch whose worker died (see batches.batches_resume)."""
    batches.batches_resume()


@on_startup()
def sweep_on_start() -> None:
    """A worker that starts picks up at once what a dead one left, without waiting for the
    minute. Each worker thread runs this; the sweeps' conditional updates make one win."""
    from django.db import close_old_connections

    close_old_connections()
    sweep_outbox.call_local()
    sweep_batches.call_local()


@db_periodic_task(crontab(minute="*/2"))
def poll_mailbox() -> None:
    if settings.IMAP_URL:
        mailbox.poll()


@db_task()
def send_bulk(bulk_id: int) -> None:
    bulk.bulk_send_run(bulk_id)


batches.batch_kind(BulkSend, send_bulk)
