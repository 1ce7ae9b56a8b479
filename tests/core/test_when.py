"""The kernel's rule for times: a sane range on the way in, a page that shows any stored time."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone

from ghostless.core.errors import DomainError
from ghostless.core.when import (
    ShownZone,
    check_date,
    check_future_datetime,
    check_past_datetime,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
FIRST = datetime(1, 1, 1, tzinfo=UTC)
LAST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
ZONES = ["Pacific/Kiritimati", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo"]

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:00:00+14:00",
        "1969-12-31T23:59:59+00:00",
        "9999-12-31T23:59:59-12:00",
        "2026-03-03T12:00:01+00:00",
    ],
)
def test_a_past_time_out_of_range_is_refused_naming_the_field(value):
    with pytest.raises(DomainError) as refused:
        check_past_datetime(datetime.fromisoformat(value), field="occurred_at")
    assert refused.value.field == "occurred_at"


def test_a_past_time_comes_back_in_utc():
    given = datetime.fromisoformat("2026-03-01T09:30:00+01:00")
    assert check_past_datetime(given, field="occurred_at") == datetime(
        2026, 3, 1, 8, 30, tzinfo=UTC
    )
    assert check_past_datetime(given, field="occurred_at").tzinfo is UTC


def test_a_naive_time_is_refused():
    with pytest.raises(DomainError, match="time zone"):
        check_past_datetime(datetime(2026, 3, 1), field="occurred_at")  # noqa: DTZ001 — naive on purpose


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9999-12-31T23:59:59+00:00", "within ten years"),
        ("9999-12-31T23:59:59-12:00", "within ten years"),
        ("0001-01-01T00:00:00+14:00", "from 1970"),
        ("2036-03-03T12:00:00+00:00", "within ten years"),
    ],
)
def test_a_due_time_out_of_range_is_refused_naming_the_field(value, message):
    with pytest.raises(DomainError, match=message) as refused:
        check_future_datetime(datetime.fromisoformat(value), field="due_at")
    assert refused.value.field == "due_at"


def test_a_due_time_may_be_overdue_or_years_ahead():
    for moment in (NOW - timedelta(days=30), NOW + timedelta(days=3000)):
        assert check_future_datetime(moment, field="due_at") == moment


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1969, 12, 31), date(9999, 12, 31)])
def test_a_day_out_of_range_is_refused_naming_the_field(day):
    with pytest.raises(DomainError) as refused:
        check_date(day, field="contacted_before")
    assert refused.value.field == "contacted_before"


def test_a_day_in_range_is_kept():
    assert check_date(date(2020, 5, 1), field="contacted_before") == date(2020, 5, 1)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("stored", [FIRST, LAST])
def test_a_stored_time_at_the_calendars_ends_is_shown_in_any_zone(zone, stored):
    with timezone.override(ShownZone(zone)):
        html = Template('{{ when }} {{ when|date:"j M Y H:i" }}').render(Context({"when": stored}))
    assert ("Jan 0001" if stored == FIRST else "Dec 9999") in html


def test_times_the_zone_can_hold_are_shown_in_it():
    with timezone.override(ShownZone("Europe/Berlin")):
        shown = timezone.localtime(NOW)
    assert (shown.hour, str(shown.tzinfo)) == (13, "Europe/Berlin")


def test_a_time_is_shown_one_way_in_the_readers_zone_without_a_double_period():
    afternoon = datetime(2026, 3, 2, 15, 5, tzinfo=UTC)
    with timezone.override(ShownZone("Europe/Berlin")):
        html = Template("{% load dates %}Sent {{ when|when }}.").render(
            Context({"when": afternoon})
        )
    assert html == "Sent 2 Mar 2026, 16:05 CET."


def test_a_day_is_shown_the_same_way_as_a_time():
    html = Template("{% load dates %}{{ day|day }}").render(Context({"day": date(2026, 3, 2)}))
    assert html == "2 Mar 2026"
