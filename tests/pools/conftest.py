import pytest
from django.utils import timezone

from ghostless.pools.models import TalentPool
from tests.messaging.conftest import smtp  # noqa: F401  (the real SMTP server, as a fixture)


@pytest.fixture(autouse=True)
def _reset_time_zone():
    """Views activate the user's zone in this thread; keep it from leaking into the next test."""
    yield
    timezone.deactivate()


@pytest.fixture
def pool(recruiter):
    return TalentPool.objects.create(
        name="Backend silver medalists", description="Reached the final round", created_by=recruiter
    )
