from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.messaging.models import EmailTemplate
from ghostless.pools.models import PoolMember, TalentPool
from tests.factories import CandidateFactory
from tests.messaging.conftest import smtp  # noqa: F401  (the real SMTP server, as a fixture)


@pytest.fixture
def pool(recruiter):
    return TalentPool.objects.create(
        name="Backend silver medalists", description="Reached the final round", created_by=recruiter
    )


@pytest.fixture
def newsletter(db):
    return EmailTemplate.objects.create(
        name="Quarterly hello",
        purpose="nurture",
        subject="News from us, {{ candidate.first_name }}",
        body="Hi {{ candidate.first_name }}, we are hiring again.\n\n"
        "Stay in touch: {{ links.keep_in_touch }}\nUnsubscribe: {{ links.unsubscribe }}",
    )


def member(pool, *, consent: str = "active", unsubscribed: bool = False, email: bool = True, **kw):
    """A pool member whose consent is active, expired or missing."""
    now = timezone.now()
    first = kw.pop("first_name", None) or f"{consent.title()}{'U' if unsubscribed else ''}"
    candidate = CandidateFactory(
        first_name=first,
        last_name="Member",
        emails=[f"{first.lower()}.{pool.pk}@example.org"] if email else [],
        unsubscribed_at=now if unsubscribed else None,
        **kw,
    )
    if not email:
        candidate.emails.all().delete()
    dates = {
        "active": (now - timedelta(days=10), now + timedelta(days=300)),
        "expired": (now - timedelta(days=800), now - timedelta(days=1)),
        "none": (None, None),
    }[consent]
    PoolMember.objects.create(
        pool=pool, candidate=candidate, consent_given_at=dates[0], consent_expires_at=dates[1]
    )
    return candidate
