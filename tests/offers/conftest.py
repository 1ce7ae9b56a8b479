"""Offers: Hana (the job's hiring manager) approves first, Alice (an admin) second; Rita
recruits and sends. Time stands on Monday 11 January 2027, 09:00 UTC, unless a test moves it."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from ghostless.accounts.models import Role
from ghostless.offers import services
from tests.factories import UserFactory
from tests.messaging.conftest import smtp  # noqa: F401 (the real SMTP server fixture)

MONDAY = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
TERMS = {
    "title": "Senior Backend Engineer",
    "salary": Decimal("85000"),
    "currency": "EUR",
    "pay_period": "year",
    "start_date": date(2027, 3, 1),
    "expires_on": date(2027, 1, 22),
}


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def interviewer(db):
    return UserFactory(username="ivan", role=Role.INTERVIEWER, first_name="Ivan", last_name="I")


@pytest.fixture
def chain(job, hiring_manager, admin):
    return services.policy_save(owner=job, actor=None, approver_ids=[hiring_manager.pk, admin.pk])


@pytest.fixture
def draft(application, recruiter, chain):
    return services.offer_create(application=application, actor=recruiter, **TERMS)


def approved_offer(draft, recruiter, hiring_manager, admin):
    services.offer_submit(offer=draft, actor=recruiter)
    services.offer_approve(offer=draft, actor=hiring_manager)
    return services.offer_approve(offer=draft, actor=admin)


@pytest.fixture
def approved(draft, recruiter, hiring_manager, admin):
    return approved_offer(draft, recruiter, hiring_manager, admin)


@pytest.fixture
def sent(approved, recruiter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.offer_send(offer=approved, actor=recruiter)
