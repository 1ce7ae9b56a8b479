from huey.contrib.djhuey import db_task

from ghostless.loop import services


@db_task()
def run_close_out(close_out_id: int) -> None:
    services.close_out_run(close_out_id)
