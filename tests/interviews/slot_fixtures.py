"""The cast of the slot-offer tests: Rita offers Cara three times with Ivan on the panel."""

from datetime import UTC, datetime, timedelta

import pytest

from ghostless.accounts.models import Role
from ghostless.interviews import slots
from tests.factories import UserFactory

# A Tuesday well ahead, in UTC (the tests' company zone).
MONDAY = datetime(2026, 12, 14, 8, 0, tzinfo=UTC)


@pytest.fixture
def ivan(db):
    return UserFactory(
        username="ivan", role=Role.INTERVIEWER, first_name="Ivan", last_name="Interviewer"
    )


def starts(base: datetime, *hours: int) -> list[datetime]:
    return [base + timedelta(hours=h) for h in hours]


def offer_times(application, actor, interviewers, times, **extra):
    return slots.slot_offer_create(
        application=application,
        actor=actor,
        title=extra.pop("title", "Technical interview"),
        duration_minutes=extra.pop("duration_minutes", 60),
        interviewers=interviewers,
        starts=times,
        **extra,
    )
