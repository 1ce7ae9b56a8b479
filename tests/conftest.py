"""The cast: Alice is an admin, Rita and Ray recruit, Hana manages hiring for her own jobs,
and Otto manages another team's jobs, so he must be refused Hana's."""

import pytest
from django.test import Client

from ghostless.accounts.models import Role
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, UserFactory

pytest_plugins = ["tests.browser_fixtures"]


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


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def recruiter_client(recruiter):
    return client_for(recruiter)


@pytest.fixture
def admin_client_(admin):
    return client_for(admin)


@pytest.fixture
def manager_client(hiring_manager):
    return client_for(hiring_manager)


@pytest.fixture
def outsider_client(outsider):
    return client_for(outsider)
