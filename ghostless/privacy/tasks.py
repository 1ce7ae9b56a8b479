from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from ghostless.privacy.exports import export_build, exports_purge_expired
from ghostless.privacy.models import RetentionRun
from ghostless.privacy.retention import retention_run, retention_run_start


# Daily at 03:10 UTC, away from the working day.
@db_periodic_task(crontab(hour="3", minute="10"))
@lock_task("privacy-retention")
def apply_retention_rules() -> None:
    retention_run(run=retention_run_start(actor=None))


@db_task()
def run_retention(run_id: int) -> None:
    """An admin's "Run now": the row exists already, so the page shows it at once."""
    retention_run(run=RetentionRun.objects.get(pk=run_id))


@db_task(retries=2, retry_delay=60)
def build_export(export_id: str) -> None:
    export_build(export_id=export_id)


@db_periodic_task(crontab(minute="20"))
@lock_task("privacy-exports-purge")
def purge_expired_exports() -> None:
    exports_purge_expired()
