import pytest

from tests.factories import RejectionReasonFactory


@pytest.fixture
def reason(db):
    return RejectionReasonFactory(name="Not enough experience")


@pytest.fixture
def retired_reason(db):
    return RejectionReasonFactory(name="Position paused", active=False)
