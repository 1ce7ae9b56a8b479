"""Where mail goes: SMTP from EMAIL_URL, or one .eml file per message under var/mail/."""

from pathlib import Path

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend


def eml_name(message_id: str) -> str:
    """The file a message with this Message-ID is written to (privacy deletes it again)."""
    return message_id.strip("<>").replace("/", "_").replace("@", "_at_") + ".eml"


class EmlFileBackend(BaseEmailBackend):
    """Writes each message as an RFC 5322 file, so the demo shows the whole flow."""

    def send_messages(self, email_messages) -> int:
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for email in email_messages:
            message = email.message()
            (folder / eml_name(message["Message-ID"])).write_bytes(message.as_bytes())
        return len(email_messages)


def outbox_connection():
    return get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT)
