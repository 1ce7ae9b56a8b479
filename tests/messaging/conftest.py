"""A real SMTP server (aiosmtpd) on loopback that records what it receives, a real Dovecot, and
the mail and templates the page tests send."""

import os
import shutil
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from ghostless.messaging.models import EmailTemplate


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    def __init__(self):
        self.received = []
        self.refuse: dict[str, str] = {}  # address -> SMTP answer

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((envelope.rcpt_tos, message))
        return "250 Message accepted"


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.recorder = Recorder()
        self.controller = None

    def start(self):
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return [message for _, message in self.recorder.received]


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture(scope="session")
def dovecot():
    from tests.messaging.dovecot import Dovecot

    if not shutil.which("dovecot"):
        message = "Dovecot is not installed (apt-get install dovecot-imapd)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = Dovecot()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Received attachments are stored under a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hello_template(db):
    return EmailTemplate.objects.create(
        name="Bulk hello",
        purpose="other",
        subject="Hello {{ candidate.first_name }}",
        body="About {{ job.title }}. {{ recruiter.name }}",
    )


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
