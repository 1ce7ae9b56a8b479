from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from django.test import Client
from twilio.request_validator import RequestValidator

from ghostless.candidates.models import CandidatePhone
from tests.factories import CandidateFactory
from tests.texts.twilio_server import FakeTwilio

ACCOUNT, TOKEN, NUMBER = "AC0123456789abcdef0123456789abcdef", "test-auth-token", "+15550001111"
SITE = "https://ats.example.com"


MORNING = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)  # a Thursday, outside quiet hours


@pytest.fixture(autouse=True)
def daytime(request):
    """Quiet hours depend on the clock: every test starts at 10:00 UTC unless it moves. Not
    browser tests: their live server and browser keep the real clock (they send nothing)."""
    if request.node.get_closest_marker("browser") is None:
        request.getfixturevalue("time_machine").move_to(MORNING)


@pytest.fixture
def twilio(settings, tmp_path):
    """Texts go through the real twilio library to a local server that answers as Twilio."""
    fake = FakeTwilio().start()
    settings.SMS_URL = f"twilio://{ACCOUNT}:{TOKEN}@{NUMBER}"
    settings.SMS_API_BASE_URL = fake.url
    settings.SITE_URL = SITE
    settings.SMS_FILE_PATH = tmp_path / "sms"
    yield fake
    fake.stop()


@pytest.fixture
def texter(candidate):
    """Cara with a mobile number."""
    CandidatePhone.objects.create(candidate=candidate, phone="+15005550006")
    return candidate


@pytest.fixture
def phoneless_email_candidate(recruiter):
    candidate = CandidateFactory(first_name="Pia", last_name="Phone", owner=recruiter)
    candidate.emails.all().delete()
    CandidatePhone.objects.create(candidate=candidate, phone="+15005550007")
    return candidate


class Provider:
    """Posts to our webhooks as Twilio does: form-encoded, signed over the public URL."""

    def __init__(self, token=TOKEN):
        self.client = Client(raise_request_exception=False)
        self.validator = RequestValidator(token)

    def post(self, path: str, params: dict, *, signature: str | None = None):
        url = f"/api/v1{path}"
        signed = self.validator.compute_signature(SITE + url, params)
        headers = {} if signature == "" else {"X-Twilio-Signature": signature or signed}
        return self.client.post(
            url, urlencode(params), "application/x-www-form-urlencoded", headers=headers
        )


@pytest.fixture
def provider(twilio):
    return Provider()
