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
