"""The cast: Alice is an admin, Rita and Ray recruit, Hana manages hiring for her own jobs,
and Otto manages another team's jobs, so he must be refused Hana's."""

import pytest
from django.test import Client
from django.utils import timezone

from ghostless.accounts.models import Role
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    JobFactory,
    RejectionReasonFactory,
    UserFactory,
)

pytest_plugins = [
    "tests.browser_fixtures",
    "tests.api_clients",
    "tests.interviews.factories_scorecards",
]

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _reset_time_zone():
    """The test client runs views in this thread, so a zone the middleware activated for one
    user would otherwise leak into the next test's clock."""
    yield
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test client comes from 127.0.0.1: without a fresh cache, the rate-limit counters
    of earlier tests in the process would refuse a later test's public form."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin(db):
    return UserFactory(username="alice", role=Role.ADMIN, first_name="Alice", last_name="Admin")


@pytest.fixture
def recruiter(db):
    return UserFactory(username="rita", role=Role.RECRUITER, first_name="Rita", last_name="Reyes")


@pytest.fixture
def other_recruiter(db):
    return UserFactory(username="ray", role=Role.RECRUITER, first_name="Ray", last_name="Romano")


@pytest.fixture
def hiring_manager(db):
    return UserFactory(
        username="hana", role=Role.HIRING_MANAGER, first_name="Hana", last_name="Hughes"
    )


@pytest.fixture
def outsider(db):
    """A hiring manager of other jobs: sees none of Hana's."""
    return UserFactory(
        username="otto", role=Role.HIRING_MANAGER, first_name="Otto", last_name="Olsen"
    )


@pytest.fixture
def job(recruiter, hiring_manager):
    return JobFactory(
        title="Backend Engineer", hiring_manager=hiring_manager, recruiters=[recruiter]
    )


@pytest.fixture
def candidate(recruiter):
    return CandidateFactory(
        first_name="Cara", last_name="Candidate", owner=recruiter, emails=["cara@example.org"]
    )


@pytest.fixture
def application(candidate, job):
    return ApplicationFactory(candidate=candidate, job=job)


@pytest.fixture
def other_job(recruiter, outsider):
    """Otto's job: Hana must not see it or anything written about it."""
    return JobFactory(title="Sales Lead", hiring_manager=outsider, recruiters=[recruiter])


@pytest.fixture
def stranger(other_job):
    """A candidate only on Otto's job."""
    person = CandidateFactory(first_name="Stan", last_name="Stranger")
    ApplicationFactory(candidate=person, job=other_job)
    return person


@pytest.fixture
def reason(db):
    return RejectionReasonFactory(name="Not enough experience")


@pytest.fixture
def retired_reason(db):
    return RejectionReasonFactory(name="Position paused", active=False)


@pytest.fixture
def eml_outbox(settings, tmp_path):
    """Mail written as .eml files under a fresh folder, for tests that need delivery but not
    a server."""
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return tmp_path / "mail"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def recruiter_client(recruiter):
    return client_for(recruiter)


@pytest.fixture
def other_recruiter_client(other_recruiter):
    return client_for(other_recruiter)


@pytest.fixture
def admin_client_(admin):
    return client_for(admin)


@pytest.fixture
def manager_client(hiring_manager):
    return client_for(hiring_manager)


@pytest.fixture
def outsider_client(outsider):
    return client_for(outsider)
