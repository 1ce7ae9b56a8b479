from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from ghostless.offers.services import offers_expire


# Hourly: an offer expires within the hour after its last day ends, in the company's zone.
@db_periodic_task(crontab(minute="7"))
@lock_task("offers-expire")
def expire_offers() -> None:
    offers_expire()
