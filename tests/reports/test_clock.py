from datetime import UTC, datetime, timedelta
from random import Random

import pytest

from ghostless.followups.business_time import add_business_days, add_business_hours
from ghostless.reports.clock import DAY, BusinessClock


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_clock_agrees_with_the_follow_up_rules(settings, zone):
    """n business days (or hours) after any moment, by the rules' clock, is exactly n days
    (hours) of business seconds later: weekends, holidays (4 July, Thanksgiving) and DST."""
    settings.TIME_ZONE = zone
    clock = BusinessClock()
    rng = Random(19)
    start = datetime(2025, 6, 1, tzinfo=UTC)
    for _ in range(300):
        moment = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 240))
        days = rng.randrange(0, 12)
        later = add_business_days(moment, days)
        assert clock.seconds(later) - clock.seconds(moment) == pytest.approx(days * DAY)
        hours = rng.randrange(0, 60)
        later = add_business_hours(moment, hours)
        # A moment on a day off stands at the end of the working day before it.
        assert clock.seconds(later) - clock.seconds(moment) == pytest.approx(hours * 3600)


def test_weekend_stands_still(settings):
    settings.TIME_ZONE = "UTC"
    clock = BusinessClock()
    friday = datetime(2026, 3, 6, 16, tzinfo=UTC)
    saturday = datetime(2026, 3, 7, 12, tzinfo=UTC)
    monday = datetime(2026, 3, 9, 10, tzinfo=UTC)
    assert (clock.seconds(saturday) - clock.seconds(friday)) / 3600 == 8
    assert (clock.seconds(monday) - clock.seconds(friday)) / 3600 == 18


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Australia/Lord_Howe"])
def test_epoch_clock_and_sql_epochs_agree_with_the_clock(settings, zone):
    """The reports' fast path (moments read as epoch seconds by SQL, business time from them)
    gives what `BusinessClock` gives the datetimes: weekends, holidays, both DST changes (Lord
    Howe's is half an hour, at a half hour), microseconds, and moments before 1970."""
    from ghostless.jobs.models import StageChange
    from ghostless.reports.clock import Epoch, EpochClock, moment
    from tests.factories import ApplicationFactory

    settings.TIME_ZONE = zone
    clock, epochs = BusinessClock(), EpochClock()
    rng = Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    moments = [datetime(1960, 5, 5, tzinfo=UTC), datetime(2025, 3, 9, 7, 0, 0, 1, tzinfo=UTC)]
    moments += [
        start + timedelta(seconds=rng.randrange(0, 86400 * 730), microseconds=rng.randrange(10**6))
        for _ in range(400)
    ]
    for at in moments:
        epoch = at.timestamp()
        assert epochs.seconds(epoch) == pytest.approx(clock.seconds(at), abs=1e-5)
        assert epochs.week(epoch) == clock.week(at)
    application = ApplicationFactory()
    StageChange.objects.bulk_create(
        StageChange(application=application, to_stage=application.stage, changed_at=at)
        for at in moments[1:30]
    )
    read = StageChange.objects.filter(changed_at__in=moments[1:30]).annotate(at=Epoch("changed_at"))
    assert sorted(moment(e) for e in read.values_list("at", flat=True)) == sorted(moments[1:30])
