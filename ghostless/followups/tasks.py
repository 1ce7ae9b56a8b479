from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from ghostless.followups.rules import run_rules


@db_periodic_task(crontab(minute="*/5"))
@lock_task("followup-rules")
def run_followup_rules() -> None:
    run_rules()
