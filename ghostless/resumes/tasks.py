from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from ghostless.resumes import services


@db_task()
def extract_resume(resume_id: int) -> None:
    if resume := services.resume_claim_read(resume_id=resume_id):
        services.resume_extract(resume=resume)


@db_periodic_task(crontab(minute="*/10"))
def sweep_resumes() -> None:
    """Catch uploads whose task was lost (a queue down at commit time, a dead worker)."""
    for pk in services.resumes_stuck():
        extract_resume(pk)
