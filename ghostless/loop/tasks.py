from huey.contrib.djhuey import db_task

from ghostless.loop import services
from ghostless.loop.models import CloseOut
from ghostless.messaging.batches import batch_kind


@db_task()
def run_close_out(close_out_id: int) -> None:
    services.close_out_run(close_out_id)


batch_kind(CloseOut, run_close_out)
