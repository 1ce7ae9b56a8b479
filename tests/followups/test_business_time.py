from datetime import UTC, datetime

from ghostless.followups.business_time import add_business_days, subtract_business_days


def at(day, hour=15):
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def test_friday_plus_one_business_day_is_monday():
    assert add_business_days(at(20), 1) == at(23)


def test_a_holiday_is_skipped():
    # Thanksgiving, Thursday 26 November 2026.
    assert add_business_days(at(25, 10), 1) == at(27, 10)


def test_weekend_events_count_from_monday_morning():
    assert add_business_days(at(21), 1) == datetime(2026, 11, 24, 0, tzinfo=UTC)


def test_subtract_is_the_cutoff_for_add():
    for moment in [at(23), at(27, 10), at(28), at(30, 0)]:
        cutoff = subtract_business_days(moment, 2)
        assert add_business_days(cutoff, 2) <= moment


def test_the_company_zone_decides_the_day(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    # Saturday 01:00 UTC is still Friday evening in Los Angeles.
    friday_evening = datetime(2026, 11, 21, 1, tzinfo=UTC)
    assert add_business_days(friday_evening, 1).weekday() == 0
