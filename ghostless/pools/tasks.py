from huey.contrib.djhuey import db_task

from ghostless.pools import nurture


@db_task()
def send_nurture(batch_id: int) -> None:
    nurture.nurture_run(batch_id)
