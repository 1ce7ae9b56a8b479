import pytest
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _reset_time_zone():
    """The test client runs views in this thread, so a zone the middleware activated for one
    user would otherwise leak into the next test's clock."""
    yield
    timezone.deactivate()


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
def other_recruiter_client(other_recruiter):
    return client_for(other_recruiter)
