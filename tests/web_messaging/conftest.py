import pytest
from django.utils import timezone

from tests.messaging.conftest import smtp  # noqa: F401 — the real SMTP server, as a fixture

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _reset_time_zone():
    """Views run in the test's thread; a zone the middleware activated must not leak."""
    yield
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Received attachments are stored under a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def eml_outbox(settings, tmp_path):
    """Mail written as files, for tests that need delivery but not a server."""
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return tmp_path / "mail"


def compose_data(**overrides) -> dict:
    data = {
        "template": "",
        "to_email": "cara@example.org",
        "application": "",
        "subject": "Hello {{ candidate.first_name }}",
        "body": "About {{ job.title }}, {{ recruiter.name }}",
        "when": "now",
        "send_at": "",
        "idempotency_key": "token-1",
        "action": "send",
    }
    return data | overrides
