from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from ghostless.texts import outbox


@db_task()
def deliver_text(pk: int) -> None:
    outbox.handle_one(pk)


@db_periodic_task(crontab(minute="*"))
def sweep_texts() -> None:
    """Catch what a lost task, a dead worker or the end of quiet hours left due."""
    for pk in outbox.due_text_ids():
        deliver_text(pk)
