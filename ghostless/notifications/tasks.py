from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from ghostless.notifications.services import notify_due_followups


# As often as the follow-up rules run, so a follow-up is told within minutes of coming due.
@db_periodic_task(crontab(minute="*/5"))
@lock_task("notify-due-followups")
def notify_due() -> None:
    notify_due_followups()
