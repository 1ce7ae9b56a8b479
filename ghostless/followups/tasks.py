from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from ghostless.followups.digest import send_due_digests
from ghostless.followups.rules import run_rules


@db_periodic_task(crontab(minute="*/5"))
@lock_task("followup-rules")
def run_followup_rules() -> None:
    run_rules()


# Every quarter hour: a digest goes out within 15 minutes of its hour, wherever the user is.
@db_periodic_task(crontab(minute="*/15"))
@lock_task("followup-digests")
def send_followup_digests() -> None:
    send_due_digests()
