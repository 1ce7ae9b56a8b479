"""The hour a recruiter's daily digest goes out is one of their own settings."""

import pytest

from ghostless.accounts.services import user_digest_hour_set
from ghostless.core.errors import DomainError


def test_an_hour_outside_the_day_is_refused_naming_the_field(recruiter):
    with pytest.raises(DomainError) as refused:
        user_digest_hour_set(user=recruiter, hour=24)
    assert refused.value.field == "digest_hour"
    recruiter.refresh_from_db()
    assert recruiter.digest_hour == 8


def test_no_hour_means_no_digest(recruiter):
    user_digest_hour_set(user=recruiter, hour=None)
    recruiter.refresh_from_db()
    assert recruiter.digest_hour is None
