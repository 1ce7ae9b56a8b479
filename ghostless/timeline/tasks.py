import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from ghostless.timeline.audit import audit_prune

log = logging.getLogger(__name__)


# Daily: the audit log keeps AUDIT_RETENTION_DAYS days.
@db_periodic_task(crontab(hour="3", minute="17"))
@lock_task("audit-prune")
def prune_audit_log() -> None:
    removed = audit_prune()
    if removed:
        log.info("audit log: removed %d entries older than the retention period", removed)
