from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from ghostless.imports import services
from ghostless.imports.models import ImportJob, ImportState

UNDER_WAY = (ImportState.CHECKING, ImportState.RUNNING)


@db_task(retries=2, retry_delay=30)
def import_process(job_id: int, phase: str) -> None:
    job = ImportJob.objects.filter(pk=job_id, phase=phase, state__in=UNDER_WAY).first()
    if job is not None:
        services.import_process(job=job)


@db_periodic_task(crontab(minute="*/10"))
def sweep_imports() -> None:
    """Pick up imports whose task was lost (a queue down at commit time, a dead worker):
    under way with no progress for ten minutes is taken as stalled."""
    for job in services.imports_stalled():
        import_process(job.pk, job.phase)
