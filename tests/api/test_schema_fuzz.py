"""Schemathesis sends every operation of the OpenAPI schema inputs the schema allows (and
some it does not): none may answer a server error. Bounded so it runs in CI on SQLite in a
couple of minutes; `-m fuzz` runs it alone."""

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error

from ghostless.accounts.services import api_token_create
from ghostless.api.api import api
from ghostless.wsgi import application as wsgi_app
from tests.factories import ActivityFactory, ApplicationFactory

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]


@pytest.fixture
def world(application, other_recruiter):
    """Two applicants on one job, a timeline entry, a second recruiter: enough rows for
    the fuzzer's ids to reach real objects now and then."""
    ApplicationFactory(job=application.job)
    ActivityFactory(candidate=application.candidate)
    return application


@pytest.fixture
def test_transaction_survives_requests():
    """The WSGI handler closes the connection after each request, which would end the test's
    transaction; Django's own test client unhooks the same two signals."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token(settings, world, recruiter, test_transaction_survives_requests):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    settings.INBOUND_EMAIL_SECRET = SECRET
    return api_token_create(user=recruiter, name="fuzz")[1]


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = wsgi_app
# The inbound webhook takes raw MIME: random text is a fine stand-in for hostile mail.
schemathesis.serializer.alias("message/rfc822", "text/plain")
SECRET = "fuzz-inbound-secret"


@schema.parametrize()
# Data piles up across one operation's examples (one database transaction per operation).
@hypothesis.settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    database=None,
)
def test_no_operation_answers_a_server_error(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}", "X-Inbound-Secret": SECRET})
    case.validate_response(response, checks=[not_a_server_error])
