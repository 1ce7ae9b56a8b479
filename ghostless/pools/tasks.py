from huey.contrib.djhuey import db_task

from ghostless.messaging.batches import batch_kind
from ghostless.pools import nurture
from ghostless.pools.models import NurtureSend


@db_task()
def send_nurture(batch_id: int) -> None:
    nurture.nurture_run(batch_id)


batch_kind(NurtureSend, send_nurture)
