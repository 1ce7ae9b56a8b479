from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from ghostless.messaging import bulk, mailbox, outbox


@db_task()
def deliver_message(pk: int) -> None:
    outbox.handle_one(pk)


@db_periodic_task(crontab(minute="*"))
def sweep_outbox() -> None:
    """Catch what a lost task or a dead worker left behind."""
    for pk in outbox.due_message_ids():
        deliver_message(pk)


@db_periodic_task(crontab(minute="*/2"))
def poll_mailbox() -> None:
    if settings.IMAP_URL:
        mailbox.poll()


@db_task()
def send_bulk(bulk_id: int) -> None:
    bulk.bulk_send_run(bulk_id)
