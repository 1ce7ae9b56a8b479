from email.message import EmailMessage

import pytest
from django.utils import timezone

from ghostless.messaging.models import EmailTemplate
from tests.messaging.conftest import smtp  # noqa: F401 — the real SMTP server, as a fixture


@pytest.fixture(autouse=True)
def _reset_time_zone():
    """Views run in the test's thread: a zone activated for one user must not leak."""
    yield
    timezone.deactivate()


@pytest.fixture
def eml_outbox(settings, tmp_path):
    """Delivered mail as .eml files under a fresh folder."""
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    return tmp_path


@pytest.fixture
def hello_template(db):
    return EmailTemplate.objects.create(
        name="Bulk hello",
        purpose="other",
        subject="Hello {{ candidate.first_name }}",
        body="About {{ job.title }}. {{ recruiter.name }}",
    )


def raw_email(
    *,
    sender: str = "Sam Sender <sam@elsewhere.test>",
    subject: str = "About the backend role",
    body: str = "Hi, is the backend role still open?",
    message_id: str = "<first@elsewhere.test>",
    attachment: tuple[str, bytes] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "jobs@ghostless.test"
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message["Date"] = "Tue, 04 Mar 2025 10:00:00 +0000"
    message.set_content(body)
    if attachment:
        name, data = attachment
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message.as_bytes()
