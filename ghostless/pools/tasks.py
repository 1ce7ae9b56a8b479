from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from ghostless.messaging.batches import batch_kind
from ghostless.pools import consent, nurture
from ghostless.pools.models import NurtureSend


@db_task()
def send_nurture(batch_id: int) -> None:
    nurture.nurture_run(batch_id)


batch_kind(NurtureSend, send_nurture)


# Daily, at night in UTC: renewal asks a month before consent runs out, then removals.
@db_periodic_task(crontab(hour="3", minute="41"))
@lock_task("consent-sweep")
def sweep_consent() -> None:
    consent.consent_sweep()
