from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from ghostless.webhooks import delivery, overdue


@db_task()
def deliver_webhook(pk: int) -> None:
    delivery.handle_one(pk)


@db_periodic_task(crontab(minute="*"))
def sweep_webhooks() -> None:
    """Catch what a lost task, a dead worker or a retry's schedule left behind."""
    for pk in delivery.due_delivery_ids():
        deliver_webhook(pk)


@db_periodic_task(crontab(minute="*"))
def find_overdue_followups() -> None:
    overdue.emit_overdue()
