"""The cast of the slot-offer tests: Rita offers Cara (in New York) three times with Ivan on
the panel; the company is in Berlin. "Now" is Thursday 10 December 2026, 09:00 in Berlin."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ghostless.accounts.models import Role
from ghostless.interviews import slots
from tests.factories import UserFactory

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 10, 9, 0, tzinfo=BERLIN)
# Wednesday 16 December, 10:00 in Berlin: the first time offered.
FIRST = datetime(2026, 12, 16, 10, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def company_in_berlin(settings):
    settings.TIME_ZONE = "Europe/Berlin"


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def ivan(db):
    return UserFactory(
        username="ivan",
        role=Role.INTERVIEWER,
        first_name="Ivan",
        last_name="Ivanov",
        email="ivan@example.com",
    )


def times(*hours: int) -> list[datetime]:
    """Start times `hours` after FIRST."""
    return [FIRST + timedelta(hours=h) for h in hours]


def offer_times(application, actor, interviewers, starts, **extra):
    extra.setdefault("title", "Technical interview")
    extra.setdefault("duration_minutes", 60)
    return slots.slot_offer_create(
        application=application,
        actor=actor,
        interviewers=interviewers,
        starts=starts,
        **extra,
    )


def page_link_in(text: str) -> str:
    """The status page address the offer email gives ("... on your page: <url>")."""
    [line] = [line for line in text.splitlines() if "on your page: " in line]
    return line.split()[-1]
